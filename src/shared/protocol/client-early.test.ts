/**
 * A host may send a subscription's first messages before the client has read
 * the subscribe result (one burst on the wire; a node sends a late
 * subscriber's gap right after the result). The client must hand them over,
 * gaps included, in the order they came.
 */
import { describe, expect, it } from 'vitest';
import { ProtocolClient } from './client';
import { decode, encode } from './codec';
import type { ClientTransport } from './transport';
import { PROTOCOL_MAJOR } from './version';

/** A transport whose host answers `subscribe` with a gap and an event first, then the result. */
function burstingHost(): ClientTransport {
  let receive: (text: string) => void = () => {};
  return {
    send(text) {
      const decoded = decode(text);
      if (!decoded.ok || decoded.message.type !== 'subscribe') return;
      const id = decoded.message.id;
      const subscription = 's1';
      const line = { level: 'info', source: 'host', message: 'after the gap', at: '2026-12-06T00:00:00Z' };
      queueMicrotask(() => {
        receive(encode({ v: PROTOCOL_MAJOR, type: 'gap', payload: { subscription, fromSeq: 1, toSeq: 40 } }));
        receive(encode({ v: PROTOCOL_MAJOR, type: 'event', payload: { subscription, seq: 41, data: line } }));
        receive(encode({ v: PROTOCOL_MAJOR, id, type: 'result', payload: { subscription, headSeq: 41 } }));
      });
    },
    onMessage(listener) {
      receive = listener;
    },
    onClose() {},
    close() {},
  };
}

describe('ProtocolClient, messages ahead of the subscribe result', () => {
  it('delivers a gap and an event that came before the result, in order', async () => {
    const client = new ProtocolClient(burstingHost());
    const seen: string[] = [];
    await client.subscribe('host.log', {
      onEvent: (line, seq) => seen.push(`event ${seq}: ${line.message}`),
      onGap: (from, to) => seen.push(`gap ${from}..${to}`),
    });
    expect(seen).toEqual(['gap 1..40', 'event 41: after the gap']);
  });
});
