/**
 * RunWriter: the runtime's path into the store. Steps go into blocks of 1024
 * (blocks.ts) and are written in batched IMMEDIATE transactions; each batch
 * also updates the run row (last_seq, counts), the run's new shapes and the
 * filter/chart side tables, so after a crash the run row and its steps agree:
 * a kill -9 loses at most the batch being built, never a committed one.
 *
 * Two ways in: `append(record)` takes a RunEventRecord and finds its shape by
 * text; `appendStep(seq, shape, …)` takes a shape id the caller got once from
 * `shape(...)` and cached (the runtime does this per event and process), so the
 * hot path builds no strings and no objects. bench/store.bench.ts and the
 * runtime benchmark measure both.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { CHANNEL, PROCESS } from './names';
import type { EventNames } from './names';
import { KIND_CODE, checkRecord, jsonOrNull } from './records';
import type { RunEventKind, RunEventRecord } from './records';
import { BLOCK_SIZE, BlockBuffer, DecodedBlock, blockOf, blockRowId, kindOf } from './blocks';
import type { BlockRow, StepColumns } from './blocks';
import { StoreError, badInput } from '../errors';

/** Kept for readers of the zone map: a chunk is a block. */
export const CHUNK_SIZE = BLOCK_SIZE;
const KEY = 2 ** 31;

export interface RunWriterOptions {
  /** Steps per transaction (default 65,536). */
  readonly batchSize?: number;
  /** Also flush a partial batch this often, so a quiet run is still durable (default 200 ms, 0 = never). */
  readonly flushIntervalMs?: number;
  /**
   * Replaces secret values in every text field before it is stored (run records never
   * hold a secret's value, even if an agent echoes one). RunsApi.start passes one built
   * from the secrets file; with no secrets it is skipped entirely.
   */
  readonly redact?: (text: string) => string;
}

export interface RunFinish {
  readonly outcome: string;
  readonly details?: unknown;
}

/** A step's shape as the caller knows it (names, not ids). */
export interface ShapeInput {
  readonly kind: RunEventKind;
  readonly event: string;
  readonly channel: string | null;
  readonly processes: readonly string[];
  readonly hidden: boolean;
}

interface ShapeInfo {
  /** Name ids this shape counts for in the zone map: its channel, then its processes. */
  readonly names: readonly number[];
  readonly channelId: number | null;
  readonly bytes: number;
}

export class RunWriter {
  private readonly shapeIds = new Map<string, number>();
  private readonly shapes: ShapeInfo[] = [];
  /** Scratch for zoneMap: steps per shape in one block. */
  private shapeCounts = new Int32Array(64);
  /** Shapes made since the last flush (inserted with the next batch). */
  private newShapes: {
    shape: number;
    kind: number;
    event: string;
    channelId: number | null;
    procs: string | null;
    hidden: number;
  }[] = [];
  private current: BlockBuffer;
  /** Full blocks not yet written (completely). */
  private ready: BlockBuffer[] = [];
  private pending = 0;
  private pendingBytes = 0;
  private nextSeq: number;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last batch was committed (store clock), for flushing runs that never yield to the timer. */
  private lastFlushAt: number;
  private deferredError: unknown;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly redact: ((text: string) => string) | undefined;
  private readonly blockUpsert: Statement;
  private readonly shapeInsert: Statement;
  private readonly chunkUpsert: Statement;
  private readonly secondUpsert: Statement;
  private readonly runUpdate: Statement;

  constructor(
    private readonly db: Db,
    private readonly names: EventNames,
    readonly runId: number,
    lastSeq: number,
    private readonly startedAt: number,
    private readonly now: () => number,
    options: RunWriterOptions = {},
  ) {
    this.nextSeq = lastSeq + 1;
    this.batchSize = Math.max(1, options.batchSize ?? 65_536);
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.lastFlushAt = now();
    this.redact = options.redact;
    this.current = new BlockBuffer(runId, blockOf(this.nextSeq));
    if (lastSeq > 0) this.resume(lastSeq);
    this.blockUpsert = db.prepare(
      'INSERT OR REPLACE INTO run_blocks (id, n, steps, branches, times, walls, wall_ms, extras) VALUES (@id, @n, @steps, @branches, @times, @walls, @wall_ms, @extras)',
    );
    this.shapeInsert = db.prepare(
      'INSERT INTO run_shapes (run_id, shape, kind, event, channel_id, procs, hidden) VALUES (?,?,?,?,?,?,?)',
    );
    this.chunkUpsert = db.prepare(
      'INSERT OR REPLACE INTO run_event_chunks (run_id, name_id, chunk, n, seqs) VALUES (?,?,?,?,?)',
    );
    this.secondUpsert = db.prepare(
      'INSERT INTO run_channel_seconds (run_id, channel_id, second, n) VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
    );
    this.runUpdate = db.prepare(
      'UPDATE runs SET last_seq = ?, event_count = event_count + ?, bytes = bytes + ? WHERE id = ?',
    );
  }

  /** The seq the next appended record must carry. */
  get expectedSeq(): number {
    return this.nextSeq;
  }

  /** The id of a shape in this run (made on first use; the caller may cache it). */
  shape(input: ShapeInput): number {
    const key = shapeKey(input);
    const known = this.shapeIds.get(key);
    if (known !== undefined) return known;
    const event = this.redact ? this.redact(input.event) : input.event;
    // Names get their ids now (not in the batch transaction), so a shape is whole from the start.
    const channelId = input.channel != null ? this.names.intern(CHANNEL, input.channel) : null;
    const procIds = input.processes.map((p) => this.names.intern(PROCESS, p));
    const shape = this.shapes.length;
    this.shapes.push({
      names: [...(channelId !== null ? [channelId] : []), ...procIds],
      channelId,
      bytes: 8 + event.length + 4 * procIds.length,
    });
    this.newShapes.push({
      shape,
      kind: KIND_CODE[input.kind],
      event,
      channelId,
      procs: procIds.length > 0 ? `,${procIds.join(',')},` : null,
      hidden: input.hidden ? 1 : 0,
    });
    this.shapeIds.set(key, shape);
    return shape;
  }

  append(rec: RunEventRecord): void {
    this.open();
    checkRecord(rec, this.nextSeq, this.runId);
    const shape = this.shape({
      kind: rec.kind,
      event: rec.event,
      channel: rec.channel ?? null,
      processes: rec.processes ?? [],
      hidden: rec.hidden === true,
    });
    const choice = rec.choice as { branch?: unknown } | null | undefined;
    const branchOnly = choice != null && typeof choice.branch === 'number' && Object.keys(choice).length === 1;
    const branch = branchOnly ? (choice.branch as number) : 0;
    this.push(shape, branch, rec.virtualTime, rec.wallMs, {
      ...(rec.payload !== undefined && rec.payload !== null ? { payload: rec.payload } : {}),
      ...(choice != null && !branchOnly ? { choice } : {}),
      ...(rec.outside !== undefined && rec.outside !== null ? { outside: rec.outside } : {}),
      ...(rec.state !== undefined && rec.state !== null ? { state: rec.state } : {}),
    });
  }

  appendMany(recs: Iterable<RunEventRecord>): void {
    for (const r of recs) this.append(r);
  }

  /**
   * The hot path: step `seq` (must be the next) of a shape from `shape()`, with
   * its branch, virtual time and wall time; `extra` only for a step that carries
   * a payload, outside values, a choice or a state.
   */
  appendStep(
    seq: number,
    shape: number,
    branch: number,
    virtualTime: number,
    wallMs: number,
    extra?: { payload?: unknown; outside?: unknown },
  ): void {
    this.open();
    if (seq !== this.nextSeq)
      throw badInput(
        `run ${this.runId}: expected step seq ${this.nextSeq}, got ${String(seq)} (steps are numbered 1..n with no gaps)`,
      );
    if (shape < 0 || shape >= this.shapes.length)
      throw badInput(`run ${this.runId} seq ${seq}: unknown shape ${shape}`);
    this.push(shape, branch, virtualTime, wallMs, extra);
  }

  /**
   * Steps first..first+count-1 as columns (shape ids from `shape()`, branches and virtual times by
   * index), all with wall time `wallMs` and none carrying an extra: the same stored steps as
   * appendStep for each, without a call per step (how `csp run` and the host record most steps).
   */
  appendColumns(first: number, count: number, cols: StepColumns, wallMs: number): void {
    this.open();
    if (first !== this.nextSeq)
      throw badInput(
        `run ${this.runId}: expected step seq ${this.nextSeq}, got ${String(first)} (steps are numbered 1..n with no gaps)`,
      );
    for (let k = 0; k < count; k++) {
      const shape = cols.shapes[k]!;
      if (shape < 0 || shape >= this.shapes.length)
        throw badInput(`run ${this.runId} seq ${first + k}: unknown shape ${shape}`);
    }
    for (let at = 0; at < count;) {
      // Pieces end where a block fills or a batch is due, as when the steps come one by one.
      const n = Math.min(count - at, this.current.left, Math.max(1, this.batchSize - this.pending));
      this.current.pushColumns(cols, at, n, wallMs);
      let bytes = 4 * n;
      for (let k = at; k < at + n; k++) bytes += (cols.branches[k] !== 0 ? 4 : 0) + (cols.times[k] !== 0 ? 8 : 0);
      this.nextSeq += n;
      this.pending += n;
      this.pendingBytes += bytes;
      at += n;
      this.afterPush();
    }
  }

  /** Writes the buffered steps in one IMMEDIATE transaction. */
  flush(): void {
    this.throwDeferred();
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending === 0 && this.newShapes.length === 0) return;
    try {
      this.db.transaction(() => this.writeBatch()).immediate();
      this.lastFlushAt = this.now();
    } catch (error) {
      // Ids interned in the rolled-back transaction do not exist; the batch stays buffered for a retry.
      this.names.reset();
      throw error;
    }
  }

  /** Flushes, then marks the run finished with its outcome. */
  finish(result: RunFinish): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db
      .prepare("UPDATE runs SET status = 'finished', outcome = ?, outcome_details = ?, ended_at = ? WHERE id = ?")
      .run(result.outcome, jsonOrNull(result.details), this.now(), this.runId);
  }

  // ------------------------------------------------------------------ internals

  private open(): void {
    if (this.closed) throw new StoreError('BAD_INPUT', `run ${this.runId} is finished; no more events can be written`);
    this.throwDeferred();
  }

  private push(
    shape: number,
    branch: number,
    time: number,
    wallMs: number,
    extra: { payload?: unknown; choice?: unknown; outside?: unknown; state?: unknown } | undefined,
  ): void {
    let text: string | undefined;
    if (
      extra !== undefined &&
      (extra.payload !== undefined ||
        extra.choice !== undefined ||
        extra.outside !== undefined ||
        extra.state !== undefined)
    ) {
      text = JSON.stringify(extra);
      if (this.redact) text = this.redact(text);
    }
    this.current.push(shape, branch, time, wallMs, text);
    this.nextSeq++;
    this.pending++;
    this.pendingBytes += 4 + (branch !== 0 ? 4 : 0) + (time !== 0 ? 8 : 0) + (text?.length ?? 0);
    this.afterPush();
  }

  /** After steps went into the current block: a full block is set aside, a due batch written, else the timer set. */
  private afterPush(): void {
    let due = this.pending >= this.batchSize;
    if (this.current.full) {
      this.ready.push(this.current);
      this.current = new BlockBuffer(this.runId, blockOf(this.nextSeq));
      // A busy run may never give the timer below a turn of the event loop, so the
      // interval is also checked here, once per block: a kill loses ~one interval, not a batch.
      due ||= this.flushIntervalMs > 0 && this.now() - this.lastFlushAt >= this.flushIntervalMs;
    }
    if (due) this.flush();
    else if (this.flushIntervalMs > 0 && this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.closed || !this.db.open) return;
        try {
          this.flush();
        } catch (error) {
          // No caller to throw to from a timer: keep it for the next append or flush.
          this.deferredError = error;
        }
      }, this.flushIntervalMs);
      this.timer.unref?.();
    }
  }

  private throwDeferred(): void {
    if (this.deferredError === undefined) return;
    const error = this.deferredError;
    this.deferredError = undefined;
    throw error;
  }

  private writeBatch(): void {
    for (const s of this.newShapes)
      this.shapeInsert.run(this.runId, s.shape, s.kind, s.event, s.channelId, s.procs, s.hidden);
    let bytes = this.pendingBytes;
    for (const s of this.newShapes) bytes += this.shapes[s.shape]!.bytes;
    const seconds = new Map<number, number>();
    const blocks = this.current.n > this.current.written ? [...this.ready, this.current] : this.ready;
    for (const b of blocks) {
      this.blockUpsert.run(b.row() as BlockRow & Record<string, unknown>);
      // A block written for the first time with one wall time (the usual case) has its per-second
      // counts in the zone map's shape counts; others count their new steps again.
      if (!this.zoneMap(b, b.written === 0 && b.oneWall ? seconds : undefined)) this.countSeconds(b, seconds);
    }
    for (const [key, n] of seconds) this.secondUpsert.run(this.runId, Math.floor(key / KEY), key % KEY, n);
    this.runUpdate.run(this.nextSeq - 1, this.pending, bytes, this.runId);
    // Only now (the transaction committed when this returns) do the steps count as written.
    for (const b of blocks) b.written = b.n;
    this.ready = [];
    this.newShapes = [];
    this.pending = 0;
    this.pendingBytes = 0;
  }

  /** Per-second counts by channel of the block's steps new in this batch (added into `seconds`). */
  private countSeconds(b: BlockBuffer, seconds: Map<number, number>): void {
    const secondOf = (i: number): number => this.secondOf(b, i);
    const add = (channel: number, second: number, n: number): void => addSeconds(seconds, channel, second, n);
    if (!b.oneWall) {
      for (let i = b.written; i < b.n; i++) {
        const channel = this.shapes[b.steps[i]!]!.channelId;
        if (channel !== null) add(channel, secondOf(i), 1);
      }
      return;
    }
    // One wall time for the whole block (the usual case): count shapes, then add per channel.
    if (this.shapeCounts.length < this.shapes.length)
      this.shapeCounts = new Int32Array(Math.max(this.shapes.length, this.shapeCounts.length * 2));
    const used: number[] = [];
    for (let i = b.written; i < b.n; i++) if (this.shapeCounts[b.steps[i]!]!++ === 0) used.push(b.steps[i]!);
    const second = secondOf(b.written);
    for (const shape of used) {
      const channel = this.shapes[shape]!.channelId;
      if (channel !== null) add(channel, second, this.shapeCounts[shape]!);
      this.shapeCounts[shape] = 0;
    }
  }

  /** The second of the run (from its start, by the wall clock) step i of block b fell in. */
  private secondOf(b: BlockBuffer, i: number): number {
    return Math.max(0, Math.floor((b.wallAt(i) - this.startedAt) / 1000));
  }

  /**
   * Zone map rows of a block: per name, how many of its steps have it. (Readers scan a
   * listed block's shape column, so the seqs column of migration 6 is left empty.) With
   * `seconds`, the block's steps (all new, one wall time) are counted there too; returns
   * whether they were.
   */
  private zoneMap(b: BlockBuffer, seconds: Map<number, number> | undefined): boolean {
    // Count shapes first (one array slot per step), then names per shape used.
    if (this.shapeCounts.length < this.shapes.length)
      this.shapeCounts = new Int32Array(Math.max(this.shapes.length, this.shapeCounts.length * 2));
    const used: number[] = [];
    for (let i = 0; i < b.n; i++) if (this.shapeCounts[b.steps[i]!]!++ === 0) used.push(b.steps[i]!);
    const counts = new Map<number, number>();
    const second = seconds === undefined ? 0 : this.secondOf(b, 0);
    for (const shape of used) {
      const n = this.shapeCounts[shape]!;
      this.shapeCounts[shape] = 0;
      const info = this.shapes[shape]!;
      for (const id of info.names) counts.set(id, (counts.get(id) ?? 0) + n);
      if (seconds !== undefined && info.channelId !== null) addSeconds(seconds, info.channelId, second, n);
    }
    for (const [id, n] of counts) this.chunkUpsert.run(this.runId, id, b.block, n, null);
    return seconds !== undefined;
  }

  /**
   * Continuing a run that already has steps (a fork with steps copied): its
   * shapes come back, and its last block if partial, so new steps extend it.
   */
  private resume(lastSeq: number): void {
    const rows = this.db
      .prepare('SELECT shape, kind, event, channel_id, procs, hidden FROM run_shapes WHERE run_id = ? ORDER BY shape')
      .all(this.runId) as {
      shape: number;
      kind: number;
      event: string;
      channel_id: number | null;
      procs: string | null;
      hidden: number;
    }[];
    for (const s of rows) {
      const procIds = s.procs === null ? [] : s.procs.slice(1, -1).split(',').map(Number);
      const input: ShapeInput = {
        kind: kindOf(s.kind),
        event: s.event,
        channel: s.channel_id === null ? null : this.names.nameOf(s.channel_id),
        processes: procIds.map((id) => this.names.nameOf(id)),
        hidden: s.hidden === 1,
      };
      this.shapeIds.set(shapeKey(input), s.shape);
      this.shapes.push({
        names: [...(s.channel_id !== null ? [s.channel_id] : []), ...procIds],
        channelId: s.channel_id,
        bytes: 8 + s.event.length + 4 * procIds.length,
      });
    }
    if (blockOf(lastSeq) !== this.current.block) return;
    const row = this.db
      .prepare('SELECT id, n, steps, branches, times, walls, wall_ms, extras FROM run_blocks WHERE id = ?')
      .get(blockRowId(this.runId, this.current.block)) as BlockRow | undefined;
    if (row === undefined) return;
    const b = new DecodedBlock(this.runId, row);
    const extras = row.extras === null ? {} : (JSON.parse(row.extras) as Record<string, unknown>);
    for (let i = 0; i < b.n; i++)
      this.current.push(
        b.steps[i]!,
        b.branch(i),
        b.time(i),
        b.wall(i),
        i in extras ? JSON.stringify(extras[i]) : undefined,
      );
    this.current.written = b.n;
  }
}

/** Adds n steps of `channel` in `second` to a batch's per-second counts. */
function addSeconds(seconds: Map<number, number>, channel: number, second: number, n: number): void {
  const key = channel * KEY + second;
  seconds.set(key, (seconds.get(key) ?? 0) + n);
}

function shapeKey(input: ShapeInput): string {
  return `${input.kind}\u0001${input.hidden ? 1 : 0}\u0001${input.channel ?? ''}\u0001${input.processes.join('\u0002')}\u0001${input.event}`;
}
