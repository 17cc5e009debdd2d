/**
 * What a stored run needs to be replayed exactly after the app restarts
 * (docs/runtime-api.md#replaying-a-stored-run): the source as it ran, the
 * outside values consumed before step 1 (migration 8, run_replay), and every
 * step with its branch, payload, outside values and virtual time (run_events).
 * Also forks: a new run whose steps 1..k are copied from another, so the new
 * timeline is a complete record of its own.
 */
import type { Database as Db } from 'better-sqlite3';
import { notFound } from '../errors';
import { SPARSE_LIMIT } from '../migrations';
import { rowBase } from './records';
import type { RunEventKind } from './records';
import { blockOf, blockRowId } from './blocks';
import type { BlockRow } from './blocks';
import { truncatedBlock } from './steps';
import type { StepReader } from './steps';

/** What ran: the text as it was (not a path that may have changed since). */
export interface RunSource {
  readonly kind: 'workflow' | 'cspm';
  /** The file name diagnostics use (a path for a file; includes resolve against it). */
  readonly name: string;
  readonly text: string;
  /** The CSPm process run instead of SYSTEM. */
  readonly process?: string;
  readonly wallClock?: boolean;
}

/** An outside value as recorded (now(), random(), a CPU interrupt, a delivered result). */
export interface RecordedOutside {
  readonly node: string;
  readonly kind: string;
  readonly value: unknown;
  readonly at?: number;
}

export interface RunReplayInfo {
  readonly source: RunSource;
  readonly beforeFirst: readonly RecordedOutside[];
  /** For a fork: the run it continues and the step it left from. */
  readonly parent?: { readonly runId: number; readonly seq: number };
}

/** One stored step as a replay reads it. */
export interface RecordedStep {
  readonly seq: number;
  readonly kind: RunEventKind;
  readonly event: string;
  readonly processes: readonly string[];
  readonly branch: number;
  readonly payload?: unknown;
  readonly outside?: readonly RecordedOutside[];
  readonly time: number;
}

interface ReplayRow {
  source: string;
  before_first: string | null;
  parent_run_id: number | null;
  parent_seq: number | null;
}

export function saveReplayInfo(db: Db, runId: number, info: RunReplayInfo): void {
  db.prepare(
    'INSERT OR REPLACE INTO run_replay (run_id, source, before_first, parent_run_id, parent_seq) VALUES (?,?,?,?,?)',
  ).run(
    runId,
    JSON.stringify(info.source),
    info.beforeFirst.length > 0 ? JSON.stringify(info.beforeFirst) : null,
    info.parent?.runId ?? null,
    info.parent?.seq ?? null,
  );
}

/** The run's replay information, or undefined for a run recorded without it (before schema 8). */
export function replayInfo(db: Db, runId: number): RunReplayInfo | undefined {
  const row = db
    .prepare('SELECT source, before_first, parent_run_id, parent_seq FROM run_replay WHERE run_id = ?')
    .get(runId) as ReplayRow | undefined;
  if (row === undefined) return undefined;
  return {
    source: JSON.parse(row.source) as RunSource,
    beforeFirst: row.before_first === null ? [] : (JSON.parse(row.before_first) as RecordedOutside[]),
    ...(row.parent_run_id !== null && row.parent_seq !== null
      ? { parent: { runId: row.parent_run_id, seq: row.parent_seq } }
      : {}),
  };
}

/**
 * A run's steps for a replay, as columns: each shape (kind, event, processes)
 * once, then per step its shape, branch and virtual time; the few steps that
 * carry more (a payload, outside values) listed by seq. A million steps cross
 * to the run worker as a few typed arrays instead of a million objects.
 */
export interface RecordColumns {
  readonly shapes: readonly {
    readonly kind: RunEventKind;
    readonly event: string;
    readonly processes: readonly string[];
  }[];
  /** Step seq = index + 1. */
  readonly steps: Int32Array;
  readonly branches: Int32Array;
  readonly times: Float64Array;
  readonly extras: readonly (readonly [
    number,
    { readonly payload?: unknown; readonly outside?: readonly RecordedOutside[] },
  ])[];
}

/** Steps 1..upTo of a run as columns (RecordColumns), read block by block. */
export function recordColumns(steps: StepReader, runId: number, upTo: number): RecordColumns {
  const cols = {
    steps: new Int32Array(upTo),
    branches: new Int32Array(upTo),
    times: new Float64Array(upTo),
    extras: [] as [number, { payload?: unknown; outside?: RecordedOutside[] }][],
  };
  let n = 0;
  for (const b of steps.blocks(runId, 1, upTo)) {
    const last = Math.min(b.n, upTo - b.first + 1);
    for (let i = 0; i < last; i++, n++) {
      if (b.first + i !== n + 1) throw new Error(`run ${runId}: step ${n + 1} is missing from the store`);
      cols.steps[n] = b.steps[i]!;
      cols.times[n] = b.time(i);
      const extra = b.extra(i);
      const choice = extra?.choice as { branch?: unknown } | undefined;
      cols.branches[n] = typeof choice?.branch === 'number' ? choice.branch : b.branch(i);
      if (extra?.payload != null || extra?.outside != null)
        cols.extras.push([
          n + 1,
          {
            ...(extra.payload != null ? { payload: extra.payload } : {}),
            ...(extra.outside != null ? { outside: extra.outside as RecordedOutside[] } : {}),
          },
        ]);
    }
  }
  if (n !== upTo) throw new Error(`run ${runId}: the store holds ${n} of its ${upTo} steps`);
  const shapes = steps.shapes(runId).map((s) => ({ kind: s.kind, event: s.event, processes: s.processes }));
  return { shapes, ...cols };
}

/** Steps 1..upTo of a run, in order, as a replay reads them. */
export function* recordedSteps(steps: StepReader, runId: number, upTo: number): Generator<RecordedStep> {
  for (const e of steps.range(runId, 1, upTo)) {
    const choice = e.choice as { branch?: number } | null;
    yield {
      seq: e.seq,
      kind: e.kind,
      event: e.event,
      processes: e.processes,
      branch: typeof choice?.branch === 'number' ? choice.branch : 0,
      ...(e.payload !== null ? { payload: e.payload } : {}),
      ...(e.outside !== null ? { outside: e.outside as RecordedOutside[] } : {}),
      time: e.virtualTime,
    };
  }
}

/**
 * Copies steps 1..seq of run `from` into the new run `to` (shapes, blocks, the
 * zone map, per-second counts, totals), inside the caller's transaction. Full
 * blocks are copied as they are; the last one is cut at seq and counted again.
 */
export function copySteps(db: Db, steps: StepReader, from: number, to: number, seq: number): void {
  if (seq === 0) return;
  db.prepare(
    'INSERT INTO run_shapes (run_id, shape, kind, event, channel_id, procs, hidden) SELECT ?, shape, kind, event, channel_id, procs, hidden FROM run_shapes WHERE run_id = ?',
  ).run(to, from);
  const lastBlock = blockOf(seq);
  const fromBase = rowBase(from);
  const toBase = rowBase(to);
  db.prepare(
    `INSERT INTO run_blocks (id, n, steps, branches, times, walls, wall_ms, extras)
     SELECT id - ? + ?, n, steps, branches, times, walls, wall_ms, extras FROM run_blocks WHERE id >= ? AND id < ?`,
  ).run(fromBase, toBase, fromBase, blockRowId(from, lastBlock));
  db.prepare(
    'INSERT INTO run_event_chunks (run_id, name_id, chunk, n, seqs) SELECT ?, name_id, chunk, n, seqs FROM run_event_chunks WHERE run_id = ? AND chunk < ?',
  ).run(to, from, lastBlock);
  const last = steps.block(from, lastBlock);
  const shapes = steps.shapes(from);
  if (last !== undefined) {
    const n = seq - last.first + 1;
    db.prepare(
      'INSERT INTO run_blocks (id, n, steps, branches, times, walls, wall_ms, extras) VALUES (@id, @n, @steps, @branches, @times, @walls, @wall_ms, @extras)',
    ).run(truncatedBlock(to, last, lastBlock, n) as BlockRow & Record<string, unknown>);
    const seqsOf = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const s = shapes[last.steps[i]!]!;
      for (const id of [...(s.channelId !== null ? [s.channelId] : []), ...s.procIds]) {
        let list = seqsOf.get(id);
        if (list === undefined) seqsOf.set(id, (list = []));
        list.push(last.first + i);
      }
    }
    const chunk = db.prepare('INSERT INTO run_event_chunks (run_id, name_id, chunk, n, seqs) VALUES (?,?,?,?,?)');
    for (const [id, list] of seqsOf)
      chunk.run(to, id, lastBlock, list.length, list.length <= SPARSE_LIMIT ? list.join(',') : null);
  }
  // Per-second counts (by the parent's clock) and totals, from the copied steps.
  const started = db.prepare('SELECT started_at FROM runs WHERE id = ?').pluck().get(from) as number;
  const seconds = new Map<string, number>();
  let bytes = 0;
  for (const b of steps.blocks(to, 1, seq)) {
    for (let i = 0; i < b.n; i++) {
      const s = shapes[b.steps[i]!]!;
      bytes += 4;
      if (s.channelId === null) continue;
      const key = `${s.channelId}:${Math.max(0, Math.floor((b.wall(i) - started) / 1000))}`;
      seconds.set(key, (seconds.get(key) ?? 0) + 1);
    }
    bytes += b.extrasRaw?.length ?? 0;
  }
  const second = db.prepare('INSERT INTO run_channel_seconds (run_id, channel_id, second, n) VALUES (?,?,?,?)');
  for (const [key, n] of seconds) {
    const [channel, sec] = key.split(':').map(Number) as [number, number];
    second.run(to, channel, sec, n);
  }
  db.prepare('UPDATE runs SET last_seq = ?, event_count = ?, bytes = ? WHERE id = ?').run(seq, seq, bytes, to);
}

/** Throws not_found naming what is missing when a run cannot be replayed. */
export function requireReplayInfo(db: Db, runId: number): RunReplayInfo {
  const info = replayInfo(db, runId);
  if (info === undefined) {
    const exists = db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck().get(runId) !== undefined;
    throw notFound(
      exists ? `run ${runId} has no replay record (it was recorded before runs kept their source)` : `run ${runId}`,
    );
  }
  return info;
}
