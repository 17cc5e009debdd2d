/**
 * `npm run web` as a process (scripts/web.mjs, the built web mode): prints the URL; a second host on the same data
 * folder refuses with a clear message and exit code 2; bad usage exits 2.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'csp-cli-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function launch(args: string[]): {
  child: ChildProcess;
  output: Promise<{ code: number | null; stdout: string; stderr: string }>;
  url: Promise<string>;
} {
  const child = spawn(process.execPath, ['scripts/web.mjs', '--quiet', ...args], { cwd: root });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let onUrl: (url: string) => void = () => {};
  const url = new Promise<string>((r) => (onUrl = r));
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(stdout);
    if (m) onUrl(m[0]);
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
    child.on('exit', (code) => r({ code, stdout, stderr })),
  );
  return { child, output, url };
}

describe('web host command', () => {
  it('refuses a second host on the same data folder with exit code 2', async () => {
    const first = launch(['--data-dir', dataDir]);
    expect(await first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const second = await launch(['--data-dir', dataDir]).output;
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^csp web: data folder .* is already in use by another host \(pid \d+\)/);
    expect(second.stderr).not.toMatch(/\n\s+at /); // no stack trace
    first.child.kill('SIGTERM');
    expect((await first.output).code).toBe(0);
  }, 120_000);

  it('rejects bad usage with exit code 2 and says what is wrong', async () => {
    const bad = await launch(['--port', 'eighty']).output;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be an integer 0..65535, got "eighty"');
    const unknown = await launch(['--bogus']).output;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'/);
  }, 120_000);
});
