/**
 * How a run's steps are kept (migration 10): in blocks of up to 1024
 * consecutive steps, one row per block, instead of one row per step. A step is
 * a **shape** (kind, event text, channel, processes, hidden: few distinct ones
 * per run, kept once in `run_shapes`) plus small columns (branch, virtual
 * time, wall time) and, for the few steps that carry them, a payload, choice,
 * outside values or state. Writing a million steps is then a thousand rows;
 * SQLite's per-row cost (about 1.5 µs, more than the whole runtime step) is
 * paid per block.
 *
 * Block c holds seqs [max(1, c·1024), c·1024 + 1023], so a block is exactly a
 * chunk of the zone map (`run_event_chunks`); its rowid is run_id · 2^40 + its
 * first seq, so a run's blocks are one rowid range, in order.
 */
import type { RunEventKind } from './records';
import { RUN_EVENT_KINDS, rowBase } from './records';

export const BLOCK_SIZE = 1024;

export const blockOf = (seq: number): number => Math.floor(seq / BLOCK_SIZE);
export const blockFirst = (block: number): number => (block === 0 ? 1 : block * BLOCK_SIZE);
export const blockRowId = (runId: number, block: number): number => rowBase(runId) + blockFirst(block);

/** A shape as stored: names are interned ids (`procs` is ',3,7,'). */
export interface ShapeRow {
  readonly shape: number;
  readonly kind: number;
  readonly event: string;
  readonly channel_id: number | null;
  readonly procs: string | null;
  readonly hidden: number;
}

/** What a step carries besides its shape and columns (JSON values, all optional). */
export interface StepExtra {
  readonly payload?: unknown;
  readonly choice?: unknown;
  readonly outside?: unknown;
  readonly state?: unknown;
}

/** One block row of `run_blocks`. */
export interface BlockRow {
  id: number;
  n: number;
  /** Shape index per step (Int32, little-endian). */
  steps: Buffer;
  /** Branch per step (Float64: a mixed-radix choice can pass 2^32), or null when every branch is 0. */
  branches: Buffer | null;
  /** Virtual time per step (Float64), or null when every time is 0. */
  times: Buffer | null;
  /** Wall time per step (Float64), or null when every step has `wall_ms`. */
  walls: Buffer | null;
  wall_ms: number;
  /** JSON object: step index in the block → StepExtra (its values as JSON text, already redacted). */
  extras: string | null;
}

/** Steps as columns (shape id, branch, virtual time by index), for RunWriter.appendColumns. */
export interface StepColumns {
  readonly shapes: Int32Array;
  readonly branches: Float64Array;
  readonly times: Float64Array;
}

/** The steps of one block being written: fixed arrays, filled in order. */
export class BlockBuffer {
  readonly steps = new Int32Array(BLOCK_SIZE);
  /** Made on the first step that needs one (most blocks have no branch, many no time, one wall time). */
  private branches: Float64Array | undefined;
  private times: Float64Array | undefined;
  private walls: Float64Array | undefined;
  /** The wall time of every step so far, while they share one. */
  private wall = 0;
  /** JSON text of each step's extra, by index (sparse). */
  readonly extras = new Map<number, string>();
  n = 0;
  /** Steps already in the store (a partial block is written again as it grows). */
  written = 0;

  constructor(
    readonly runId: number,
    readonly block: number,
  ) {}

  /** Wall time of step i. */
  wallAt(i: number): number {
    return this.walls?.[i] ?? this.wall;
  }

  /** Every step so far has the same wall time. */
  get oneWall(): boolean {
    return this.walls === undefined;
  }

  get first(): number {
    return blockFirst(this.block);
  }

  get full(): boolean {
    return this.first + this.n > this.block * BLOCK_SIZE + BLOCK_SIZE - 1;
  }

  push(shape: number, branch: number, time: number, wallMs: number, extra: string | undefined): void {
    const i = this.n++;
    this.steps[i] = shape;
    if (branch !== 0) (this.branches ??= new Float64Array(BLOCK_SIZE))[i] = branch;
    if (time !== 0) (this.times ??= new Float64Array(BLOCK_SIZE))[i] = time;
    if (this.walls !== undefined) this.walls[i] = wallMs;
    else if (i === 0) this.wall = wallMs;
    else if (wallMs !== this.wall) {
      this.walls = new Float64Array(BLOCK_SIZE).fill(this.wall, 0, i);
      this.walls[i] = wallMs;
    }
    if (extra !== undefined) this.extras.set(i, extra);
  }

  /** Room left in this block. */
  get left(): number {
    return this.block * BLOCK_SIZE + BLOCK_SIZE - this.first - this.n;
  }

  /**
   * Steps from index `at` of the columns, `count` of them (at most `left`), all with wall time
   * `wallMs` and no extra: what `push` does for each, in one go.
   */
  pushColumns(cols: StepColumns, at: number, count: number, wallMs: number): void {
    const i0 = this.n;
    this.steps.set(cols.shapes.subarray(at, at + count), i0);
    const { branches, times } = cols;
    for (let k = 0; k < count; k++) {
      const b = branches[at + k]!;
      if (b !== 0) (this.branches ??= new Float64Array(BLOCK_SIZE))[i0 + k] = b;
      const t = times[at + k]!;
      if (t !== 0) (this.times ??= new Float64Array(BLOCK_SIZE))[i0 + k] = t;
    }
    if (this.walls !== undefined) this.walls.fill(wallMs, i0, i0 + count);
    else if (i0 === 0) this.wall = wallMs;
    else if (wallMs !== this.wall) {
      this.walls = new Float64Array(BLOCK_SIZE).fill(this.wall, 0, i0);
      this.walls.fill(wallMs, i0, i0 + count);
    }
    this.n += count;
  }

  /** The row for the steps so far (a partial block is written again as it grows). */
  row(): BlockRow {
    const n = this.n;
    const last = this.wallAt(n - 1);
    let extras: string | null = null;
    if (this.extras.size > 0) {
      const parts: string[] = [];
      for (const [i, text] of this.extras) parts.push(`"${i}":${text}`);
      extras = `{${parts.join(',')}}`;
    }
    return {
      id: blockRowId(this.runId, this.block),
      n,
      steps: bytes(this.steps, n),
      branches: this.branches === undefined ? null : bytes(this.branches, n),
      times: this.times === undefined ? null : bytes(this.times, n),
      walls: this.walls === undefined ? null : bytes(this.walls, n),
      wall_ms: last,
      extras,
    };
  }
}

function bytes(a: Int32Array | Float64Array, n: number): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
}

/** A block read back: typed views over its columns, extras parsed on first use. */
export class DecodedBlock {
  readonly first: number;
  readonly n: number;
  readonly steps: Int32Array;
  readonly branches: Float64Array | null;
  readonly times: Float64Array | null;
  readonly walls: Float64Array | null;
  readonly wallMs: number;
  private readonly extrasText: string | null;
  private parsed: Record<string, StepExtra> | null | undefined;

  constructor(runId: number, row: BlockRow) {
    this.first = row.id - rowBase(runId);
    this.n = row.n;
    this.steps = view(row.steps, Int32Array, row.n);
    this.branches = row.branches === null ? null : view(row.branches, Float64Array, row.n);
    this.times = row.times === null ? null : view(row.times, Float64Array, row.n);
    this.walls = row.walls === null ? null : view(row.walls, Float64Array, row.n);
    this.wallMs = row.wall_ms;
    this.extrasText = row.extras;
  }

  get last(): number {
    return this.first + this.n - 1;
  }

  /** The highest shape id the block uses (-1 when empty). */
  maxShape(): number {
    let max = -1;
    for (let i = 0; i < this.n; i++) if (this.steps[i]! > max) max = this.steps[i]!;
    return max;
  }

  extra(i: number): StepExtra | undefined {
    if (this.parsed === undefined)
      this.parsed = this.extrasText === null ? null : (JSON.parse(this.extrasText) as Record<string, StepExtra>);
    return this.parsed?.[i];
  }

  /** The raw JSON text of the extras (search scans it without parsing). */
  get extrasRaw(): string | null {
    return this.extrasText;
  }

  time(i: number): number {
    return this.times?.[i] ?? 0;
  }

  wall(i: number): number {
    return this.walls?.[i] ?? this.wallMs;
  }

  branch(i: number): number {
    return this.branches?.[i] ?? 0;
  }
}

/** A typed view of a BLOB (copied when SQLite's buffer is not aligned for the type). */
function view<T extends Int32Array | Float64Array>(
  buf: Buffer,
  Type: { new (b: ArrayBuffer, o: number, n: number): T; new (n: number): T; BYTES_PER_ELEMENT: number },
  n: number,
): T {
  if (buf.byteOffset % Type.BYTES_PER_ELEMENT === 0) return new Type(buf.buffer as ArrayBuffer, buf.byteOffset, n);
  const copy = new Type(n);
  new Uint8Array(copy.buffer).set(buf.subarray(0, n * Type.BYTES_PER_ELEMENT));
  return copy;
}

export function kindOf(code: number): RunEventKind {
  return RUN_EVENT_KINDS[code] ?? 'event';
}
