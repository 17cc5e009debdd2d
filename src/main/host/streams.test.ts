import { describe, it, expect } from 'vitest';
import type { EventPayload, GapPayload } from '../../shared/protocol';
import { MAX_PENDING_EVENTS } from '../../shared/protocol';
import { HostLog } from './log';
import { OutboundSubscription } from './streams';
import { helloed, testHost } from './test-helpers';

function recorder(): { out: Array<EventPayload | GapPayload>; sub: OutboundSubscription; seqs(): unknown[] } {
  const out: Array<EventPayload | GapPayload> = [];
  const sub = new OutboundSubscription('s', 0, { event: (e) => out.push(e), gap: (g) => out.push(g) }, 4);
  return { out, sub, seqs: () => out.map((m) => ('seq' in m ? m.seq : `gap ${m.fromSeq}-${m.toSeq}`)) };
}

describe('OutboundSubscription (credit)', () => {
  it('sends at most the granted credit, in order', () => {
    const r = recorder();
    r.sub.grant(2);
    for (let seq = 1; seq <= 3; seq++) r.sub.event(seq, seq);
    expect(r.seqs()).toEqual([1, 2]);
    r.sub.grant(5);
    expect(r.seqs()).toEqual([1, 2, 3]);
    r.sub.event(4, 4);
    expect(r.seqs()).toEqual([1, 2, 3, 4]);
  });

  it('keeps a bounded backlog for a slow client and reports what overflowed as one gap', () => {
    const r = recorder();
    for (let seq = 1; seq <= 10; seq++) r.sub.event(seq, seq);
    expect(r.out).toEqual([]);
    expect(r.sub.pending).toBe(4);
    r.sub.grant(100);
    expect(r.seqs()).toEqual(['gap 1-6', 7, 8, 9, 10]);
  });

  it('holds events while paused', () => {
    const r = recorder();
    r.sub.grant(10);
    r.sub.pause();
    r.sub.event(1, 1);
    expect(r.out).toEqual([]);
    r.sub.resume();
    expect(r.seqs()).toEqual([1]);
  });
});

describe('host.log stream over a session', () => {
  it('replays after sinceSeq, then follows, within the credit', async () => {
    const host = testHost();
    for (let i = 1; i <= 5; i++) host.log.write('info', 'test', `line ${i}`);
    const raw = await helloed(host);
    const reply = await raw.call('subscribe', { stream: 'host.log', sinceSeq: 3, credit: 3 });
    expect(reply.payload).toEqual({ subscription: 's1', headSeq: 5 });
    host.log.write('warn', 'test', 'line 6');
    host.log.write('warn', 'test', 'line 7');
    const events = raw.sent.filter((m) => m.type === 'event');
    expect(events.map((e) => e.payload.seq)).toEqual([4, 5, 6]);
    expect(events[2]?.payload.data).toMatchObject({ level: 'warn', message: 'line 6', source: 'test' });
    // The subscribe result precedes its events on the wire.
    const order = raw.sent.map((m) => m.type);
    expect(order.indexOf('result', order.indexOf('result') + 1)).toBeLessThan(order.indexOf('event'));
    raw.send({ v: 1, type: 'credit', payload: { subscription: 's1', credit: 10 } });
    expect(raw.sent.filter((m) => m.type === 'event').map((e) => e.payload.seq)).toEqual([4, 5, 6, 7]);
  });

  it('never queues more than MAX_PENDING_EVENTS for a client that grants nothing', async () => {
    const host = testHost();
    const raw = await helloed(host);
    await raw.call('subscribe', { stream: 'host.log', credit: 0 });
    for (let i = 0; i < MAX_PENDING_EVENTS + 500; i++) host.log.write('debug', 'flood', `n${i}`);
    expect(raw.sent.filter((m) => m.type === 'event')).toHaveLength(0);
    raw.send({ v: 1, type: 'credit', payload: { subscription: 's1', credit: 10_000 } });
    const after = raw.sent.filter((m) => m.type === 'event' || m.type === 'gap');
    expect(after[0]).toEqual({ v: 1, type: 'gap', payload: { subscription: 's1', fromSeq: 1, toSeq: 500 } });
    expect(after).toHaveLength(1 + MAX_PENDING_EVENTS);
  });

  it('reports lines that aged out of the log as a gap', async () => {
    const host = testHost(new HostLog(() => new Date(0), 10));
    for (let i = 1; i <= 15; i++) host.log.write('info', 'test', `line ${i}`);
    const raw = await helloed(host);
    await raw.call('subscribe', { stream: 'host.log', sinceSeq: 0, credit: 100 });
    const got = raw.sent.filter((m) => m.type === 'event' || m.type === 'gap');
    expect(got[0]?.payload).toEqual({ subscription: 's1', fromSeq: 1, toSeq: 5 });
    expect(got.slice(1).map((e) => e.payload.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('refuses an unknown stream and stops events after unsubscribe', async () => {
    const host = testHost();
    const raw = await helloed(host);
    expect((await raw.call('subscribe', { stream: 'nope' })).payload).toMatchObject({ code: 'unknown_stream' });
    await raw.call('subscribe', { stream: 'host.log' });
    expect((await raw.call('unsubscribe', { subscription: 's1' })).payload).toEqual({ closed: true });
    host.log.write('info', 'test', 'after');
    expect(raw.sent.filter((m) => m.type === 'event')).toHaveLength(0);
  });
});
