/** `csp export | import | validate | diff` end to end: the real binary on real files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const examples = join(root, 'resources', 'examples');
const philosophers = join(examples, 'dining-philosophers.yaml');

function csp(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'csp.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'csp-wf-cli-'));
/** Each case starts the real binary one to three times; a loaded machine needs room. */
const slow = { timeout: 180_000 };

describe('csp validate', () => {
  it('exits 0 for a valid workflow', slow, () => {
    const r = csp('validate', philosophers);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${philosophers}: valid\n`);
  });

  it('exits 1 with every error at line:column for an invalid one', slow, () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(philosophers, 'utf8')
        .replace('type: Grip, index: j', 'type: grip, index: j')
        .replace('to: fork.grip }', 'to: fork.gripp }'),
    );
    const r = csp('validate', bad);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(
      lines.some((l) =>
        /^.*bad\.yaml:\d+:\d+: error WF2005 processes\[1\]\.ports\[0\]\.type: expected a CSPm type, got "grip"/.test(l),
      ),
    ).toBe(true);
    expect(lines.some((l) => /bad\.yaml:\d+:\d+: error WF2004 edges\[0\]\.to: no port "fork\.gripp"/.test(l))).toBe(
      true,
    );
  });

  it('places a CSPm error inside a behaviour at its YAML line and column', slow, () => {
    const bad = join(tmp, 'behaviour.yaml');
    writeFileSync(bad, readFileSync(philosophers, 'utf8').replace('grip.j.down -> Fork(j)', 'grip.j.down -> Fork(k)'));
    const r = csp('validate', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /behaviour\.yaml:34:\d+: error WF3005 processes\[1\]\.behaviour: CSP2001 undefined name 'k'/,
    );
    expect(r.stdout).toMatch(/invalid \(1 error\)/);
  });

  it('exits 2 for an unreadable file and prints JSON with --json', slow, () => {
    expect(csp('validate', join(tmp, 'missing.yaml')).status).toBe(2);
    const r = csp('--json', 'validate', philosophers);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, diagnostics: [] });
  });
});

describe('csp export', () => {
  it('writes the CSPm that checks run on, to stdout or -o', slow, () => {
    const r = csp('export', philosophers, '--to', 'cspm');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      readFileSync(join(root, 'src/engine/workflow/__fixtures__/compile/dining-philosophers.csp'), 'utf8'),
    );
    const out = join(tmp, 'p.csp');
    expect(csp('export', philosophers, '--to', 'cspm', '-o', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it(
    'writes YAML that keeps the file as written (a valid file comes back byte for byte) and JSON with the source map',
    slow,
    () => {
      for (const example of ['dining-philosophers.yaml', 'sensor-alerts.yaml', 'agent-negotiation.yaml']) {
        const file = join(root, 'resources/examples', example);
        expect(csp('export', file, '--to', 'yaml').stdout).toBe(readFileSync(file, 'utf8'));
      }
      const j = JSON.parse(csp('--json', 'export', philosophers, '--to', 'cspm').stdout) as {
        sourceMap: { names: Record<string, unknown> };
      };
      expect(j.sourceMap.names['lefthand']).toEqual({ kind: 'edge', id: 'lefthand', role: 'sync' });
    },
  );

  it('refuses an unknown format with exit 2', slow, () => {
    expect(csp('export', philosophers, '--to', 'dot').status).toBe(2);
  });
});

describe('csp import', () => {
  it('turns a CSPm network into a workflow that validates', slow, () => {
    const out = join(tmp, 'relay.yaml');
    const r = csp(
      'import',
      join(root, 'src/engine/workflow/__fixtures__/import/relay-hidden.csp'),
      '--to',
      'yaml',
      '-o',
      out,
    );
    expect(r.status).toBe(0);
    expect(csp('validate', out).status).toBe(0);
    // Laid out by ELK: every node and the bus get a place, the drawing starting at (80, 80).
    const layout = readFileSync(out, 'utf8').split('\nlayout:\n')[1] ?? '';
    expect(layout.match(/^ {2}(in|mid|out|clk): \{ x: \d+, y: \d+ \}$/gm)).toHaveLength(4);
  });

  it('exits 2 with the place when the script cannot be drawn', slow, () => {
    const r = csp('import', join(root, 'src/engine/workflow/__fixtures__/import/not-a-network.csp'), '--to', 'yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not-a-network\.csp:2:5: error WF4002/);
  });
});

describe('csp diff', () => {
  it('reports structural changes and exits 1 when the workflows differ, 0 when equal', slow, () => {
    expect(csp('diff', philosophers, philosophers)).toMatchObject({ status: 0, stdout: 'no differences\n' });
    const butler = join(examples, 'dining-philosophers-butler.yaml');
    const r = csp('diff', philosophers, butler);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('+ node butler');
    expect(r.stdout).toContain('~ node phil (behaviour, description, ports)');
    const j = JSON.parse(csp('--json', 'diff', philosophers, butler).stdout) as { edges: { added: string[] } };
    expect(j.edges.added).toEqual(['sits', 'rises']);
  });
});
