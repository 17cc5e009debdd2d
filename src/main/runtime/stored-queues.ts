/**
 * A stored run's queue depths for its chart (run.queues): the reports the live
 * run made, in step order, each a point; past `points` of them, neighbours are
 * merged by averaging, as the live chart downsamples its own samples, so the
 * chart of a past run shows what the live one showed.
 */
import type { QueueSample } from '../store/runs/metrics';

export interface QueuePoint {
  /** Seconds from `originMs`. */
  readonly t: number;
  /** The (last) step the depths were read after. */
  readonly seq: number;
  /** Messages held, by queue id. */
  readonly depths: Record<string, number>;
}

export function queuePoints(
  samples: readonly QueueSample[],
  originMs: number,
  points: number,
): { samples: number; queues: { id: string; capacity: number }[]; points: QueuePoint[] } {
  const capacity = new Map<string, number>();
  for (const s of samples) for (const q of s.queues) if (!capacity.has(q.id)) capacity.set(q.id, q.capacity);
  const group = Math.max(1, Math.ceil(samples.length / points));
  const out: QueuePoint[] = [];
  for (let i = 0; i < samples.length; i += group) {
    const part = samples.slice(i, i + group);
    const sums = new Map<string, { n: number; depth: number }>();
    let at = 0;
    for (const s of part) {
      at += s.atMs;
      for (const q of s.queues) {
        const b = sums.get(q.id) ?? { n: 0, depth: 0 };
        sums.set(q.id, { n: b.n + 1, depth: b.depth + q.depth });
      }
    }
    const depths: Record<string, number> = {};
    for (const [id, b] of sums) depths[id] = Math.round((b.depth / b.n) * 100) / 100;
    out.push({
      t: Math.round((at / part.length - originMs) / 100) / 10,
      seq: part[part.length - 1]!.seq,
      depths,
    });
  }
  return { samples: samples.length, queues: [...capacity].map(([id, c]) => ({ id, capacity: c })), points: out };
}
