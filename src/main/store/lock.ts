/**
 * The host lock: only one host (app, web server or `csp serve`) may own a data folder,
 * because live runs and the audit writer assume a single writer of those records.
 * CLI commands never take it; they share the store through WAL and busy_timeout.
 *
 * The lock is an OS file lock held by SQLite on `host.lock` (a tiny database opened in
 * EXCLUSIVE locking mode with a write done on it). The kernel drops the lock when the
 * process dies, however it dies, so a lock left by a dead pid is free to take over
 * with no pid guessing (and no pid-reuse false positives). `host.pid` names the owner
 * so the refusal can say which process holds the folder.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostLockedError } from './errors';
import { HOST_LOCK_FILE, HOST_PID_FILE } from './paths';

export interface HostLock {
  readonly dataDir: string;
  readonly pid: number;
  /** Releases the lock; safe to call twice. */
  release(): void;
}

function readOwnerPid(dataDir: string): number | undefined {
  try {
    const parsed = Number.parseInt(readFileSync(join(dataDir, HOST_PID_FILE), 'utf8').trim(), 10);
    return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tryLock(dataDir: string, pid: number): Database.Database | undefined {
  const db = new Database(join(dataDir, HOST_LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A write in exclusive mode keeps the EXCLUSIVE file lock until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    db.exec('BEGIN EXCLUSIVE');
    db.prepare('DELETE FROM holder').run();
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(pid);
    db.exec('COMMIT');
    return db;
  } catch (error) {
    db.close();
    if (isBusy(error)) return undefined;
    throw error;
  }
}

export interface AcquireOptions {
  readonly pid?: number;
  /**
   * How long to keep trying (default 300 ms). A CLI command holds the lock for a few
   * milliseconds while it checks for runs left by a dead host; a short wait keeps a
   * host starting at that moment from refusing. A live host holds it for good, so a
   * second host still refuses promptly.
   */
  readonly waitMs?: number;
  /** A short-lived check (CLI): do not write host.pid, which names real hosts only. */
  readonly probe?: boolean;
}

/** Takes the host lock of `dataDir` or throws HostLockedError naming the other pid. */
export function acquireHostLock(dataDir: string, options: AcquireOptions | number = {}): HostLock {
  const o: AcquireOptions = typeof options === 'number' ? { pid: options } : options;
  const pid = o.pid ?? process.pid;
  mkdirSync(dataDir, { recursive: true });
  const deadline = Date.now() + (o.waitMs ?? 300);
  let db = tryLock(dataDir, pid);
  while (!db && Date.now() < deadline) {
    sleepSync(10);
    db = tryLock(dataDir, pid);
  }
  if (!db) throw new HostLockedError(dataDir, readOwnerPid(dataDir));
  const held = db;
  if (!o.probe) writeFileSync(join(dataDir, HOST_PID_FILE), `${pid}\n`);
  let released = false;
  return {
    dataDir,
    pid,
    release() {
      if (released) return;
      released = true;
      held.close();
    },
  };
}

/**
 * True when no host holds the folder right now. Takes and drops the lock, so it is
 * only a snapshot; callers that act on the answer use `withHostLockIfFree` instead.
 */
export function withHostLockIfFree<T>(dataDir: string, action: () => T): { free: true; value: T } | { free: false } {
  let lock: HostLock;
  try {
    lock = acquireHostLock(dataDir, { waitMs: 0, probe: true });
  } catch (error) {
    if (error instanceof HostLockedError) return { free: false };
    throw error;
  }
  try {
    return { free: true, value: action() };
  } finally {
    lock.release();
  }
}
