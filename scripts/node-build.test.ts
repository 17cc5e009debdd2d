/**
 * scripts/node-build.mjs on a scratch project (the four entries as tiny
 * sources), driven from real child processes as bin/csp.mjs drives it: the
 * first call builds, a fresh build is reused, an edited source rebuilds, many
 * processes at once build once, a broken source fails with its file named and
 * leaves the previous build in place, old build folders are pruned.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const builderUrl = pathToFileURL(join(import.meta.dirname, 'node-build.mjs')).href;
let project: string;

/** Runs `ensure()` in a child; its stdout lines are `build <reason>` (when it built) and `dir <folder>`. */
const ensureScript = (root: string): string =>
  `const { nodeBuilder } = await import(${JSON.stringify(builderUrl)});
   const dir = await nodeBuilder(${JSON.stringify(root)}).ensure((reason) => console.log('build ' + reason));
   console.log('dir ' + dir);`;

function ensure(root = project): { built: string | undefined; dir: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', ensureScript(root)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = (prefix: string): string | undefined =>
    r.stdout
      .split('\n')
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length);
  return { built: line('build '), dir: line('dir ') ?? '', stderr: r.stderr, status: r.status };
}

function write(file: string, text: string): void {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), text);
}

/** Sets a file's modification time to now, as an edit would (after the last build started). */
function touch(file: string): void {
  const now = new Date();
  utimesSync(join(project, file), now, now);
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'csp-node-build-'));
  write('package.json', '{ "name": "scratch", "type": "module" }\n');
  write('src/main/greeting.ts', "export const greeting: string = 'hello from the build';\n");
  write('src/main/cli/main.ts', "import { greeting } from '../greeting';\nconsole.log(greeting);\n");
  write('src/main/server/cli.ts', "import { greeting } from '../greeting';\nconsole.log('web', greeting);\n");
  write('src/main/check/worker.ts', "console.log('check worker');\n");
  write('src/main/runtime/worker.ts', "console.log('runtime worker');\n");
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

// Each build is a child process running esbuild (about 0.5 s on a quiet machine, several seconds at
// load 15); the last test builds six times.
describe('node build', { timeout: 120_000 }, () => {
  it('builds when there is no build, into a folder whose entries run as plain JavaScript', () => {
    const first = ensure();
    expect(first.stderr).toBe('');
    expect(first.built).toBe('missing');
    for (const name of ['csp', 'web', 'check-worker', 'runtime-worker'])
      expect(existsSync(join(first.dir, `${name}.js`))).toBe(true);
    const run = spawnSync(process.execPath, [join(first.dir, 'csp.js')], { encoding: 'utf8' });
    expect(run.stdout).toBe('hello from the build\n');
  });

  it('reuses a build no source is newer than', () => {
    const before = ensure();
    const again = ensure();
    expect(again.built).toBeUndefined();
    expect(again.dir).toBe(before.dir);
  });

  it('rebuilds into a new folder when a source changed, keeping the old folder for processes still using it', () => {
    const before = ensure();
    write('src/main/greeting.ts', "export const greeting: string = 'hello again';\n");
    touch('src/main/greeting.ts');
    const after = ensure();
    expect(after.built).toBe('stale');
    expect(after.dir).not.toBe(before.dir);
    expect(existsSync(before.dir)).toBe(true);
    expect(spawnSync(process.execPath, [join(after.dir, 'csp.js')], { encoding: 'utf8' }).stdout).toBe('hello again\n');
  });

  it('many processes finding the build stale at once build it once', async () => {
    touch('src/main/greeting.ts');
    const runs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', ensureScript(project)]);
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.on('close', () => resolve(out));
          }),
      ),
    );
    expect(runs.filter((out) => out.includes('build stale'))).toHaveLength(1);
    const dirs = new Set(runs.map((out) => /dir (.*)/.exec(out)?.[1]));
    expect(dirs.size).toBe(1);
    expect(existsSync(join(project, 'out/node/.lock'))).toBe(false);
  });

  it('a broken source fails the build with its file named; the previous build stays in use', () => {
    const good = ensure();
    write('src/main/greeting.ts', "export const greeting: string = 'unterminated;\n");
    touch('src/main/greeting.ts');
    const broken = ensure();
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('greeting.ts');
    expect(broken.stderr).toContain('the build of out/node failed');
    write('src/main/greeting.ts', "export const greeting: string = 'fixed';\n");
    touch('src/main/greeting.ts');
    const fixed = ensure();
    expect(fixed.built).toBe('stale');
    expect(fixed.dir).not.toBe(good.dir);
  });

  it('keeps the newest three build folders, and any older one a live process runs from', async () => {
    const folders = (): string[] => readdirSync(join(project, 'out/node')).filter((n) => n.startsWith('b'));
    const held = ensure().dir;
    // A long-lived process (a web host) running from `held`: it marks the folder in use.
    const holder = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      `const { markInUse } = await import(${JSON.stringify(builderUrl)});
       markInUse(${JSON.stringify(held)}); console.log('holding'); setInterval(() => {}, 1000);`,
    ]);
    const holderExit = new Promise((resolve) => holder.once('exit', resolve));
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      for (let i = 0; i < 4; i++) {
        touch('src/main/greeting.ts');
        expect(ensure().built).toBe('stale');
      }
      expect(folders()).toHaveLength(4);
      expect(existsSync(held)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
      await holderExit;
    }
    touch('src/main/greeting.ts');
    expect(ensure().built).toBe('stale');
    expect(folders()).toHaveLength(3);
    expect(existsSync(held)).toBe(false);
  });
});
