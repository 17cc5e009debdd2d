/**
 * Opening the SQLite file: create the folder, recognise the file as ours (or refuse it
 * with a typed error that can move it aside), set WAL + busy_timeout, run migrations.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations';
import type { Migration } from './migrations';
import { StoreNewerError, StoreUnusableError } from './errors';
import { storePath } from './paths';

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenDbOptions {
  readonly dataDir: string;
  /** Milliseconds a writer waits for another process's write lock before SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /** Tests stop at an earlier version to exercise upgrades. */
  readonly targetVersion?: number;
  readonly migrations?: readonly Migration[];
  readonly now?: () => number;
}

function headerOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** Corruption surfaces as SQLITE_CORRUPT / SQLITE_NOTADB from any statement. */
export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_VTAB';
}

/** Opens (creating if needed) and migrates the store database of `dataDir`. */
export function openDatabase(options: OpenDbOptions): Db {
  const { dataDir } = options;
  const path = storePath(dataDir);
  const now = options.now ?? Date.now;
  mkdirSync(dataDir, { recursive: true });

  // Check the header before SQLite sees the file: SQLite would happily treat an
  // empty-looking text file as garbage only on first read, with a vague message.
  if (existsSync(path) && statSync(path).size > 0) {
    const header = headerOf(path);
    if (header !== SQLITE_HEADER) {
      throw new StoreUnusableError('STORE_CORRUPT', path, 'it does not start with the SQLite header', now);
    }
  }

  let db: Db;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw new StoreUnusableError('STORE_CORRUPT', path, error instanceof Error ? error.message : String(error), now);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }
    ).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables !== 0)) {
      throw new StoreUnusableError(
        'STORE_FOREIGN',
        path,
        `application_id ${appId}, user_version ${version}, ${tables} tables`,
        now,
      );
    }
    const appVersion = options.migrations ? (options.migrations.at(-1)?.version ?? 0) : SCHEMA_VERSION;
    if (version > appVersion) throw new StoreNewerError(path, version, appVersion);

    // WAL lets the app, the CLI and a node share the file; NORMAL sync in WAL mode
    // survives a process crash (kill -9) and loses at most the last commits on power loss.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoint (copy WAL pages into the file, with an fsync) every ~32 MB of WAL rather
    // than SQLite's default ~4 MB: run recording commits a batch every few ms, and each
    // default-sized checkpoint would stall it (bench/store.bench.ts).
    db.pragma('wal_autocheckpoint = 8192');
    db.pragma('foreign_keys = ON');
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, options.targetVersion ?? appVersion, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreNewerError || error instanceof StoreUnusableError) throw error;
    if (isCorruption(error)) {
      throw new StoreUnusableError('STORE_CORRUPT', path, error instanceof Error ? error.message : String(error), now);
    }
    throw error;
  }
}
