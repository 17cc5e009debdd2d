/**
 * What one ledger entry is, the bytes its hash covers, and the entries that change the
 * signing key. Shared by the ledger (which writes entries) and the verifier (which only
 * reads rows, from the live store or from a backup file).
 */
import { createHash, createPrivateKey, createPublicKey, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical';
import { fromHex, toHex } from './hex';
import { ed25519PublicKey } from './public-key';

export const GENESIS_HASH = '0'.repeat(64);

/** Signed by the old key, naming the new key; carries the new key's proof of possession. */
export const KEY_ROTATED = 'audit.key-rotated';
/** Signed by the new key, naming the old one: the new key vouches for the chain before it. */
export const KEY_ADOPTED = 'audit.key-adopted';
/** An adoption made automatically because the key file was missing (older stores have these too). */
export const KEY_REPLACED = 'audit.key-replaced';
/** The anchor was moved back to the current head on request (after a known loss of entries). */
export const REANCHORED = 'audit.reanchored';

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

/** A row of the audit_ledger table as SQLite returns it. */
export interface LedgerRow {
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

export function fromRow(r: LedgerRow): AuditEntry {
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

export function signHash(hash: string, secretKey: Uint8Array): string {
  return signMessage(fromHex(hash), secretKey);
}

// A ledger has few keys; importing each once keeps verification at OpenSSL speed
// (about 20x faster than verifying in JavaScript, which matters for long ledgers).
const publicKeys = new Map<string, KeyObject>();

function publicKeyObject(publicKeyHex: string): KeyObject {
  let key = publicKeys.get(publicKeyHex);
  if (key === undefined) {
    const x = Buffer.from(publicKeyHex, 'hex').toString('base64url');
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (publicKeys.size > 64) publicKeys.clear();
    publicKeys.set(publicKeyHex, key);
  }
  return key;
}

/** Strict RFC 8032 verification; false for malformed hex or keys as well as for a wrong signature. */
export function verifySignature(signatureHex: string, message: Uint8Array, publicKeyHex: string): boolean {
  if (!/^[0-9a-f]{128}$/.test(signatureHex) || !/^[0-9a-f]{64}$/.test(publicKeyHex)) return false;
  try {
    return cryptoVerify(null, message, publicKeyObject(publicKeyHex), Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

const privateKeys = new Map<string, KeyObject>();

/** Ed25519 signatures are deterministic, so OpenSSL gives the same bytes as any other implementation, faster. */
export function signMessage(message: Uint8Array, secretKey: Uint8Array): string {
  const seed = toHex(secretKey);
  let key = privateKeys.get(seed);
  if (key === undefined) {
    const jwk = {
      kty: 'OKP',
      crv: 'Ed25519',
      d: Buffer.from(secretKey).toString('base64url'),
      x: Buffer.from(ed25519PublicKey(secretKey)).toString('base64url'),
    };
    key = createPrivateKey({ key: jwk, format: 'jwk' });
    if (privateKeys.size > 8) privateKeys.clear();
    privateKeys.set(seed, key);
  }
  return toHex(cryptoSign(null, message, key));
}

/**
 * What the new key signs when it is rotated in: the place in the chain (seq and the
 * previous entry's hash) and both keys. Binding the place means the proof cannot be
 * lifted into another chain or another position.
 */
export function rotationProofMessage(p: {
  seq: number;
  prevHash: string;
  previousPublicKey: string;
  newPublicKey: string;
}): Uint8Array {
  const body = canonicalJson({ purpose: 'csp-audit-key-rotation', v: 1, ...p });
  return new TextEncoder().encode(body);
}

export function isAdoption(action: string): boolean {
  return action === KEY_ADOPTED || action === KEY_REPLACED;
}
