/**
 * Steps kept in blocks: the hot append path and the record path read back the
 * same; a run continued after copied steps extends its partial block; runs
 * recorded a row per step (before migration 10) are rewritten as blocks and
 * read back exactly.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../open';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempStore } from '../__fixtures__/temp';
import { makeEvents } from '../__fixtures__/events';
import { openStore } from '../store';
import { storePath } from '../paths';
import { rowBase } from './records';

describe('steps in blocks', () => {
  it('appendStep with cached shapes reads back like append of records, across block boundaries and batches', () => {
    const { store } = tempStore();
    const a = store.runs.start({ mode: 'free' }, { batchSize: 700, flushIntervalMs: 0 });
    const b = store.runs.start({ mode: 'free' }, { batchSize: 700, flushIntervalMs: 0 });
    const shapes = [
      b.shape({ kind: 'event', event: 'c.1', channel: 'c', processes: ['P', 'Q'], hidden: false }),
      b.shape({ kind: 'tau', event: 'τ', channel: null, processes: ['P'], hidden: true }),
    ];
    for (let seq = 1; seq <= 5000; seq++) {
      const tau = seq % 7 === 0;
      const payload = seq % 500 === 0 ? { n: seq } : undefined;
      a.append({
        seq,
        kind: tau ? 'tau' : 'event',
        event: tau ? 'τ' : 'c.1',
        channel: tau ? null : 'c',
        processes: tau ? ['P'] : ['P', 'Q'],
        hidden: tau,
        ...(seq % 3 === 0 ? { choice: { branch: 2 } } : {}),
        ...(payload ? { payload } : {}),
        wallMs: 1000 + seq,
        virtualTime: seq * 10,
      });
      b.appendStep(
        seq,
        shapes[tau ? 1 : 0]!,
        seq % 3 === 0 ? 2 : 0,
        seq * 10,
        1000 + seq,
        payload ? { payload } : undefined,
      );
    }
    a.finish({ outcome: 'done' });
    b.finish({ outcome: 'done' });
    const all = (id: number) => store.runs.query.page(id, { limit: 1000, afterSeq: 2000 }).events;
    expect(all(b.runId)).toEqual(all(a.runId));
    const e = store.runs.steps.at(b.runId, 1500)!;
    expect(e).toMatchObject({
      seq: 1500,
      event: 'c.1',
      processes: ['P', 'Q'],
      payload: { n: 1500 },
      choice: { branch: 2 },
      virtualTime: 15000,
      wallMs: 2500,
    });
    expect(store.runs.get(b.runId)).toMatchObject({ lastSeq: 5000, eventCount: 5000 });
    expect(() => b.appendStep(5001, 0, 0, 0, 0)).toThrow(/is finished/);
  });

  it('a fork copies steps 1..k (cutting a block) and its writer extends the cut block', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'free' }, { flushIntervalMs: 0 });
    w.appendMany(makeEvents(1, 3000));
    w.finish({ outcome: 'done' });
    store.runs.saveReplay(w.runId, { source: { kind: 'cspm', name: 'x.csp', text: 'SYSTEM = STOP' }, beforeFirst: [] });
    const fork = store.runs.fork(w.runId, 2100, { mode: 'fork' }, { flushIntervalMs: 0 });
    fork.appendMany(makeEvents(2101, 2200));
    fork.finish({ outcome: 'done' });
    const page = (id: number, after: number) => store.runs.query.page(id, { afterSeq: after, limit: 1000 }).events;
    expect(page(fork.runId, 1000)).toEqual(page(w.runId, 1000));
    expect(page(fork.runId, 2000)).toEqual(page(w.runId, 2000).slice(0, 200));
    expect(store.runs.query.page(fork.runId, { channel: 'ch3', limit: 1000 }).events).toEqual(
      store.runs.query.page(w.runId, { channel: 'ch3', limit: 1000, time: { to: 2200 } }).events,
    );
    expect(store.runs.get(fork.runId)).toMatchObject({ lastSeq: 2200, eventCount: 2200 });
  });

  it('migration 10 rewrites runs recorded a row per step as blocks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-legacy-'));
    // The last schema that kept a row per step.
    openDatabase({ dataDir: dir, targetVersion: 9 }).close();
    const raw = new Database(storePath(dir));
    raw
      .prepare(
        "INSERT INTO runs (id, mode, status, started_at, last_seq, event_count) VALUES (1, 'free', 'finished', 0, 3, 3)",
      )
      .run();
    raw.prepare("INSERT INTO event_names (id, kind, name) VALUES (1, 0, 'c'), (2, 1, 'P'), (3, 1, 'Q')").run();
    const insert = raw.prepare(
      'INSERT INTO run_events (id, kind, event, channel_id, procs, payload, hidden, choice, outside, state, wall_ms, virtual_time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
    );
    insert.run(rowBase(1) + 1, 0, 'c.1', 1, ',2,3,', null, 0, '{"branch":1}', null, null, 10, 0);
    insert.run(rowBase(1) + 2, 1, 'τ', null, ',2,', null, 1, '{"index":0,"of":2}', null, null, 11, 5);
    insert.run(
      rowBase(1) + 3,
      4,
      'deliver http',
      null,
      ',3,',
      '{"status":200}',
      0,
      null,
      '[{"node":"Q","kind":"now","value":5}]',
      '{"Q":"blocked"}',
      12,
      7,
    );
    raw.close();
    const store = openStore({ dataDir: dir, role: 'cli' });
    try {
      expect(store.runs.query.page(1).events).toEqual([
        {
          seq: 1,
          kind: 'event',
          event: 'c.1',
          channel: 'c',
          processes: ['P', 'Q'],
          payload: null,
          hidden: false,
          choice: { branch: 1 },
          outside: null,
          state: null,
          wallMs: 10,
          virtualTime: 0,
        },
        {
          seq: 2,
          kind: 'tau',
          event: 'τ',
          channel: null,
          processes: ['P'],
          payload: null,
          hidden: true,
          choice: { index: 0, of: 2 },
          outside: null,
          state: null,
          wallMs: 11,
          virtualTime: 5,
        },
        {
          seq: 3,
          kind: 'deliver',
          event: 'deliver http',
          channel: null,
          processes: ['Q'],
          payload: { status: 200 },
          hidden: false,
          choice: null,
          outside: [{ node: 'Q', kind: 'now', value: 5 }],
          state: { Q: 'blocked' },
          wallMs: 12,
          virtualTime: 7,
        },
      ]);
      expect(store.db.prepare('SELECT count(*) FROM run_events').pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('a run that never yields to the event loop is still committed about once per flush interval', () => {
    const { store, clock } = tempStore();
    const w = store.runs.start({ mode: 'free' }, { flushIntervalMs: 200 });
    const shape = w.shape({ kind: 'event', event: 'c.1', channel: 'c', processes: ['P', 'Q'], hidden: false });
    // 10,000 steps in one synchronous loop (so the writer's timer never fires), 1 ms of clock per step.
    for (let seq = 1; seq <= 10_000; seq++) {
      clock.t += 1;
      w.appendStep(seq, shape, 0, 0, seq, undefined);
    }
    // Far fewer than the default batch of 65,536, yet all but the last interval's steps are committed.
    const committed = store.runs.get(w.runId).lastSeq;
    expect(committed).toBeGreaterThanOrEqual(10_000 - 1_024 - 200);
    expect(committed).toBeLessThan(10_000);
  });
});
