/**
 * Reading a run's steps back from its blocks (blocks.ts): shapes are loaded
 * once per run (again when a running run has made new ones), a block is
 * decoded into typed views, and steps become StoredRunEvent objects only when
 * asked for. Every reader of steps (paging, filters, search, exports, compare,
 * replay, forks) goes through here.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import type { EventNames } from './names';
import type { RunEventKind, StoredRunEvent } from './records';
import { BlockBuffer, DecodedBlock, blockOf, blockRowId, kindOf } from './blocks';
import type { BlockRow } from './blocks';

export interface DecodedShape {
  readonly kind: RunEventKind;
  readonly event: string;
  readonly channel: string | null;
  readonly channelId: number | null;
  readonly processes: readonly string[];
  readonly procIds: readonly number[];
  readonly hidden: boolean;
}

const BLOCK_COLUMNS = 'id, n, steps, branches, times, walls, wall_ms, extras';
/** Blocks read per query when walking a range. */
const BATCH = 8;

export class StepReader {
  private readonly shapeCache = new Map<number, { started: number | undefined; list: DecodedShape[] }>();
  private readonly startedQuery: Statement;
  private readonly shapeQuery: Statement;
  private readonly blockQuery: Statement;
  private readonly rangeQuery: Statement;
  private readonly rangeQueryDesc: Statement;

  constructor(
    private readonly db: Db,
    private readonly names: EventNames,
  ) {
    this.startedQuery = db.prepare('SELECT started_at FROM runs WHERE id = ?').pluck();
    this.shapeQuery = db.prepare(
      'SELECT shape, kind, event, channel_id, procs, hidden FROM run_shapes WHERE run_id = ? AND shape >= ? ORDER BY shape',
    );
    this.blockQuery = db.prepare(`SELECT ${BLOCK_COLUMNS} FROM run_blocks WHERE id = ?`);
    this.rangeQuery = db.prepare(
      `SELECT ${BLOCK_COLUMNS} FROM run_blocks WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?`,
    );
    this.rangeQueryDesc = db.prepare(
      `SELECT ${BLOCK_COLUMNS} FROM run_blocks WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT ?`,
    );
  }

  /** The run's shapes, by id; `atLeast` makes sure shape ids below it are loaded (a running run adds shapes). */
  shapes(runId: number, atLeast = 0): readonly DecodedShape[] {
    let cached = this.shapeCache.get(runId);
    if (atLeast === 0 || cached === undefined) {
      // A deleted run's id can be given to a new run: the cache is only kept for the same run.
      const started = this.startedQuery.get(runId) as number | undefined;
      if (cached === undefined || cached.started !== started)
        this.shapeCache.set(runId, (cached = { started, list: [] }));
    }
    const list = cached.list;
    if (list.length < atLeast || atLeast === 0) {
      const rows = this.shapeQuery.all(runId, list.length) as {
        shape: number;
        kind: number;
        event: string;
        channel_id: number | null;
        procs: string | null;
        hidden: number;
      }[];
      for (const r of rows) {
        const procIds = r.procs === null ? [] : r.procs.slice(1, -1).split(',').map(Number);
        list[r.shape] = {
          kind: kindOf(r.kind),
          event: r.event,
          channel: r.channel_id === null ? null : this.names.nameOf(r.channel_id),
          channelId: r.channel_id,
          processes: procIds.map((id) => this.names.nameOf(id)),
          procIds,
          hidden: r.hidden === 1,
        };
      }
    }
    return list;
  }

  /** Forget what is cached of a run (it was deleted or rewritten). */
  forget(runId: number): void {
    this.shapeCache.delete(runId);
  }

  block(runId: number, block: number): DecodedBlock | undefined {
    const row = this.blockQuery.get(blockRowId(runId, block)) as BlockRow | undefined;
    return row === undefined ? undefined : new DecodedBlock(runId, row);
  }

  /**
   * The blocks holding seqs lo..hi, in order (or reversed). Read a few at a time
   * (a statement cannot stay open while the caller queries the same connection).
   */
  *blocks(runId: number, lo: number, hi: number, backward = false): Generator<DecodedBlock> {
    if (lo > hi) return;
    let from = blockRowId(runId, blockOf(lo));
    let to = blockRowId(runId, blockOf(hi));
    for (;;) {
      const rows = (backward ? this.rangeQueryDesc : this.rangeQuery).all(from, to, BATCH) as BlockRow[];
      for (const row of rows) yield new DecodedBlock(runId, row);
      if (rows.length < BATCH) return;
      if (backward) to = rows[rows.length - 1]!.id - 1;
      else from = rows[rows.length - 1]!.id + 1;
    }
  }

  /** Step i of a decoded block as the UI and the CLI see it. */
  event(runId: number, b: DecodedBlock, i: number): StoredRunEvent {
    const shapeId = b.steps[i]!;
    const shape = this.shapes(runId, shapeId + 1)[shapeId]!;
    const extra = b.extra(i);
    const branch = b.branch(i);
    return {
      seq: b.first + i,
      kind: shape.kind,
      event: shape.event,
      channel: shape.channel,
      processes: [...shape.processes],
      payload: extra?.payload ?? null,
      hidden: shape.hidden,
      choice: extra?.choice ?? (branch !== 0 ? { branch } : null),
      outside: extra?.outside ?? null,
      state: extra?.state ?? null,
      wallMs: b.wall(i),
      virtualTime: b.time(i),
    };
  }

  /** Steps lo..hi (inclusive), in order or backward. */
  *range(runId: number, lo: number, hi: number, backward = false): Generator<StoredRunEvent> {
    for (const b of this.blocks(runId, lo, hi, backward)) {
      const from = Math.max(lo, b.first) - b.first;
      const to = Math.min(hi, b.last) - b.first;
      if (backward) for (let i = to; i >= from; i--) yield this.event(runId, b, i);
      else for (let i = from; i <= to; i++) yield this.event(runId, b, i);
    }
  }

  at(runId: number, seq: number): StoredRunEvent | undefined {
    const b = this.block(runId, blockOf(seq));
    if (b === undefined || seq < b.first || seq > b.last) return undefined;
    return this.event(runId, b, seq - b.first);
  }
}

/** Re-encodes the first `n` steps of a decoded block (a fork keeps part of its parent's last block). */
export function truncatedBlock(runId: number, b: DecodedBlock, block: number, n: number): BlockRow {
  const out = new BlockBuffer(runId, block);
  for (let i = 0; i < n; i++) {
    const extra = b.extra(i);
    out.push(b.steps[i]!, b.branch(i), b.time(i), b.wall(i), extra === undefined ? undefined : JSON.stringify(extra));
  }
  return out.row();
}
