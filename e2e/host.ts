/**
 * Starts and kills a real web-mode host (`node scripts/web.mjs`, the built web mode users run)
 * for e2e tests, each on its own temporary data folder and 127.0.0.1 port.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'csp-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A host being started: its process at once (so it can be killed at any time), the host once it listens. */
export interface HostLaunch {
  readonly process: ChildProcess;
  readonly ready: Promise<WebHost>;
}

export function startHost(options: { dataDir: string; port?: number; token?: string }): Promise<WebHost> {
  return launchHost(options).ready;
}

export function launchHost(options: { dataDir: string; port?: number; token?: string }): HostLaunch {
  const args = ['scripts/web.mjs', '--data-dir', options.dataDir, '--quiet'];
  // A renderer built elsewhere (so one engineer's build does not replace out/renderer under another's tests).
  if (process.env.CSP_E2E_RENDERER_DIR) args.push('--renderer-dir', process.env.CSP_E2E_RENDERER_DIR);
  if (options.port !== undefined) args.push('--port', String(options.port));
  // One argument: a token may start with '-', which a separate argument would make an option.
  if (options.token !== undefined) args.push(`--token=${options.token}`);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<WebHost>((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web host did not print its URL within 60s\nstdout: ${out}\nstderr: ${err}`));
    }, 60_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolvePromise({
        url: m[1]!,
        port: Number(m[2]),
        token: m[3]!,
        dataDir: options.dataDir,
        process: child,
        kill: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code} before printing its URL\nstderr: ${err}`));
    });
  });
  return { process: child, ready };
}
