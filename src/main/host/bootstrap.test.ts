import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapHost, HostStartError } from './bootstrap';
import type { RunningHost } from './bootstrap';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'csp-host-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function start(dataDir: string): RunningHost {
  const running = bootstrapHost({ mode: 'web', version: '0.0.0-test', dataDir });
  cleanups.push(() => running.close());
  return running;
}

describe('bootstrapHost', () => {
  it('creates and opens the store in the data folder', () => {
    const dir = tempDir();
    const { host } = start(dir);
    const status = host.storeStatus();
    expect(status.status).toBe('open');
    if (status.status === 'open') {
      expect(status.path).toBe(join(dir, 'store.sqlite'));
      expect(status.schemaVersion).toBeGreaterThan(0);
    }
    expect(host.store?.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a second host on the same folder with a clear message, and allows one after close', () => {
    const dir = tempDir();
    const first = start(dir);
    expect(() => bootstrapHost({ mode: 'web', version: 'x', dataDir: dir })).toThrow(HostStartError);
    expect(() => bootstrapHost({ mode: 'web', version: 'x', dataDir: dir })).toThrow(/already in use by another host/);
    first.close();
    expect(start(dir).host.storeStatus().status).toBe('open');
  });
});
