/**
 * The audit ledger's promises through the real `csp` binary and real SQLite files: a
 * chain signed again with a fresh key, a deleted entry, reordered entries and a cut-off
 * head all fail `csp audit verify` (exit 1, naming the entry); a proper rotation
 * verifies; the key can be kept outside the data folder.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, storePath } from '../../store';
import { deleteEntry, resignLedger, swapEntries, truncateLedger } from '../../store/__fixtures__/forge-ledger';

const repo = join(import.meta.dirname, '..', '..', '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'csp-cli-audit-'));
  dirs.push(d);
  return d;
}
function csp(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin', 'csp.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CSP_AUDIT_KEY: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** A data folder whose ledger has `n` entries, written by a real store. */
function ledgerWith(n: number): string {
  const dir = tempDir();
  const store = openStore({ dataDir: dir, actor: 'alice' });
  for (let i = 1; i <= n; i++)
    store.audit.append({ action: 'workflow.saved', subject: `workflow:${i}`, details: { i } });
  store.close();
  return dir;
}
function head(dir: string, env: Record<string, string> = {}): { seq: number; hash: string; key: string } {
  const r = csp(['--data-dir', dir, '--json', 'audit', 'head'], env);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { seq: number; hash: string; key: string };
}

describe('csp audit verify', () => {
  it('fails a chain signed again end to end with a fresh key, with one actor changed, at entry 1', () => {
    const dir = ledgerWith(5);
    const ours = head(dir).key;
    expect(csp(['--data-dir', dir, 'audit', 'verify'])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^ok: 5 entries/),
    });
    const forger = resignLedger(storePath(dir), (rows) =>
      rows.map((r) => (r.seq === 3 ? { ...r, actor: 'mallory' } : r)),
    );
    const r = csp(['--data-dir', dir, 'audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `broken at entry 1: signed by key ${forger}, not by the pinned key ${ours} (key file ${join(dir, 'audit-key.json')})`,
    );
    const json = JSON.parse(csp(['--data-dir', dir, '--json', 'audit', 'verify']).out) as {
      ok: boolean;
      firstBroken: { seq: number };
      headKey: string;
    };
    expect(json).toMatchObject({ ok: false, firstBroken: { seq: 1 }, headKey: forger });
    // The forger's own fingerprint as the pin: the anchor beside the key still knows the real head.
    const pinnedForger = csp(['--data-dir', dir, 'audit', 'verify', '--key', forger]);
    expect(pinnedForger.code).toBe(1);
    expect(pinnedForger.out).toMatch(/broken at entry 5: not the entry the anchor .* recorded here/);
  }, 120_000);

  it('fails a row deleted from the middle, rows reordered, and a cut-off head', () => {
    const deleted = ledgerWith(6);
    deleteEntry(storePath(deleted), 3);
    expect(csp(['--data-dir', deleted, 'audit', 'verify'])).toMatchObject({
      code: 1,
      out: expect.stringContaining('broken at entry 3: entry 3 is missing (the next entry stored is 4)'),
    });

    const reordered = ledgerWith(6);
    swapEntries(storePath(reordered), 2, 4);
    expect(csp(['--data-dir', reordered, 'audit', 'verify'])).toMatchObject({
      code: 1,
      out: expect.stringContaining('broken at entry 2: its prev_hash is not the hash of entry 1'),
    });

    const cut = ledgerWith(6);
    const written = head(cut); // what a careful user writes down
    truncateLedger(storePath(cut), 4);
    const r = csp(['--data-dir', cut, 'audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /broken at entry 5: the ledger ends at entry 4, but the anchor \(.*audit-key\.anchor\.json\) records entry 6/,
    );
    // Without the anchor the shorter chain is valid; only the written-down head shows the cut.
    rmSync(join(cut, 'audit-key.anchor.json'));
    expect(csp(['--data-dir', cut, 'audit', 'verify']).code).toBe(0);
    const withHead = csp(['--data-dir', cut, 'audit', 'verify', '--key', written.key, '--head', written.hash]);
    expect(withHead.code).toBe(1);
    expect(withHead.out).toContain('broken at entry 5: no entry has the head hash you gave');
  }, 180_000);

  it('accepts a proper rotation, from the key file and from a fingerprint written down before it', () => {
    const dir = ledgerWith(3);
    const before = head(dir);
    const rotated = csp(['--data-dir', dir, 'audit', 'rotate-key']);
    expect(rotated.code, rotated.err).toBe(0);
    const after = head(dir);
    expect(after.key).not.toBe(before.key);
    expect(rotated.out).toContain(`rotated the audit key at entry 4: ${before.key} -> ${after.key}`);
    const keyFile = join(dir, 'audit-key.json');
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({
      fingerprint: after.key,
      previous: [{ fingerprint: before.key }],
    });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFile}.next`)).toBe(false);
    const store = openStore({ dataDir: dir, actor: 'alice' });
    store.audit.append({ action: 'after', subject: 'rotation' });
    store.close();
    const ok = csp(['--data-dir', dir, 'audit', 'verify']);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain(`key rotated at entry 4: ${before.key} -> ${after.key}`);
    expect(csp(['--data-dir', dir, 'audit', 'verify', '--key', before.key, '--head', before.hash]).code).toBe(0);
    // A rotation of a ledger that does not verify is refused: it would sign on top of a forgery.
    resignLedger(storePath(dir), (rows) => rows);
    const refused = csp(['--data-dir', dir, 'audit', 'rotate-key']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/the ledger does not verify \(entry 1: .*\); a key rotation would sign on top of it/);
  }, 180_000);

  it('refuses audited writes under a key file holding another key, until the user adopts the ledger explicitly', () => {
    const dir = ledgerWith(2);
    const ledgerKey = head(dir).key;
    const other = ledgerWith(1);
    copyFileSync(join(other, 'audit-key.json'), join(dir, 'audit-key.json'));
    const fileKey = head(other).key;
    const refused = csp(['--data-dir', dir, 'backup', join(dir, 'b.sqlite')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `holds key ${fileKey}, but the ledger is signed with key ${ledgerKey}; nothing was recorded`,
    );
    expect(refused.err).toContain(`csp audit adopt-key --accept-key ${ledgerKey}`);
    expect(csp(['--data-dir', dir, 'audit', 'verify']).code).toBe(1); // the pin (the key file) never signed this ledger
    const wrong = csp(['--data-dir', dir, 'audit', 'adopt-key', '--accept-key', fileKey]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/does not verify under key/);
    const adopted = csp(['--data-dir', dir, 'audit', 'adopt-key', '--accept-key', ledgerKey]);
    expect(adopted.code, adopted.err).toBe(0);
    expect(adopted.out).toContain('entry 3: the installation key now holds the ledger (it vouches for entries 1-2)');
    const verify = csp(['--data-dir', dir, 'audit', 'verify']);
    expect(verify.code, verify.out + verify.err).toBe(0);
    expect(verify.out).toContain(
      `key adopted at entry 3: ${ledgerKey} -> ${fileKey} (adopted with csp audit adopt-key)`,
    );
    expect(csp(['--data-dir', dir, 'backup', join(dir, 'b.sqlite')]).code).toBe(0);
  }, 180_000);

  it('keeps the key outside the data folder with CSP_AUDIT_KEY, and never starts a new one silently', () => {
    const dir = tempDir();
    const keyDir = tempDir();
    const env = { CSP_AUDIT_KEY: join(keyDir, 'studio-key.json') };
    expect(csp(['--data-dir', dir, 'backup', join(dir, 'b1.sqlite')], env).code).toBe(0);
    expect(existsSync(join(dir, 'audit-key.json'))).toBe(false);
    expect(statSync(join(keyDir, 'studio-key.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(keyDir, 'studio-key.anchor.json'))).toBe(true);
    expect(csp(['--data-dir', dir, 'audit', 'verify'], env)).toMatchObject({
      code: 0,
      out: expect.stringContaining(`(key file ${env.CSP_AUDIT_KEY})`),
    });
    // A shell without the variable finds the folder's note, and refuses instead of making a key.
    const bare = csp(['--data-dir', dir, 'backup', join(dir, 'b2.sqlite')]);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain(`this data folder's key is kept outside it (last used at ${env.CSP_AUDIT_KEY})`);
    expect(existsSync(join(dir, 'audit-key.json'))).toBe(false);
    expect(csp(['--data-dir', dir, 'audit', 'verify']).err).toMatch(/no key to verify the ledger against/);
    expect(csp(['--data-dir', dir, 'audit', 'verify', '--key', head(dir, env).key]).code).toBe(0);
    expect(csp(['--data-dir', dir, 'audit', 'verify'], { CSP_AUDIT_KEY: 'relative/key.json' }).err).toContain(
      'CSP_AUDIT_KEY must be an absolute path',
    );
  }, 180_000);
});
