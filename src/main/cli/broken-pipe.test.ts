/**
 * A reader that stops early (`| head`) must not make `csp` print a stack
 * trace: real shell pipelines into `head`, with output far beyond a pipe's
 * 64 KiB buffer so the writes after head exits do fail with EPIPE.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_BROKEN_PIPE } from './broken-pipe';

const root = join(import.meta.dirname, '../../..');
const csp = join(root, 'bin/csp.mjs');
const butler = join(root, 'resources/examples/dining-philosophers-butler.yaml');

/** Runs `csp ARGS | READER` in bash; returns csp's exit status and everything written to stderr. */
function pipeline(args: string, reader: string): { cspStatus: number; stderr: string; readerOut: string } {
  const script = `"${process.execPath}" "${csp}" ${args} | ${reader}; echo "csp-status=\${PIPESTATUS[0]}" >&2`;
  const r = spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const m = /csp-status=(\d+)\n$/.exec(r.stderr);
  return { cspStatus: Number(m?.[1]), stderr: r.stderr.replace(/csp-status=\d+\n$/, ''), readerOut: r.stdout };
}

// A pipeline is given up to 120 s (spawnSync); the default 30 s per test is too little on a loaded machine
// (9 s at load 15), and a synchronous test is failed after the fact.
describe('csp with a reader that goes away', { timeout: 120_000 }, () => {
  it('run --json | head -c 100: exits quietly with the broken-pipe status', () => {
    const r = pipeline(`run "${butler}" --json --steps 20000 --no-record`, 'head -c 100');
    expect(r.readerOut).toMatch(/^\{\n {2}"file"/);
    expect(r.stderr).toBe('');
    expect(r.cspStatus).toBe(EXIT_BROKEN_PIPE);
  });

  it('run | head -n 2 (one write per step): the same', () => {
    const r = pipeline(`run "${butler}" --steps 20000 --no-record`, 'head -n 2');
    expect(r.readerOut.split('\n')).toHaveLength(3);
    expect(r.stderr).toBe('');
    expect(r.cspStatus).toBe(EXIT_BROKEN_PIPE);
  });
});
