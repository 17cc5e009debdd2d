/**
 * The anchor: the latest ledger head this installation has seen, kept beside the audit
 * key (so outside the data folder when the key is). A chain cut short at the end, or an
 * older copy of the database put back in place, is still a valid chain; only a record
 * of the head kept elsewhere shows that entries are missing. The anchor is that record,
 * written after each append; `csp audit head` gives the same thing to write down.
 *
 * One anchor file may serve several data folders that share a key, so heads are kept
 * per folder.
 */
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from '../errors';
import type { AuditHead } from './entry';
import { isHex64 } from './hex';

const DAMAGED =
  '; keep a copy if you want to look into it, then remove it: verify then runs without an anchor, and the next entry writes a new one';

export interface Anchor extends AuditHead {
  readonly file: string;
}

interface AnchorFile {
  version: 1;
  stores: Record<string, { seq: number; hash: string; at: number }>;
}

export function anchorPath(keyPath: string): string {
  return keyPath.endsWith('.json') ? `${keyPath.slice(0, -'.json'.length)}.anchor.json` : `${keyPath}.anchor.json`;
}

/** "." for the data folder holding the anchor itself (so the folder can move), else its real path. */
function storeId(file: string, dataDir: string): string {
  const real = (p: string): string => (existsSync(p) ? realpathSync(p) : p);
  const dir = real(dataDir);
  return real(dirname(file)) === dir ? '.' : dir;
}

function readFile(file: string): AnchorFile | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: Partial<AnchorFile>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AnchorFile>;
  } catch (error) {
    throw new StoreError(
      'BAD_INPUT',
      `audit anchor file ${file} is not valid JSON (${(error as Error).message})${DAMAGED}`,
    );
  }
  if (typeof parsed.stores !== 'object' || parsed.stores === null)
    throw new StoreError('BAD_INPUT', `audit anchor file ${file} has no "stores" object${DAMAGED}`);
  return { version: 1, stores: parsed.stores };
}

/** The head recorded for `dataDir`, if any. A damaged anchor file is an error naming it. */
export function readAnchor(file: string, dataDir: string): Anchor | undefined {
  const entry = readFile(file)?.stores[storeId(file, dataDir)];
  if (entry === undefined) return undefined;
  if (!Number.isSafeInteger(entry.seq) || entry.seq < 1 || !isHex64(entry.hash)) {
    throw new StoreError(
      'BAD_INPUT',
      `audit anchor file ${file}: the head recorded for ${dataDir} is malformed${DAMAGED}`,
    );
  }
  return { file, seq: entry.seq, hash: entry.hash, at: Number(entry.at) };
}

/**
 * Records `head` for `dataDir`. By default only moves forward (several processes append,
 * and the slower one must not move the anchor back); `force` sets it as given (restore,
 * re-anchoring). A damaged anchor file is left alone: it is evidence, and verify reports it.
 */
export function writeAnchor(
  file: string,
  dataDir: string,
  head: AuditHead | undefined,
  options: { force?: boolean } = {},
): void {
  let current: AnchorFile | undefined;
  try {
    current = readFile(file);
  } catch {
    return;
  }
  const stores = { ...(current?.stores ?? {}) };
  const id = storeId(file, dataDir);
  const recorded = stores[id];
  if (!options.force && (head === undefined || (recorded !== undefined && recorded.seq >= head.seq))) return;
  if (head === undefined) delete stores[id];
  else stores[id] = { seq: head.seq, hash: head.hash, at: head.at };
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(tmp, `${JSON.stringify({ version: 1, stores } satisfies AnchorFile, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
