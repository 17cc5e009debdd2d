/**
 * Settings: JSON values by key (provider endpoints, retention caps, UI preferences).
 * Never secrets: those go through SecretsApi, and settings refer to them by name.
 * A change appends an audit entry naming the key (not the value).
 */
import type { Database as Db } from 'better-sqlite3';
import type { AuditLedger } from './audit/ledger';
import { badInput } from './errors';

const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

export class SettingsApi {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLedger,
    private readonly now: () => number,
  ) {}

  get<T = unknown>(key: string): T | undefined {
    const text = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  all(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as {
      key: string;
      value: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  set(key: string, value: unknown, actor?: string): void {
    if (!KEY.test(key))
      throw badInput(
        `setting key ${JSON.stringify(key)} must be a letter then letters, digits, '_', '.', '-' (at most 128)`,
      );
    if (value === undefined) throw badInput(`setting ${key}: value is undefined (use remove to delete it)`);
    const text = JSON.stringify(value);
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO settings (key, value, updated_at) VALUES (?,?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
          )
          .run(key, text, this.now());
        this.audit.append({ actor, action: 'settings.changed', subject: `setting:${key}`, details: { key } });
      })
      .immediate();
  }

  remove(key: string, actor?: string): boolean {
    return this.db
      .transaction(() => {
        const changed = this.db.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0;
        if (changed)
          this.audit.append({
            actor,
            action: 'settings.changed',
            subject: `setting:${key}`,
            details: { key, removed: true },
          });
        return changed;
      })
      .immediate();
  }
}
