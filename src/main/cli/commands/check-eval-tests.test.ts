/** `csp check --eval-tests` and `scripts/cspm-corpus.mjs` end to end: the real binary on real files. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..');

function node(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const csp = (...args: string[]) => node(join(root, 'bin', 'csp.mjs'), ...args);

const SCRIPT = [
  'channel a',
  'testSum = 1 + 1 == 2',
  'testWrong = 1 == 2',
  'testBroken = 1 / 0 == 1',
  'other = 1 == 2',
  'P = a -> P',
  'assert P :[deadlock free]',
  '',
].join('\n');

// Each test spawns csp processes (each given up to 120 s by spawnSync); the default 30 s is too
// little for several on a loaded 2-core machine, and a synchronous test is failed after the fact.
describe('csp check --eval-tests', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'csp-eval-tests-'));
  const file = join(dir, 'tests.csp');
  writeFileSync(file, SCRIPT);

  it('reports each test… boolean in --json, located, and exits 2 when one cannot be evaluated', () => {
    const r = csp('check', '--json', '--eval-tests', file);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as {
      tests: { name: string; result: string; line: number; error?: { code: string; line: number; column: number } }[];
    };
    expect(out.tests.map((t) => [t.name, t.result, t.line])).toEqual([
      ['testSum', 'true', 2],
      ['testWrong', 'false', 3],
      ['testBroken', 'error', 4],
    ]);
    expect(out.tests[2]?.error).toMatchObject({ code: 'CSP3001', line: 4, column: 14 });
  });

  it('prints the tests that are not true and exits 1 when one is false', () => {
    const onlyFalse = join(dir, 'false.csp');
    writeFileSync(onlyFalse, 'testA = true\ntestB = 2 < 1\n');
    const r = csp('check', '--eval-tests', onlyFalse);
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe('testB: false (2:1)');
  });

  it('stops a test still evaluating at the --timeout, as an undecided assertion (CSP4002)', () => {
    const slow = join(dir, 'slow.csp');
    writeFileSync(slow, 'f(n) = if n < 2 then n else f(n - 1) + f(n - 2)\ntestSlow = f(40) > 0\n');
    const r = csp('check', '--json', '--eval-tests', '--timeout', '1', slow);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { tests: { name: string; result: string; error?: { code: string } }[] };
    expect(out.tests).toMatchObject([{ name: 'testSlow', result: 'error', error: { code: 'CSP4002' } }]);
  });

  it('leaves tests alone without the flag', () => {
    const r = csp('check', '--json', join(dir, 'false.csp'));
    // Without the flag the file has nothing to check (no assertions, no SYSTEM for the built-in ones): exit 2, not a silent 0.
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('tests');
  });
});

describe('scripts/cspm-corpus.mjs', { timeout: 120_000 }, () => {
  it('classifies each file and prints the table with the failures', () => {
    const top = mkdtempSync(join(tmpdir(), 'csp-corpus-'));
    const pass = join(top, 'evaluator', 'should_pass');
    const fail = join(top, 'evaluator', 'should_fail');
    mkdirSync(pass, { recursive: true });
    mkdirSync(fail, { recursive: true });
    writeFileSync(join(pass, 'good.csp'), 'testA = 1 + 2 == 3\n');
    writeFileSync(join(pass, 'false.csp'), 'testA = 1 + 2 == 4\n');
    writeFileSync(join(fail, 'typo.csp'), 'x = 1 +\n');
    writeFileSync(join(fail, 'accepted.csp'), 'x = 1\n');
    const r = node(join(root, 'scripts', 'cspm-corpus.mjs'), '--failures', '--timeout', '20', join(top, 'evaluator'));
    expect(r.status).toBe(0);
    // the evaluator section's stage is the whole pipeline: both columns agree
    expect(r.stdout).toContain('| evaluator/should_fail | 2 | all | 1 | 1 | 0 | 0 | 0 | 1 (50%) | 1 (50%) |');
    expect(r.stdout).toContain('| evaluator/should_pass | 2 | all | 1 | 1 | 0 | 0 | 0 | 1 (50%) | 1 (50%) |');
    expect(r.stdout).toMatch(/evaluator\/should_pass\/false\.csp \[all\]: rejected: 1:1 testA was false/);
    expect(r.stdout).toMatch(/evaluator\/should_fail\/accepted\.csp \[all\]: wrongly accepted/);
  });

  it("classifies a parser section at libcspm's parse stage and still shows the whole pipeline", () => {
    const top = mkdtempSync(join(tmpdir(), 'csp-corpus-stage-'));
    const pass = join(top, 'parser', 'should_pass');
    mkdirSync(pass, { recursive: true });
    // parses, but 'y' is undefined: libcspm's parser tests accept it, the whole pipeline does not
    writeFileSync(join(pass, 'undefined-name.csp'), 'x = y + 1\n');
    writeFileSync(join(pass, 'broken.csp'), 'x = (1 +\n');
    const r = node(join(root, 'scripts', 'cspm-corpus.mjs'), '--failures', '--timeout', '20', join(top, 'parser'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| parser/should_pass | 2 | parse | 1 | 1 | 0 | 0 | 0 | 1 (50%) | 0 (0%) |');
    expect(r.stdout).toMatch(/parser\/should_pass\/broken\.csp \[parse\]: rejected: 2:1 CSP1/);
    expect(r.stdout).toMatch(
      /not through the whole pipeline:\nparser\/should_pass\/undefined-name\.csp: rejected: 1:5 CSP2001: undefined name 'y'/,
    );
  });

  it('takes the section from the folders below the given one only', () => {
    const top = mkdtempSync(join(tmpdir(), 'csp-corpus-above-'));
    // a corpus of real scripts that happens to live under a folder named 'parser'
    const pass = join(top, 'parser', 'scripts', 'should_pass');
    mkdirSync(pass, { recursive: true });
    writeFileSync(join(pass, 'undefined-name.csp'), 'x = y + 1\n');
    const r = node(join(root, 'scripts', 'cspm-corpus.mjs'), '--timeout', '20', join(top, 'parser', 'scripts'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| scripts/should_pass | 1 | all | 0 | 1 | 0 | 0 | 0 | 0 (0%) | 0 (0%) |');
  });

  it('refuses bad usage with exit 2', () => {
    const r = node(join(root, 'scripts', 'cspm-corpus.mjs'), '--jobs', '0', root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--jobs must be a positive integer');
  });
});
