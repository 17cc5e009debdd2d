/**
 * Which key signs the next ledger entry. The ledger is "at" a key (the key of its head,
 * or the one its last rotation named); an append signs with the key file only when the
 * file holds that key. The cases around it:
 *  - a rotation interrupted between its commit and the rename of `<key>.next`: finished here;
 *  - no key file in the data folder (it was lost): a new key is made and the change is
 *    recorded (`audit.key-replaced`), so saves keep working and verify shows the change;
 *  - no key file where `CSP_AUDIT_KEY` (or the data folder's note) says it is kept: refused,
 *    because the key is probably on a drive that is not mounted;
 *  - a key file holding another key: refused, naming both fingerprints.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from '../errors';
import { keyFingerprint } from './hex';
import type { AuditKey, KeyLocation } from './key';
import {
  AUDIT_KEY_ENV,
  auditKeyLocation,
  createKeyFile,
  noteKeyKeptOutside,
  promoteNextKey,
  readKeyFile,
  readNextKey,
} from './key';

export interface Signer {
  readonly key: AuditKey;
  /** Set when the key file was missing and a new key was made: the key the ledger was at. */
  readonly replaces?: string;
}

function missingKeyError(location: KeyLocation, lineKey: string): StoreError {
  const where =
    location.source === 'env'
      ? `${location.path} (from ${AUDIT_KEY_ENV})`
      : `${location.path}; this data folder's key is kept outside it (last used at ${location.keptOutsideAt ?? '?'}) — set ${AUDIT_KEY_ENV} to that file`;
  return new StoreError(
    'AUDIT_KEY',
    `the audit key file is missing: ${where}. The ledger is signed with key ${keyFingerprint(lineKey)}; nothing was recorded`,
    { path: location.path },
  );
}

export function mismatchError(key: AuditKey, lineKey: string): StoreError {
  return new StoreError(
    'AUDIT_KEY',
    `the audit key file ${key.path} holds key ${key.fingerprint}, but the ledger is signed with key ${keyFingerprint(lineKey)}; nothing was recorded. ` +
      `Point ${AUDIT_KEY_ENV} at the key file of this store; if the ledger was not expected to change keys, run \`csp audit verify\` before anything else. ` +
      `To continue the ledger under the key in ${key.path}, run \`csp audit adopt-key --accept-key ${keyFingerprint(lineKey)}\``,
    { path: key.path },
  );
}

/** Reads the installation key; when `create`, makes one if it is missing (creating the folder of a CSP_AUDIT_KEY path). */
export function installationKey(
  dataDir: string,
  now: number,
  create: boolean,
): { key: AuditKey | undefined; location: KeyLocation } {
  const location = auditKeyLocation(dataDir);
  const key = readKeyFile(location.path);
  if (key || !create) return { key, location };
  if (location.source === 'env' && !existsSync(dirname(location.path)))
    mkdirSync(dirname(location.path), { recursive: true, mode: 0o700 });
  return { key: createKeyFile(location.path, now), location };
}

/** The key to sign with when the ledger is at `lineKey` (undefined: an empty ledger). Call inside the append's transaction. */
export function signerFor(
  dataDir: string,
  lineKey: string | undefined,
  cached: AuditKey | undefined,
  now: number,
): Signer {
  if (cached && (lineKey === undefined || cached.publicKeyHex === lineKey)) return { key: cached };
  const location = auditKeyLocation(dataDir);
  let key = readKeyFile(location.path);
  if (lineKey !== undefined && key?.publicKeyHex !== lineKey && readNextKey(location.path)?.publicKeyHex === lineKey) {
    promoteNextKey(location.path);
    key = readKeyFile(location.path);
  }
  let replaces: string | undefined;
  if (key === undefined) {
    if (lineKey !== undefined && (location.source === 'env' || location.keptOutsideAt !== undefined))
      throw missingKeyError(location, lineKey);
    key = installationKey(dataDir, now, true).key;
    if (key === undefined) throw new StoreError('AUDIT_KEY', `could not create the audit key file ${location.path}`);
    replaces = lineKey;
  } else if (lineKey !== undefined && key.publicKeyHex !== lineKey) {
    throw mismatchError(key, lineKey);
  }
  if (location.source === 'env') noteKeyKeptOutside(dataDir, location.path);
  return replaces === undefined ? { key } : { key, replaces };
}
