/**
 * The installation's Ed25519 audit key. It lives in `audit-key.json` (mode 0600) in the
 * data folder, outside the database file, so a copy of the database alone (a backup, a
 * file sent for support) cannot be used to forge entries. It is not a secret from the
 * local user or root: see docs/store.md, "Threat model of the audit ledger".
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_KEY_FILE } from '../paths';
import { StoreError } from '../errors';

export interface AuditKey {
  readonly secretKey: Uint8Array;
  readonly publicKeyHex: string;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function auditKeyPath(dataDir: string): string {
  return join(dataDir, AUDIT_KEY_FILE);
}

/** Reads the key file, or returns undefined when there is none. */
export function readAuditKey(dataDir: string): AuditKey | undefined {
  const path = auditKeyPath(dataDir);
  if (!existsSync(path)) return undefined;
  let parsed: { secretKey?: unknown };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as { secretKey?: unknown };
  } catch (error) {
    throw new StoreError('BAD_INPUT', `audit key file ${path} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed.secretKey !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.secretKey)) {
    throw new StoreError('BAD_INPUT', `audit key file ${path} has no valid "secretKey" (64 hex digits)`);
  }
  const secretKey = fromHex(parsed.secretKey);
  return { secretKey, publicKeyHex: toHex(ed25519.getPublicKey(secretKey)) };
}

/** Creates a new key file with mode 0600; fails if one appeared meanwhile ('wx'). */
export function createAuditKey(dataDir: string, now: number): AuditKey {
  const secretKey = ed25519.utils.randomSecretKey();
  const publicKeyHex = toHex(ed25519.getPublicKey(secretKey));
  const path = auditKeyPath(dataDir);
  const body = { version: 1, algorithm: 'ed25519', createdAt: new Date(now).toISOString(), publicKey: publicKeyHex, secretKey: toHex(secretKey) };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600); // the umask may have narrowed it further, never widened; make it exact
  return { secretKey, publicKeyHex };
}
