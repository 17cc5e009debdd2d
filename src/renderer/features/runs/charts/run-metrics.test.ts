/**
 * What the latency and host charts draw and say, from the host's answers:
 * a series per node (the busiest first, at most the chart's lines), readable
 * durations, captions with the run's and each node's p50/p95.
 */
import { describe, expect, it } from 'vitest';
import { formatMs, latencySeries, storedQueuePoints, type RunCalls } from './run-metrics';
import { latencyCaption } from './LatencyChart';
import { hostCaption } from './HostChart';

const calls: RunCalls = {
  count: 5,
  p50Ms: 160,
  p95Ms: 1250,
  nodes: [
    { node: 'Fetch', kind: 'http', count: 3, failed: 1, p50Ms: 150, p95Ms: 170, maxMs: 170 },
    { node: 'Ask', kind: 'llm-reply', count: 2, failed: 0, p50Ms: 300, p95Ms: 1250, maxMs: 1250 },
  ],
  calls: [
    { seq: 3, node: 'Fetch', kind: 'http', t: 0.1, latencyMs: 150, failed: false },
    { seq: 5, node: 'Ask', kind: 'llm-reply', t: 0.3, latencyMs: 300, failed: false },
    { seq: 8, node: 'Fetch', kind: 'http', t: 0.7, latencyMs: 160, failed: false },
    { seq: 10, node: 'Ask', kind: 'llm-reply', t: 1.1, latencyMs: 1250, failed: false },
    { seq: 12, node: 'Fetch', kind: 'http', t: 2.5, latencyMs: 170, failed: true },
  ],
};

describe('latency chart', () => {
  it('draws a series per node, busiest first, each call once', () => {
    const series = latencySeries(calls, 8);
    expect(series.map((s) => s.node)).toEqual(['Fetch', 'Ask']);
    expect(series[0]!.points).toEqual([
      { t: 0.1, ms: 150, seq: 3, node: 'Fetch' },
      { t: 0.7, ms: 160, seq: 8, node: 'Fetch' },
      { t: 2.5, ms: 170, seq: 12, node: 'Fetch' },
    ]);
    expect(latencySeries(calls, 1).map((s) => s.node)).toEqual(['Fetch']);
  });

  it("says the run's and each node's p50 and p95, and how many failed", () => {
    expect(latencyCaption(calls)).toBe(
      '5 calls · p50 160 ms · p95 1.25 s · 1 failed · Fetch (HTTP) p50 150 ms, p95 170 ms · Ask (agent) p50 300 ms, p95 1.25 s',
    );
    expect(latencyCaption({ count: 0, p50Ms: null, p95Ms: null, nodes: [], calls: [] })).toBe('no calls');
    expect(latencyCaption(undefined)).toBe('loading…');
    expect([formatMs(12.4), formatMs(999), formatMs(1000), formatMs(45_000)]).toEqual([
      '12 ms',
      '999 ms',
      '1.00 s',
      '45.0 s',
    ]);
  });

  it("says the host's latest CPU and memory, and this run's worker's when it was measured", () => {
    expect(hostCaption({ samples: 7, worker: false, points: [{ t: 6.1, cpu: 42.5, rss: 120.3, heap: 30.1 }] })).toBe(
      '7 samples · at 6.1 s: host CPU 42.5%, RSS 120.3 MiB, heap 30.1 MiB',
    );
    const worker = { t: 2, cpu: 80, rss: 150, heap: 40, workerCpu: 61.5, workerHeap: 12.2 };
    expect(hostCaption({ samples: 3, worker: true, points: [worker] })).toBe(
      "3 samples · at 2 s: host CPU 80%, RSS 150 MiB, heap 40 MiB; this run's worker: CPU 61.5%, heap 12.2 MiB",
    );
    expect(hostCaption({ samples: 0, worker: false, points: [] })).toBe('no samples');
  });

  it("turns a stored run's queue reports into one series per queue", () => {
    const data: Parameters<typeof storedQueuePoints>[0] = {
      samples: 2,
      queues: [
        { id: 'raw', capacity: 3 },
        { id: 'queue', capacity: 4 },
      ],
      points: [
        { t: 0.1, seq: 1, depths: { raw: 1, queue: 0 } },
        { t: 0.4, seq: 5, depths: { raw: 3 } },
      ],
    };
    expect(storedQueuePoints(data)).toEqual({
      samples: 2,
      queueIds: ['raw', 'queue'],
      points: [
        { t: 0.1, raw: 1, queue: 0 },
        { t: 0.4, raw: 3 },
      ],
    });
  });
});
