/**
 * The pagers against a stand-in for run.trace that pages the way the host's
 * store does (afterSeq, limit, next; channel filter). The host's own paging is
 * tested with the store in src/main; the e2e reads a real host.
 */
import { describe, expect, it } from 'vitest';
import type { ParamsIn, Result } from '../../../../shared/protocol';
import { FilteredPager, SeqPager } from './pager';

function storeOf(count: number) {
  const steps = Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    kind: 'event' as const,
    event: `${i % 3 === 0 ? 'a' : 'b'}.${i}`,
    channel: i % 3 === 0 ? 'a' : 'b',
    processes: ['P'],
    hidden: false,
    branch: 0,
    time: 0,
    wallMs: 0,
  }));
  const calls: Array<ParamsIn<'run.trace'>> = [];
  const fetch = (p: ParamsIn<'run.trace'>): Promise<Result<'run.trace'>> => {
    calls.push(p);
    const limit = p.limit ?? 100;
    const after = p.afterSeq ?? 0;
    const matching = steps.filter((s) => s.seq > after && (p.channel === undefined || s.channel === p.channel));
    const events = matching.slice(0, limit);
    const next = matching.length > limit ? events[events.length - 1]!.seq : null;
    return Promise.resolve({ events, next, lastSeq: steps.length });
  };
  return { steps, calls, fetch };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('SeqPager', () => {
  it('reads the page of a step on first use and keeps a bounded number of pages', async () => {
    const store = storeOf(1000);
    const pager = new SeqPager(store.fetch, 1, 100, 3);
    let changes = 0;
    pager.onChange(() => changes++);
    expect(pager.row(250)).toBeUndefined();
    expect(pager.row(260)).toBeUndefined();
    await settle();
    expect(store.calls).toEqual([{ storeRunId: 1, afterSeq: 200, limit: 100 }]);
    expect(pager.row(250)?.event).toBe('a.249');
    expect(changes).toBe(1);
    await pager.ensure(1, 400);
    // Four pages were read but three are kept: the least recently used (201..300) went first.
    expect(pager.row(50)?.seq).toBe(50);
    expect(pager.row(399)?.seq).toBe(399);
    expect(pager.row(250)).toBeUndefined();
    expect(pager.lastSeq).toBe(1000);
  });

  it('says why a page could not be read', async () => {
    const pager = new SeqPager(() => Promise.reject(new Error('stored run 9 not found')), 9);
    pager.row(1);
    await settle();
    expect(pager.error).toBe('stored run 9 not found');
  });
});

describe('FilteredPager', () => {
  it('reads forward until enough rows match, and knows when it reached the end', async () => {
    const store = storeOf(1000);
    const pager = new FilteredPager(store.fetch, 1, { channel: 'a' }, 100);
    await pager.ensure(150);
    expect(pager.rows.length).toBe(200);
    expect(pager.rows.every((r) => r.channel === 'a')).toBe(true);
    expect(pager.done).toBe(false);
    await pager.ensure(10_000);
    expect(pager.rows.length).toBe(334);
    expect(pager.done).toBe(true);
    expect(pager.rows.map((r) => r.seq)).toEqual(store.steps.filter((s) => s.channel === 'a').map((s) => s.seq));
  });

  it('reads on after a live run grew', async () => {
    const store = storeOf(10);
    const pager = new FilteredPager(store.fetch, 1, { channel: 'b' }, 100);
    await pager.ensure(100);
    expect(pager.done).toBe(true);
    const before = pager.rows.length;
    store.steps.push({ ...store.steps[1]!, seq: 11, event: 'b.10' });
    pager.reopen();
    await pager.ensure(before + 1);
    expect(pager.rows.at(-1)?.seq).toBe(11);
  });
});
