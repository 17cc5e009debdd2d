/**
 * The Store: one open database plus the APIs over it. `openStore` is the only way in.
 *
 * Roles: a 'host' (app, web server, `csp serve`) holds the data folder's host lock for
 * as long as the store is open; a 'cli' store takes no lock and shares the file.
 */
import type { Database as Db } from 'better-sqlite3';
import { openDatabase } from './open';
import { acquireHostLock } from './lock';
import type { HostLock } from './lock';

export type StoreRole = 'host' | 'cli';

export interface OpenStoreOptions {
  readonly dataDir: string;
  readonly role?: StoreRole;
  /** A host that already took the lock (e.g. before starting its servers) passes it in. */
  readonly hostLock?: HostLock;
  readonly busyTimeoutMs?: number;
  /** Wall clock in ms since the epoch; tests pass a fixed one. */
  readonly now?: () => number;
}

export class Store {
  private closed = false;

  constructor(
    readonly db: Db,
    readonly dataDir: string,
    readonly role: StoreRole,
    readonly now: () => number,
    private readonly hostLock: HostLock | undefined,
    private readonly ownsLock: boolean,
  ) {}

  /** True while this store holds the host lock. */
  get isHost(): boolean {
    return this.hostLock !== undefined && !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    if (this.ownsLock) this.hostLock?.release();
  }
}

/**
 * Opens the store of `dataDir`, creating it if needed. Throws:
 *  - HostLockedError when role is 'host' and another live host holds the folder;
 *  - StoreNewerError when the file's schema is newer than this app (both versions named);
 *  - StoreUnusableError for a corrupt or foreign file (offers `moveAside()`).
 */
export function openStore(options: OpenStoreOptions): Store {
  const role = options.role ?? 'cli';
  const now = options.now ?? Date.now;
  let lock = options.hostLock;
  const ownsLock = role === 'host' && lock === undefined;
  if (ownsLock) lock = acquireHostLock(options.dataDir);
  try {
    const db = openDatabase({ dataDir: options.dataDir, busyTimeoutMs: options.busyTimeoutMs, now });
    return new Store(db, options.dataDir, role, now, role === 'host' ? lock : undefined, ownsLock);
  } catch (error) {
    if (ownsLock) lock?.release();
    throw error;
  }
}
