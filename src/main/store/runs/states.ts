/**
 * Process states over a stored run's wall-clock time, derived from its steps
 * (the store keeps no states): the steps are walked once, block by block, on
 * the host, into at most `points` equal buckets, so a run of a million steps
 * comes to the studio as a few hundred points. Per bucket, as the live chart
 * counts them: running = took part in a step in the bucket; done = ended (a ✓
 * of its own, or the system's ✓) by the end of it; failed = the process the run
 * stopped on with an error or a violation, from its last step on; waiting = the rest.
 */
import type { StepReader } from './steps';

export interface StatePoint {
  /** Ms from `originMs` to the start of the bucket. */
  readonly atMs: number;
  readonly running: number;
  readonly waiting: number;
  readonly done: number;
  readonly failed: number;
}

export interface StatesOverTime {
  readonly processes: number;
  readonly bucketMs: number;
  readonly points: StatePoint[];
}

/** Buckets are never shorter than this (the live chart samples four times a second). */
export const MIN_BUCKET_MS = 250;

export function statesOverTime(
  steps: StepReader,
  runId: number,
  lastSeq: number,
  opts: { readonly originMs: number; readonly points: number; readonly failedProcess?: string },
): StatesOverTime {
  const first = lastSeq > 0 ? steps.at(runId, 1) : undefined;
  const last = lastSeq > 0 ? steps.at(runId, lastSeq) : undefined;
  if (first === undefined || last === undefined) return { processes: 0, bucketMs: MIN_BUCKET_MS, points: [] };
  const origin = Math.min(opts.originMs, first.wallMs);
  const span = Math.max(1, last.wallMs - origin + 1);
  const bucketMs = Math.max(MIN_BUCKET_MS, Math.ceil(span / opts.points));
  const buckets = Math.ceil(span / bucketMs);
  const running = new Int32Array(buckets);
  /** Per process (by event-name id): the last bucket it was counted running in, and the bucket it ended in. */
  const lastRunning = new Map<number, number>();
  const endedIn = new Map<number, number>();
  const names = new Map<number, string>();
  let systemEnd = -1;
  for (const b of steps.blocks(runId, 1, lastSeq)) {
    const shapes = steps.shapes(runId, b.maxShape() + 1);
    for (let i = 0; i < b.n; i++) {
      const shape = shapes[b.steps[i]!]!;
      const k = Math.min(buckets - 1, Math.max(0, Math.floor((b.wall(i) - origin) / bucketMs)));
      shape.procIds.forEach((p, j) => {
        if (!names.has(p)) names.set(p, shape.processes[j]!);
        if (lastRunning.get(p) !== k) {
          lastRunning.set(p, k);
          running[k]!++;
        }
      });
      if (shape.kind === 'done') {
        if (shape.procIds.length === 1) endedIn.set(shape.procIds[0]!, k);
        else if (systemEnd < 0) systemEnd = k;
      }
    }
  }
  const failedId = [...names].find(([, n]) => n === opts.failedProcess)?.[0];
  // The failed process took its last step in this bucket; it is failed from there on.
  const failedFrom = failedId === undefined ? -1 : (lastRunning.get(failedId) ?? -1);
  // Ends per bucket (a process's ✓ is its last step, so it ran in that bucket too).
  const ends = new Int32Array(buckets);
  for (const [p, k] of endedIn) if (p !== failedId) ends[k]!++;
  const total = names.size;
  const points: StatePoint[] = [];
  let done = 0;
  for (let k = 0; k < buckets; k++) {
    done += ends[k]!;
    const failed = failedFrom >= 0 && k >= failedFrom ? 1 : 0;
    const everyoneDone = systemEnd >= 0 && k >= systemEnd;
    const d = everyoneDone ? total - failed : done;
    // Each process has one state: failed, else done, else running (took part here), else waiting.
    const r = everyoneDone ? 0 : Math.max(0, running[k]! - ends[k]! - (k === failedFrom ? 1 : 0));
    points.push({ atMs: k * bucketMs, running: r, waiting: Math.max(0, total - failed - d - r), done: d, failed });
  }
  return { processes: names.size, bucketMs, points };
}
