import { describe, expect, it } from 'vitest';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { workerEntry } from './worker-entry';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');

describe('workerEntry', () => {
  it('from the TypeScript sources (tests, npm run dev): the tsx boot file beside the module', () => {
    for (const area of ['runtime', 'check'] as const) {
      const here = pathToFileURL(join(root, `src/main/${area}/some-module.ts`)).href;
      const file = fileURLToPath(workerEntry(here, area));
      expect(file).toBe(join(root, `src/main/${area}/worker-boot.mjs`));
      expect(existsSync(file)).toBe(true);
    }
  });

  it('from a build: the built worker beside the chunk that asks, never the sources', () => {
    const build = mkdtempSync(join(tmpdir(), 'csp-worker-entry-'));
    try {
      for (const name of ['check-worker.js', 'runtime-worker.js']) writeFileSync(join(build, name), '');
      const here = pathToFileURL(join(build, 'runner-AbC123.js')).href;
      expect(fileURLToPath(workerEntry(here, 'check'))).toBe(join(build, 'check-worker.js'));
      expect(fileURLToPath(workerEntry(here, 'runtime'))).toBe(join(build, 'runtime-worker.js'));
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
  });

  it('a build without its worker is an error naming the missing file', () => {
    const build = mkdtempSync(join(tmpdir(), 'csp-worker-entry-'));
    try {
      mkdirSync(join(build, 'main'));
      const here = pathToFileURL(join(build, 'main', 'index.js')).href;
      expect(() => workerEntry(here, 'check')).toThrow(
        `the check worker is missing from this build (${join(build, 'main', 'check-worker.js')})`,
      );
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
  });
});
