/**
 * A run's queue depths and its own worker's cost, through a real host, worker
 * threads and SQLite store: the depths the live run streamed (metrics events)
 * are what run.queues reads back for the stored run after a host restart, step
 * for step; two runs open at once each get samples of their own worker thread
 * beside the host process's total.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../shared/protocol/methods/run';
import { openStore } from '../store';
import { closeOpenHosts, hostOn } from './__fixtures__/host-on';
import { runFile } from './cli-run';
import { queuesWorkflow } from './__fixtures__/queues-workflow';
import { until } from './__fixtures__/until';

const dir = mkdtempSync(join(tmpdir(), 'csp-service-queues-'));

afterAll(async () => {
  await closeOpenHosts();
  rmSync(dir, { recursive: true, force: true });
});

const PIPELINE = queuesWorkflow('queues');

const LOOP = 'channel a, b\nP = a -> b -> P\nSYSTEM = P\n';

describe('queue depths of a stored run', () => {
  it('are what the live run streamed, step for step, read back after a host restart', async () => {
    const dataDir = join(dir, 'queues');
    const first = await hostOn(dataDir);
    const live = new Map<number, Record<string, number>>();
    let storeRunId: number;
    try {
      const started = await first.client.request('run.start', { text: PIPELINE, name: 'queues.yaml', seed: 5 });
      storeRunId = started.storeRunId!;
      const sub = await first.client.subscribe('run.events', {
        runId: started.runId,
        onEvent: (e: RunEvent) => {
          if (e.type === 'metrics') live.set(e.seq, Object.fromEntries(e.queues.map((q) => [q.id, q.depth])));
        },
        onGap: () => undefined,
      });
      for (let i = 0; i < 40; i++) await first.client.request('run.step', { runId: started.runId });
      await first.client.request('run.stepBack', { runId: started.runId });
      await until("the last step's metrics", async () => (live.has(39) ? true : undefined));
      await sub.close();
      await first.client.request('run.stop', { runId: started.runId });
    } finally {
      await first.close();
    }
    // The run's random choices filled and drained both queues.
    const depths = [...live.values()];
    expect(depths.some((d) => (d.raw ?? 0) > 0)).toBe(true);
    expect(depths.some((d) => (d.queue ?? 0) > 0)).toBe(true);

    const second = await hostOn(dataDir);
    try {
      const stored = await second.client.request('run.queues', { storeRunId });
      expect(stored.queues).toEqual([
        { id: 'queue', capacity: 4 },
        { id: 'raw', capacity: 3 },
      ]);
      expect(stored.samples).toBe(live.size);
      expect(new Map(stored.points.map((p) => [p.seq, p.depths]))).toEqual(live);
      // More reports than points: neighbours averaged, in step order, as the live chart downsamples.
      const few = await second.client.request('run.queues', { storeRunId, points: 10 });
      expect(few.points.length).toBeLessThanOrEqual(10);
      expect(few.points.map((p) => p.seq)).toEqual([...few.points.map((p) => p.seq)].sort((a, b) => a - b));
      await expect(second.client.request('run.queues', { storeRunId: 999_999 })).rejects.toThrow(/999999/);
    } finally {
      await second.close();
    }
  }, 60_000);
});

describe('queue depths of a run recorded by csp run', () => {
  it('are kept after each chunk, and a replay of the run shows the same depths at those steps', async () => {
    const dataDir = join(dir, 'cli');
    const file = join(dir, 'queues.yaml');
    writeFileSync(file, PIPELINE);
    const store = openStore({ dataDir, role: 'cli' });
    let storeRunId: number;
    let kept: ReturnType<typeof store.runs.metrics.queueSamples>;
    try {
      const ran = await runFile(file, { steps: 40, seed: 5, chunk: 8, store, log: () => {}, onSteps: () => {} });
      if (!ran.ok) throw new Error(ran.errors.join('\n'));
      storeRunId = ran.runId!;
      kept = store.runs.metrics.queueSamples(storeRunId);
    } finally {
      store.close();
    }
    expect(kept.map((k) => k.seq)).toEqual([8, 16, 24, 32, 40]);
    const host = await hostOn(dataDir);
    try {
      const opened = await host.client.request('run.open', { storeRunId });
      const shown = new Map<number, Record<string, number>>();
      const sub = await host.client.subscribe('run.events', {
        runId: opened.runId,
        onEvent: (e: RunEvent) => {
          if (e.type === 'metrics') shown.set(e.seq, Object.fromEntries(e.queues.map((q) => [q.id, q.depth])));
        },
        onGap: () => undefined,
      });
      for (const k of kept) {
        await host.client.request('run.goto', { runId: opened.runId, seq: k.seq });
        await until(`the replay's depths at step ${k.seq}`, async () => (shown.has(k.seq) ? true : undefined));
        expect(Object.fromEntries(k.queues.map((q) => [q.id, q.depth]))).toEqual(shown.get(k.seq));
      }
      await sub.close();
    } finally {
      await host.close();
    }
  }, 60_000);
});

describe("a run's own worker in its host samples", () => {
  it('two runs open at once each get their worker thread measured, beside the host total', async () => {
    const host = await hostOn(join(dir, 'workers'));
    try {
      const busy = await host.client.request('run.start', { text: LOOP, name: 'busy.csp', seed: 1 });
      const idle = await host.client.request('run.start', { text: LOOP, name: 'idle.csp', seed: 1 });
      const running = host.client.request('run.continue', { runId: busy.runId, maxSteps: 1e9 });
      // However loaded the machine, the busy worker has done this much work (and used CPU for it).
      await until('the busy run to take 100,000 steps', async () => {
        const state = await host.client.request('run.state', { runId: busy.runId });
        return state.seq >= 100_000 ? true : undefined;
      });
      await host.client.request('run.pause', { runId: busy.runId });
      await running;
      // Two more samples of each after the pause, so each worker's CPU until then is all in its samples.
      const count = async (id: number) => (await host.client.request('run.host', { storeRunId: id })).samples;
      const after = { busy: await count(busy.storeRunId!), idle: await count(idle.storeRunId!) };
      const samples = (id: number, n: number) =>
        until(`${n} samples of run ${id}`, async () => {
          const r = await host.client.request('run.host', { storeRunId: id });
          return r.samples >= n ? r.points : undefined;
        });
      const busyPoints = await samples(busy.storeRunId!, after.busy + 2);
      const idlePoints = await samples(idle.storeRunId!, after.idle + 2);
      for (const p of [...busyPoints, ...idlePoints]) {
        expect(p.workerCpu).toBeDefined();
        expect(p.workerHeapMb).toBeGreaterThan(0);
        // A thread is part of its process: never more than the host's total (10 ms ticks of slack).
        expect(p.workerCpu!).toBeLessThanOrEqual(p.cpu + 2);
      }
      // Samples cover the time without gaps (each is the CPU since the previous one), so their sum is the
      // CPU each worker used: the busy one ran 100,000 steps, the idle one only woke to report its heap.
      const total = (ps: typeof busyPoints) => ps.reduce((sum, p) => sum + p.workerCpu!, 0);
      expect(total(busyPoints)).toBeGreaterThan(total(idlePoints));
      // Each worker has a heap of its own: the busy one holds its run's log.
      const heaps = (ps: typeof busyPoints) => ps.map((p) => p.workerHeapMb);
      expect(heaps(busyPoints)).not.toEqual(heaps(idlePoints));
    } finally {
      await host.close();
    }
  }, 60_000);
});
