/**
 * Typed failures of the store. Each carries a message a person can act on; the host
 * and the CLI print `message` and never a stack trace (CONTRIBUTING.md#errors-are-data).
 */
import { existsSync, renameSync } from 'node:fs';

export type StoreErrorCode =
  | 'STORE_NEWER'
  | 'STORE_CORRUPT'
  | 'STORE_FOREIGN'
  | 'HOST_LOCKED'
  | 'NOT_FOUND'
  | 'BAD_INPUT'
  | 'LEDGER_APPEND_ONLY'
  /** The audit key file is missing where it must be, or is not the key the ledger is signed with. */
  | 'AUDIT_KEY'
  /** The request was understood and declined (e.g. a restore of a backup signed by an unknown key). */
  | 'REFUSED';

export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The database was written by a newer app; opening it could lose data, so we refuse. */
export class StoreNewerError extends StoreError {
  override readonly name = 'StoreNewerError';
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      'STORE_NEWER',
      `${path} has schema version ${fileVersion}, newer than this app supports (version ${appVersion}); ` +
        'upgrade the app, or point --data-dir at another folder',
      { path, fileVersion, appVersion },
    );
  }
}

/**
 * The file is not a usable store (corrupt, truncated, or another program's SQLite file).
 * `moveAside()` renames it (and its -wal/-shm companions) so the next open starts
 * fresh; the caller offers that to the user instead of retrying in a loop.
 */
export class StoreUnusableError extends StoreError {
  override readonly name = 'StoreUnusableError';
  constructor(
    code: 'STORE_CORRUPT' | 'STORE_FOREIGN',
    readonly path: string,
    reason: string,
    private readonly clock: () => number = Date.now,
  ) {
    super(
      code,
      code === 'STORE_CORRUPT'
        ? `${path} is not a readable database (${reason}); it can be moved aside and a new store created`
        : `${path} is a SQLite file but not a CSP Studio store (${reason}); it can be moved aside and a new store created`,
      { path, reason },
    );
  }

  /** Renames the file to `<path>.<code>-<time>` and returns the new name. */
  moveAside(): string {
    const stamp = new Date(this.clock()).toISOString().replace(/[:.]/g, '-');
    const target = `${this.path}.${this.code === 'STORE_CORRUPT' ? 'corrupt' : 'foreign'}-${stamp}`;
    renameSync(this.path, target);
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (existsSync(this.path + suffix)) renameSync(this.path + suffix, target + suffix);
    }
    return target;
  }
}

/** Another live host holds the data folder (docs/architecture.md#store-and-data-folder: one host per folder). */
export class HostLockedError extends StoreError {
  override readonly name = 'HostLockedError';
  constructor(
    readonly dataDir: string,
    readonly otherPid: number | undefined,
  ) {
    super(
      'HOST_LOCKED',
      otherPid !== undefined
        ? `data folder ${dataDir} is already in use by another host (pid ${otherPid}); stop it or choose another --data-dir`
        : `data folder ${dataDir} is already in use by another host; stop it or choose another --data-dir`,
      { dataDir, otherPid },
    );
  }
}

export function notFound(what: string): StoreError {
  return new StoreError('NOT_FOUND', `${what} not found`);
}

export function badInput(message: string, details: Record<string, unknown> = {}): StoreError {
  return new StoreError('BAD_INPUT', message, details);
}
