import { describe, it, expect } from 'vitest';
import { tempStore } from '../__fixtures__/temp';
import { makeEvent, makeEvents } from '../__fixtures__/events';
import type { Store } from '../store';
import { openStore } from '../store';

function recordRun(store: Store, n: number, batchSize = 500): number {
  const w = store.runs.start({ mode: 'free', seed: 42 }, { batchSize, flushIntervalMs: 0 });
  w.appendMany(makeEvents(1, n));
  w.finish({ outcome: 'done', details: { steps: n } });
  return w.runId;
}

describe('run recording', () => {
  it('writes events in batches and reads them back exactly', () => {
    const { store } = tempStore();
    const id = recordRun(store, 3000);
    const run = store.runs.get(id);
    expect(run).toMatchObject({
      status: 'finished',
      outcome: 'done',
      eventCount: 3000,
      lastSeq: 3000,
      seed: '42',
      mode: 'free',
    });
    expect(run.outcomeDetails).toEqual({ steps: 3000 });
    const page = store.runs.query.page(id, { afterSeq: 96, limit: 10 });
    expect(page.events.map((e) => e.seq)).toEqual([97, 98, 99, 100, 101, 102, 103, 104, 105, 106]);
    const tau = page.events[0];
    expect(tau).toMatchObject({
      kind: 'tau',
      hidden: true,
      channel: 'h1',
      processes: ['P1'],
      choice: { index: 1, of: 3 },
    });
    const deliver = page.events.find((e) => e.seq === 101);
    expect(deliver).toMatchObject({
      kind: 'deliver',
      outside: { source: 'llm' },
      payload: { text: 'answer number 819', tokens: 819 },
    });
    const plain = page.events.find((e) => e.seq === 100);
    const expected = makeEvent(100);
    expect(plain).toMatchObject({
      event: expected.event,
      channel: 'ch4',
      processes: ['P4', 'P5'],
      payload: expected.payload,
      state: { P4: 'blocked' },
    });
    expect(page.next).toBe(106);
  });

  it('refuses gaps in seq and writes after finish, naming the run and seq', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 0 });
    w.append(makeEvent(1));
    expect(() => w.append(makeEvent(3))).toThrow(`run ${w.runId}: expected step seq 2, got 3`);
    expect(() => w.append({ ...makeEvent(2), wallMs: Number.NaN })).toThrow(
      /seq 2: wallMs and virtualTime must be finite/,
    );
    w.finish({ outcome: 'stopped' });
    expect(() => w.append(makeEvent(2))).toThrow(/is finished/);
    expect(store.runs.get(w.runId).eventCount).toBe(1);
  });

  it('pages forward and backward with no gaps or repeats', () => {
    const { store } = tempStore();
    const id = recordRun(store, 2500);
    const seen: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const p = store.runs.query.page(id, { afterSeq: after, limit: 333 });
      seen.push(...p.events.map((e) => e.seq));
      after = p.next;
    }
    expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    const back = store.runs.query.page(id, { beforeSeq: 2501, limit: 3 });
    expect(back.events.map((e) => e.seq)).toEqual([2500, 2499, 2498]);
    expect(() => store.runs.query.page(id, { limit: 0 })).toThrow(/limit must be an integer 1..1000/);
  });

  it('filters by channel, process and time, matching a brute-force scan', () => {
    const { store } = tempStore();
    const id = recordRun(store, 5000);
    const all = [...makeEvents(1, 5000)];
    const collect = (q: Parameters<Store['runs']['query']['page']>[1]): number[] => {
      const out: number[] = [];
      let after: number | null = 0;
      while (after !== null) {
        const p = store.runs.query.page(id, { ...q, afterSeq: after, limit: 50 });
        out.push(...p.events.map((e) => e.seq));
        after = p.next;
      }
      return out;
    };
    expect(collect({ channel: 'ch3' })).toEqual(all.filter((e) => e.channel === 'ch3').map((e) => e.seq));
    expect(collect({ process: 'P5' })).toEqual(all.filter((e) => e.processes?.includes('P5')).map((e) => e.seq));
    expect(collect({ channel: 'ch4', process: 'P5' })).toEqual(
      all.filter((e) => e.channel === 'ch4' && e.processes?.includes('P5')).map((e) => e.seq),
    );
    expect(collect({ channel: 'h2' })).toEqual(all.filter((e) => e.channel === 'h2').map((e) => e.seq));
    expect(collect({ time: { from: 1200, to: 1300 } })).toEqual(
      all.filter((e) => e.virtualTime >= 1200 && e.virtualTime <= 1300).map((e) => e.seq),
    );
    expect(collect({ channel: 'ch1', time: { from: 4000 } })).toEqual(
      all.filter((e) => e.channel === 'ch1' && e.virtualTime >= 4000).map((e) => e.seq),
    );
    expect(collect({ channel: 'no-such-channel' })).toEqual([]);
    const back = store.runs.query.page(id, { channel: 'ch3', beforeSeq: 5000, limit: 2 });
    expect(back.events.map((e) => e.seq)).toEqual(
      all
        .filter((e) => e.channel === 'ch3' && e.seq < 5000)
        .map((e) => e.seq)
        .slice(-2)
        .reverse(),
    );
  });

  it('counts events per channel per second and in total', () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'free' }, { flushIntervalMs: 0 });
    const started = store.now();
    const shape = { channels: 2, processes: 2, startWallMs: started, perSecond: 1000 };
    w.appendMany(makeEvents(1, 2500, shape));
    w.finish({ outcome: 'done' });
    const all = [...makeEvents(1, 2500, shape)];
    const perSecond = store.runs.query.channelSeconds(w.runId);
    const expected = new Map<string, number>();
    for (const e of all) {
      const key = `${e.channel}@${Math.floor((e.wallMs - started) / 1000)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(perSecond.map((r) => [`${r.channel}@${r.second}`, r.count]))).toEqual(expected);
    const totals = store.runs.query.channelTotals(w.runId);
    expect(totals.reduce((a, r) => a + r.count, 0)).toBe(2500);
  });
});

describe('value-text search', () => {
  it('finds phrases through FTS and in the unindexed tail alike, with a progress cursor', () => {
    const { store } = tempStore();
    const id = recordRun(store, 12_000);
    const all = [...makeEvents(1, 12_000)];
    const expected = all.filter((e) => JSON.stringify(e.payload ?? '').includes('answer number 819')).map((e) => e.seq);
    expect(expected.length).toBeGreaterThan(0);
    // Nothing indexed yet: the tail scan answers.
    const scanned = store.runs.search.search(id, { text: 'Answer Number 819' });
    expect(scanned.events.map((e) => e.seq)).toEqual(expected);
    expect(scanned.next).toBeNull();
    // Index part of the run: the probe scan, FTS5 and the tail scan each answer a part, same result.
    expect(store.runs.search.indexText(id, 9000)).toBe(9000);
    expect(store.runs.search.search(id, { text: 'answer number 819' }).events.map((e) => e.seq)).toEqual(expected);
    store.runs.search.indexPending();
    expect(store.runs.get(id).textIndexedUpTo).toBe(12_000);
    expect(store.runs.search.search(id, { text: 'answer number 819' }).events.map((e) => e.seq)).toEqual(expected);
    // A common word from deep in the run (the scan probe answers) and a rarer one (FTS5 after the probe).
    const tokens = (e: (typeof all)[number]): string => `${e.event} ${JSON.stringify(e.payload ?? '')}`.toLowerCase();
    const common = all
      .filter((e) => e.seq > 1000 && /\bch3\b/.test(tokens(e)))
      .map((e) => e.seq)
      .slice(0, 50);
    expect(store.runs.search.search(id, { text: 'ch3', afterSeq: 1000, limit: 50 }).events.map((e) => e.seq)).toEqual(
      common,
    );
    const rarer = all.filter((e) => e.seq > 10 && /\bh2\b/.test(tokens(e))).map((e) => e.seq);
    expect(store.runs.search.search(id, { text: 'h2', afterSeq: 10, limit: 1000 }).events.map((e) => e.seq)).toEqual(
      rarer,
    );
    // Event text in CSPm syntax: 'ch3.109' is the phrase ch3 109.
    const text = makeEvent(11).event;
    expect(text).toBe('ch3.109');
    const withText = all
      .filter((e) => e.event === text || JSON.stringify(e.payload ?? '').includes(text))
      .map((e) => e.seq);
    expect(store.runs.search.search(id, { text }).events.map((e) => e.seq)).toEqual(withText);
  });

  it('bounds the tail scan and continues from the cursor', () => {
    const { store } = tempStore();
    const id = recordRun(store, 3000);
    const first = store.runs.search.search(id, { text: 'answer', scanBudget: 1000 });
    expect(first.searchedUpTo).toBe(1000);
    expect(first.next).toBe(1000);
    expect(first.events.every((e) => e.seq <= 1000)).toBe(true);
    const rest = store.runs.search.search(id, { text: 'answer', afterSeq: first.next ?? 0 });
    expect(rest.next).toBeNull();
    const total = [...makeEvents(1, 3000)].filter((e) => e.kind === 'deliver').length;
    expect(first.events.length + rest.events.length).toBe(total);
    expect(() => store.runs.search.search(id, { text: '...' })).toThrow(/no letters or digits/);
  });

  it('pages payload-only matches of an indexed run from the index alone, in order, with the cursor', () => {
    const { store } = tempStore();
    const id = recordRun(store, 5000);
    store.runs.search.indexPending();
    const expected = [...makeEvents(1, 5000)]
      .filter((e) => /\banswer\b/i.test(JSON.stringify(e.payload ?? '')))
      .map((e) => e.seq);
    expect(expected.length).toBeGreaterThan(25);
    const seen: number[] = [];
    let afterSeq = 0;
    for (let page = 0; page < 100; page++) {
      const r = store.runs.search.search(id, { text: 'answer', afterSeq, limit: 10 });
      seen.push(...r.events.map((e) => e.seq));
      if (r.next === null) break;
      afterSeq = r.next;
    }
    expect(seen).toEqual(expected);
  });
});

describe('retention and disk usage', () => {
  it('deletes the oldest unpinned finished runs beyond the caps', () => {
    const { store, clock } = tempStore();
    const old = recordRun(store, 300);
    clock.t += 10 * 86_400_000;
    const pinnedOld = recordRun(store, 300);
    store.runs.pin(pinnedOld, true);
    clock.t += 10 * 86_400_000;
    const mid = recordRun(store, 300);
    clock.t += 1000;
    const recent = recordRun(store, 300);
    const live = store.runs.start({ mode: 'free' }, { flushIntervalMs: 0 });
    live.appendMany(makeEvents(1, 300));
    live.flush();

    store.setRetentionPolicy({ maxAgeDays: 15 });
    expect(store.applyRetention().deletedRuns).toEqual([old]);
    expect(() => store.runs.get(old)).toThrow(/not found/);
    expect(store.runs.query.page(pinnedOld, { limit: 1 }).events).toHaveLength(1);

    // pinned + live + mid + recent are left; pinned and live cannot go, so only mid does.
    const oneRun = store.runs.get(recent).bytes;
    store.setRetentionPolicy({ maxBytes: oneRun * 3.5 });
    const r = store.applyRetention();
    expect(r.deletedRuns).toEqual([mid]);
    const entry = store.audit
      .list(0, 1000)
      .filter((e) => e.action === 'runs.retention-applied')
      .at(-1);
    expect(entry?.details).toMatchObject({ deletedRuns: [mid], policy: { maxBytes: oneRun * 3.5 } });
    expect(store.runs.get(recent).status).toBe('finished');
    expect(store.runs.get(live.runId).status).toBe('running');
    expect(() => store.setRetentionPolicy({ maxBytes: -1 })).toThrow(
      /retention.maxBytes must be a non-negative number/,
    );

    const usage = store.diskUsage();
    expect(usage.runs.count).toBe(3);
    expect(usage.runs.pinned).toBe(1);
    expect(usage.files[0]?.bytes).toBeGreaterThan(0);
    expect(usage.largestRuns.length).toBe(3);
  });
});

describe('recovery on open', () => {
  it('marks runs left running as interrupted, ending at their last recorded step', () => {
    const { store, dir } = tempStore();
    const w = store.runs.start({ mode: 'free' }, { flushIntervalMs: 0 });
    w.appendMany(makeEvents(1, 100));
    w.flush();
    w.append(makeEvent(101)); // buffered, never committed: lost like a crash would lose it
    store.close();
    const again = openStore({ dataDir: dir, role: 'host' });
    try {
      expect(again.recoveredRuns).toEqual([w.runId]);
      const run = again.runs.get(w.runId);
      expect(run).toMatchObject({
        status: 'interrupted',
        outcome: 'interrupted',
        lastSeq: 100,
        endedAt: makeEvent(100).wallMs,
      });
      expect(run.outcomeDetails).toMatchObject({ reason: expect.stringContaining('host stopped') });
    } finally {
      again.close();
    }
  });
});

describe('timed flush', () => {
  it('commits a quiet run after the flush interval without an explicit flush', async () => {
    const { store } = tempStore();
    const w = store.runs.start({ mode: 'step' }, { flushIntervalMs: 5 });
    w.append(makeEvent(1));
    expect(store.runs.get(w.runId).lastSeq).toBe(0);
    // Wait for the timer (poll, no timing assertion: a loaded machine may be slow).
    for (let i = 0; i < 400 && store.runs.get(w.runId).lastSeq === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.runs.get(w.runId).lastSeq).toBe(1);
    w.append(makeEvent(2));
    store.close(); // the pending timer must not throw into the event loop
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(() => w.flush()).toThrow(/not open/);
  });
});

describe('retention on host open', () => {
  it('applies the caps when a host opens the store, and reports a bad stored policy instead of failing', () => {
    const { store, dir, clock } = tempStore();
    const old = recordRun(store, 50);
    clock.t += 30 * 86_400_000;
    const recent = recordRun(store, 50);
    store.setRetentionPolicy({ maxAgeDays: 7 });
    store.close();
    const host = openStore({ dataDir: dir, role: 'host', now: () => clock.t });
    try {
      expect(host.retentionOnOpen).toEqual({ deletedRuns: [old], freedBytes: expect.any(Number) });
      expect(host.runs.get(recent).status).toBe('finished');
      host.settings.set('retention', { maxBytes: 'lots' });
    } finally {
      host.close();
    }
    const again = openStore({ dataDir: dir, role: 'host' });
    try {
      expect(again.retentionOnOpen).toEqual({
        error: expect.stringContaining('retention.maxBytes must be a non-negative number'),
      });
    } finally {
      again.close();
    }
  });
});
