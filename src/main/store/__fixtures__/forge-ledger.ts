/**
 * What a forger with the database file (but not the key file) can do to the ledger:
 * drop the triggers, then edit, delete, reorder, or sign the whole chain again with a
 * fresh Ed25519 key of their own. Tests use these to check verification catches it.
 */
import Database from 'better-sqlite3';
import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalJson } from '../audit/canonical';
import { GENESIS_HASH, entryHash } from '../audit/entry';
import type { LedgerRow } from '../audit/entry';
import { fromHex, keyFingerprint, toHex } from '../audit/hex';

function open(dbPath: string): Database.Database {
  const db = new Database(dbPath);
  db.exec('DROP TRIGGER IF EXISTS audit_ledger_no_update; DROP TRIGGER IF EXISTS audit_ledger_no_delete;');
  return db;
}

function readRows(db: Database.Database): LedgerRow[] {
  return db.prepare('SELECT * FROM audit_ledger ORDER BY seq').all() as LedgerRow[];
}

/**
 * Signs every entry again with a fresh key after `edit` changed the rows; links and
 * hashes are recomputed, so the chain is internally perfect. Returns the forger's fingerprint.
 */
export function resignLedger(dbPath: string, edit: (rows: LedgerRow[]) => LedgerRow[]): string {
  const db = open(dbPath);
  try {
    const secret = ed25519.utils.randomSecretKey();
    const publicKey = toHex(ed25519.getPublicKey(secret));
    const rows = edit(readRows(db));
    let prevHash = GENESIS_HASH;
    const forged = rows.map((r, i) => {
      const details = JSON.parse(r.details) as unknown;
      const base = {
        seq: i + 1,
        at: r.at,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        details,
        prevHash,
        publicKey,
      };
      const hash = entryHash(base);
      prevHash = hash;
      return {
        ...r,
        seq: i + 1,
        details: canonicalJson(details),
        prev_hash: base.prevHash,
        hash,
        public_key: publicKey,
        signature: toHex(ed25519.sign(fromHex(hash), secret)),
      };
    });
    db.transaction(() => {
      db.prepare('DELETE FROM audit_ledger').run();
      const insert = db.prepare(
        'INSERT INTO audit_ledger (seq, at, actor, action, subject, details, prev_hash, hash, public_key, signature) VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash, @public_key, @signature)',
      );
      for (const r of forged) insert.run(r);
    })();
    return keyFingerprint(publicKey);
  } finally {
    db.close();
  }
}

export function deleteEntry(dbPath: string, seq: number): void {
  const db = open(dbPath);
  db.prepare('DELETE FROM audit_ledger WHERE seq = ?').run(seq);
  db.close();
}

/** Deletes every entry after `keep`: a valid, shorter chain. */
export function truncateLedger(dbPath: string, keep: number): void {
  const db = open(dbPath);
  db.prepare('DELETE FROM audit_ledger WHERE seq > ?').run(keep);
  db.close();
}

/** Swaps the stored positions of entries a and b (their contents move, their seq numbers stay). */
export function swapEntries(dbPath: string, a: number, b: number): void {
  const db = open(dbPath);
  db.transaction(() => {
    db.prepare('UPDATE audit_ledger SET seq = -1 WHERE seq = ?').run(a);
    db.prepare('UPDATE audit_ledger SET seq = ? WHERE seq = ?').run(a, b);
    db.prepare('UPDATE audit_ledger SET seq = ? WHERE seq = -1').run(b);
  })();
  db.close();
}
