import { describe, it, expect, vi } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../shared/protocol';
import { helloed, rawSession, testHost } from './test-helpers';

describe('session: handshake', () => {
  it('answers hello with version, capabilities and mode', async () => {
    const raw = rawSession(testHost());
    const reply = await raw.call('hello', { protocol: '1.0', capabilities: ['x'], future: true });
    expect(reply.type).toBe('result');
    expect(reply.payload).toMatchObject({ protocol: '1.10', host: { mode: 'web', version: '0.0.0-test' } });
  });

  it('accepts a newer minor version and drops unknown fields', async () => {
    const raw = rawSession(testHost());
    expect((await raw.call('hello', { protocol: '1.99', newField: { a: 1 } })).type).toBe('result');
    expect((await raw.call('ping', { alsoNew: 1 })).payload).toEqual({ pong: true });
  });

  it('refuses a different major version, naming both', async () => {
    const raw = rawSession(testHost());
    const reply = await raw.call('hello', { protocol: '2.0' });
    expect(reply.type).toBe('error');
    expect(reply.payload.code).toBe('protocol_mismatch');
    expect(reply.payload.message).toBe(
      'client speaks protocol 2.0 but this host speaks 1.10; major versions must match',
    );
    // Still usable: a correct hello afterwards works.
    expect((await raw.call('hello', { protocol: '1.0' })).type).toBe('result');
  });

  it('refuses requests before hello', async () => {
    const raw = rawSession(testHost());
    const reply = await raw.call('host.info', {});
    expect(reply.payload).toMatchObject({ code: 'hello_required' });
  });
});

describe('session: malformed messages', () => {
  it('names the zod path of bad params and keeps serving', async () => {
    const raw = await helloed(testHost());
    const reply = await raw.call('subscribe', { stream: 'host.log', sinceSeq: 'yesterday' });
    expect(reply.type).toBe('error');
    expect(reply.payload.code).toBe('invalid_params');
    expect(reply.payload.message).toMatch(/^subscribe: payload\.sinceSeq: /);
    expect((await raw.call('ping', {})).payload).toEqual({ pong: true });
  });

  it('answers invalid JSON, a bad envelope, an unknown method and an id-less request, then still serves', async () => {
    const raw = await helloed(testHost());
    raw.send('{not json');
    raw.send({ v: 1, id: 'e1', payload: {} });
    raw.send({ v: 1, id: 'e2', type: 'no.such.method', payload: {} });
    raw.send({ v: 1, type: 'ping', payload: {} });
    const errors = raw.sent.filter((m) => m.type === 'error').map((m) => [m.id, m.payload.code, m.payload.message]);
    expect(errors).toEqual([
      [undefined, 'bad_message', expect.stringMatching(/not valid JSON/)],
      ['e1', 'bad_message', expect.stringMatching(/^malformed envelope: type: /)],
      ['e2', 'unknown_method', "unknown method 'no.such.method'"],
      [undefined, 'bad_message', "request 'ping' has no id"],
    ]);
    const info = await raw.call('host.info', {});
    expect(info.payload).toMatchObject({
      mode: 'web',
      store: { status: 'unavailable', message: 'no store in this test' },
    });
    expect(raw.session.isClosed).toBe(false);
  });

  it('refuses an oversized message with too_large and keeps the connection', async () => {
    const raw = await helloed(testHost());
    raw.send({ v: 1, id: 'big', type: 'ping', payload: { pad: 'x'.repeat(MAX_MESSAGE_BYTES) } });
    expect(raw.sent.at(-1)?.payload.code).toBe('too_large');
    expect((await raw.call('ping', {})).type).toBe('result');
  });

  it('rejects a malformed cancel or credit with the path', async () => {
    const raw = await helloed(testHost());
    raw.send({ v: 1, type: 'credit', payload: { subscription: 's1', credit: -3 } });
    expect(raw.sent.at(-1)?.payload.message).toMatch(/^credit: payload\.credit: /);
    raw.send({ v: 1, type: 'cancel', payload: {} });
    expect(raw.sent.at(-1)?.payload.message).toMatch(/^cancel: payload\.id: /);
  });

  it('refuses a request id that is still in flight', async () => {
    const raw = await helloed(testHost());
    raw.send({ v: 1, id: 'dup', type: 'ping', payload: {} });
    raw.send({ v: 1, id: 'dup', type: 'ping', payload: {} });
    expect(raw.sent.at(-1)?.payload.message).toBe('request id "dup" is already in use');
  });
});

describe('session: idle timeout', () => {
  it('closes an idle connection with a closing message', async () => {
    vi.useFakeTimers();
    try {
      const host = testHost();
      const raw = rawSession(host, { idleTimeoutMs: 5_000 });
      vi.advanceTimersByTime(4_000);
      raw.send({ v: 1, type: 'credit', payload: { subscription: 'none', credit: 1 } }); // any message resets it
      vi.advanceTimersByTime(4_000);
      expect(raw.closedWith).toBeUndefined();
      vi.advanceTimersByTime(1_500);
      expect(raw.closedWith).toBe('idle for 5s');
      expect(raw.sent.at(-1)).toEqual({ v: 1, type: 'closing', payload: { reason: 'idle for 5s' } });
      expect(host.sessionCount).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('host: streams without a source', () => {
  it('refuses with unavailable (not internal) for a declared stream that has no source yet', async () => {
    const { ProtocolError } = await import('../../shared/protocol');
    const host = testHost();
    expect(() => host.stream('not.started' as never)).toThrow(ProtocolError);
    expect(() => host.stream('not.started' as never)).toThrow("stream 'not.started' has no source in this host (yet)");
  });
});
