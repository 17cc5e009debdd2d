#!/usr/bin/env node
/**
 * The Node-side build: the `csp` command line, web mode and the two worker
 * threads (check, run), bundled to JavaScript by Vite (Rolldown, SSR mode) so
 * nothing on a user's path compiles TypeScript at run time.
 *
 * Output: out/node/<build-id>/{csp,web,check-worker,runtime-worker}.js plus
 * shared chunks, and out/node/current.json naming the build in use. Each build
 * goes to a new folder and current.json is replaced atomically, so a process
 * started from an older build keeps loading its own chunks and workers while
 * another one rebuilds; the newest few folders are kept.
 *
 * `node scripts/node-build.mjs [--if-stale | --install]` builds (`npm run build`,
 * the build phase of `npm test`; `--install` is npm's `prepare`). bin/csp.mjs and scripts/web.mjs call
 * `builtEntry()`, which first rebuilds when the sources are newer than the build.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry name → source. Built workers are found by these names (src/main/worker-entry.ts). */
export const ENTRIES = {
  csp: 'src/main/cli/main.ts',
  web: 'src/main/server/cli.ts',
  'check-worker': 'src/main/check/worker.ts',
  'runtime-worker': 'src/main/runtime/worker.ts',
};

/** What the bundle is made of: a change to any of these makes the build stale. */
const SOURCE_DIRS = ['src/main', 'src/engine', 'src/shared'];
const SOURCE_FILES = ['package.json', 'scripts/node-build.mjs'];
const SOURCE_FILE = /\.(ts|mts|mjs|js|json)$/;
/**
 * Packages bundled in rather than loaded from node_modules: pure JavaScript on
 * the start-up path of `csp check`, where one bundled file loads faster than a
 * package's many (measured in `npm run bench -- --only startup`). The rest stay
 * external: better-sqlite3 is native, quickjs-emscripten loads its wasm beside itself.
 */
const BUNDLED_PACKAGES = ['commander', 'zod', 'yaml'];
/** Build folders kept, the current one included; older ones go unless a live process runs from them. */
const KEEP_BUILDS = 3;
/** A process running from a build folder leaves `<folder>/.in-use-<pid>` there while it lives. */
const IN_USE = /^\.in-use-(\d+)$/;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Vite's logger for warnings, on stderr (a rebuild must never write into a command's stdout); errors are thrown. */
function warningsOnly(vite) {
  const logger = vite.createLogger('warn', { console: new console.Console(process.stderr, process.stderr) });
  return { ...logger, error: () => {} };
}

/** The builder of the project at `root` (another root only in tests). */
export function nodeBuilder(root = projectRoot) {
  const outRoot = join(root, 'out', 'node');
  const pointerFile = join(outRoot, 'current.json');
  const lockDir = join(outRoot, '.lock');

  /** Newest modification time (ms) of the bundled sources; tests and fixtures are not bundled. */
  function newestSourceTime() {
    let newest = 0;
    // On every `csp` start: one readdir per folder and one stat per file, nothing more.
    const note = (path) => {
      const t = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (t > newest) newest = t;
    };
    const walk = (dir) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return; // a source folder this project does not have
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== '__fixtures__' && entry.name !== 'node_modules') walk(path);
        } else if (SOURCE_FILE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) note(path);
      }
    };
    for (const dir of SOURCE_DIRS) walk(join(root, dir));
    for (const file of SOURCE_FILES) note(join(root, file));
    return newest;
  }

  /** The build in use, or undefined when there is none (or it was removed by hand). */
  function currentBuild() {
    let pointer;
    try {
      pointer = JSON.parse(readFileSync(pointerFile, 'utf8'));
    } catch {
      return undefined;
    }
    if (typeof pointer?.id !== 'string' || typeof pointer.startedAt !== 'number') return undefined;
    const dir = join(outRoot, pointer.id);
    if (!Object.keys(ENTRIES).every((name) => existsSync(join(dir, `${name}.js`)))) return undefined;
    return { dir, startedAt: pointer.startedAt };
  }

  /** A build is fresh when no source changed after it started (an edit during a build makes it stale). */
  function freshBuild() {
    const build = currentBuild();
    return build && newestSourceTime() <= build.startedAt ? build : undefined;
  }

  /** One builder at a time (tests start many CLIs at once): a lock folder holding the builder's pid. */
  async function withBuildLock(body) {
    mkdirSync(outRoot, { recursive: true });
    for (let waited = 0; ; waited += 50) {
      try {
        mkdirSync(lockDir);
        break;
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
        let holder = NaN;
        try {
          holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
        } catch {
          // The holder has not written its pid yet.
        }
        // A builder that died (Ctrl-C) leaves its lock; so does one that hangs for minutes.
        const abandoned = Number.isInteger(holder) && holder > 0 ? !pidAlive(holder) : waited > 5_000;
        if (abandoned || waited > 180_000) rmSync(lockDir, { recursive: true, force: true });
        else await sleep(50);
      }
    }
    writeFileSync(join(lockDir, 'pid'), String(process.pid));
    try {
      return await body();
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }

  async function bundle(outDir) {
    let vite;
    try {
      vite = await import('vite');
    } catch {
      throw new Error('cannot build: Vite is not installed; run "npm install" first');
    }
    await vite.build({
      configFile: false,
      root,
      logLevel: 'warn',
      customLogger: warningsOnly(vite),
      mode: 'production',
      publicDir: false,
      ssr: { noExternal: BUNDLED_PACKAGES },
      build: {
        ssr: true,
        target: 'node20',
        outDir,
        emptyOutDir: true,
        minify: false,
        reportCompressedSize: false,
        rolldownOptions: {
          input: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, join(root, src)])),
          // Chunks sit beside the entries: any chunk finds the workers as ./<area>-worker.js.
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
        },
      },
    });
  }

  /** True while a live process (a web host, a long `csp run`) runs from the folder. */
  function inUse(dir) {
    return readdirSync(dir).some((name) => {
      const pid = IN_USE.exec(name)?.[1];
      return pid !== undefined && pidAlive(Number(pid));
    });
  }

  /** Deletes all but the newest KEEP_BUILDS build folders: never the current one, nor one in use. */
  function pruneOldBuilds(currentId) {
    const ids = readdirSync(outRoot, { withFileTypes: true })
      .filter((e) => e.isDirectory() && /^b[0-9a-z]+-\d+$/.test(e.name) && e.name !== currentId)
      .map((e) => e.name)
      .sort((a, b) => statSync(join(outRoot, b)).mtimeMs - statSync(join(outRoot, a)).mtimeMs);
    for (const id of ids.slice(KEEP_BUILDS - 1)) {
      if (!inUse(join(outRoot, id))) rmSync(join(outRoot, id), { recursive: true, force: true });
    }
  }

  /** Builds into a new folder and points current.json at it. Returns the folder. */
  async function build() {
    const startedAt = Date.now();
    const id = `b${startedAt.toString(36)}-${process.pid}`;
    const dir = join(outRoot, id);
    try {
      await bundle(dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      const message = error instanceof Error ? error.message : String(error);
      // Rolldown colours its code frames even for a pipe or a log file.
      throw new Error(
        `the build of ${relative(root, outRoot)} failed: ${process.stderr.isTTY ? message : stripVTControlCharacters(message)}`,
      );
    }
    const tmp = `${pointerFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ id, startedAt }) + '\n');
    renameSync(tmp, pointerFile);
    pruneOldBuilds(id);
    return dir;
  }

  /**
   * The folder of an up-to-date build, building it first when it is missing or
   * older than the sources. `onBuild('missing' | 'stale')` is told before a build starts.
   */
  async function ensure(onBuild = () => {}) {
    const fresh = freshBuild();
    if (fresh) return fresh.dir;
    return withBuildLock(async () => {
      const built = freshBuild(); // another process may have built it while this one waited
      if (built) return built.dir;
      onBuild(currentBuild() ? 'stale' : 'missing');
      return build();
    });
  }

  return { outRoot, ensure, build: () => withBuildLock(build), currentBuild, newestSourceTime };
}

/** file: URL of a built entry (`csp`, `web`, ...) of this project, up to date with the sources. */
export async function builtEntry(name, onBuild) {
  const dir = await nodeBuilder().ensure(onBuild);
  markInUse(dir);
  return pathToFileURL(join(dir, `${name}.js`)).href;
}

/** Keeps later rebuilds from deleting `dir` while this process runs from it (its workers and lazy chunks load later). */
export function markInUse(dir) {
  const marker = join(dir, `.in-use-${process.pid}`);
  try {
    writeFileSync(marker, '');
  } catch {
    return; // a read-only install is never pruned anyway
  }
  process.once('exit', () => rmSync(marker, { force: true }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --if-stale: only when the sources are newer. --install (npm's prepare): a failure is reported
  // but does not fail `npm install`; bin/csp.mjs and scripts/web.mjs build again on first use.
  const ifStale = process.argv.includes('--if-stale') || process.argv.includes('--install');
  const builder = nodeBuilder();
  const t0 = performance.now();
  try {
    const dir = ifStale ? await builder.ensure() : await builder.build();
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`command line, web mode and workers: ${relative(projectRoot, dir)} (${seconds} s)\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (process.argv.includes('--install')) process.stderr.write('csp builds it again on its first run.\n');
    else process.exit(1);
  }
}
