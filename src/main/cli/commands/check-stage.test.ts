/** `csp check --stage`: the real binary on real files, stopping after one stage of the front end. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..');

function csp(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'csp.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each test spawns csp processes (each given up to 120 s by spawnSync); the default 30 s is too
// little for several on a loaded 2-core machine, and a synchronous test is failed after the fact.
describe('csp check --stage', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'csp-stage-'));
  // parses, but 'g' is undefined and f's annotation does not fit its definition
  const illTyped = join(dir, 'ill-typed.csp');
  writeFileSync(illTyped, 'f :: (Int) -> Bool\nf(x) = x + g\n');

  it('parse: a script that parses is accepted however ill-typed it is', () => {
    const r = csp('check', '--json', '--stage', 'parse', illTyped);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: illTyped, stage: 'parse', assertions: [] });
  });

  it('print: the pretty-printed script parses back to the same AST', () => {
    const r = csp('check', '--stage', 'print', illTyped);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('round-trips through the pretty-printer');
  });

  it('types: names and types are checked, errors located', () => {
    const r = csp('check', '--json', '--stage', 'types', illTyped);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { errors: { code: string; line: number; column: number }[] };
    expect(out.errors).toContainEqual(expect.objectContaining({ code: 'CSP2001', line: 2, column: 12 }));
  });

  it('parse: a syntax error is refused at its place', () => {
    const broken = join(dir, 'broken.csp');
    writeFileSync(broken, 'channel a\nP = a -> \n');
    const r = csp('check', '--json', '--stage', 'parse', broken);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { errors: { code: string; line: number }[] };
    expect(out.errors[0]).toMatchObject({ code: 'CSP1004', line: 3 });
  });

  it('refuses an unknown stage', () => {
    const r = csp('check', '--stage', 'desugar', illTyped);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('parse, print, types, all');
  });
});
