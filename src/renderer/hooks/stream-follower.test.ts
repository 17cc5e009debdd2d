/**
 * The follower against a ProtocolClient whose transport is a scripted host:
 * the real client code (credit, envelopes, parsing) runs; the host side only
 * answers subscribe/unsubscribe and pushes the events each test asks for.
 */
import { describe, expect, it } from 'vitest';
import type { ClientTransport, LogEntry } from '../../shared/protocol';
import { ProtocolClient } from '../../shared/protocol';
import { StreamFollower } from './stream-follower';

class ScriptedHost {
  readonly subscribes: Array<{ sinceSeq: number; subscription: string }> = [];
  readonly unsubscribed: string[] = [];
  private receive: ((text: string) => void) | undefined;
  private next = 1;

  transport(): ClientTransport {
    return {
      send: (text) => this.handle(JSON.parse(text) as { id?: number; type: string; payload: Record<string, unknown> }),
      onMessage: (listener) => {
        this.receive = listener;
      },
      onClose: () => undefined,
      close: () => undefined,
    };
  }

  event(subscription: string, seq: number, message: string): void {
    const data: LogEntry = { level: 'info', source: 'host', message, at: '2026-01-01T00:00:00.000Z' };
    this.receive?.(JSON.stringify({ v: 1, type: 'event', payload: { subscription, seq, data } }));
  }

  gap(subscription: string, fromSeq: number, toSeq: number): void {
    this.receive?.(JSON.stringify({ v: 1, type: 'gap', payload: { subscription, fromSeq, toSeq } }));
  }

  private handle(msg: { id?: number; type: string; payload: Record<string, unknown> }): void {
    const reply = (payload: unknown): void =>
      this.receive?.(JSON.stringify({ v: 1, id: msg.id, type: 'result', payload }));
    if (msg.type === 'subscribe') {
      const subscription = `s${this.next++}`;
      this.subscribes.push({ sinceSeq: Number(msg.payload.sinceSeq), subscription });
      queueMicrotask(() => reply({ subscription, headSeq: 0 }));
    } else if (msg.type === 'unsubscribe') {
      this.unsubscribed.push(String(msg.payload.subscription));
      queueMicrotask(() => reply({ closed: true }));
    }
  }
}

/** A frame scheduler the test flushes by hand. */
function manualFrames(): { schedule: (f: () => void) => () => void; frame(): void; pending(): number } {
  let queued: Array<() => void> = [];
  return {
    schedule: (f) => {
      queued.push(f);
      return () => (queued = queued.filter((x) => x !== f));
    },
    frame: () => {
      const run = queued;
      queued = [];
      run.forEach((f) => f());
    },
    pending: () => queued.length,
  };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('StreamFollower', () => {
  it('delivers a burst of events as one batch per frame', async () => {
    const host = new ScriptedHost();
    const frames = manualFrames();
    const batches: string[][] = [];
    const follower = new StreamFollower(
      { stream: 'host.log' },
      { onEvents: (b) => batches.push(b.map((e) => e.data.message)) },
      frames.schedule,
    );
    follower.connect(new ProtocolClient(host.transport()), 'A');
    await settle();
    for (let i = 1; i <= 5; i++) host.event('s1', i, `m${i}`);
    expect(batches).toEqual([]);
    expect(frames.pending()).toBe(1);
    frames.frame();
    host.event('s1', 6, 'm6');
    frames.frame();
    expect(batches).toEqual([['m1', 'm2', 'm3', 'm4', 'm5'], ['m6']]);
    expect(follower.seq).toBe(6);
  });

  it('resumes after the last seq on a reconnect to the same host, and from 0 after a host restart', async () => {
    const host = new ScriptedHost();
    const frames = manualFrames();
    let resets = 0;
    const follower = new StreamFollower(
      { stream: 'host.log' },
      { onEvents: () => undefined, onReset: () => resets++ },
      frames.schedule,
    );
    follower.connect(new ProtocolClient(host.transport()), 'A');
    await settle();
    host.event('s1', 1, 'a');
    host.event('s1', 2, 'b');
    frames.frame();
    follower.connect(new ProtocolClient(host.transport()), 'A');
    await settle();
    expect(host.subscribes.map((s) => s.sinceSeq)).toEqual([0, 2]);
    expect(host.unsubscribed).toEqual(['s1']);
    follower.connect(new ProtocolClient(host.transport()), 'B');
    await settle();
    expect(host.subscribes.map((s) => s.sinceSeq)).toEqual([0, 2, 0]);
    expect(resets).toBe(1);
  });

  it('reports gaps in order with the events around them, and ignores replays', async () => {
    const host = new ScriptedHost();
    const frames = manualFrames();
    const log: string[] = [];
    const follower = new StreamFollower(
      { stream: 'host.log' },
      { onEvents: (b) => log.push(...b.map((e) => `${e.seq}`)), onGap: (f, t) => log.push(`gap ${f}-${t}`) },
      frames.schedule,
    );
    follower.connect(new ProtocolClient(host.transport()), 'A');
    await settle();
    host.event('s1', 1, 'a');
    host.gap('s1', 2, 4);
    host.event('s1', 5, 'e');
    host.event('s1', 5, 'e again');
    frames.frame();
    expect(log).toEqual(['1', 'gap 2-4', '5']);
  });

  it('unsubscribes and flushes what it holds when closed', async () => {
    const host = new ScriptedHost();
    const frames = manualFrames();
    const got: number[] = [];
    const follower = new StreamFollower(
      { stream: 'host.log' },
      { onEvents: (b) => got.push(...b.map((e) => e.seq)) },
      frames.schedule,
    );
    follower.connect(new ProtocolClient(host.transport()), 'A');
    await settle();
    host.event('s1', 1, 'a');
    follower.close();
    await settle();
    expect(got).toEqual([1]);
    expect(frames.pending()).toBe(0);
    expect(host.unsubscribed).toEqual(['s1']);
    host.event('s1', 2, 'late');
    frames.frame();
    expect(got).toEqual([1]);
  });
});
