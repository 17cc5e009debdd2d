/**
 * The audit ledger: an append-only hash chain of signed entries (who, what, when).
 * Each entry's hash covers its fields and the previous entry's hash; the hash is
 * signed with the installation's Ed25519 key. Appends run in BEGIN IMMEDIATE so two
 * processes cannot both extend the same head. Verification pins the key file (or a
 * fingerprint the user gives), follows explicit key changes only, and compares the
 * head with the anchor kept beside the key. What this does and does not protect
 * against: docs/store.md.
 */
import type { Database as Db } from 'better-sqlite3';
import { canonicalJson } from './canonical';
import type { AuditEntry, AuditEntryInput, AuditHead, LedgerRow } from './entry';
import {
  GENESIS_HASH,
  KEY_ADOPTED,
  KEY_REPLACED,
  KEY_ROTATED,
  REANCHORED,
  entryHash,
  fromRow,
  rotationProofMessage,
  signHash,
  signMessage,
} from './entry';
import { auditKeyLocation, discardNextKey, promoteNextKey, writeNextKey } from './key';
import type { AuditKey } from './key';
import { installationKey, mismatchError, signerFor } from './signer';
import { anchorPath, readAnchor, writeAnchor } from './anchor';
import type { Anchor } from './anchor';
import { verifyChain } from './verify';
import type { VerifyReport } from './verify';
import { isHex64, keyFingerprint } from './hex';
import { StoreError, badInput } from '../errors';

export type { AuditEntry, AuditEntryInput, AuditHead } from './entry';
export type { KeyChange, VerifyReport } from './verify';
export { GENESIS_HASH, KEY_ADOPTED, KEY_REPLACED, KEY_ROTATED, entryHash } from './entry';

/** The key the ledger is at after `head`: its signer, or the key its rotation named. */
export function lineKeyOf(head: Pick<LedgerRow, 'action' | 'public_key' | 'details'> | undefined): string | undefined {
  if (head === undefined) return undefined;
  if (head.action !== KEY_ROTATED) return head.public_key;
  const next = (JSON.parse(head.details) as { newPublicKey?: unknown }).newPublicKey;
  return isHex64(next) ? next : head.public_key;
}

/** Accepts a fingerprint (32 hex digits) or a whole public key (64); returns the fingerprint. */
export function parseKeyOption(value: string, option = '--key'): string {
  const v = value.trim().toLowerCase();
  if (/^[0-9a-f]{32}$/.test(v)) return v;
  if (/^[0-9a-f]{64}$/.test(v)) return keyFingerprint(v);
  throw badInput(
    `${option} must be a key fingerprint (32 hex digits, as \`csp audit head\` prints it) or a public key (64 hex digits), not '${value}'`,
  );
}

export interface HeadInfo {
  readonly head: AuditHead | undefined;
  /** Fingerprint of the key the ledger is at (the key that signs the next entry). */
  readonly keyFingerprint: string | undefined;
  readonly publicKey: string | undefined;
  /** The installation's key file and its fingerprint (undefined fingerprint: no file). */
  readonly keyFile: { readonly path: string; readonly fingerprint: string | undefined };
}

export class AuditLedger {
  private key: AuditKey | undefined;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly now: () => number,
    private readonly defaultActor: string,
  ) {}

  private headRow(): LedgerRow | undefined {
    return this.db.prepare('SELECT * FROM audit_ledger ORDER BY seq DESC LIMIT 1').get() as LedgerRow | undefined;
  }

  head(): AuditHead | undefined {
    const r = this.headRow();
    return r ? { seq: r.seq, hash: r.hash, at: r.at } : undefined;
  }

  headInfo(): HeadInfo {
    const row = this.headRow();
    const line = lineKeyOf(row);
    const { key, location } = installationKey(this.dataDir, this.now(), false);
    return {
      head: row ? { seq: row.seq, hash: row.hash, at: row.at } : undefined,
      keyFingerprint: line === undefined ? undefined : keyFingerprint(line),
      publicKey: line,
      keyFile: { path: location.path, fingerprint: key?.fingerprint },
    };
  }

  /** Entries after `afterSeq`, oldest first. */
  list(afterSeq = 0, limit = 100): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_ledger WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, limit) as LedgerRow[];
    return rows.map(fromRow);
  }

  /**
   * Appends one entry. Inside a caller's transaction it joins it (the caller must have
   * begun it IMMEDIATE, as every store write path does); otherwise it opens its own.
   */
  append(input: AuditEntryInput): AuditEntry {
    if (!input.action.trim() || !input.subject.trim())
      throw badInput('audit entry needs a non-empty action and subject');
    return this.write(() => {
      const head = this.headRow();
      const line = lineKeyOf(head);
      const signer = signerFor(this.dataDir, line, this.key, this.now());
      this.key = signer.key;
      if (signer.replaces !== undefined) {
        const previous = signer.replaces;
        this.insert(signer.key, {
          actor: 'system',
          action: KEY_REPLACED,
          subject: 'audit-key',
          details: {
            previousPublicKey: previous,
            previousFingerprint: keyFingerprint(previous),
            reason: 'the audit key file was missing',
          },
        });
      }
      return this.insert(signer.key, input);
    });
  }

  /** Runs `body` in the caller's transaction or an IMMEDIATE one of its own, then moves the anchor once it is committed. */
  private write<T>(body: () => T): T {
    const joined = this.db.inTransaction;
    const result = joined ? body() : this.db.transaction(body).immediate();
    if (joined)
      setImmediate(() => this.flushAnchor()).unref(); // the caller's transaction has ended by then
    else this.flushAnchor();
    return result;
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
    const signature = signHash(hash, key.secretKey);
    this.db
      .prepare(
        'INSERT INTO audit_ledger (seq, at, actor, action, subject, details, prev_hash, hash, public_key, signature) VALUES (?,?,?,?,?,?,?,?,?,?)',
      )
      .run(
        base.seq,
        base.at,
        base.actor,
        base.action,
        base.subject,
        canonicalJson(base.details),
        base.prevHash,
        hash,
        base.publicKey,
        signature,
      );
    return { ...base, hash, signature };
  }

  private anchorFile(): string {
    return anchorPath(auditKeyLocation(this.dataDir).path);
  }

  /**
   * Moves the anchor up to the committed head. Under the write lock, so a slower process
   * cannot move it back. A failure to write it (a read-only key folder) never fails the
   * append that triggered it; verify then simply compares against an older head.
   */
  flushAnchor(): void {
    if (!this.db.open || this.db.inTransaction) return;
    try {
      this.db.transaction(() => writeAnchor(this.anchorFile(), this.dataDir, this.head())).immediate();
    } catch {
      // see above: the anchor is best effort, the ledger is the record
    }
  }

  /**
   * Verifies the whole ledger against the pinned key: `key` (a fingerprint or public key
   * the user gives) or else the key file; and against the anchor and an optional head
   * hash the user wrote down.
   */
  verify(options: { key?: string; head?: string; ignoreAnchor?: boolean } = {}): VerifyReport {
    const { key, location } = installationKey(this.dataDir, this.now(), false);
    // The anchor is read before the rows: an entry anchored meanwhile is then already committed.
    const anchor = options.ignoreAnchor ? undefined : readAnchor(anchorPath(location.path), this.dataDir);
    const head = options.head?.trim().toLowerCase();
    if (head !== undefined && !isHex64(head))
      throw badInput(
        `--head must be a ledger hash (64 hex digits, as \`csp audit head\` prints it), not '${options.head}'`,
      );
    const pinned =
      options.key !== undefined
        ? { fingerprint: parseKeyOption(options.key), source: '--key' }
        : key
          ? { fingerprint: key.fingerprint, source: `key file ${key.path}` }
          : undefined;
    if (pinned === undefined && this.head() !== undefined) {
      throw new StoreError(
        'AUDIT_KEY',
        `no key to verify the ledger against: the audit key file ${location.path} does not exist${location.keptOutsideAt ? ` (this data folder's key was last used at ${location.keptOutsideAt})` : ''}. ` +
          'Set CSP_AUDIT_KEY to where the key is kept, or pass --key FINGERPRINT (as `csp audit head` printed it)',
        { path: location.path },
      );
    }
    const rows = this.db.prepare('SELECT * FROM audit_ledger ORDER BY seq').iterate() as IterableIterator<LedgerRow>;
    return verifyChain(rows, {
      ...(pinned ? { pin: pinned } : {}),
      ...(anchor ? { anchor } : {}),
      ...(head !== undefined ? { head } : {}),
    });
  }

  private refuseUnlessVerified(what: string, ignoreAnchor = false): VerifyReport {
    const report = this.verify({ ignoreAnchor });
    if (!report.ok)
      throw new StoreError(
        'REFUSED',
        `the ledger does not verify (entry ${report.firstBroken?.seq}: ${report.firstBroken?.reason}); ${what} would sign on top of it`,
      );
    return report;
  }

  /**
   * Replaces the installation key: the current key signs an entry naming the new key, the
   * new key signs its place in the chain, and only once that is committed does the new
   * key file replace the old one (an interrupted rotation is finished by the next append).
   */
  rotateKey(actor?: string): { entry: AuditEntry; previous: string; next: string } {
    this.refuseUnlessVerified('a key rotation');
    let pending: AuditKey | undefined;
    let result: { entry: AuditEntry; previous: string; next: AuditKey };
    try {
      result = this.write(() => {
        const head = this.headRow();
        const current = signerFor(this.dataDir, lineKeyOf(head), undefined, this.now()).key;
        const seq = (head?.seq ?? 0) + 1;
        const next = writeNextKey(current, this.now(), seq);
        pending = next;
        const prevHash = head?.hash ?? GENESIS_HASH;
        const proof = signMessage(
          rotationProofMessage({
            seq,
            prevHash,
            previousPublicKey: current.publicKeyHex,
            newPublicKey: next.publicKeyHex,
          }),
          next.secretKey,
        );
        const details = {
          previousFingerprint: current.fingerprint,
          newFingerprint: next.fingerprint,
          newPublicKey: next.publicKeyHex,
          newKeyProof: proof,
        };
        const entry = this.insert(current, {
          ...(actor !== undefined ? { actor } : {}),
          action: KEY_ROTATED,
          subject: 'audit-key',
          details,
        });
        return { entry, previous: current.fingerprint, next };
      });
    } catch (error) {
      if (pending) discardNextKey(pending.path); // not committed: the ledger never named it
      throw error;
    }
    promoteNextKey(result.next.path);
    this.key = result.next;
    return { entry: result.entry, previous: result.previous, next: result.next.fingerprint };
  }

  /**
   * Continues the ledger under the installation key when the ledger is at another key:
   * `accept` (a fingerprint) must name that key, unless it is an earlier key of this
   * installation (its key file lists the keys it rotated out). The installation key signs
   * an entry naming the old key; it vouches for the chain before it, nothing more.
   * Returns the entry, or undefined when the ledger is already at the installation key.
   */
  adoptKey(options: {
    accept?: string;
    actor?: string;
    reason: string;
    details?: Record<string, unknown>;
  }): AuditEntry | undefined {
    return this.write(() => {
      const line = lineKeyOf(this.headRow());
      if (line === undefined) return undefined;
      const { key, location } = installationKey(this.dataDir, this.now(), true);
      if (key === undefined) throw new StoreError('AUDIT_KEY', `could not create the audit key file ${location.path}`);
      if (key.publicKeyHex === line) return undefined;
      const lineFp = keyFingerprint(line);
      const earlier = key.previous.some((p) => p.publicKey === line);
      if (!earlier && options.accept === undefined) throw mismatchError(key, line);
      if (!earlier && options.accept !== undefined && parseKeyOption(options.accept, '--accept-key') !== lineFp) {
        throw new StoreError(
          'REFUSED',
          `--accept-key ${options.accept} does not name the key the ledger is signed with (${lineFp}); nothing was changed`,
        );
      }
      this.key = key;
      const details = {
        ...options.details,
        previousPublicKey: line,
        previousFingerprint: lineFp,
        reason: options.reason,
      };
      return this.insert(key, {
        ...(options.actor !== undefined ? { actor: options.actor } : {}),
        action: KEY_ADOPTED,
        subject: 'audit-key',
        details,
      });
    });
  }

  /** After a loss of entries the user has accepted (e.g. a power cut): records it, and anchors the current head. */
  reanchor(actor?: string): { entry: AuditEntry; previous: Anchor | undefined } {
    const file = this.anchorFile();
    const previous = readAnchor(file, this.dataDir);
    const head = this.head();
    if (previous && head && previous.seq <= head.seq && this.list(previous.seq - 1, 1)[0]?.hash === previous.hash) {
      throw new StoreError(
        'REFUSED',
        `the anchor (entry ${previous.seq}) is already in the ledger; there is nothing to re-anchor`,
      );
    }
    // Everything but the anchor must verify: re-anchoring must not paper over a forged chain.
    this.refuseUnlessVerified('re-anchoring', true);
    const details = {
      previousAnchor: previous ? { seq: previous.seq, hash: previous.hash, at: previous.at } : null,
      ledgerHead: head ?? null,
    };
    const entry = this.append({
      ...(actor !== undefined ? { actor } : {}),
      action: REANCHORED,
      subject: 'audit-anchor',
      details,
    });
    this.resetAnchor();
    return { entry, previous };
  }

  /** Sets the anchor to the current head as it is (after a restore replaced the database). */
  resetAnchor(): void {
    writeAnchor(this.anchorFile(), this.dataDir, this.head(), { force: true });
  }
}
