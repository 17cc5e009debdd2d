/** `csp check` end to end: the real binary, real files, the contract of docs/cspm.md#command-line-contract. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const fixtures = join(root, 'src', 'engine', 'check', '__fixtures__');

function csp(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'csp.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  file: string;
  assertions: {
    index: number;
    text: string;
    result: string;
    states: number;
    transitions: number;
    seconds: number;
    assumptions: string[];
    counterexample?: { kind: string; trace: string[]; components: { name: string; trace: string[]; state: string }[] };
  }[];
}

// Each test spawns csp processes (each given up to 120 s by spawnSync); the default 30 s is too
// little for several on a loaded 2-core machine, and a synchronous test is failed after the fact.
describe('csp check', { timeout: 120_000 }, () => {
  it('prints one line per assertion in file order and exits 1 when one fails', () => {
    const r = csp('check', join(fixtures, 'philosophers.csp'));
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^1\. SYSTEM :\[deadlock free \[F\]\]: failed \(deadlock after <thinks\.0, /);
    expect(lines[1]).toMatch(/^2\. BSYSTEM :\[deadlock free \[F\]\]: passed \(15,712 states/);
  });

  it('--json gives the contract shape, the same with 2 workers', () => {
    const one = csp('check', join(fixtures, 'philosophers.csp'), '--json');
    const two = csp('check', join(fixtures, 'philosophers.csp'), '--json', '--workers', '2');
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    const a = JSON.parse(one.stdout) as JsonReport;
    const b = JSON.parse(two.stdout) as JsonReport;
    const strip = (r: JsonReport) => r.assertions.map(({ seconds: _s, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    const first = a.assertions[0];
    expect(first).toMatchObject({ index: 1, result: 'failed', assumptions: [], counterexample: { kind: 'deadlock' } });
    expect(first?.counterexample?.trace).toHaveLength(15);
    expect(first?.counterexample?.components[0]).toMatchObject({
      name: 'PHIL(0)',
      trace: ['thinks.0', 'sits.0', 'picks.0.0'],
    });
    expect(typeof first?.seconds).toBe('number');
  });

  it('refusal testing ([R=, [RD=) gives the same JSON with 2 workers, searched by both threads', () => {
    const file = join(fixtures, 'refusal-testing.csp');
    const one = csp('check', file, '--json');
    const two = csp('check', file, '--json', '--workers', '2');
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    const strip = (r: JsonReport) => r.assertions.map(({ seconds: _s, ...rest }) => rest);
    const a = strip(JSON.parse(one.stdout) as JsonReport);
    expect(strip(JSON.parse(two.stdout) as JsonReport)).toEqual(a);
    expect(a.map((x) => x.result)).toEqual(['passed', 'passed', 'failed', 'passed', 'failed', 'failed']);
    expect(a[0]?.states).toBe(2032);
    expect(a[4]?.counterexample).toMatchObject({ kind: 'trace', trace: ['a'], refusals: [['c']] });
    for (const x of a) expect(x).not.toHaveProperty('notes'); // no "searched by one thread"
  });

  it('exit 0 when every assertion passes; --assert N checks one', () => {
    const r = csp('check', join(fixtures, 'philosophers.csp'), '--assert', '2', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as JsonReport;
    expect(j.assertions.map((x) => x.index)).toEqual([2]);
    expect(j.assertions[0]?.states).toBe(15712);
  });

  it('a syntax error exits 2 with file:line:col', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-check-'));
    const file = join(dir, 'bad.csp');
    writeFileSync(file, 'channel a\nP = a -> \nassert P :[deadlock free]\n');
    const r = csp('check', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: error CSP1\\d{3}`));
  });

  it('a workflow YAML is compiled and its counterexample names nodes and edges', () => {
    const r = csp('check', join(root, 'resources', 'examples', 'dining-philosophers.yaml'), '--json', '--assert', '1');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout) as {
      assertions: {
        result: string;
        counterexample?: { components: { source?: string }[]; traceSources?: (string | null)[] };
      }[];
    };
    const ce = j.assertions[0]?.counterexample;
    expect(j.assertions[0]?.result).toBe('failed');
    expect(ce?.components.length).toBeGreaterThan(0);
    expect(ce?.components.every((c) => c.source?.startsWith('node ') === true)).toBe(true);
    expect(ce?.traceSources?.some((s) => s?.startsWith('edge ') === true)).toBe(true);
  });

  it('says which contracts the verdicts rest on (built-ins that forget data, code without a contract)', () => {
    const r = csp('check', 'resources/examples/sensor-alerts.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'These verdicts assume:\n  - node sensor (map) is checked as "any output value after each input"',
    );
  });

  it('a workflow without assertions gets the built-in checks and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-check-'));
    const triage = readFileSync(join(root, 'resources', 'examples', 'hospital-triage.yaml'), 'utf8');
    const file = join(dir, 'triage.yaml');
    writeFileSync(file, triage.replace(/\nassertions:\n( {2}- .*\n)+/, '\n'));
    const r = csp('check', file);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'no assertions in the file; checking the built-in ones: deadlock freedom, divergence freedom, the contract of node triage (divergence freedom)',
    );
    expect(lines[1]).toMatch(/^1\. SYSTEM :\[deadlock free \[F\]\] \(built-in\): passed \(/);
    expect(lines[2]).toMatch(/^2\. SYSTEM :\[divergence free\] \(built-in\): passed \(/);
    expect(lines[3]).toMatch(/^3\. Triage :\[divergence free\] \(built-in\): passed \(/);
    const j = JSON.parse(csp('check', file, '--json').stdout) as {
      assertions: { index: number; builtin?: { kind: string; node?: string } }[];
    };
    expect(j.assertions.map((a) => a.builtin)).toEqual([
      { kind: 'deadlock' },
      { kind: 'divergence' },
      { kind: 'contract', node: 'triage' },
    ]);
  });

  it('the built-in deadlock check fails on the philosophers without their assertions; --no-builtins leaves nothing to check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-check-'));
    const phil = readFileSync(join(root, 'resources', 'examples', 'dining-philosophers.yaml'), 'utf8');
    const file = join(dir, 'phil.yaml');
    writeFileSync(file, phil.replace(/\nassertions:\n( {2}- .*\n)+/, '\n'));
    const r = csp('check', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^1\. SYSTEM :\[deadlock free \[F\]\] \(built-in\): failed \(deadlock after </m);
    const none = csp('check', file, '--no-builtins');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('has no assertions (and --no-builtins); nothing to check');
  });

  it('a script with assertions checks only them unless --builtins; one without SYSTEM has nothing to check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-check-'));
    const file = join(dir, 'ab.csp');
    writeFileSync(file, 'channel a, b\nSYSTEM = a -> b -> SYSTEM\nassert SYSTEM :[deadlock free]\n');
    expect(csp('check', file).stdout.trim().split('\n')).toHaveLength(1);
    const more = csp('check', file, '--builtins');
    expect(more.stdout).toContain('checking the built-in assertions too: deadlock freedom, divergence freedom\n');
    expect(more.stdout).toMatch(/^3\. SYSTEM :\[divergence free\] \(built-in\): passed/m);
    const bare = join(dir, 'bare.csp');
    writeFileSync(bare, 'channel a\nP = a -> P\n');
    const r = csp('check', bare);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('has no assertions, and no SYSTEM process for the built-in checks; nothing to check');
  });

  it('a broken workflow reports every error at its YAML line and column (JSON: structured)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-check-'));
    const phil = readFileSync(join(root, 'resources', 'examples', 'dining-philosophers.yaml'), 'utf8');
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, phil.replace('grip.j.down -> Fork(j)', 'grip.j.down -> Fork(k)'));
    const r = csp('check', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:34:\d+: error WF3005 processes\[1\]\.behaviour: CSP2001 undefined name 'k'/);
    const j = JSON.parse(csp('check', file, '--json').stdout) as { errors: unknown[] };
    expect(j.errors).toEqual([expect.objectContaining({ code: 'WF3005', path: 'processes[1].behaviour', line: 34 })]);
  });

  it('a missing file and bad options are usage errors (2)', () => {
    expect(csp('check', '/nonexistent/x.csp').status).toBe(2);
    expect(csp('check', join(fixtures, 'buffers.csp'), '--workers', '0').status).toBe(2);
  });
});
