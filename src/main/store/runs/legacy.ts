/**
 * Migration 10: runs recorded one row per step (`run_events`, schema 2 to 9)
 * are rewritten as blocks (blocks.ts), so every reader has one format. The
 * zone map, per-second counts and text index already describe the same seqs
 * and are kept as they are.
 */
import type { Database as Db } from 'better-sqlite3';
import { BlockBuffer, blockOf } from './blocks';
import { SEQ_BITS, rowBase } from './records';

interface LegacyRow {
  id: number;
  kind: number;
  event: string;
  channel_id: number | null;
  procs: string | null;
  payload: string | null;
  hidden: number;
  choice: string | null;
  outside: string | null;
  state: string | null;
  wall_ms: number;
  virtual_time: number;
}

export function convertLegacyRuns(db: Db): void {
  const runs = db.prepare('SELECT id FROM runs ORDER BY id').pluck().all() as number[];
  const rowsOf = db.prepare(
    'SELECT id, kind, event, channel_id, procs, payload, hidden, choice, outside, state, wall_ms, virtual_time FROM run_events WHERE id > ? AND id < ? ORDER BY id LIMIT 4096',
  );
  // Read a page at a time: a statement cannot stay open while the same connection inserts.
  function* legacyRows(base: number): Generator<LegacyRow> {
    let after = base;
    for (;;) {
      const rows = rowsOf.all(after, base + SEQ_BITS) as LegacyRow[];
      yield* rows;
      if (rows.length < 4096) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  const shapeInsert = db.prepare(
    'INSERT INTO run_shapes (run_id, shape, kind, event, channel_id, procs, hidden) VALUES (?,?,?,?,?,?,?)',
  );
  const blockInsert = db.prepare(
    'INSERT INTO run_blocks (id, n, steps, branches, times, walls, wall_ms, extras) VALUES (@id, @n, @steps, @branches, @times, @walls, @wall_ms, @extras)',
  );
  for (const runId of runs) {
    const base = rowBase(runId);
    const shapes = new Map<string, number>();
    let block: BlockBuffer | undefined;
    for (const r of legacyRows(base)) {
      const seq = r.id - base;
      const key = `${r.kind}\u0001${r.hidden}\u0001${r.channel_id ?? ''}\u0001${r.procs ?? ''}\u0001${r.event}`;
      let shape = shapes.get(key);
      if (shape === undefined) {
        shape = shapes.size;
        shapes.set(key, shape);
        shapeInsert.run(runId, shape, r.kind, r.event, r.channel_id, r.procs, r.hidden);
      }
      if (block === undefined || block.block !== blockOf(seq)) {
        if (block !== undefined) blockInsert.run(block.row());
        block = new BlockBuffer(runId, blockOf(seq));
      }
      const choice = r.choice === null ? null : (JSON.parse(r.choice) as Record<string, unknown> | null);
      const branchOnly = choice !== null && typeof choice.branch === 'number' && Object.keys(choice).length === 1;
      const parts = [
        ...(r.payload !== null ? [`"payload":${r.payload}`] : []),
        ...(r.choice !== null && !branchOnly ? [`"choice":${r.choice}`] : []),
        ...(r.outside !== null ? [`"outside":${r.outside}`] : []),
        ...(r.state !== null ? [`"state":${r.state}`] : []),
      ];
      block.push(
        shape,
        branchOnly ? (choice.branch as number) : 0,
        r.virtual_time,
        r.wall_ms,
        parts.length > 0 ? `{${parts.join(',')}}` : undefined,
      );
    }
    if (block !== undefined) blockInsert.run(block.row());
  }
  db.exec('DELETE FROM run_events');
}
