/**
 * Test helpers: the real `csp` command as a child process (bin/csp.mjs, the
 * built command line), a `csp serve` node started on 127.0.0.1 with a free
 * port, and tokens made through `csp tokens create`. (Used by *.test.ts only.)
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../../..');
const bin = resolve(root, 'bin/csp.mjs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function csp(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

export async function makeToken(dataDir: string, name: string, role: string): Promise<string> {
  const r = await csp(['--data-dir', dataDir, '--json', 'tokens', 'create', '--name', name, '--role', role]);
  if (r.code !== 0) throw new Error(`csp tokens create failed (${r.code}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { token: string }).token;
}

export interface ServeChild {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly token?: string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (a crash or a pulled plug: nothing is closed cleanly), then resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts `csp serve --json` (on a free port unless `extra` names `--port`) and waits for its JSON line (or its failure). */
export function serve(
  dataDir: string,
  extra: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeChild> {
  const port = extra.includes('--port') ? [] : ['--port', '0'];
  const child = spawn(process.execPath, [bin, '--data-dir', dataDir, '--json', 'serve', ...port, ...extra], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolvePromise, reject) => {
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line === undefined) return;
      const info = JSON.parse(line) as { url: string; port: number; token?: string };
      resolvePromise({
        child,
        ...info,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`csp serve exited with ${code} before listening: ${stderr}`)));
  });
}
