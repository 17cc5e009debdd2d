/**
 * Channel and process names, interned once per store: events store small integer ids
 * (cheaper rows, and the chunk zone map can key on them). Both directions are cached;
 * ids are never reused, so a cache entry never goes stale.
 */
import type { Database as Db, Statement } from 'better-sqlite3';

export const CHANNEL = 0;
export const PROCESS = 1;
export type NameKind = typeof CHANNEL | typeof PROCESS;

export class EventNames {
  private readonly ids = [new Map<string, number>(), new Map<string, number>()] as const;
  private readonly names = new Map<number, string>();
  private readonly find: Statement;
  private readonly insert: Statement;
  private readonly byId: Statement;

  constructor(db: Db) {
    this.find = db.prepare('SELECT id FROM event_names WHERE kind = ? AND name = ?').pluck();
    this.insert = db.prepare('INSERT INTO event_names (kind, name) VALUES (?, ?)');
    this.byId = db.prepare('SELECT name FROM event_names WHERE id = ?').pluck();
  }

  /** The id of a name, creating it. Call inside the writer's transaction. */
  intern(kind: NameKind, name: string): number {
    const cache = this.ids[kind];
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    const found = this.find.get(kind, name) as number | undefined;
    const id = found ?? Number(this.insert.run(kind, name).lastInsertRowid);
    cache.set(name, id);
    this.names.set(id, name);
    return id;
  }

  /** The id of an existing name, or undefined (a filter on an unknown name matches nothing). */
  lookup(kind: NameKind, name: string): number | undefined {
    const hit = this.ids[kind].get(name);
    if (hit !== undefined) return hit;
    const found = this.find.get(kind, name) as number | undefined;
    if (found !== undefined) {
      this.ids[kind].set(name, found);
      this.names.set(found, name);
    }
    return found;
  }

  /** Forget ids interned in a transaction that rolled back. */
  reset(): void {
    this.ids[0].clear();
    this.ids[1].clear();
    this.names.clear();
  }

  nameOf(id: number): string {
    const hit = this.names.get(id);
    if (hit !== undefined) return hit;
    const name = (this.byId.get(id) as string | undefined) ?? `#${id}`;
    this.names.set(id, name);
    return name;
  }
}
