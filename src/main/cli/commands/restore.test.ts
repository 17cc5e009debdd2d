/**
 * `csp restore` and the audit key, through the real binary: a backup signed with a key
 * this installation does not know is refused (exit 1, both fingerprints named) unless
 * the user accepts that key; accepted, the ledger continues under the installation key
 * and verifies; a backup of this installation made before a key rotation needs no
 * acceptance; a backup whose chain is broken is refused even when accepted.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store';
import { resignLedger } from '../../store/__fixtures__/forge-ledger';

const repo = join(import.meta.dirname, '..', '..', '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'csp-cli-restore-'));
  dirs.push(d);
  return d;
}
function csp(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin', 'csp.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CSP_AUDIT_KEY: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** An installation (data folder + key) with a saved workflow and `n` more ledger entries. */
function installation(actor: string, n: number): string {
  const dir = tempDir();
  const store = openStore({ dataDir: dir, actor });
  store.workflows.save({ path: `${actor}.yaml`, name: actor, content: `version: 1\nname: ${actor}\n` });
  for (let i = 0; i < n; i++) store.audit.append({ action: 'settings.changed', subject: `setting:${i}` });
  store.close();
  return dir;
}
function headOf(dir: string): { seq: number; hash: string; key: string } {
  return JSON.parse(csp(['--data-dir', dir, '--json', 'audit', 'head']).out) as {
    seq: number;
    hash: string;
    key: string;
  };
}

describe('csp restore and the audit key', () => {
  it('refuses a backup signed with another key unless it is accepted; accepted, verify passes', () => {
    const ours = installation('alice', 2);
    const theirs = installation('bob', 3);
    const file = join(theirs, 'bob.sqlite');
    expect(csp(['--data-dir', theirs, 'backup', file]).code).toBe(0);
    const before = headOf(ours);
    const theirKey = headOf(theirs).key;

    const refused = csp(['--data-dir', ours, 'restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`is signed with key ${theirKey}, not with this installation's key ${before.key}`);
    expect(refused.err).toContain(`run again with --accept-key ${theirKey}`);
    expect(headOf(ours)).toEqual(before); // nothing was touched
    const wrong = csp(['--data-dir', ours, 'restore', file, '--accept-key', before.key]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(
      `--accept-key ${before.key} is not the key the backup's ledger is signed with (${theirKey})`,
    );

    const accepted = csp(['--data-dir', ours, '--json', 'restore', file, '--accept-key', theirKey]);
    expect(accepted.code, accepted.err).toBe(0);
    const result = JSON.parse(accepted.out) as {
      backupKey: string;
      keyAdopted: { seq: number; from: string; to: string };
    };
    expect(result).toMatchObject({ backupKey: theirKey, keyAdopted: { seq: 6, from: theirKey, to: before.key } });
    const verify = csp(['--data-dir', ours, 'audit', 'verify']);
    expect(verify.code, verify.out + verify.err).toBe(0);
    expect(verify.out).toContain(
      `key adopted at entry 6: ${theirKey} -> ${before.key} (restored a backup signed by another key)`,
    );
    expect(headOf(ours)).toMatchObject({ seq: 7, key: before.key });
    // Pinned to the other installation's key, the adoption is a takeover it never agreed to.
    expect(csp(['--data-dir', ours, 'audit', 'verify', '--key', theirKey]).code).toBe(1);
  }, 240_000);

  it('into a fresh data folder (no key yet) only with --accept-key, which makes the new key adopt the ledger', () => {
    const theirs = installation('bob', 1);
    const file = join(theirs, 'bob.sqlite');
    expect(csp(['--data-dir', theirs, 'backup', file]).code).toBe(0);
    const theirKey = headOf(theirs).key;
    const fresh = tempDir();
    const refused = csp(['--data-dir', fresh, 'restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `not with this installation's key (there is none yet at ${join(fresh, 'audit-key.json')})`,
    );
    const ok = csp(['--data-dir', fresh, '--json', 'restore', file, '--accept-key', theirKey]);
    expect(ok.code, ok.err).toBe(0);
    const ourKey = headOf(fresh).key;
    expect(ourKey).not.toBe(theirKey);
    expect(JSON.parse(ok.out)).toMatchObject({ keyAdopted: { from: theirKey, to: ourKey } });
    expect(csp(['--data-dir', fresh, 'audit', 'verify']).code).toBe(0);
  }, 180_000);

  it('refuses a forged backup of our own store (signed again with a fresh key)', () => {
    const ours = installation('alice', 3);
    const file = join(ours, 'backup.sqlite');
    expect(csp(['--data-dir', ours, 'backup', file]).code).toBe(0);
    const forger = resignLedger(file, (rows) => rows.map((r) => (r.seq === 2 ? { ...r, actor: 'mallory' } : r)));
    const r = csp(['--data-dir', ours, 'restore', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `is signed with key ${forger}, not with this installation's key ${headOf(ours).key} (${join(ours, 'audit-key.json')}); nothing was restored`,
    );
    expect(r.err).toContain('if you made it here, it has been altered');
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('refuses a backup whose chain is broken, even with --accept-key', () => {
    const ours = installation('alice', 3);
    const file = join(ours, 'backup.sqlite');
    expect(csp(['--data-dir', ours, 'backup', file]).code).toBe(0);
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_ledger_no_update');
    raw.prepare("UPDATE audit_ledger SET actor = 'mallory' WHERE seq = 2").run();
    raw.close();
    const r = csp(['--data-dir', ours, 'restore', file, '--accept-key', headOf(ours).key]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /the audit ledger in .*backup\.sqlite does not verify \(entry 2: contents do not match the stored hash/,
    );
  }, 120_000);

  it('restores a backup made before a key rotation without asking (the key file lists its earlier keys)', () => {
    const ours = installation('alice', 1);
    const file = join(ours, 'old.sqlite');
    expect(csp(['--data-dir', ours, 'backup', file]).code).toBe(0);
    const oldKey = headOf(ours).key;
    expect(csp(['--data-dir', ours, 'audit', 'rotate-key']).code).toBe(0);
    const newKey = headOf(ours).key;
    const r = csp(['--data-dir', ours, 'restore', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`this installation's key ${newKey} now holds the ledger signed with ${oldKey}`);
    // The older backup is a shorter chain than the anchor recorded; restore moved the anchor on purpose.
    expect(csp(['--data-dir', ours, 'audit', 'verify']).code).toBe(0);
  }, 180_000);
});
