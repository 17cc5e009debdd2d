/**
 * RunWriter.appendColumns (steps in bulk as columns) stores exactly what
 * appendStep stores one step at a time: the same block rows (shapes,
 * branches, virtual and wall times), zone map and run totals, across block
 * and batch boundaries; and it refuses a gap or an unknown shape.
 */
import { describe, expect, it } from 'vitest';
import { tempStore } from '../__fixtures__/temp';
import type { Store } from '../store';
import type { RunWriter } from './writer';
import { rowBase } from './records';

function shapesOf(w: RunWriter): number[] {
  return [
    w.shape({ kind: 'event', event: 'c.1', channel: 'c', processes: ['P', 'Q'], hidden: false }),
    w.shape({ kind: 'tau', event: 'τ', channel: null, processes: ['P'], hidden: true }),
    w.shape({ kind: 'event', event: 'd', channel: 'd', processes: ['Q'], hidden: false }),
  ];
}

/** Step seq's columns: branches and times only in some stretches, as in real runs. */
function step(seq: number, ids: number[]): { shape: number; branch: number; time: number } {
  return {
    shape: ids[seq % 7 === 0 ? 1 : seq % 5 === 0 ? 2 : 0]!,
    branch: seq > 2500 && seq % 3 === 0 ? 2 : 0,
    time: seq > 4000 ? seq * 10 : 0,
  };
}

/** Everything kept of a run's steps, block rows relative to the run's rowid base. */
function stored(store: Store, runId: number): unknown {
  const db = store.db;
  return {
    blocks: db
      .prepare(
        'SELECT id - ? AS at, n, steps, branches, times, walls, wall_ms, extras FROM run_blocks WHERE id > ? AND id < ? ORDER BY id',
      )
      .all(rowBase(runId), rowBase(runId), rowBase(runId + 1)),
    chunks: db.prepare('SELECT name_id, chunk, n FROM run_event_chunks WHERE run_id = ? ORDER BY 1, 2').all(runId),
    run: db.prepare('SELECT last_seq, event_count, bytes FROM runs WHERE id = ?').get(runId),
  };
}

describe('RunWriter.appendColumns', () => {
  it('stores what appendStep stores, in calls of any size, across blocks and batches', () => {
    const { store } = tempStore();
    const one = store.runs.start({ mode: 'free' }, { batchSize: 700, flushIntervalMs: 0 });
    const bulk = store.runs.start({ mode: 'free' }, { batchSize: 700, flushIntervalMs: 0 });
    const idsOne = shapesOf(one);
    const idsBulk = shapesOf(bulk);
    let seq = 1;
    for (const [k, size] of [1, 37, 1500, 3000, 4, 1023, 1024, 411].entries()) {
      const wall = 5000 + (k % 3) * 1000; // the same wall time for some calls in a row, another for others
      const cols = { shapes: new Int32Array(size), branches: new Float64Array(size), times: new Float64Array(size) };
      for (let i = 0; i < size; i++) {
        const a = step(seq + i, idsOne);
        one.appendStep(seq + i, a.shape, a.branch, a.time, wall);
        const b = step(seq + i, idsBulk);
        cols.shapes[i] = b.shape;
        cols.branches[i] = b.branch;
        cols.times[i] = b.time;
      }
      bulk.appendColumns(seq, size, cols, wall);
      seq += size;
    }
    one.finish({ outcome: 'done' });
    bulk.finish({ outcome: 'done' });
    const a = stored(store, one.runId) as { blocks: unknown[]; chunks: unknown[] };
    expect(a.blocks.length).toBeGreaterThan(5);
    expect(stored(store, bulk.runId)).toEqual(a);
  });

  it('counts steps per channel and second of the wall clock, blocks written once or again as they grow', () => {
    const { store, clock } = tempStore();
    const w = store.runs.start({ mode: 'free' }, { batchSize: 500, flushIntervalMs: 0 });
    const ids = shapesOf(w);
    const expected = new Map<string, number>();
    let seq = 1;
    // Calls of 300 steps: blocks flushed part-way (written again as they grow) and whole; a new second every 2 calls.
    for (let k = 0; k < 12; k++) {
      const wall = clock.t + 500 * k;
      const cols = { shapes: new Int32Array(300), branches: new Float64Array(300), times: new Float64Array(300) };
      for (let i = 0; i < 300; i++, seq++) {
        const shape = step(seq, ids).shape;
        cols.shapes[i] = shape;
        const channel = shape === ids[0] ? 'c' : shape === ids[2] ? 'd' : null;
        const key = `${channel}@${Math.floor((500 * k) / 1000)}`;
        if (channel !== null) expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      w.appendColumns(seq - 300, 300, cols, wall);
      if (k === 5) w.flush();
    }
    w.finish({ outcome: 'done' });
    const rows = store.db
      .prepare(
        'SELECT e.name AS channel, s.second, s.n FROM run_channel_seconds s JOIN event_names e ON e.id = s.channel_id WHERE s.run_id = ?',
      )
      .all(w.runId) as { channel: string; second: number; n: number }[];
    expect(new Map(rows.map((r) => [`${r.channel}@${r.second}`, r.n]))).toEqual(expected);
  });

  it('refuses a gap and an unknown shape, naming the step', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'free' }, { flushIntervalMs: 0 });
    const [c] = shapesOf(w);
    const cols = { shapes: Int32Array.of(c!, 99), branches: new Float64Array(2), times: new Float64Array(2) };
    expect(() => w.appendColumns(2, 1, cols, 0)).toThrow(/expected step seq 1, got 2/);
    expect(() => w.appendColumns(1, 2, cols, 0)).toThrow(/seq 2: unknown shape 99/);
    expect(w.expectedSeq).toBe(1);
  });
});
