/**
 * A stored run read back as columns (what run.open sends to the run worker)
 * gives the same RunLog as the same run read back step by step: events,
 * actors, branches, virtual times, payloads, delivered results and other
 * outside values, on real recorded runs of shipped examples.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runFile } from './cli-run';
import { networkFromFile } from './network-input';
import { logFromRecord } from './record-log';
import { QueuedInjections } from './builtins/sources';
import { tempStore } from '../store/__fixtures__/temp';
import type { RunLog } from '../../engine/runtime/network/log';

const examples = join(import.meta.dirname, '../../../resources/examples');

function rows(log: RunLog): unknown[] {
  const out: unknown[] = [];
  for (let s = 1; s <= log.length; s++)
    out.push([log.eventAt(s), log.actorAt(s), log.branchAt(s), log.timeAt(s), log.payloads.get(s), log.outsideAt(s)]);
  return out;
}

describe('a stored record as columns', () => {
  for (const [example, steps] of [
    ['sensor-alerts.yaml', 2500],
    ['dining-philosophers-butler.yaml', 3000],
  ] as const) {
    it(`rebuilds the same run log as the steps read one by one (${example})`, async () => {
      const file = join(examples, example);
      const { store } = tempStore();
      const ran = await runFile(file, { steps, seed: 5, store, log: () => {}, onSteps: () => {} });
      if (!ran.ok) throw new Error(ran.errors.join('\n'));
      const net = await networkFromFile(file, {
        attach: { seed: 5, log: () => {}, injections: new QueuedInjections() },
      });
      if (!net.ok) throw new Error('the example does not compile');
      const { steps: objects, info } = store.runs.record(ran.runId!);
      const { record } = store.runs.recordAsColumns(ran.runId!);
      expect(record.steps.length).toBe(steps);
      // Each (kind, event, processes) once: far fewer shapes than steps.
      expect(record.shapes.length).toBeLessThan(200);
      const a = logFromRecord(net.spec, objects, info.beforeFirst);
      const b = logFromRecord(net.spec, structuredClone(record), info.beforeFirst);
      if (!a.ok || !b.ok) throw new Error(`${a.ok ? '' : a.error} ${b.ok ? '' : b.error}`);
      expect(b.log.length).toBe(steps);
      expect(rows(b.log)).toEqual(rows(a.log));
      if (example === 'sensor-alerts.yaml') expect(record.extras.length).toBeGreaterThan(0);
    });
  }

  it('names the step where a record does not fit the network', async () => {
    const net = await networkFromFile(join(examples, 'dining-philosophers-butler.yaml'), {
      attach: { seed: 1, log: () => {}, injections: new QueuedInjections() },
    });
    if (!net.ok) throw new Error('the example does not compile');
    const bad = logFromRecord(
      net.spec,
      {
        shapes: [{ kind: 'event', event: 'nosuch.1', processes: ['P'] }],
        steps: Int32Array.of(0),
        branches: Int32Array.of(0),
        times: Float64Array.of(0),
        extras: [],
      },
      [],
    );
    expect(bad).toEqual({
      ok: false,
      error: 'step 1 of the record (nosuch.1): not an event of this network (was the source changed?)',
    });
  });
});
