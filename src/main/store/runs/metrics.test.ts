/**
 * What a run measured besides its steps (metrics.ts) and process states over
 * time derived from its steps (states.ts), on a real SQLite store.
 */
import { describe, expect, it } from 'vitest';
import { tempStore } from '../__fixtures__/temp';
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
