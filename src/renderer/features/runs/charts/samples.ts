/**
 * Samples for the live charts, taken from the run store (never per event:
 * once per store update, which is once per animation frame at most): steps
 * per channel per second of virtual run time, queue depths and how many
 * processes are in each state, downsampled to at most MAX_POINTS points per
 * series by merging neighbours.
 */
import { create } from 'zustand';
import { useRun } from '../run-store';
import type { RunState } from '../run-store';

export const MAX_POINTS = 240;

export interface Point {
  /** Seconds since the run began (wall clock of the studio). */
  readonly t: number;
  readonly [series: string]: number;
}

export interface ChartSamples {
  generation: number;
  /** Steps per second, per channel (τ and ✓ under their own names). */
  rates: Point[];
  queues: Point[];
  /** Processes per state (STATES) at each sample. */
  states: Point[];
  channels: string[];
  queueIds: string[];
}

export const useChartSamples = create<ChartSamples>(() => ({
  generation: -1,
  rates: [],
  queues: [],
  states: [],
  channels: [],
  queueIds: [],
}));

/**
 * What a process did between two samples: took part in a step (running), took none while still
 * alive (waiting), ended (done), or is the one the run stopped on with an error or a contract
 * violation (failed).
 */
export const STATES = ['running', 'waiting', 'done', 'failed'] as const;

/** Processes per state among the steps after `fromSeq` (see STATES). */
export function stateCounts(
  s: Pick<RunState, 'steps' | 'firstSeq' | 'processes' | 'stop'>,
  fromSeq: number,
): Record<(typeof STATES)[number], number> {
  const active = new Set<string>();
  for (let i = Math.max(0, fromSeq + 1 - s.firstSeq); i < s.steps.length; i++)
    for (const p of s.steps[i]!.processes) active.add(p);
  const failed = s.stop?.reason === 'error' || s.stop?.reason === 'violation' ? s.stop.process : undefined;
  const out = { running: 0, waiting: 0, done: 0, failed: 0 };
  for (const p of s.processes) {
    if (p.name === failed) out.failed++;
    else if (p.terminated) out.done++;
    else if (active.has(p.name)) out.running++;
    else out.waiting++;
  }
  return out;
}

/** Halves a series by averaging neighbours once it is past `max` points. */
export function downsample(points: Point[], max = MAX_POINTS): Point[] {
  if (points.length <= max) return points;
  const out: Point[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const merged: Record<string, number> = {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) merged[k] = ((a[k] ?? 0) + (b[k] ?? 0)) / 2;
    out.push(merged as Point);
  }
  if (points.length % 2 === 1) out.push(points[points.length - 1]!);
  return out;
}

/** Counts of steps per channel among steps after `fromSeq` (channel: text before the first dot). */
export function countByChannel(s: Pick<RunState, 'steps' | 'firstSeq'>, fromSeq: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = Math.max(0, fromSeq + 1 - s.firstSeq); i < s.steps.length; i++) {
    const step = s.steps[i]!;
    const name = step.kind === 'event' ? (step.event.split('.')[0] ?? step.event) : step.kind;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

let started = false;

/** Starts sampling the run store (once; the Charts tab calls it when first shown, the sampler then stays). */
export function startSampling(now: () => number = () => performance.now()): void {
  if (started) return;
  started = true;
  let seenSeq = 0;
  let lastAt = now();
  let startAt = lastAt;
  useRun.subscribe((s) => {
    const c = useChartSamples.getState();
    if (c.generation !== s.generation) {
      seenSeq = s.seq;
      startAt = lastAt = now();
      useChartSamples.setState({
        generation: s.generation,
        rates: [],
        queues: [],
        states: [],
        channels: [],
        queueIds: [],
      });
      return;
    }
    const at = now();
    // One point at most every 250 ms of wall time; the steps in between are counted together.
    if (at - lastAt < 250 || s.seq <= seenSeq) return;
    const seconds = (at - lastAt) / 1000;
    const counts = countByChannel(s, seenSeq);
    const states = stateCounts(s, seenSeq);
    // A fast run may move on by more steps than the store keeps in memory: the steps kept are a
    // sample of the mix, scaled to the number of steps really taken.
    let counted = 0;
    for (const v of counts.values()) counted += v;
    const factor = counted > 0 ? (s.seq - seenSeq) / counted : 1;
    for (const [k, v] of counts) counts.set(k, v * Math.max(1, factor));
    seenSeq = s.seq;
    lastAt = at;
    const t = Math.round((at - startAt) / 100) / 10;
    const rate: Record<string, number> = { t };
    for (const [k, v] of counts) rate[k] = Math.round(v / seconds);
    const queue: Record<string, number> = { t };
    for (const q of s.queues) queue[q.id] = q.depth;
    const channels = [...new Set([...c.channels, ...counts.keys()])];
    const queueIds = [...new Set([...c.queueIds, ...s.queues.map((q) => q.id)])];
    useChartSamples.setState({
      rates: downsample([...c.rates, rate as Point]),
      queues: downsample([...c.queues, queue as Point]),
      states: downsample([...c.states, { t, ...states }]),
      channels,
      queueIds,
    });
  });
}
