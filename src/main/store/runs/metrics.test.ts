/**
 * What a run measured besides its steps (metrics.ts) and process states over
 * time derived from its steps (states.ts), on a real SQLite store.
 */
import { describe, expect, it } from 'vitest';
import { tempDir, tempStore } from '../__fixtures__/temp';
import { openDatabase } from '../open';
import type { RunEventRecord } from './records';
import type { RunCall } from './metrics';
import { statesOverTime } from './states';

const call = (seq: number, node: string, startedMs: number, ms: number, failed = false): RunCall => ({
  seq,
  node,
  kind: node === 'Ask' ? 'llm-reply' : 'http',
  startedMs,
  endedMs: startedMs + ms,
  failed,
});

const step = (seq: number, wallMs: number, processes: string[], kind: RunEventRecord['kind'] = 'event') => ({
  seq,
  kind,
  event: kind === 'done' ? '✓' : `c.${seq}`,
  channel: kind === 'done' ? null : 'c',
  processes,
  wallMs,
  virtualTime: 0,
});

describe('run metrics', () => {
  it('keeps calls by their deliver step and host samples, reads them back in order, copies calls into a fork, deletes them with the run', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 });
    for (let s = 1; s <= 6; s++) w.append(step(s, 1000 + s, ['A', 'B']));
    w.flush();
    const m = store.runs.metrics;
    m.recordCalls(w.runId, [call(4, 'Fetch', 500, 80), call(2, 'Ask', 100, 250, true)]);
    expect(m.calls(w.runId)).toEqual([call(2, 'Ask', 100, 250, true), call(4, 'Fetch', 500, 80)]);
    m.recordHostSample(w.runId, { atMs: 2000, cpu: 12.5, rss: 100 << 20, heapUsed: 30 << 20 });
    m.recordHostSample(w.runId, { atMs: 1000, cpu: 50, rss: 90 << 20, heapUsed: 20 << 20 });
    expect(m.hostSamples(w.runId).map((s) => s.atMs)).toEqual([1000, 2000]);
    store.runs.saveReplay(w.runId, { source: { kind: 'cspm', name: 'x.csp', text: 'P = STOP' }, beforeFirst: [] });
    // A fork after step 3 keeps the call answered at step 2, not the one at step 4.
    const fork = store.runs.fork(w.runId, 3, { mode: 'fork' });
    expect(m.calls(fork.runId)).toEqual([call(2, 'Ask', 100, 250, true)]);
    fork.finish({ outcome: 'stopped' });
    w.finish({ outcome: 'stopped' });
    store.runs.delete(w.runId);
    expect(m.calls(w.runId)).toEqual([]);
    expect(m.hostSamples(w.runId)).toEqual([]);
    expect(m.calls(fork.runId)).toHaveLength(1);
  });

  it('refuses a call that ends before it starts or has no step, naming the run and seq', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 });
    expect(() => store.runs.metrics.recordCalls(w.runId, [call(3, 'Fetch', 500, -1)])).toThrow(
      `run ${w.runId} seq 3: a call must end after it starts`,
    );
    expect(() => store.runs.metrics.recordCalls(w.runId, [call(0, 'Fetch', 500, 1)])).toThrow(/seq must be a step/);
    expect(store.runs.metrics.calls(w.runId)).toEqual([]);
  });
});

describe('queue depths and the worker thread of a run (migration 12)', () => {
  const depths = (seq: number, atMs: number, a: number, b: number) => ({
    seq,
    atMs,
    queues: [
      { id: 'e1', depth: a, capacity: 3 },
      { id: 'buf', depth: b, capacity: 8 },
    ],
  });

  it('keeps the first report of each step, reads them in step order, copies them into a fork, deletes them with the run', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 });
    for (let s = 1; s <= 6; s++) w.append(step(s, 1000 + s, ['A', 'B']));
    w.flush();
    const m = store.runs.metrics;
    m.recordQueues(w.runId, depths(4, 1400, 2, 5));
    m.recordQueues(w.runId, depths(1, 1100, 1, 0));
    // Coming back to step 4 later reports the same depths; the first report's time stays.
    m.recordQueues(w.runId, depths(4, 9999, 2, 5));
    // Queues of a step come in id order.
    const buf = (depth: number) => ({ id: 'buf', depth, capacity: 8 });
    const e1 = (depth: number) => ({ id: 'e1', depth, capacity: 3 });
    expect(m.queueSamples(w.runId)).toEqual([
      { seq: 1, atMs: 1100, queues: [buf(0), e1(1)] },
      { seq: 4, atMs: 1400, queues: [buf(5), e1(2)] },
    ]);
    store.runs.saveReplay(w.runId, { source: { kind: 'cspm', name: 'x.csp', text: 'P = STOP' }, beforeFirst: [] });
    const fork = store.runs.fork(w.runId, 3, { mode: 'fork' });
    expect(m.queueSamples(fork.runId).map((q) => q.seq)).toEqual([1]);
    fork.finish({ outcome: 'stopped' });
    w.finish({ outcome: 'stopped' });
    store.runs.delete(w.runId);
    expect(m.queueSamples(w.runId)).toEqual([]);
    expect(m.queueSamples(fork.runId)).toHaveLength(1);
  });

  it("counts what it keeps in the run's bytes, which retention's size limit reads: once per row, forks included", () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 });
    for (let s = 1; s <= 6; s++) w.append(step(s, 1000 + s, ['A', 'B']));
    w.flush();
    const m = store.runs.metrics;
    const bytes = (runId: number): number => store.runs.get(runId).bytes;
    let before = bytes(w.runId);
    m.recordQueues(w.runId, depths(4, 1400, 2, 5)); // two rows: ids 'e1' and 'buf'
    expect(bytes(w.runId) - before).toBe(2 * 24 + 'e1'.length + 'buf'.length);
    before = bytes(w.runId);
    m.recordQueues(w.runId, depths(4, 9999, 3, 1)); // the same step again: kept as it was, not counted
    m.recordQueues(w.runId, depths(2, 1200, 1, 0));
    expect(bytes(w.runId) - before).toBe(2 * 24 + 5);
    before = bytes(w.runId);
    m.recordHostSample(w.runId, { atMs: 2000, cpu: 1, rss: 1, heapUsed: 1 });
    m.recordHostSample(w.runId, { atMs: 2000, cpu: 2, rss: 2, heapUsed: 2 }); // replaces the first
    m.recordCalls(w.runId, [call(2, 'Ask', 100, 250)]);
    m.recordCalls(w.runId, [call(2, 'Ask', 100, 300)]); // replaces it
    expect(bytes(w.runId) - before).toBe(48 + 32 + 'Ask'.length + 'llm-reply'.length);
    // A fork after step 3 counts the steps it copied plus the depths and the call of steps 1..3.
    const bare = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 }); // the same steps, no metrics
    for (let s = 1; s <= 6; s++) bare.append(step(s, 1000 + s, ['A', 'B']));
    bare.flush();
    const source = { kind: 'cspm' as const, name: 'x.csp', text: 'P = STOP' };
    store.runs.saveReplay(bare.runId, { source, beforeFirst: [] });
    store.runs.saveReplay(w.runId, { source, beforeFirst: [] });
    const stepBytes = bytes(store.runs.fork(bare.runId, 3, { mode: 'fork' }).runId);
    m.recordCalls(w.runId, [call(5, 'Fetch', 400, 10)]); // after the fork point: not copied
    const fork = store.runs.fork(w.runId, 3, { mode: 'fork' }).runId;
    expect(m.queueSamples(fork).map((q) => q.seq)).toEqual([2]);
    expect(bytes(fork) - stepBytes).toBe(2 * 24 + 5 + 32 + 'Ask'.length + 'llm-reply'.length);
  });

  it('refuses a depth that is not a count, naming the run, step and queue', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 });
    expect(() => store.runs.metrics.recordQueues(w.runId, depths(2, 1, -1, 0))).toThrow(
      `run ${w.runId} seq 2: queue e1 has depth -1 of 3`,
    );
    expect(store.runs.metrics.queueSamples(w.runId)).toEqual([]);
  });

  it('opens a schema 11 store with host samples: they read back without worker figures, new ones keep them', () => {
    const dir = tempDir();
    const old = openDatabase({ dataDir: dir, targetVersion: 11 });
    old.exec(`INSERT INTO runs (id, started_at, mode, status) VALUES (1, 1000, 'step', 'finished')`);
    old.exec(`INSERT INTO run_host_samples (run_id, at_ms, cpu, rss, heap_used) VALUES (1, 2000, 40, 1000, 500)`);
    old.close();
    const { store } = tempStore({ dataDir: dir });
    const m = store.runs.metrics;
    expect(m.hostSamples(1)).toEqual([{ atMs: 2000, cpu: 40, rss: 1000, heapUsed: 500 }]);
    m.recordHostSample(1, { atMs: 3000, cpu: 50, rss: 2000, heapUsed: 600, workerCpu: 12.5, workerHeapUsed: 300 });
    expect(m.hostSamples(1)[1]).toEqual({
      atMs: 3000,
      cpu: 50,
      rss: 2000,
      heapUsed: 600,
      workerCpu: 12.5,
      workerHeapUsed: 300,
    });
    expect(m.queueSamples(1)).toEqual([]);
  });
});

describe('process states over a stored run', () => {
  it('counts per bucket the processes that took part, waited, ended and failed', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 });
    // Bucket 0 (0-999 ms): A and B sync, C alone. Bucket 1: A and B again, C ends. Bucket 2: A alone.
    const steps = [
      step(1, 10_000, ['A', 'B']),
      step(2, 10_100, ['C']),
      step(3, 11_000, ['A', 'B']),
      step(4, 11_500, ['C'], 'done'),
      step(5, 12_999, ['A']),
    ];
    for (const s of steps) w.append(s);
    w.flush();
    const s = statesOverTime(store.runs.steps, w.runId, 5, { originMs: 10_000, points: 3, failedProcess: 'A' });
    expect(s.processes).toBe(3);
    expect(s.bucketMs).toBe(1000);
    expect(s.points).toEqual([
      { atMs: 0, running: 3, waiting: 0, done: 0, failed: 0 },
      { atMs: 1000, running: 2, waiting: 0, done: 1, failed: 0 },
      // A's last step is here and the run stopped on it: failed; B took no step: waiting.
      { atMs: 2000, running: 0, waiting: 1, done: 1, failed: 1 },
    ]);
    expect(statesOverTime(store.runs.steps, w.runId, 0, { originMs: 0, points: 10 }).points).toEqual([]);
  });
});
