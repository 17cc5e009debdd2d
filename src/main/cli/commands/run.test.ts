import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store';

const root = join(__dirname, '../../../..');
const csp = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/csp.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

// Each test spawns csp processes (each given up to 60 s by spawnSync); the default 30 s is too
// little for several on a loaded 2-core machine, and a synchronous test is failed after the fact.
describe('csp run', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-run-'));

  it('prints the trace as JSON, the same for the same seed, and records it in the store', () => {
    const a = csp(
      '--data-dir',
      dataDir,
      '--json',
      'run',
      'resources/examples/dining-philosophers-butler.yaml',
      '--steps',
      '50',
      '--seed',
      '7',
    );
    expect(a.status).toBe(0);
    const out = JSON.parse(a.stdout) as {
      events: { seq: number; event: string; processes: string[] }[];
      outcome: string;
      runId: number;
    };
    expect(out.events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(out.events[0]!.processes.length).toBeGreaterThan(0);
    expect(out.outcome).toBe('step-limit');
    const b = csp(
      '--data-dir',
      dataDir,
      '--json',
      'run',
      'resources/examples/dining-philosophers-butler.yaml',
      '--steps',
      '50',
      '--seed',
      '7',
      '--no-record',
    );
    expect((JSON.parse(b.stdout) as { events: unknown }).events).toEqual(out.events);
    const store = openStore({ dataDir, role: 'cli' });
    try {
      const info = store.runs.get(out.runId);
      expect(info.lastSeq).toBe(50);
      expect(info.outcome).toBe('step-limit');
    } finally {
      store.close();
    }
  });

  it('exits 1 on a deadlock and names who waits on whom', () => {
    const file = join(dataDir, 'stuck.csp');
    writeFileSync(file, 'channel a, b\nP = a -> b -> P\nQ = b -> a -> Q\nSYSTEM = P [ {a, b} || {a, b} ] Q\n');
    const r = csp('--data-dir', dataDir, 'run', file, '--no-record');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('deadlock after 0 steps');
    expect(r.stdout).toContain('P offers {a}, waits on Q (a)');
  });

  it('exits 2 with file:line:col on a broken script, and on bad usage', () => {
    const file = join(dataDir, 'broken.csp');
    writeFileSync(file, 'channel a\nSYSTEM = a -> \n');
    const r = csp('--data-dir', dataDir, 'run', file, '--no-record');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.csp:\d+:\d+: error/);
    expect(csp('run', 'x.csp', '--steps', 'many').status).toBe(2);
  });

  it('built-ins: --inject feeds inject nodes in order, payloads are printed, a typo in a node id is refused', () => {
    const r = csp(
      '--json',
      'run',
      'resources/examples/sensor-alerts.yaml',
      '--steps',
      '60',
      '--no-record',
      '--inject',
      'operator={"temp":77}',
      '--inject',
      'operator',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { events: { event: string; payload?: unknown }[]; assumptions?: string[] };
    expect(out.assumptions).toContain('node sensor (map) is checked as "any output value after each input"');
    const alerts = out.events.filter((e) => e.event === 'alerts').map((e) => e.payload);
    expect(alerts).toEqual(expect.arrayContaining([{ temp: 77 }, { temp: 35, manual: true }, { sample: 4, temp: 32 }]));
    expect(r.stderr).toContain('ALERT: {"temp":77}');
    const text = csp('run', 'resources/examples/sensor-alerts.yaml', '--steps', '3', '--no-record');
    expect(text.stdout).toMatch(/deliver tick {2}\[Clock\] {2}\{"tick":1,"time":1000\}/);
    const typo = csp('run', 'resources/examples/sensor-alerts.yaml', '--no-record', '--inject', 'oprator=1');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain(
      '--inject names "oprator", which is not an inject node of this workflow (inject nodes: operator)',
    );
  });
});
