/**
 * One-file backup and restore of the store (`csp backup FILE`, `csp restore FILE`).
 *
 * A backup is a consistent snapshot made with SQLite's online backup API while
 * others keep writing; it is converted to a self-contained single file (no -wal).
 * It holds the database only: secrets.json and the audit key are never in it.
 * Restore refuses while a host is running, and refuses a backup whose audit ledger does
 * not verify or is signed with a key this installation does not know (unless the user
 * accepts that key); it keeps the replaced database beside the new one, and appends an
 * audit entry naming the head it replaced.
 */
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations';
import { HostLockedError, StoreError, StoreNewerError, StoreUnusableError } from './errors';
import { acquireHostLock } from './lock';
import { openStore } from './store';
import type { Store } from './store';
import type { AuditEntry, AuditHead, VerifyReport } from './audit/ledger';
import { AuditLedger, parseKeyOption } from './audit/ledger';
import type { LedgerRow } from './audit/entry';
import { verifyChain } from './audit/verify';
import { installationKey } from './audit/signer';
import { keyFingerprint } from './audit/hex';
import { storePath } from './paths';
import { openDatabase } from './open';
import { userInfo } from 'node:os';

export interface BackupInfo {
  readonly file: string;
  readonly bytes: number;
  readonly schemaVersion: number;
  readonly auditHead: AuditHead | null;
  readonly workflows: number;
  readonly runs: number;
}

/** Checks a backup file is a store this app can open, and summarises it. */
export function inspectBackup(file: string): BackupInfo {
  if (!existsSync(file)) throw new StoreError('NOT_FOUND', `backup file ${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreUnusableError('STORE_CORRUPT', file, (error as Error).message);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new StoreUnusableError('STORE_FOREIGN', file, `application_id ${appId}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new StoreNewerError(file, version, SCHEMA_VERSION);
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new StoreUnusableError('STORE_CORRUPT', file, `quick_check: ${check}`);
    const has = (table: string): boolean =>
      db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const count = (table: string): number =>
      has(table) ? (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;
    const head = has('audit_ledger')
      ? (db.prepare('SELECT seq, hash, at FROM audit_ledger ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined)
      : undefined;
    return {
      file,
      bytes: statSync(file).size,
      schemaVersion: version,
      auditHead: head ?? null,
      workflows: count('workflows'),
      runs: count('runs'),
    };
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreUnusableError('STORE_CORRUPT', file, (error as Error).message);
  } finally {
    db.close();
  }
}

/** Writes a snapshot of the store to `file` (refuses to overwrite unless asked). */
export async function backupStore(
  store: Store,
  file: string,
  options: { overwrite?: boolean; actor?: string } = {},
): Promise<BackupInfo> {
  if (existsSync(file) && !options.overwrite)
    throw new StoreError('BAD_INPUT', `${file} already exists; choose another name or pass --force`);
  // Recorded first so the backup itself carries the entry that says it was made.
  store.audit.append({ actor: options.actor, action: 'store.backed-up', subject: 'store', details: { file } });
  const tmp = `${file}.partial-${process.pid}`;
  try {
    await store.db.backup(tmp);
    const db = new Database(tmp);
    db.pragma('journal_mode = DELETE'); // one self-contained file
    db.close();
    chmodSync(tmp, 0o600); // it holds the user's workflows and runs
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-wal`, { force: true });
    rmSync(`${tmp}-shm`, { force: true });
  }
  return inspectBackup(file);
}

export interface RestoreResult {
  readonly restored: BackupInfo;
  /** The audit head of the database that was replaced (null if it had none or was unreadable). */
  readonly replacedHead: AuditHead | null;
  /** Where the replaced database was moved (kept, never deleted), if there was one. */
  readonly previousFile: string | null;
  /** The key the backup's ledger is signed with (fingerprint), null for an empty ledger. */
  readonly backupKey: string | null;
  /** Set when the restored ledger now continues under this installation's key: the adoption entry. */
  readonly keyAdopted: { readonly seq: number; readonly from: string; readonly to: string } | null;
}

export interface RestoreOptions {
  readonly now?: () => number;
  readonly actor?: string;
  /** The fingerprint of the backup's key, when it is not this installation's: the user's acceptance. */
  readonly acceptKey?: string;
}

/** Checks the backup's own chain (links, hashes, signatures, key changes) with no pin; returns the key it ends at. */
export function verifyBackupLedger(file: string): VerifyReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has =
      db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_ledger'").get() !== undefined;
    const rows = has
      ? (db.prepare('SELECT * FROM audit_ledger ORDER BY seq').iterate() as IterableIterator<LedgerRow>)
      : [];
    return verifyChain(rows);
  } finally {
    db.close();
  }
}

/**
 * Refuses a backup whose ledger does not verify, or whose key is neither this
 * installation's key, nor one it rotated out, nor the one the user accepted.
 */
function checkBackupKey(
  dataDir: string,
  file: string,
  report: VerifyReport,
  now: number,
  acceptKey: string | undefined,
): void {
  if (!report.ok) {
    throw new StoreError(
      'REFUSED',
      `the audit ledger in ${file} does not verify (entry ${report.firstBroken?.seq}: ${report.firstBroken?.reason}); nothing was restored`,
    );
  }
  const backupKey = report.headKey;
  const { key, location } = installationKey(dataDir, now, false);
  if (
    backupKey === undefined ||
    backupKey === key?.fingerprint ||
    key?.previous.some((p) => p.fingerprint === backupKey)
  )
    return;
  const ours = key
    ? `this installation's key ${key.fingerprint} (${key.path})`
    : `this installation's key (there is none yet at ${location.path})`;
  if (acceptKey === undefined) {
    throw new StoreError(
      'REFUSED',
      `the audit ledger in ${file} is signed with key ${backupKey}, not with ${ours}; nothing was restored. ` +
        `A backup made here would be signed with this key or one it rotated from: if you made it here, it has been altered. ` +
        `If you made it on another installation and trust it, run again with --accept-key ${backupKey}`,
    );
  }
  if (parseKeyOption(acceptKey, '--accept-key') !== backupKey) {
    throw new StoreError(
      'REFUSED',
      `--accept-key ${acceptKey} is not the key the backup's ledger is signed with (${backupKey}); nothing was restored`,
    );
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Replaces the data folder's database with the backup in `file`. */
export function restoreStore(dataDir: string, file: string, options: RestoreOptions = {}): RestoreResult {
  const now = options.now ?? Date.now;
  const restored = inspectBackup(file);
  const ledger = verifyBackupLedger(file);
  checkBackupKey(dataDir, file, ledger, now(), options.acceptKey);
  let lock;
  try {
    lock = acquireHostLock(dataDir);
  } catch (error) {
    if (error instanceof HostLockedError) {
      throw new StoreError('HOST_LOCKED', `${error.message}; a restore needs the host stopped`, error.details);
    }
    throw error;
  }
  try {
    const path = storePath(dataDir);
    let replacedHead: AuditHead | null = null;
    let previousFile: string | null = null;
    if (existsSync(path)) {
      try {
        const current = openDatabase({ dataDir, now });
        replacedHead =
          (current.prepare('SELECT seq, hash, at FROM audit_ledger ORDER BY seq DESC LIMIT 1').get() as
            AuditHead | undefined) ?? null;
        current.pragma('wal_checkpoint(TRUNCATE)');
        current.close();
      } catch (error) {
        if (!(error instanceof StoreUnusableError)) throw error; // a corrupt store may be replaced; a newer one may not
      }
      previousFile = `${path}.before-restore-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path, previousFile);
      for (const suffix of ['-wal', '-shm'])
        if (existsSync(path + suffix)) renameSync(path + suffix, previousFile + suffix);
    }
    copyFileSync(file, path);
    chmodSync(path, 0o600);
    // The key change is recorded before the store opens: opening may append (retention),
    // and those entries must be signed after the adoption, not refused or mis-signed.
    const db = openDatabase({ dataDir, now });
    let adoption: AuditEntry | undefined;
    try {
      const reason = 'restored a backup signed by another key';
      const details = { backupFile: file, restoredHead: restored.auditHead };
      adoption = new AuditLedger(db, dataDir, now, options.actor ?? osUser()).adoptKey({
        ...(options.acceptKey !== undefined ? { accept: options.acceptKey } : {}),
        ...(options.actor !== undefined ? { actor: options.actor } : {}),
        reason,
        details,
      });
    } finally {
      db.close();
    }
    const store = openStore({ dataDir, role: 'host', hostLock: lock, now, actor: options.actor });
    try {
      store.audit.append({
        actor: options.actor,
        action: 'store.restored',
        subject: 'store',
        details: { file, replacedHead, restoredHead: restored.auditHead, previousFile },
      });
      // The replaced database's head is gone on purpose; the entry above names it.
      store.audit.resetAnchor();
    } finally {
      store.close();
    }
    const keyAdopted = adoption
      ? {
          seq: adoption.seq,
          from: keyFingerprint((adoption.details as { previousPublicKey: string }).previousPublicKey),
          to: keyFingerprint(adoption.publicKey),
        }
      : null;
    return { restored, replacedHead, previousFile, backupKey: ledger.headKey ?? null, keyAdopted };
  } finally {
    lock.release();
  }
}
