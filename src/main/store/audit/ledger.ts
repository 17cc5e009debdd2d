/**
 * The audit ledger: an append-only hash chain of signed entries (who, what, when).
 * Each entry's hash covers its fields and the previous entry's hash; the hash is
 * signed with the installation's Ed25519 key. Appends run in BEGIN IMMEDIATE so two
 * processes cannot both extend the same head. What this does and does not protect
 * against: docs/store.md.
 */
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Database as Db } from 'better-sqlite3';
import { canonicalJson } from './canonical';
import { createAuditKey, fromHex, readAuditKey, toHex } from './key';
import type { AuditKey } from './key';
import { badInput } from '../errors';

export const GENESIS_HASH = '0'.repeat(64);
export const KEY_REPLACED = 'audit.key-replaced';

export interface AuditEntryInput {
  readonly actor?: string;
  /** e.g. 'workflow.saved', 'run.started', 'check.run', 'node.attached', 'settings.changed'. */
  readonly action: string;
  /** What it is about: 'workflow:3', 'run:17', a path... */
  readonly subject: string;
  readonly details?: unknown;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: unknown;
  readonly prevHash: string;
  readonly hash: string;
  readonly publicKey: string;
  readonly signature: string;
}

interface Row {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
  public_key: string;
  signature: string;
}

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
  readonly at: number;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: AuditHead | undefined;
  /** The first entry that does not check out, and why. */
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
  /** Places where the signing key changed (a lost key file was replaced). */
  readonly keyChanges: readonly { readonly seq: number; readonly publicKey: string }[];
  /** Whether the key file in the data folder matches the key that signed the head. */
  readonly keyFile: 'matches-head' | 'differs-from-head' | 'missing';
}

/** The bytes an entry's hash covers: every field but the hash and signature. */
export function entryHash(e: Omit<AuditEntry, 'hash' | 'signature'>): string {
  const body = canonicalJson({
    v: 1,
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    details: e.details,
    prevHash: e.prevHash,
    publicKey: e.publicKey,
  });
  return createHash('sha256').update(body).digest('hex');
}

function fromRow(r: Row): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    details: JSON.parse(r.details) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
    publicKey: r.public_key,
    signature: r.signature,
  };
}

export class AuditLedger {
  private key: AuditKey | undefined;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly now: () => number,
    private readonly defaultActor: string,
  ) {}

  head(): AuditHead | undefined {
    const r = this.db.prepare('SELECT seq, hash, at FROM audit_ledger ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined;
    return r ? { seq: r.seq, hash: r.hash, at: r.at } : undefined;
  }

  /** Entries after `afterSeq`, oldest first. */
  list(afterSeq = 0, limit = 100): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_ledger WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as Row[];
    return rows.map(fromRow);
  }

  /**
   * Appends one entry. Inside a caller's transaction it joins it (the caller must have
   * begun it IMMEDIATE, as every store write path does); otherwise it opens its own.
   */
  append(input: AuditEntryInput): AuditEntry {
    if (!input.action.trim() || !input.subject.trim()) throw badInput('audit entry needs a non-empty action and subject');
    const run = (): AuditEntry => {
      const key = this.signingKey();
      return this.insert(key, input);
    };
    return this.db.inTransaction ? run() : this.db.transaction(run).immediate();
  }

  private insert(key: AuditKey, input: AuditEntryInput): AuditEntry {
    const head = this.head();
    const base = {
      seq: (head?.seq ?? 0) + 1,
      at: this.now(),
      actor: input.actor ?? this.defaultActor,
      action: input.action,
      subject: input.subject,
      // Round-trip through JSON so what is hashed is exactly what is read back.
      details: JSON.parse(canonicalJson(input.details ?? {})) as unknown,
      prevHash: head?.hash ?? GENESIS_HASH,
      publicKey: key.publicKeyHex,
    };
    const hash = entryHash(base);
    const signature = toHex(ed25519.sign(fromHex(hash), key.secretKey));
    this.db
      .prepare(
        'INSERT INTO audit_ledger (seq, at, actor, action, subject, details, prev_hash, hash, public_key, signature) VALUES (?,?,?,?,?,?,?,?,?,?)',
      )
      .run(base.seq, base.at, base.actor, base.action, base.subject, canonicalJson(base.details), base.prevHash, hash, base.publicKey, signature);
    return { ...base, hash, signature };
  }

  /**
   * When the head was signed by another key (a backup restored from another
   * installation), records the switch to this installation's key, so verify can tell
   * an announced key change from a forged entry. Returns the entry, if one was needed.
   */
  adoptInstallationKey(reason: string): AuditEntry | undefined {
    return this.db
      .transaction(() => {
        const headKey = this.db.prepare('SELECT public_key FROM audit_ledger ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined;
        const key = this.signingKey();
        if (headKey === undefined || headKey === key.publicKeyHex) return undefined;
        return this.insert(key, { actor: 'system', action: KEY_REPLACED, subject: 'audit-key', details: { previousPublicKey: headKey, reason } });
      })
      .immediate();
  }

  /**
   * The key to sign with. A missing key file on an empty ledger is simply created. A
   * missing key file under existing entries means the old key is gone: a new one is
   * created and the change is itself recorded (and reported by verify), because
   * refusing would stop every save until someone finds the file.
   */
  private signingKey(): AuditKey {
    if (this.key) return this.key;
    const existing = readAuditKey(this.dataDir);
    if (existing) {
      this.key = existing;
      return existing;
    }
    const lastKey = this.db.prepare('SELECT public_key FROM audit_ledger ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined;
    const created = createAuditKey(this.dataDir, this.now());
    this.key = created;
    if (lastKey !== undefined) {
      this.insert(created, {
        actor: 'system',
        action: KEY_REPLACED,
        subject: 'audit-key',
        details: { previousPublicKey: lastKey, reason: 'the audit key file was missing' },
      });
    }
    return created;
  }

  /** Checks every link, hash and signature from the first entry; stops at the first break. */
  verify(): VerifyReport {
    const keyChanges: { seq: number; publicKey: string }[] = [];
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let trustedKey: string | undefined;
    let count = 0;
    let head: AuditHead | undefined;
    let firstBroken: { seq: number; reason: string } | undefined;
    const fileKey = (() => {
      try {
        return readAuditKey(this.dataDir)?.publicKeyHex;
      } catch {
        return undefined;
      }
    })();
    for (const row of this.db.prepare('SELECT * FROM audit_ledger ORDER BY seq').iterate() as IterableIterator<Row>) {
      const reason = this.checkRow(row, expectedSeq, prevHash, trustedKey);
      if (reason !== undefined) {
        firstBroken = { seq: row.seq, reason };
        break;
      }
      if (trustedKey !== undefined && row.public_key !== trustedKey) keyChanges.push({ seq: row.seq, publicKey: row.public_key });
      trustedKey = row.public_key;
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      count++;
      head = { seq: row.seq, hash: row.hash, at: row.at };
    }
    const keyFile = fileKey === undefined ? 'missing' : head === undefined || fileKey === trustedKey ? 'matches-head' : 'differs-from-head';
    return { ok: firstBroken === undefined, entries: count, head, ...(firstBroken ? { firstBroken } : {}), keyChanges, keyFile };
  }

  private checkRow(row: Row, expectedSeq: number, prevHash: string, trustedKey: string | undefined): string | undefined {
    if (row.seq !== expectedSeq) return `expected entry ${expectedSeq} next, found ${row.seq} (entries missing)`;
    if (row.prev_hash !== prevHash) return `prev_hash does not match the hash of entry ${row.seq - 1}`;
    let details: unknown;
    try {
      details = JSON.parse(row.details) as unknown;
    } catch {
      return 'details are not valid JSON';
    }
    const e = fromRow({ ...row, details: '{}' });
    const recomputed = entryHash({ ...e, details });
    if (recomputed !== row.hash) return 'contents do not match the stored hash (the entry was edited)';
    if (trustedKey !== undefined && row.public_key !== trustedKey && row.action !== KEY_REPLACED) {
      return 'signed by a different key without a key-replaced entry';
    }
    let valid = false;
    try {
      valid = ed25519.verify(fromHex(row.signature), fromHex(row.hash), fromHex(row.public_key));
    } catch {
      valid = false;
    }
    return valid ? undefined : 'signature does not verify';
  }
}
