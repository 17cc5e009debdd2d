/**
 * The store commands end to end through the real `csp` binary: backup, audit head,
 * audit verify on an intact and a tampered ledger, restore, and a corrupt store.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireHostLock, backupStore, openStore, restoreStore, storePath } from '../../store';

const repo = join(import.meta.dirname, '..', '..', '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'csp-cli-store-'));
  dirs.push(d);
  return d;
}
function csp(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin', 'csp.mjs'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('csp backup / audit / restore', () => {
  it('backs up, prints the head, detects tampering, restores with an entry naming the replaced head', () => {
    const dir = tempDir();
    const store = openStore({ dataDir: dir, actor: 'tester' });
    store.workflows.save({ path: 'a.yaml', name: 'A', content: 'version: 1\nname: A\n' });
    store.workflows.save({ path: 'a.yaml', name: 'A', content: 'version: 1\nname: A2\n' });
    store.close();
    const file = join(dir, 'backup.sqlite');

    const backup = csp(['--data-dir', dir, '--json', 'backup', file]);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.out)).toMatchObject({ file, workflows: 1, auditHead: { seq: 3 } });
    expect(csp(['--data-dir', dir, 'backup', file]).err).toMatch(/already exists; choose another name or pass --force/);

    const head = csp(['--data-dir', dir, '--json', 'audit', 'head']);
    expect(JSON.parse(head.out)).toMatchObject({ seq: 3 });

    // Tamper with entry 2 behind the triggers: verify names it and answers "no".
    const raw = new Database(storePath(dir));
    raw.exec('DROP TRIGGER audit_ledger_no_update');
    raw.prepare("UPDATE audit_ledger SET actor = 'mallory' WHERE seq = 2").run();
    raw.close();
    const broken = csp(['--data-dir', dir, 'audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/broken at entry 2: contents do not match the stored hash/);

    const restored = csp(['--data-dir', dir, '--json', 'restore', file]);
    expect(restored.code).toBe(0);
    const result = JSON.parse(restored.out) as { replacedHead: { seq: number; hash: string }; previousFile: string };
    expect(result.replacedHead.seq).toBe(3);
    const ok = csp(['--data-dir', dir, '--json', 'audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, entries: 4 });
    const after = openStore({ dataDir: dir });
    const last = after.audit.list(0, 10).at(-1);
    after.close();
    expect(last).toMatchObject({
      action: 'store.restored',
      details: { replacedHead: { seq: 3, hash: result.replacedHead.hash } },
    });
  }, 180_000);

  it('refuses a restore while a host runs, and reports a corrupt store clearly', async () => {
    const dir = tempDir();
    const store = openStore({ dataDir: dir });
    store.audit.append({ action: 'x', subject: 'y' });
    const good = join(dir, 'good.sqlite');
    await backupStore(store, good);
    store.close();
    const file = join(dir, 'b.sqlite');
    const lock = acquireHostLock(dir, 5150);
    try {
      expect(() => restoreStore(dir, good)).toThrow(
        /in use by another host \(pid 5150\).*a restore needs the host stopped/,
      );
      expect(() => restoreStore(dir, join(dir, 'missing.sqlite'))).toThrow(/backup file .* does not exist/);
      writeFileSync(file, 'garbage');
      expect(() => restoreStore(dir, file)).toThrow(/not a readable database|not a CSP Studio store/);
    } finally {
      lock.release();
    }
    const other = tempDir();
    writeFileSync(storePath(other), 'definitely not sqlite'.repeat(100));
    const r = csp(['--data-dir', other, 'audit', 'verify']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^csp: .*store\.sqlite is not a readable database .*moved aside/);
    expect(r.err).toContain("mv '");
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  }, 120_000);
});
