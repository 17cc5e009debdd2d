import { describe, expect, it } from 'vitest';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { workerEntry } from './worker-entry';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');

describe('workerEntry', () => {
  it('finds the entry beside the module when running from the sources', () => {
    const here = pathToFileURL(join(root, 'src/main/runtime/service.ts')).href;
    expect(fileURLToPath(workerEntry(here, 'runtime'))).toBe(join(root, 'src/main/runtime/worker-boot.mjs'));
  });

  it('from the bundled main (out/main/index.js) points at the checkout sources of the right area', () => {
    const here = pathToFileURL(join(root, 'out/main/index.js')).href;
    for (const area of ['runtime', 'check'] as const) {
      const file = fileURLToPath(workerEntry(here, area));
      expect(file).toBe(join(root, `src/main/${area}/worker-boot.mjs`));
      expect(existsSync(file)).toBe(true);
    }
  });
});
