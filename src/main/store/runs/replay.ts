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
import type { EventNames } from './names';
import { RUN_EVENT_KINDS, SEQ_BITS, rowBase } from './records';
import type { RunEventKind } from './records';
import { CHUNK_SIZE } from './writer';

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

/** Steps 1..upTo of a run, in order, as a replay reads them. */
export function* recordedSteps(db: Db, names: EventNames, runId: number, upTo = SEQ_BITS - 1): Generator<RecordedStep> {
  const base = rowBase(runId);
  const rows = db
    .prepare(
      'SELECT id, kind, event, procs, payload, choice, outside, virtual_time FROM run_events WHERE id > ? AND id <= ? ORDER BY id',
    )
    .iterate(base, base + upTo) as IterableIterator<{
    id: number;
    kind: number;
    event: string;
    procs: string | null;
    payload: string | null;
    choice: string | null;
    outside: string | null;
    virtual_time: number;
  }>;
  for (const r of rows) {
    const choice = r.choice === null ? null : (JSON.parse(r.choice) as { branch?: number } | null);
    yield {
      seq: r.id - base,
      kind: RUN_EVENT_KINDS[r.kind] ?? 'event',
      event: r.event,
      processes:
        r.procs === null
          ? []
          : r.procs
              .slice(1, -1)
              .split(',')
              .map((id) => names.nameOf(Number(id))),
      branch: typeof choice?.branch === 'number' ? choice.branch : 0,
      ...(r.payload !== null ? { payload: JSON.parse(r.payload) as unknown } : {}),
      ...(r.outside !== null ? { outside: JSON.parse(r.outside) as RecordedOutside[] } : {}),
      time: r.virtual_time,
    };
  }
}

/**
 * Copies steps 1..seq of run `from` into the new run `to` (rows, the zone map,
 * per-second counts, bytes), inside the caller's transaction. Full zone-map
 * chunks are copied as they are; the last, partial one is counted again.
 */
export function copySteps(db: Db, from: number, to: number, seq: number): void {
  const fromBase = rowBase(from);
  const toBase = rowBase(to);
  db.prepare(
    `INSERT INTO run_events (id, kind, event, channel_id, procs, payload, hidden, choice, outside, state, wall_ms, virtual_time)
     SELECT id - ? + ?, kind, event, channel_id, procs, payload, hidden, choice, outside, state, wall_ms, virtual_time
     FROM run_events WHERE id > ? AND id <= ?`,
  ).run(fromBase, toBase, fromBase, fromBase + seq);
  const fullChunks = Math.floor((seq + 1) / CHUNK_SIZE);
  db.prepare(
    'INSERT INTO run_event_chunks (run_id, name_id, chunk, n, seqs) SELECT ?, name_id, chunk, n, seqs FROM run_event_chunks WHERE run_id = ? AND chunk < ?',
  ).run(to, from, fullChunks);
  const tallies = new Map<number, number[]>();
  const partial = db
    .prepare('SELECT id, channel_id, procs FROM run_events WHERE id >= ? AND id <= ?')
    .iterate(toBase + fullChunks * CHUNK_SIZE, toBase + seq) as IterableIterator<{
    id: number;
    channel_id: number | null;
    procs: string | null;
  }>;
  for (const r of partial) {
    const s = r.id - toBase;
    const ids = [
      ...(r.channel_id !== null ? [r.channel_id] : []),
      ...(r.procs === null ? [] : r.procs.slice(1, -1).split(',').map(Number)),
    ];
    for (const id of ids) {
      let list = tallies.get(id);
      if (list === undefined) tallies.set(id, (list = []));
      list.push(s);
    }
  }
  const chunkInsert = db.prepare('INSERT INTO run_event_chunks (run_id, name_id, chunk, n, seqs) VALUES (?,?,?,?,?)');
  for (const [id, seqs] of tallies)
    chunkInsert.run(to, id, fullChunks, seqs.length, seqs.length <= SPARSE_LIMIT ? seqs.join(',') : null);
  const started = db.prepare('SELECT started_at FROM runs WHERE id = ?').pluck().get(from) as number;
  db.prepare(
    `INSERT INTO run_channel_seconds (run_id, channel_id, second, n)
     SELECT ?, channel_id, max(0, (wall_ms - ?) / 1000), count(*) FROM run_events
     WHERE id > ? AND id <= ? AND channel_id IS NOT NULL GROUP BY 2, 3`,
  ).run(to, started, toBase, toBase + seq);
  const totals = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(48 + length(event) + coalesce(length(procs), 0) + coalesce(length(payload), 0) + coalesce(length(choice), 0)
         + coalesce(length(outside), 0) + coalesce(length(state), 0)), 0) AS bytes FROM run_events WHERE id > ? AND id <= ?`,
    )
    .get(toBase, toBase + seq) as { n: number; bytes: number };
  db.prepare('UPDATE runs SET last_seq = ?, event_count = ?, bytes = ? WHERE id = ?').run(
    totals.n,
    totals.n,
    totals.bytes,
    to,
  );
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
