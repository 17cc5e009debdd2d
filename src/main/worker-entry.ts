/**
 * Where a worker thread's entry file is.
 *
 * Built code (the `csp` command line and web mode in out/node/<build>/, the
 * Electron main process in out/main/) finds the built worker beside itself:
 * every chunk of a build sits in one folder next to `check-worker.js` and
 * `runtime-worker.js`. A build without its worker is broken, and says so
 * rather than falling back to sources a packaged app would not have.
 *
 * Only when this module runs as TypeScript (vitest, `npm run dev`) does the
 * worker load the sources through tsx (`<area>/worker-boot.mjs`): workers do
 * not inherit the parent's module hooks.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type WorkerArea = 'check' | 'runtime';

/** `here` is the caller's `import.meta.url`. */
export function workerEntry(here: string, area: WorkerArea): URL {
  if (/\.[cm]?tsx?$/.test(new URL(here).pathname)) return new URL('./worker-boot.mjs', here);
  const built = new URL(`./${area}-worker.js`, here);
  if (!existsSync(fileURLToPath(built))) {
    throw new Error(
      `the ${area} worker is missing from this build (${fileURLToPath(built)}); rebuild with "npm run build"`,
    );
  }
  return built;
}
