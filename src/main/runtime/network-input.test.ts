/**
 * A workflow's CSPm is evaluated once on the way to a run (when its network is
 * built); a workflow whose CSPm fails only when evaluated still gets the
 * diagnostics full validation gives, placed at its YAML line and column.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkForRecord, networkFromSource } from './network-input';
import { readSource } from '../source/reader';
import { QueuedInjections } from './builtins/sources';
import { NetworkRun } from '../../engine/runtime/network/run';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { columnsOf, logFromRecord } from './record-log';
import { toRecord } from './records';

const butler = readFileSync(
  join(import.meta.dirname, '../../../resources/examples/dining-philosophers-butler.yaml'),
  'utf8',
);
const attach = { seed: 1, log: () => {}, injections: new QueuedInjections() };

describe('networkFromSource', () => {
  it('builds the network of a workflow', async () => {
    const net = await networkFromSource({ text: butler, name: 'butler.yaml' }, { attach });
    expect(net.ok).toBe(true);
  });

  it('places an error found only by evaluating the CSPm as full validation does', async () => {
    const text = butler.replace(
      'datatype Grip = up | down',
      'datatype Grip = up | down\n  ZZ = 1 / 0\n  channel zz : {0..ZZ}',
    );
    const request = { text, name: 'bad.yaml' };
    // Parsing and type-checking alone find nothing: only evaluation does.
    expect(readSource({ ...request, evaluate: false }).ok).toBe(true);
    const full = readSource(request);
    expect(full.ok).toBe(false);
    const net = await networkFromSource(request, { attach });
    expect(net.ok).toBe(false);
    if (net.ok || full.ok) return;
    expect(net.diagnostics).toEqual(full.diagnostics);
    expect(net.diagnostics[0]).toMatchObject({ span: { line: 11, column: 8 } });
    expect(JSON.stringify(net.diagnostics[0])).toContain('division by zero');
  });

  it('replays a CSPm run recorded as one component (before parallels were split) on that component', async () => {
    // τ steps (the internal choices) name the component that took them: SYSTEM then, P and Q now.
    const request = {
      text: 'channel a, b, c\nP = a -> (b -> P |~| c -> P)\nQ = a -> Q\nSYSTEM = P [| {a} |] Q\n',
      name: 'split.csp',
    };
    const recordOf = (spec: NetworkSpec) => {
      const run = new NetworkRun(spec, { seed: 4 });
      run.run(40);
      const steps = run.steps();
      const rec = steps.map((s) => ({
        seq: s.seq,
        kind: toRecord(s, 0).kind,
        event: s.event,
        processes: s.processes,
        branch: s.branch,
        time: s.time ?? 0,
      }));
      return { steps, columns: columnsOf(rec) };
    };
    const whole = await networkFromSource(request, { attach, splitParallel: false });
    const split = await networkFromSource(request, { attach });
    if (!whole.ok || !split.ok) throw new Error('the script does not load');
    expect(whole.spec.components.map((c) => c.name)).toEqual(['SYSTEM']);
    expect(split.spec.components.map((c) => c.name)).toEqual(['P', 'Q']);
    const old = recordOf(whole.spec);
    expect(old.steps.some((s) => s.kind === 'tau')).toBe(true);
    // The split network alone cannot follow the old record: it has no process SYSTEM.
    expect(logFromRecord(split.spec, old.columns, [])).toMatchObject({ ok: false, error: /no process "SYSTEM"/ });
    for (const recorded of [old, recordOf(split.spec)]) {
      const net = await networkForRecord(request, { attach }, recorded.columns);
      if (!net.ok) throw new Error('the script does not load');
      const log = logFromRecord(net.spec, recorded.columns, []);
      if (!log.ok) throw new Error(log.error);
      const replay = NetworkRun.fromRecord(net.spec, log.log, { seed: 99 });
      replay.run(40);
      expect(replay.steps()).toEqual(recorded.steps);
    }
  });
});
