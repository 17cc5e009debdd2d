/**
 * The installation's Ed25519 audit key: where its file is, reading it, creating it and
 * replacing it atomically on rotation. The key file is the ledger's pin: verification
 * accepts only chains that lead to the key in this file (docs/store.md, "The audit
 * ledger"). By default it lives in the data folder; `CSP_AUDIT_KEY` keeps it elsewhere,
 * so that whoever can write the data folder cannot also replace the pin.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { AUDIT_KEY_FILE } from '../paths';
import { StoreError } from '../errors';
import { fromHex, isHex64, keyFingerprint, toHex } from './hex';
import { ed25519PublicKey } from './public-key';

export { fromHex, toHex } from './hex';

export const AUDIT_KEY_ENV = 'CSP_AUDIT_KEY';
/** Left in the data folder once its key is used from outside it, so a shell without CSP_AUDIT_KEY does not start a new key. */
export const KEY_LOCATION_FILE = 'audit-key-location.json';

/** A key this installation used before a rotation (public half only; the secret is gone). */
export interface RetiredKey {
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly retiredAt: string;
  /** The ledger entry that rotated it out. */
  readonly ledgerSeq: number;
}

export interface AuditKey {
  readonly secretKey: Uint8Array;
  readonly publicKeyHex: string;
  readonly fingerprint: string;
  readonly path: string;
  readonly previous: readonly RetiredKey[];
}

export interface KeyLocation {
  readonly path: string;
  readonly source: 'env' | 'data-folder';
  /** The data folder says its key is kept outside it (last seen at this path), but CSP_AUDIT_KEY is not set. */
  readonly keptOutsideAt?: string;
}

/** Where the audit key of `dataDir` is: `$CSP_AUDIT_KEY` (a file, or a folder holding audit-key.json), else the data folder. */
export function auditKeyLocation(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyLocation {
  const fromEnv = env[AUDIT_KEY_ENV]?.trim();
  if (fromEnv) {
    if (!isAbsolute(fromEnv))
      throw new StoreError('BAD_INPUT', `${AUDIT_KEY_ENV} must be an absolute path (it is '${fromEnv}')`);
    const isDir = fromEnv.endsWith('/') || (existsSync(fromEnv) && statSync(fromEnv).isDirectory());
    return { path: isDir ? join(fromEnv, AUDIT_KEY_FILE) : fromEnv, source: 'env' };
  }
  const path = join(dataDir, AUDIT_KEY_FILE);
  const marker = join(dataDir, KEY_LOCATION_FILE);
  if (!existsSync(path) && existsSync(marker)) {
    let lastPath = '(unknown)';
    try {
      const parsed = JSON.parse(readFileSync(marker, 'utf8')) as { lastPath?: unknown };
      if (typeof parsed.lastPath === 'string') lastPath = parsed.lastPath;
    } catch {
      // only a hint for the message; an unreadable marker still means "kept outside"
    }
    return { path, source: 'data-folder', keptOutsideAt: lastPath };
  }
  return { path, source: 'data-folder' };
}

/** Records in the data folder that its key is used from `keyPath` (a hint for messages; never trusted as a pin). */
export function noteKeyKeptOutside(dataDir: string, keyPath: string): void {
  const marker = join(dataDir, KEY_LOCATION_FILE);
  try {
    if (existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { lastPath?: unknown }).lastPath === keyPath)
      return;
  } catch {
    // rewrite an unreadable marker below
  }
  writeFileSync(marker, `${JSON.stringify({ keptOutside: true, lastPath: keyPath }, null, 2)}\n`);
}

function parseRetired(value: unknown): RetiredKey[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    const r = v as Partial<RetiredKey> | null;
    if (!r || !isHex64(r.publicKey)) return [];
    return [
      {
        publicKey: r.publicKey,
        fingerprint: keyFingerprint(r.publicKey),
        retiredAt: String(r.retiredAt ?? ''),
        ledgerSeq: Number(r.ledgerSeq ?? 0),
      },
    ];
  });
}

/** Reads a key file, or returns undefined when there is none. Bad contents are a BAD_INPUT error naming the file. */
export function readKeyFile(path: string): AuditKey | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: { secretKey?: unknown; publicKey?: unknown; previous?: unknown };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed;
  } catch (error) {
    throw new StoreError('BAD_INPUT', `audit key file ${path} is not valid JSON (${(error as Error).message})`);
  }
  if (!isHex64(parsed.secretKey))
    throw new StoreError('BAD_INPUT', `audit key file ${path} has no valid "secretKey" (64 hex digits)`);
  const secretKey = fromHex(parsed.secretKey);
  const publicKeyHex = toHex(ed25519PublicKey(secretKey));
  if (parsed.publicKey !== undefined && parsed.publicKey !== publicKeyHex) {
    throw new StoreError(
      'BAD_INPUT',
      `audit key file ${path}: "publicKey" does not belong to "secretKey" (the file was edited)`,
    );
  }
  return {
    secretKey,
    publicKeyHex,
    fingerprint: keyFingerprint(publicKeyHex),
    path,
    previous: parseRetired(parsed.previous),
  };
}

/** An Ed25519 secret key is any 32 random bytes (the RFC 8032 seed). */
function randomSecretKey(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

function keyBody(secretKey: Uint8Array, now: number, previous: readonly RetiredKey[]): string {
  const publicKey = toHex(ed25519PublicKey(secretKey));
  const body = {
    version: 1,
    algorithm: 'ed25519',
    createdAt: new Date(now).toISOString(),
    publicKey,
    fingerprint: keyFingerprint(publicKey),
    secretKey: toHex(secretKey),
    previous,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function writeSecretFile(path: string, body: string): void {
  writeFileSync(path, body, { mode: 0o600, flag: 'wx' }); // 'wx': never overwrite a key that appeared meanwhile
  chmodSync(path, 0o600); // the umask may have narrowed it further, never widened; make it exact
}

/** Creates a new key file with mode 0600; fails if one appeared meanwhile. */
export function createKeyFile(path: string, now: number): AuditKey {
  const secretKey = randomSecretKey();
  writeSecretFile(path, keyBody(secretKey, now, []));
  const key = readKeyFile(path);
  if (!key) throw new StoreError('NOT_FOUND', `audit key file ${path} vanished right after it was written`);
  return key;
}

/** Where a rotation keeps the new key until the ledger has recorded it. */
export function nextKeyPath(path: string): string {
  return `${path}.next`;
}

/** Writes the successor of `current` to `<path>.next` (replacing a stale one); the caller promotes it once the rotation is committed. */
export function writeNextKey(current: AuditKey, now: number, retiredAtSeq: number): AuditKey {
  const next = nextKeyPath(current.path);
  rmSync(next, { force: true });
  const retired: RetiredKey = {
    publicKey: current.publicKeyHex,
    fingerprint: current.fingerprint,
    retiredAt: new Date(now).toISOString(),
    ledgerSeq: retiredAtSeq,
  };
  writeSecretFile(next, keyBody(randomSecretKey(), now, [...current.previous, retired]));
  const key = readKeyFile(next);
  if (!key) throw new StoreError('NOT_FOUND', `audit key file ${next} vanished right after it was written`);
  return { ...key, path: current.path };
}

/** Atomically replaces the key file with `<path>.next` (a rename: the old secret is gone with it). */
export function promoteNextKey(path: string): void {
  try {
    renameSync(nextKeyPath(path), path);
  } catch (error) {
    // Another process finishing the same rotation got there first.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The pending successor key, if a rotation was interrupted between the ledger commit and the rename. */
export function readNextKey(path: string): AuditKey | undefined {
  const key = readKeyFile(nextKeyPath(path));
  return key && { ...key, path };
}

/** Drops a `.next` key the ledger never recorded (a rotation that failed before its commit). */
export function discardNextKey(path: string): void {
  rmSync(nextKeyPath(path), { force: true });
}
