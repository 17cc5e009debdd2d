import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Engine } from './engine';
import { alt } from './alt';
import { AltError, ChannelClosedError } from './errors';
import type { Channel } from './channel';

describe('alt', () => {
  it('takes a ready receive, honours guards and the default', async () => {
    const engine = new Engine();
    const a = engine.channel<string>(1, 'a');
    const b = engine.channel<string>(1, 'b');
    engine.process(async (ctx) => {
      await ctx.send(b, 'from b');
      const r1 = await ctx.alt([{ recv: a }, { recv: b }]);
      expect(r1).toEqual({ index: 1, value: 'from b', closed: false });
      await ctx.send(a, 'from a');
      const r2 = await ctx.alt([{ recv: a, guard: false }, { recv: b }], { default: true });
      expect(r2.index).toBe(-1);
      const r3 = await alt([{ recv: a }]);
      expect(r3.value).toBe('from a');
    });
    expect(await engine.run()).toEqual({ status: 'done' });
  });

  it('send cases: the receiver gets the value of the case that fired, once', async () => {
    const engine = new Engine();
    const a = engine.channel<number>(0, 'a');
    const b = engine.channel<number>(0, 'b');
    let fired = -2;
    let got = 0;
    engine.process(async (ctx) => {
      const r = await ctx.alt([
        { send: a, value: 1 },
        { send: b, value: 2 },
      ]);
      fired = r.index;
    });
    engine.process(async (ctx) => {
      got = await ctx.recv(b);
    });
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(fired).toBe(1);
    expect(got).toBe(2);
  });

  it('a receive case on a closed channel fires with closed: true; a send case on one rejects', async () => {
    const engine = new Engine();
    const a = engine.channel<number>(0, 'a');
    const b = engine.channel<number>(0, 'b');
    engine.process(async (ctx) => {
      const waiting = ctx.alt([{ recv: a }, { recv: b }]);
      a.close();
      expect(await waiting).toEqual({ index: 0, value: undefined, closed: true });
      await expect(ctx.alt([{ send: a, value: 1 }])).rejects.toBeInstanceOf(ChannelClosedError);
    });
    expect(await engine.run()).toEqual({ status: 'done' });
  });

  it('rejects an alt that could never fire', async () => {
    const engine = new Engine();
    const a = engine.channel<number>();
    await expect(engine.alt([{ recv: a, guard: false }])).rejects.toBeInstanceOf(AltError);
    await expect(alt([])).rejects.toThrow('alt: no cases given');
  });

  it('the same seed makes the same choices', async () => {
    const choices = async (seed: number): Promise<number[]> => {
      const engine = new Engine({ seed });
      const chans = [0, 1, 2, 3].map((i) => engine.channel<number>(8, `c${i}`));
      const out: number[] = [];
      engine.process(async (ctx) => {
        for (const c of chans) for (let i = 0; i < 5; i++) await ctx.send(c, i);
        for (let i = 0; i < 20; i++) out.push((await ctx.alt(chans.map((c) => ({ recv: c })))).index);
      });
      await engine.run();
      return out;
    };
    expect(await choices(42)).toEqual(await choices(42));
    expect(new Set(await choices(42)).size).toBeGreaterThan(1);
  });

  it('never loses or duplicates a message: consumers and producers both selecting over shared channels', async () => {
    const scenario = fc.record({
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
      producers: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
      consumers: fc.integer({ min: 2, max: 4 }),
      producerAlts: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ seed, capacities, producers, consumers, producerAlts }) => {
        const engine = new Engine({ seed });
        const chans: Channel<number>[] = capacities.map((cap, i) => engine.channel<number>(cap, `c${i}`));
        const done = engine.channel<number>(0, 'done');
        const received: number[] = [];
        let next = 0;
        producers.forEach((count, p) => {
          const values = Array.from({ length: count }, () => next++);
          engine.process(async (ctx) => {
            for (const v of values) {
              if (producerAlts) await ctx.alt(chans.map((c) => ({ send: c, value: v })));
              else await ctx.send(chans[v % chans.length]!, v);
            }
            await ctx.send(done, p);
          }, `producer${p}`);
        });
        engine.process(async (ctx) => {
          for (let i = 0; i < producers.length; i++) await ctx.recv(done);
          for (const c of chans) c.close();
        }, 'closer');
        for (let k = 0; k < consumers; k++) {
          engine.process(async (ctx) => {
            const open = chans.map(() => true);
            while (open.some(Boolean)) {
              const r = await ctx.alt(chans.map((c, i) => ({ recv: c, guard: open[i] })));
              if (r.closed) open[r.index] = false;
              else received.push(r.value as number);
            }
          }, `consumer${k}`);
        }
        const outcome = await engine.run();
        expect(outcome).toEqual({ status: 'done' });
        expect([...received].sort((a, b) => a - b)).toEqual(Array.from({ length: next }, (_, i) => i));
      }),
      { numRuns: 150 },
    );
  });
});
