/**
 * Verification of a ledger: the chain (sequence, links, hashes, signatures), the line of
 * keys that signed it, and trust from the pinned key.
 *
 * The line of keys: the first entry's key holds the ledger until a key change, and a
 * key changes only through
 *  - a rotation (`audit.key-rotated`): signed by the current key, naming the new key,
 *    with the new key's signature over the place in the chain (proof of possession);
 *  - an adoption (`audit.key-adopted`, or `audit.key-replaced` when the key file was
 *    missing): signed by the new key, naming the current one. The new key vouches for
 *    the chain before it (its hash is in the entry), not the other way round.
 * Any other entry signed by another key is broken.
 *
 * Trust from the pin: the pinned key must hold some stretch of the line. Everything
 * before its last stretch is trusted (each change there was signed or proven by the key
 * after it), and after it only rotations carry trust forward (signed by a trusted key).
 * A chain signed again end to end with a fresh key never reaches the pin, so its first
 * entry is where it fails.
 */
import type { Anchor } from './anchor';
import type { AuditHead, LedgerRow } from './entry';
import {
  GENESIS_HASH,
  KEY_REPLACED,
  KEY_ROTATED,
  entryHash,
  isAdoption,
  rotationProofMessage,
  verifySignature,
} from './entry';
import { fromHex, isHex64, keyFingerprint } from './hex';

export interface KeyChange {
  readonly seq: number;
  readonly kind: 'rotated' | 'adopted' | 'replaced';
  /** Fingerprints of the key before and after the change. */
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
}

export interface Pin {
  readonly fingerprint: string;
  /** Where the pin came from, for messages: 'key file /path' or '--key'. */
  readonly source: string;
}

export interface VerifyOptions {
  readonly pin?: Pin;
  readonly anchor?: Anchor;
  /** A head hash the user wrote down earlier (`csp audit verify --head HASH`). */
  readonly head?: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  /** Entries that verify, from the first, before the first problem (all of them when ok). */
  readonly entries: number;
  /** The last entry as stored (verified or not). */
  readonly head: AuditHead | undefined;
  /** The first entry that does not check out (or, for a chain cut short, the first missing one), and why. */
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
  /** The fingerprint of the key the ledger is at after its last entry. */
  readonly headKey: string | undefined;
  readonly pinned: Pin | undefined;
  readonly keyChanges: readonly KeyChange[];
  /** The anchor compared with the chain, if one was recorded. */
  readonly anchor: Anchor | undefined;
}

interface Stretch {
  readonly key: string;
  readonly firstSeq: number;
  readonly enteredBy: 'genesis' | 'rotation' | 'adoption';
  /** The entry that brought this key in. */
  readonly at: number;
}

const short = (hash: string): string => `${hash.slice(0, 16)}…`;

/** Walks the chain once; keeps the line of keys, not the rows. */
class ChainWalker {
  readonly stretches: Stretch[] = [];
  readonly keyChanges: KeyChange[] = [];
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  lineKey: string | undefined;

  /** The entry a break is reported at: the missing one when entries are missing. */
  brokenSeq(row: LedgerRow): number {
    return Math.min(row.seq, this.expectedSeq);
  }

  /** Checks one row; returns why it is broken, or undefined and moves on. */
  step(row: LedgerRow): string | undefined {
    if (row.seq !== this.expectedSeq)
      return `entry ${this.expectedSeq} is missing (the next entry stored is ${row.seq})`;
    if (row.prev_hash !== this.prevHash) {
      return row.seq === 1
        ? 'the first entry does not start the chain'
        : `its prev_hash is not the hash of entry ${row.seq - 1} (entries were removed, inserted or reordered before it)`;
    }
    let details: unknown;
    try {
      details = JSON.parse(row.details) as unknown;
    } catch {
      return 'details are not valid JSON';
    }
    const recomputed = entryHash({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      subject: row.subject,
      details,
      prevHash: row.prev_hash,
      publicKey: row.public_key,
    });
    if (recomputed !== row.hash) return 'contents do not match the stored hash (the entry was edited)';
    if (!isHex64(row.public_key) || !verifySignature(row.signature, fromHex(row.hash), row.public_key))
      return 'signature does not verify';
    const reason = this.followKeys(row, (details ?? {}) as Record<string, unknown>);
    if (reason !== undefined) return reason;
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
    return undefined;
  }

  private followKeys(row: LedgerRow, details: Record<string, unknown>): string | undefined {
    const line = this.lineKey;
    if (line === undefined) {
      if (isAdoption(row.action)) return 'a key adoption cannot be the first entry';
      this.stretches.push({ key: row.public_key, firstSeq: row.seq, enteredBy: 'genesis', at: row.seq });
      this.lineKey = row.public_key;
    } else if (isAdoption(row.action)) {
      const previous = details.previousPublicKey;
      if (!isHex64(previous) || previous !== line) {
        return `adopts key ${isHex64(previous) ? keyFingerprint(previous) : '(none named)'}, but the ledger's key at this point is ${keyFingerprint(line)}`;
      }
      this.stretches.push({ key: row.public_key, firstSeq: row.seq, enteredBy: 'adoption', at: row.seq });
      const kind = row.action === KEY_REPLACED ? 'replaced' : 'adopted';
      this.keyChanges.push({
        seq: row.seq,
        kind,
        from: keyFingerprint(line),
        to: keyFingerprint(row.public_key),
        ...(typeof details.reason === 'string' ? { reason: details.reason } : {}),
      });
      this.lineKey = row.public_key;
      return undefined;
    } else if (row.public_key !== line) {
      return `signed by key ${keyFingerprint(row.public_key)}, but the ledger's key at this point is ${keyFingerprint(line)} and no rotation or adoption introduced the new key`;
    }
    if (row.action !== KEY_ROTATED) return undefined;
    const next = details.newPublicKey;
    const proof = details.newKeyProof;
    if (!isHex64(next) || next === row.public_key || typeof proof !== 'string')
      return 'key rotation without a valid new key and its proof';
    const message = rotationProofMessage({
      seq: row.seq,
      prevHash: row.prev_hash,
      previousPublicKey: row.public_key,
      newPublicKey: next,
    });
    if (!verifySignature(proof, message, next))
      return "key rotation: the new key's proof of possession does not verify";
    this.stretches.push({ key: next, firstSeq: row.seq + 1, enteredBy: 'rotation', at: row.seq });
    this.keyChanges.push({
      seq: row.seq,
      kind: 'rotated',
      from: keyFingerprint(row.public_key),
      to: keyFingerprint(next),
    });
    this.lineKey = next;
    return undefined;
  }
}

/** The first entry the pin does not vouch for, if any (see the file comment). */
function untrusted(stretches: readonly Stretch[], pin: Pin): { seq: number; reason: string } | undefined {
  let last = -1;
  stretches.forEach((s, i) => {
    if (keyFingerprint(s.key) === pin.fingerprint) last = i;
  });
  const first = stretches[0];
  if (first === undefined) return undefined;
  if (last === -1) {
    return {
      seq: first.firstSeq,
      reason: `signed by key ${keyFingerprint(first.key)}, not by the pinned key ${pin.fingerprint} (${pin.source}), and no key change in the ledger leads to the pinned key: the ledger was signed again with another key, or the pin belongs to another store`,
    };
  }
  const adopted = stretches.slice(last + 1).find((s) => s.enteredBy === 'adoption');
  if (adopted === undefined) return undefined;
  return {
    seq: adopted.at,
    reason: `key ${keyFingerprint(adopted.key)} takes the ledger over here without the consent of the pinned key ${pin.fingerprint} (${pin.source}); only a rotation signed by a trusted key can bring in a new key after the pinned one`,
  };
}

export function verifyChain(rows: Iterable<LedgerRow>, options: VerifyOptions = {}): VerifyReport {
  const walker = new ChainWalker();
  let broken: { seq: number; reason: string } | undefined;
  let head: AuditHead | undefined;
  let anchoredHash: string | undefined;
  let headFound = false;
  for (const row of rows) {
    head = { seq: row.seq, hash: row.hash, at: row.at };
    if (broken) continue; // keep reading only to learn the stored head
    const reason = walker.step(row);
    if (reason !== undefined) {
      broken = { seq: walker.brokenSeq(row), reason };
      continue;
    }
    if (options.anchor && row.seq === options.anchor.seq) anchoredHash = row.hash;
    if (options.head !== undefined && row.hash === options.head) headFound = true;
  }
  const distrust = options.pin ? untrusted(walker.stretches, options.pin) : undefined;
  // A break in the chain comes first, unless the pin already fails before it.
  if (distrust && (!broken || distrust.seq < broken.seq)) broken = distrust;
  const last = head;
  const { anchor } = options;
  if (!broken && anchor) {
    if (last === undefined || last.seq < anchor.seq) {
      broken = {
        seq: (last?.seq ?? 0) + 1,
        reason: `the ledger ends at entry ${last?.seq ?? 0}, but the anchor (${anchor.file}) records entry ${anchor.seq} (hash ${short(anchor.hash)}, ${new Date(anchor.at).toISOString()}): entries were cut from the end, or an older copy of the database was put back`,
      };
    } else if (anchoredHash !== anchor.hash) {
      broken = {
        seq: anchor.seq,
        reason: `not the entry the anchor (${anchor.file}) recorded here (hash ${short(anchor.hash)}): the ledger was rewritten from this entry or before it`,
      };
    }
  }
  if (!broken && options.head !== undefined && !headFound) {
    broken = {
      seq: (last?.seq ?? 0) + 1,
      reason: `no entry has the head hash you gave (${short(options.head)}); the ledger ends at entry ${last?.seq ?? 0}${last ? ` (hash ${short(last.hash)})` : ''}: entries were cut from the end, or the ledger was rewritten`,
    };
  }
  const entries = broken ? broken.seq - 1 : (last?.seq ?? 0);
  return {
    ok: broken === undefined,
    entries: Math.min(entries, last?.seq ?? 0),
    head,
    ...(broken ? { firstBroken: broken } : {}),
    headKey: walker.lineKey === undefined ? undefined : keyFingerprint(walker.lineKey),
    pinned: options.pin,
    keyChanges: walker.keyChanges,
    anchor,
  };
}
