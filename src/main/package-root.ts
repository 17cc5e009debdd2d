/**
 * The app's folder (the one holding its package.json and resources/), found
 * from a module's own URL. A fixed `../../..` would only hold for the sources
 * (src/main/<area>/x.ts): the same code also runs bundled, from
 * out/main/index.js (Electron) and out/node/<build>/<chunk>.js (the command
 * line, web mode), at other depths.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${start} or any folder above it`);
  }
}
