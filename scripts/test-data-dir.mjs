/**
 * vitest runs this before each test file (setupFiles in vitest.config.ts): the
 * file gets a data folder of its own as CSP_DATA_DIR, removed after it. A `csp`
 * child spawned without --data-dir (`csp run` records by default) then writes
 * there, never into the developer's real store, nor into a folder that another
 * test file running at the same time (maxWorkers 2) also uses. Children inherit
 * it through process.env, as they inherit CSP_AUDIT_KEY.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-test-data-'));
process.env.CSP_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
