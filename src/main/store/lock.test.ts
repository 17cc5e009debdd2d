import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireHostLock, withHostLockIfFree } from './lock';
import { HostLockedError } from './errors';
import { openStore } from './store';
import { startFixture, waitExit } from './__fixtures__/child';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'csp-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('host lock', () => {
  it('refuses a second host in the same process, naming the holder pid', () => {
    const dir = tempDir();
    const lock = acquireHostLock(dir, 4242);
    try {
      expect(() => acquireHostLock(dir)).toThrow(HostLockedError);
      expect(() => acquireHostLock(dir)).toThrow(/in use by another host \(pid 4242\)/);
    } finally {
      lock.release();
    }
    const again = acquireHostLock(dir);
    expect(again.pid).toBe(process.pid);
    again.release();
  });

  it('refuses while a real child process holds it, and takes over after kill -9', async () => {
    const dir = tempDir();
    const { child, firstLine } = await startFixture('hold-lock', [dir]);
    expect(firstLine).toBe(`locked ${child.pid}`);
    let refused: unknown;
    try {
      acquireHostLock(dir).release();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HostLockedError);
    expect((refused as HostLockedError).otherPid).toBe(child.pid);

    child.kill('SIGKILL');
    await waitExit(child);
    // The kernel dropped the dead process's lock; host.pid still names it, and is ignored.
    const lock = acquireHostLock(dir);
    expect(lock.pid).toBe(process.pid);
    lock.release();
  }, 90_000);

  it('a child host refuses while this process holds the lock', async () => {
    const dir = tempDir();
    const lock = acquireHostLock(dir);
    try {
      const { child, firstLine } = await startFixture('hold-lock', [dir]);
      expect(firstLine).toMatch(new RegExp(`^refused .*pid ${process.pid}`));
      expect(await waitExit(child)).toBe(3);
    } finally {
      lock.release();
    }
  }, 90_000);

  it('a probe (CLI check) does not overwrite host.pid, which names real hosts only', () => {
    const dir = tempDir();
    acquireHostLock(dir, 777).release();
    acquireHostLock(dir, { pid: 888, probe: true }).release();
    expect(readFileSync(join(dir, 'host.pid'), 'utf8').trim()).toBe('777');
    const held = acquireHostLock(dir, { pid: 999, waitMs: 0 });
    try {
      expect(() => acquireHostLock(dir, { waitMs: 50 })).toThrow(/pid 999/);
    } finally {
      held.release();
    }
  });

  it('ignores a garbage pid file and a stale lock file from a dead process', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'host.pid'), 'not a pid');
    const lock = acquireHostLock(dir);
    lock.release();
    expect(withHostLockIfFree(dir, () => 7)).toEqual({ free: true, value: 7 });
  });

  it('a host store holds the lock while a CLI store still opens the same folder', () => {
    const dir = tempDir();
    const host = openStore({ dataDir: dir, role: 'host' });
    try {
      expect(host.isHost).toBe(true);
      expect(() => openStore({ dataDir: dir, role: 'host' })).toThrow(HostLockedError);
      expect(withHostLockIfFree(dir, () => 1)).toEqual({ free: false });
      const cli = openStore({ dataDir: dir, role: 'cli' });
      expect(cli.isHost).toBe(false);
      cli.close();
    } finally {
      host.close();
    }
    const next = openStore({ dataDir: dir, role: 'host' });
    next.close();
  });
});
