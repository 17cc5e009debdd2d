/**
 * Where a worker thread's entry file is. From the sources (web mode, the CLI,
 * tests) it sits next to the module that starts the worker. In the bundled
 * main process (`out/main/index.js`, what Electron loads) every module is one
 * file and the entries were not copied, so the worker runs the TypeScript
 * sources of the checkout through tsx, as web mode does.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function workerEntry(here: string, area: 'check' | 'runtime'): URL {
  const beside = new URL('./worker-boot.mjs', here);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL(`../../src/main/${area}/worker-boot.mjs`, here);
}
