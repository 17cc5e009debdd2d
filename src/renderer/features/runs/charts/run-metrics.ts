/**
 * The charts' reads of a run from the host (protocol 1.7), for the run on
 * screen whether it is live or opened from the store: agent and HTTP call
 * latencies (run.calls), host CPU and memory with the run's own worker's
 * (run.host), and, for a stored run, process states over time derived from its
 * steps on the host (run.states) and the queue depths the live run reported (run.queues).
 * A live run is recorded as it goes, so the same reads serve it: they are asked
 * again once a second while it is live (each answer is a few hundred points,
 * whatever the run's length), never per event.
 */
import { useHostQuery } from '../../../hooks';
import type { Result } from '../../../../shared/protocol';
import type { Point } from './samples';

/** How often a live run's calls and host samples are read again. */
export const LIVE_REFRESH_MS = 1000;

export type RunCalls = Result<'run.calls'>;

const options = (storeRunId: number | undefined, live: boolean) => ({
  enabled: storeRunId !== undefined,
  ...(live ? { refetchInterval: LIVE_REFRESH_MS } : {}),
});

export function useRunCalls(storeRunId: number | undefined, live: boolean): RunCalls | undefined {
  return useHostQuery('run.calls', { storeRunId: storeRunId ?? 0 }, options(storeRunId, live)).data;
}

export interface HostPoints {
  readonly samples: number;
  /** The samples hold this run's worker's CPU and heap (`workerCpu`, `workerHeap`), beside the host's. */
  readonly worker: boolean;
  readonly points: Point[];
}

export function useHostSamples(storeRunId: number | undefined, live: boolean): HostPoints | undefined {
  const data = useHostQuery('run.host', { storeRunId: storeRunId ?? 0 }, options(storeRunId, live)).data;
  return data === undefined
    ? undefined
    : {
        samples: data.samples,
        worker: data.points.some((p) => p.workerCpu !== undefined || p.workerHeapMb !== undefined),
        points: data.points.map((p) => ({
          t: p.t,
          cpu: p.cpu,
          rss: p.rssMb,
          heap: p.heapMb,
          ...(p.workerCpu !== undefined ? { workerCpu: p.workerCpu } : {}),
          ...(p.workerHeapMb !== undefined ? { workerHeap: p.workerHeapMb } : {}),
        })),
      };
}

/** Queue depths of a stored run as the live run reported them (a live run's come with its events: samples.ts). */
export function useStoredQueues(
  storeRunId: number | undefined,
): { samples: number; queueIds: string[]; points: Point[] } | undefined {
  const data = useHostQuery('run.queues', { storeRunId: storeRunId ?? 0 }, { enabled: storeRunId !== undefined }).data;
  return data === undefined ? undefined : storedQueuePoints(data);
}

/** run.queues → the chart's points: seconds into the run, then one series per queue id. */
export function storedQueuePoints(data: Result<'run.queues'>): {
  samples: number;
  queueIds: string[];
  points: Point[];
} {
  return {
    samples: data.samples,
    queueIds: data.queues.map((q) => q.id),
    points: data.points.map((p) => ({ t: p.t, ...p.depths })),
  };
}

/** Process states of a stored run (a live run's are sampled from the run store: samples.ts). */
export function useStoredStates(storeRunId: number | undefined): { processes: number; points: Point[] } | undefined {
  const data = useHostQuery('run.states', { storeRunId: storeRunId ?? 0 }, { enabled: storeRunId !== undefined }).data;
  return data === undefined ? undefined : { processes: data.processes, points: data.points.map((p) => ({ ...p })) };
}

/** "312 ms", "1.4 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The latency chart's points: one series per node (the busiest `max`), x = seconds into the run, y = ms. */
export function latencySeries(
  calls: RunCalls,
  max: number,
): { node: string; kind: string; points: { t: number; ms: number; seq: number; node: string }[] }[] {
  const nodes = calls.nodes.slice(0, max);
  return nodes.map((n) => ({
    node: n.node,
    kind: n.kind,
    points: calls.calls
      .filter((c) => c.node === n.node)
      .map((c) => ({ t: c.t, ms: c.latencyMs, seq: c.seq, node: c.node })),
  }));
}
