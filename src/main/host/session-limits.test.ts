/**
 * What a session enforces for a node (and any transport that asks): a request
 * rate, calls in flight and subscriptions per connection, an authorisation
 * hook, an observer of every call, and transport backpressure on streams.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SUBSCRIPTIONS, ProtocolError } from '../../shared/protocol';
import type { CallRecord } from './session';
import { helloed, rawSession, testHost } from './test-helpers';

describe('session limits', () => {
  it('refuses requests past the connection rate with rate_limited', async () => {
    const host = testHost();
    // A rate so slow that nothing refills during the test (refilling is token-bucket.test.ts's).
    const raw = await helloed(host, { idleTimeoutMs: 0, rateLimit: { perSecond: 0.001, burst: 2 } });
    // hello took one token: one more fits the burst.
    expect((await raw.call('ping', {})).type).toBe('result');
    const refused = await raw.call('ping', {});
    expect(refused.payload).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('more than 0.001 requests a second'),
    });
  });

  it('caps the subscriptions of one connection', async () => {
    const raw = await helloed(testHost());
    for (let i = 0; i < MAX_SUBSCRIPTIONS; i++)
      expect((await raw.call('subscribe', { stream: 'host.log' })).type).toBe('result');
    expect((await raw.call('subscribe', { stream: 'host.log' })).payload).toMatchObject({ code: 'rate_limited' });
  });

  it('runs authorize before the handler and reports each call to observe', async () => {
    const host = testHost();
    const calls: CallRecord[] = [];
    const raw = rawSession(host, {
      idleTimeoutMs: 0,
      authorize: (method) => {
        if (method === 'host.log.write') throw new ProtocolError('forbidden', 'not you');
      },
      observe: (c) => calls.push(c),
    });
    await raw.call('hello', { protocol: '1.0' });
    const before = host.log.headSeq;
    expect((await raw.call('host.log.write', { level: 'info', source: 'x', message: 'hi' })).payload).toEqual({
      code: 'forbidden',
      message: 'not you',
    });
    expect(host.log.headSeq).toBe(before);
    await raw.call('subscribe', { stream: 'nope' });
    expect(calls.map((c) => [c.method, c.error?.code ?? 'ok'])).toEqual([
      ['hello', 'ok'],
      ['subscribe', 'unknown_stream'],
    ]);
  });

  it('holds stream events while the transport is not writable, and sends them when it drains', async () => {
    const host = testHost();
    const sent: { type: string; payload: { seq?: number } }[] = [];
    let writable = true;
    const session = host.connect(
      {
        send: (t) => sent.push(JSON.parse(t) as (typeof sent)[number]),
        close: () => undefined,
        writable: () => writable,
      },
      { idleTimeoutMs: 0 },
    );
    session.receive(JSON.stringify({ v: 1, id: 1, type: 'hello', payload: { protocol: '1.0' } }));
    session.receive(JSON.stringify({ v: 1, id: 2, type: 'subscribe', payload: { stream: 'host.log', credit: 100 } }));
    await new Promise((r) => setTimeout(r, 10));
    const events = (): number => sent.filter((m) => m.type === 'event').length;
    writable = false;
    host.log.write('info', 't', 'one');
    host.log.write('info', 't', 'two');
    expect(events()).toBe(0);
    writable = true;
    session.drained();
    expect(events()).toBe(2);
  });
});
