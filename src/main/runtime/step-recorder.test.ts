/**
 * The fast recording path (StepRecorder: cached shapes straight from the run's
 * log) stores exactly what the full path (every step as a RunEventRecord)
 * does, on real runs of shipped examples: payloads on JSON channels, results
 * delivered to built-ins, timer ticks with virtual time, τ steps and
 * nondeterministic branches; written in uneven chunks across block boundaries.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { NetworkRun } from '../../engine/runtime/network/run';
import { networkFromFile } from './network-input';
import { StepRecorder } from './step-recorder';
import { logSource } from './step-source';
import { StepPacker, StepShapes } from './step-batch';
import { toRecord } from './records';
import { tempStore } from '../store/__fixtures__/temp';
import { QueuedInjections } from './builtins/sources';

const examples = join(import.meta.dirname, '../../../resources/examples');
const WALL = 1_796_000_000_000;

type Stored = ReturnType<ReturnType<typeof tempStore>['store']['runs']['query']['page']>['events'];

/**
 * Runs `file` for `steps` steps, recording it both ways; returns the fast path's steps (wall times left out).
 * `from`: the fast path reads the run's log (`csp run`), or batches packed as a run worker sends them to the host.
 */
async function recordBothWays(file: string, steps: number, from: 'log' | 'batches' = 'log'): Promise<Stored> {
  const net = await networkFromFile(join(examples, file), {
    attach: { seed: 7, log: () => {}, injections: new QueuedInjections() },
  });
  if (!net.ok) throw new Error(JSON.stringify(net.diagnostics));
  const run = new NetworkRun(net.spec, { seed: 7 });
  const { store } = tempStore();
  const fast = store.runs.start({ mode: 'free' }, { flushIntervalMs: 0, batchSize: 3000 });
  const recorder = new StepRecorder(fast);
  const source = logSource(run);
  const packer = new StepPacker();
  const shapes = new StepShapes();
  // Uneven chunks: some end inside a block, some span several.
  for (const n of [1, 700, 2500, 31, steps, steps]) {
    if (run.seq >= steps) break;
    const before = run.seq;
    const stop = run.run(Math.min(n, steps - run.seq));
    if (from === 'log') recorder.write(source, run.seq, WALL + run.seq);
    else {
      // Through a structured clone, as postMessage carries it from the worker.
      const batch = shapes.read(structuredClone(packer.pack(run, before + 1, run.seq)));
      // The host streams these to the studio: the same steps the run itself describes.
      expect(batch.steps()).toEqual(run.steps(before + 1, run.seq));
      recorder.write(batch, batch.to, WALL + run.seq);
    }
    if (stop.reason === 'waiting') await run.waitForOutside();
    else if (stop.reason !== 'steps') break;
  }
  fast.finish({ outcome: 'done' });
  const all = run.steps();
  run.dispose();
  expect(all.length).toBe(steps);
  const full = store.runs.start({ mode: 'free' }, { flushIntervalMs: 0 });
  full.appendMany(all.map((s) => toRecord(s, WALL)));
  full.finish({ outcome: 'done' });
  const read = (id: number): Stored => {
    const out: Stored = [];
    for (let after = 0; after < all.length; after += 1000)
      out.push(...store.runs.query.page(id, { afterSeq: after, limit: 1000 }).events.map((e) => ({ ...e, wallMs: 0 })));
    return out;
  };
  const stored = read(fast.runId);
  expect(stored).toHaveLength(steps);
  expect(stored).toEqual(read(full.runId));
  expect(store.runs.get(fast.runId)).toMatchObject({ lastSeq: steps, eventCount: steps });
  // Each chunk's steps carry the wall time they were written with.
  expect(store.runs.steps.at(fast.runId, 1)!.wallMs).toBe(WALL + 1);
  return stored;
}

describe('StepRecorder', () => {
  it('records the sensor-alerts example (payloads, deliveries, ticks in virtual time) as the full path does', async () => {
    const stored = await recordBothWays('sensor-alerts.yaml', 3000);
    expect(stored.some((e) => e.payload !== null)).toBe(true);
    expect(stored.some((e) => e.kind === 'deliver')).toBe(true);
    expect(stored.some((e) => e.virtualTime > 0)).toBe(true);
  });

  it('records the dining philosophers with a butler (synchronisations of several processes) as the full path does', async () => {
    const stored = await recordBothWays('dining-philosophers-butler.yaml', 3000);
    expect(stored.some((e) => e.processes.length > 1)).toBe(true);
  });

  it("records a run worker's batches (the studio's runs) as the full path does, and streams the same steps", async () => {
    const sensors = await recordBothWays('sensor-alerts.yaml', 3000, 'batches');
    expect(sensors.some((e) => e.payload !== null)).toBe(true);
    const butler = await recordBothWays('dining-philosophers-butler.yaml', 3000, 'batches');
    expect(butler.some((e) => e.processes.length > 1)).toBe(true);
  });
});
