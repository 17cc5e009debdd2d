#!/usr/bin/env node
/**
 * `npm start`: build if out/ is older than the sources, then launch the desktop
 * app; when the Electron binary is not installed (as on machines that cannot
 * reach GitHub), say so in one line and start web mode instead.
 * `npm run web -- [--port P] [--data-dir DIR]`: web mode directly.
 * Web mode runs built JavaScript (scripts/web.mjs), never the TypeScript sources.
 *
 * The Electron binary is detected from node_modules/electron/path.txt + dist/,
 * never by resolving require('electron'), which would start a download.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

/** Newest modification time under the given paths (files or folders). */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.endsWith('.test.ts')) walk(join(p, name));
    } else if (s.mtimeMs > max) max = s.mtimeMs;
  };
  paths.forEach((p) => walk(join(root, p)));
  return max;
}

function buildIfStale() {
  const outputs = [
    'out/main/index.js',
    'out/main/check-worker.js',
    'out/main/runtime-worker.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
  ].map((p) => join(root, p));
  const built = outputs.every((p) => existsSync(p)) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
  const sources = newest([
    'src/main',
    'src/preload',
    'src/renderer',
    'src/shared',
    'src/engine',
    'electron.vite.config.ts',
    'package.json',
  ]);
  if (built >= sources) return;
  process.stderr.write(
    built === 0 ? 'Building the app (first start)…\n' : 'Sources changed since the last build; rebuilding…\n',
  );
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write('Build failed (see above); run "npm run build" for the full output.\n');
    process.exit(result.status ?? 1);
  }
}

/** Path of the installed Electron executable, or undefined. */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : undefined;
}

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWeb() {
  run(process.execPath, [join(root, 'scripts/web.mjs'), ...passThrough]);
}

if (!existsSync(join(root, 'node_modules', 'electron-vite'))) {
  process.stderr.write('Dependencies are missing: run "npm install" first.\n');
  process.exit(2);
}
buildIfStale();
if (webOnly) {
  startWeb();
} else {
  const exe = electronBinary();
  if (exe) {
    run(exe, [root, ...passThrough]);
  } else {
    process.stderr.write(
      'Electron binary not installed (node_modules/electron/dist is missing); starting web mode instead.\n',
    );
    startWeb();
  }
}
