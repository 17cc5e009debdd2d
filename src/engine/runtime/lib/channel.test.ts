import { describe, it, expect } from 'vitest';
import { Engine } from './engine';
import { ChannelClosedError } from './errors';

describe('Channel', () => {
  it('rendezvous: a send completes only once a receiver took the value, in FIFO order', async () => {
    const engine = new Engine();
    const c = engine.channel<number>();
    const log: string[] = [];
    engine.process(async (ctx) => {
      for (let i = 0; i < 3; i++) {
        await ctx.send(c, i);
        log.push(`sent ${i}`);
      }
    }, 'producer');
    engine.process(async (ctx) => {
      for (let i = 0; i < 3; i++) log.push(`got ${await ctx.recv(c)}`);
    }, 'consumer');
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(log.filter((l) => l.startsWith('got'))).toEqual(['got 0', 'got 1', 'got 2']);
    // No send completes before its value was received.
    for (let i = 0; i < 3; i++) expect(log.indexOf(`got ${i}`)).toBeLessThan(log.indexOf(`sent ${i}`) + 2);
  });

  it('a receive that completes at once still returns a promise (rendezvous and buffered)', async () => {
    const engine = new Engine();
    const r = engine.channel<string>(0, 'r');
    const b = engine.channel<string>(2, 'b');
    const got: string[] = [];
    engine.process(async () => {
      await r.send('from a parked sender');
    });
    engine.process(async () => {
      await b.send('buffered');
      // Let the rendezvous sender park first, so both receives below complete at once.
      await Promise.resolve();
      const p1 = r.recv();
      const p2 = b.recv();
      expect(p1).toBeInstanceOf(Promise);
      expect(p2).toBeInstanceOf(Promise);
      await p1.then((v) => got.push(v));
      await p2.then((v) => got.push(v));
    });
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(got).toEqual(['from a parked sender', 'buffered']);
  });

  it('buffered: the producer runs at most `capacity` values ahead', async () => {
    const engine = new Engine();
    const c = engine.channel<number>(4);
    let sent = 0;
    let received = 0;
    let maxAhead = 0;
    engine.process(async () => {
      for (let i = 0; i < 100; i++) {
        await c.send(i);
        sent++;
        maxAhead = Math.max(maxAhead, sent - received);
      }
    });
    engine.process(async () => {
      for (let i = 0; i < 100; i++) {
        // A slow consumer: let the producer fill the buffer.
        for (let k = 0; k < 10; k++) await Promise.resolve();
        expect(await c.recv()).toBe(i);
        received++;
      }
    });
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(maxAhead).toBeLessThanOrEqual(4 + 1);
    expect(maxAhead).toBeGreaterThan(1);
  });

  it('close: buffered values drain first, then receivers see the close; for-await stops', async () => {
    const engine = new Engine();
    const c = engine.channel<string>(3);
    const got: string[] = [];
    engine.process(async () => {
      await c.send('a');
      await c.send('b');
      c.close();
      await expect(c.send('c')).rejects.toBeInstanceOf(ChannelClosedError);
    });
    engine.process(async () => {
      for await (const v of c) got.push(v);
      await expect(c.recv()).rejects.toThrow('receive on closed channel "c0"');
    });
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(got).toEqual(['a', 'b']);
  });

  it('close wakes a parked sender with an error naming the channel', async () => {
    const engine = new Engine();
    const c = engine.channel<number>(0, 'jobs');
    let error: unknown;
    engine.process(async () => {
      try {
        await c.send(1);
      } catch (e) {
        error = e;
      }
    });
    engine.process(async () => {
      await Promise.resolve();
      c.close();
    });
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(error).toBeInstanceOf(ChannelClosedError);
    expect((error as Error).message).toBe('send on closed channel "jobs"');
  });

  it('any-to-one: many senders, one receiver, every value once', async () => {
    const engine = new Engine();
    const c = engine.channel<number>();
    const got: number[] = [];
    for (let p = 0; p < 20; p++) {
      engine.process(async () => {
        for (let i = 0; i < 5; i++) await c.send(p * 5 + i);
      });
    }
    engine.process(async () => {
      for (let i = 0; i < 100; i++) got.push(await c.recv());
    });
    expect(await engine.run()).toEqual({ status: 'done' });
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('refuses a bad capacity with a precise error', () => {
    const engine = new Engine();
    expect(() => engine.channel(-1, 'x')).toThrow('channel "x": capacity must be a non-negative integer, got -1');
    expect(() => engine.channel(1.5, 'y')).toThrow('got 1.5');
  });
});
