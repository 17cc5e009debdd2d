import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/main/store';

const root = join(__dirname, '..');

// What the folder held when this file was loaded, before any test of it ran. In the `shared`
// vitest project a worker runs file after file; the setup file must still give each its own.
const atLoad = process.env.CSP_DATA_DIR;
const heldAtLoad = atLoad !== undefined && existsSync(atLoad) ? readdirSync(atLoad) : undefined;

describe("each test file's own data folder (test-data-dir.mjs)", () => {
  it('is made afresh for this file: it exists and is empty when the file is loaded', () => {
    expect(heldAtLoad).toEqual([]);
  });

  it('a csp child spawned without --data-dir records into this file’s temp folder, not the real store', () => {
    const dataDir = process.env.CSP_DATA_DIR;
    expect(dataDir).toBeDefined();
    expect(dataDir!.startsWith(join(tmpdir(), 'csp-test-data-'))).toBe(true);
    expect(dataDir!.startsWith(homedir())).toBe(false);
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'bin/csp.mjs'),
        '--json',
        'run',
        'resources/examples/dining-philosophers-butler.yaml',
        '--steps',
        '5',
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { runId } = JSON.parse(r.stdout) as { runId: number };
    expect(existsSync(join(dataDir!, 'store.sqlite'))).toBe(true);
    const store = openStore({ dataDir: dataDir!, role: 'cli' });
    try {
      expect(store.runs.get(runId).lastSeq).toBe(5);
    } finally {
      store.close();
    }
  });
});
