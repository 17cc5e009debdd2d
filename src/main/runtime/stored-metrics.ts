/**
 * Host handlers of the charts' reads of a run (1.7), live or past, answered
 * from the store: the latency of its agent and HTTP calls (run.calls), the
 * host's CPU and memory while it was live, with the run's own worker thread's
 * (run.host), process states over time derived from its steps (run.states),
 * and the depths of its queues as the live run reported them (run.queues).
 * Each answer is small (a few
 * thousand points at most) whatever the run's length; the studio draws it as it comes.
 */
import type { runMethods } from '../../shared/protocol/methods/run';
import type { HandlerMap } from '../host/handlers/types';
import type { Store } from '../store';
import type { HostSample, RunCall } from '../store/runs/metrics';
import { queuePoints } from './stored-queues';
import { statesOverTime } from '../store/runs/states';
import { guard } from './stored-handlers';

type MetricsMethod = 'run.calls' | 'run.host' | 'run.states' | 'run.queues';

/** The value below which a fraction `q` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Where a run's charts start: its start, or an earlier step or call it kept (a fork keeps its parent's). */
function originOf(store: Store, runId: number, calls: readonly RunCall[] = []): number {
  const info = store.runs.get(runId);
  const first = info.lastSeq > 0 ? store.runs.steps.at(runId, 1)?.wallMs : undefined;
  return Math.min(info.startedAt, first ?? Infinity, calls[0]?.startedMs ?? Infinity);
}

export function summariseCalls(
  calls: readonly RunCall[],
  originMs: number,
  max: number,
): Omit<ReturnType<(typeof runMethods)['run.calls']['result']['parse']>, never> {
  const latency = (c: RunCall): number => c.endedMs - c.startedMs;
  const all = calls.map(latency).sort((a, b) => a - b);
  const byNode = new Map<string, RunCall[]>();
  for (const c of calls) {
    let list = byNode.get(c.node);
    if (list === undefined) byNode.set(c.node, (list = []));
    list.push(c);
  }
  const nodes = [...byNode]
    .map(([node, list]) => {
      const ms = list.map(latency).sort((a, b) => a - b);
      return {
        node,
        kind: list[0]!.kind,
        count: list.length,
        failed: list.filter((c) => c.failed).length,
        p50Ms: round1(percentile(ms, 0.5)),
        p95Ms: round1(percentile(ms, 0.95)),
        maxMs: round1(ms[ms.length - 1]!),
      };
    })
    .sort((a, b) => b.count - a.count);
  // Evenly spread over the run when there are more than the chart draws.
  const stride = Math.max(1, Math.ceil(calls.length / max));
  const shown = calls.filter((_c, i) => i % stride === 0);
  return {
    count: calls.length,
    p50Ms: all.length === 0 ? null : round1(percentile(all, 0.5)),
    p95Ms: all.length === 0 ? null : round1(percentile(all, 0.95)),
    nodes,
    calls: shown.map((c) => ({
      seq: c.seq,
      node: c.node,
      kind: c.kind,
      t: Math.round((c.startedMs - originMs) / 10) / 100,
      latencyMs: round1(latency(c)),
      failed: c.failed,
    })),
  };
}

/** Host samples → at most `points` equal buckets, each the average of its samples (empty buckets left out). */
export function bucketHost(
  samples: readonly HostSample[],
  originMs: number,
  points: number,
): { t: number; cpu: number; rssMb: number; heapMb: number; workerCpu?: number; workerHeapMb?: number }[] {
  if (samples.length === 0) return [];
  const from = samples[0]!.atMs;
  const span = samples[samples.length - 1]!.atMs - from + 1;
  const bucketMs = Math.max(1, Math.ceil(span / points));
  type Sum = { n: number; cpu: number; rss: number; heap: number; at: number };
  // The worker's figures are averaged over the samples that have them (older runs have none).
  const sums = new Map<number, Sum & { wn: number; wcpu: number; hn: number; wheap: number }>();
  for (const s of samples) {
    const k = Math.floor((s.atMs - from) / bucketMs);
    const b = sums.get(k) ?? { n: 0, cpu: 0, rss: 0, heap: 0, at: 0, wn: 0, wcpu: 0, hn: 0, wheap: 0 };
    sums.set(k, {
      n: b.n + 1,
      cpu: b.cpu + s.cpu,
      rss: b.rss + s.rss,
      heap: b.heap + s.heapUsed,
      at: b.at + s.atMs,
      wn: b.wn + (s.workerCpu !== undefined ? 1 : 0),
      wcpu: b.wcpu + (s.workerCpu ?? 0),
      hn: b.hn + (s.workerHeapUsed !== undefined ? 1 : 0),
      wheap: b.wheap + (s.workerHeapUsed ?? 0),
    });
  }
  const MiB = 1024 * 1024;
  return [...sums.values()].map((b) => ({
    t: Math.round((b.at / b.n - originMs) / 100) / 10,
    cpu: round1(b.cpu / b.n),
    rssMb: round1(b.rss / b.n / MiB),
    heapMb: round1(b.heap / b.n / MiB),
    ...(b.wn > 0 ? { workerCpu: round1(b.wcpu / b.wn) } : {}),
    ...(b.hn > 0 ? { workerHeapMb: round1(b.wheap / b.hn / MiB) } : {}),
  }));
}

export const storedMetricsHandlers: HandlerMap<MetricsMethod & keyof typeof runMethods> = {
  'run.calls': ({ storeRunId, max }, { host }) =>
    guard(() => {
      const store = host.requireStore();
      const calls = store.runs.metrics.calls(storeRunId);
      return summariseCalls(calls, originOf(store, storeRunId, calls), max);
    }),
  'run.host': ({ storeRunId, points }, { host }) =>
    guard(() => {
      const store = host.requireStore();
      const samples = store.runs.metrics.hostSamples(storeRunId);
      return { samples: samples.length, points: bucketHost(samples, originOf(store, storeRunId), points) };
    }),
  'run.queues': ({ storeRunId, points }, { host }) =>
    guard(() => {
      const store = host.requireStore();
      const samples = store.runs.metrics.queueSamples(storeRunId);
      return queuePoints(samples, originOf(store, storeRunId), points);
    }),
  'run.states': ({ storeRunId, points }, { host }) =>
    guard(() => {
      const store = host.requireStore();
      const info = store.runs.get(storeRunId);
      const details = info.outcomeDetails as { process?: unknown } | null;
      const failedProcess =
        (info.outcome === 'error' || info.outcome === 'violation') && typeof details?.process === 'string'
          ? details.process
          : undefined;
      const s = statesOverTime(store.runs.steps, storeRunId, info.lastSeq, {
        originMs: originOf(store, storeRunId),
        points,
        ...(failedProcess !== undefined ? { failedProcess } : {}),
      });
      return {
        processes: s.processes,
        bucketMs: s.bucketMs,
        points: s.points.map(({ atMs, ...counts }) => ({ t: Math.round(atMs / 100) / 10, ...counts })),
      };
    }),
};
