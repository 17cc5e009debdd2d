/**
 * A run's steps as they cross from its worker to the host: columns, not one
 * object per step. Each (event, process) pair is sent whole once per run (its
 * shape); after that a step is its shape key, branch and virtual time. Steps
 * that carry more (a payload, outside values, a delivered result) are sent
 * whole. The host records a batch through StepRecorder, as `csp run` records
 * its log, and makes the steps its subscribers see from the shapes it knows.
 */
import type { NetworkRun, StepInfo } from '../../engine/runtime/network/run';
import { logSource, NO_SHAPE, type StepSource } from './step-source';

export interface StepBatch {
  /** Seq of the first step; the batch holds `keys.length` steps in order. */
  readonly from: number;
  readonly keys: Float64Array;
  readonly branches: Int32Array;
  readonly times: Float64Array;
  /** Shapes sent for the first time: a key and a step of that shape (its seq, branch and time are ignored). */
  readonly shapes: readonly (readonly [number, StepInfo])[];
  /** The steps with key NO_SHAPE, in order. */
  readonly whole: readonly StepInfo[];
}

/** Worker side: packs steps from..to of a run, sending each shape whole only once. */
export class StepPacker {
  private readonly sent = new Set<number>();

  pack(run: NetworkRun, from: number, to: number): StepBatch {
    const src = logSource(run);
    const n = Math.max(0, to - from + 1);
    const keys = new Float64Array(n);
    const branches = new Int32Array(n);
    const times = new Float64Array(n);
    const shapes: [number, StepInfo][] = [];
    const whole: StepInfo[] = [];
    for (let i = 0; i < n; i++) {
      const s = from + i;
      const key = src.shapeKey(s);
      keys[i] = key;
      branches[i] = src.branchAt(s);
      times[i] = src.timeAt(s);
      if (key === NO_SHAPE) whole.push(src.step(s));
      else if (!this.sent.has(key)) {
        this.sent.add(key);
        shapes.push([key, src.step(s)]);
      }
    }
    return { from, keys, branches, times, shapes, whole };
  }
}

/** Host side: the shapes a run's worker has sent so far. */
export class StepShapes {
  private readonly known = new Map<number, StepInfo>();

  /** Learns the batch's new shapes; the batch's steps can then be read. */
  read(batch: StepBatch): BatchSteps {
    for (const [key, step] of batch.shapes) this.known.set(key, step);
    return new BatchSteps(batch, this.known);
  }
}

/** One batch's steps, readable by seq (from..to) for the recorder and as StepInfo for subscribers. */
export class BatchSteps implements StepSource {
  private readonly wholeBySeq = new Map<number, StepInfo>();

  constructor(
    private readonly batch: StepBatch,
    private readonly shapes: ReadonlyMap<number, StepInfo>,
  ) {
    for (const s of batch.whole) this.wholeBySeq.set(s.seq, s);
  }

  get from(): number {
    return this.batch.from;
  }

  /** The last seq in the batch (from - 1 when it is empty). */
  get to(): number {
    return this.batch.from + this.batch.keys.length - 1;
  }

  shapeKey(seq: number): number {
    if (seq < this.from || seq > this.to)
      throw new Error(`step ${seq} is not in this batch (steps ${this.from}..${this.to})`);
    return this.batch.keys[seq - this.batch.from]!;
  }

  branchAt(seq: number): number {
    return this.batch.branches[seq - this.batch.from]!;
  }

  timeAt(seq: number): number {
    return this.batch.times[seq - this.batch.from]!;
  }

  step(seq: number): StepInfo {
    const i = seq - this.batch.from;
    const key = this.batch.keys[i]!;
    if (key === NO_SHAPE) {
      const whole = this.wholeBySeq.get(seq);
      if (whole === undefined) throw new Error(`step ${seq} was not sent whole`);
      return whole;
    }
    const shape = this.shapes.get(key);
    if (shape === undefined) throw new Error(`step ${seq}: shape ${key} was never sent`);
    const time = this.batch.times[i]!;
    return {
      seq,
      kind: shape.kind,
      event: shape.event,
      hidden: shape.hidden,
      processes: shape.processes,
      branch: this.batch.branches[i]!,
      ...(time !== 0 ? { time } : {}),
    };
  }

  /** Every step of the batch, in order. */
  steps(): StepInfo[] {
    const out: StepInfo[] = [];
    for (let s = this.from; s <= this.to; s++) out.push(this.step(s));
    return out;
  }
}
