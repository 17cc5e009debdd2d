/**
 * Two stored runs side by side: the first step where they differ (the event,
 * who took part, or the payload), found by one primary-key join over the
 * shorter run, so comparing two runs of a million steps reads each row once.
 */
import type { Database as Db } from 'better-sqlite3';
import { notFound } from '../errors';
import type { EventNames } from './names';
import { EVENT_COLUMNS, decodeRow, type RawEventRow } from './query';
import { rowBase } from './records';
import type { StoredRunEvent } from './records';

export interface RunComparison {
  readonly aSteps: number;
  readonly bSteps: number;
  /** The first step where the runs differ; null when they are the same step for step. */
  readonly divergence: {
    readonly seq: number;
    readonly a: StoredRunEvent | null;
    readonly b: StoredRunEvent | null;
  } | null;
}

export function compareRuns(db: Db, names: EventNames, a: number, b: number): RunComparison {
  const last = (id: number): number => {
    const n = db.prepare('SELECT last_seq FROM runs WHERE id = ?').pluck().get(id) as number | undefined;
    if (n === undefined) throw notFound(`run ${id}`);
    return n;
  };
  const aSteps = last(a);
  const bSteps = last(b);
  const common = Math.min(aSteps, bSteps);
  const baseA = rowBase(a);
  const baseB = rowBase(b);
  const first = db
    .prepare(
      `SELECT x.id - ? AS seq FROM run_events x JOIN run_events y ON y.id = x.id - ? + ?
       WHERE x.id > ? AND x.id <= ? AND (x.event IS NOT y.event OR x.kind IS NOT y.kind OR x.procs IS NOT y.procs OR x.payload IS NOT y.payload)
       ORDER BY x.id LIMIT 1`,
    )
    .pluck()
    .get(baseA, baseA, baseB, baseA, baseA + common) as number | undefined;
  const seq = first ?? (aSteps === bSteps ? undefined : common + 1);
  if (seq === undefined) return { aSteps, bSteps, divergence: null };
  const at = (id: number): StoredRunEvent | null => {
    const row = db.prepare(`SELECT ${EVENT_COLUMNS} FROM run_events WHERE id = ?`).get(rowBase(id) + seq) as
      RawEventRow | undefined;
    return row === undefined ? null : decodeRow(row, id, names);
  };
  return { aSteps, bSteps, divergence: { seq, a: at(a), b: at(b) } };
}
