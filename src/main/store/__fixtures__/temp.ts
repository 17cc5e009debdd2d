/** Temporary data folders for tests, removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore } from '../store';
import type { Store, OpenStoreOptions } from '../store';

const dirs: string[] = [];
const stores: Store[] = [];

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'csp-store-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A store in a fresh folder with a settable clock. */
export function tempStore(options: Partial<OpenStoreOptions> = {}): {
  store: Store;
  dir: string;
  clock: { t: number };
} {
  const dir = options.dataDir ?? tempDir();
  const clock = { t: 1_764_000_000_000 };
  const store = openStore({ dataDir: dir, now: () => clock.t, actor: 'tester', ...options });
  stores.push(store);
  return { store, dir, clock };
}
