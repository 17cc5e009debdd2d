import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { shapeAnchors } from './shapes';
import type { Waiter } from './waiter';

// %HaveSameMap compares V8 hidden classes; natives syntax is only parsed once the flag is on.
v8.setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b);') as (a: object, b: object) => boolean;

/** The waiters parked on these channels right now. */
function parked(...channels: { parkedWaiters(): { send: Waiter[]; recv: Waiter[] } }[]): Waiter[] {
  return channels.flatMap((c) => {
    const { send, recv } = c.parkedWaiters();
    return [...send, ...recv];
  });
}

describe('shape anchors', () => {
  it('share their V8 maps with the objects a real run creates, so holding them keeps those maps alive', async () => {
    const anchors = shapeAnchors(new Engine());
    const engine = new Engine();
    const a = engine.channel<number>(0, 'a');
    const b = engine.channel<string>(4, 'b');
    const c = engine.channel<number>(0, 'c');
    let seen: Waiter[] = [];
    engine.process(async (ctx) => {
      await ctx.send(a, 1); // parks a plain sender holding a number
      await ctx.send(b, 'x');
    });
    engine.process(async (ctx) => {
      await ctx.alt<unknown>([{ recv: c }, { recv: b, guard: false }]); // parks an alt waiter
    });
    engine.process(async (ctx) => {
      await Promise.resolve();
      seen = parked(a, b, c);
      expect(await ctx.recv(a)).toBe(1);
      await ctx.send(c, 2);
      expect(await ctx.recv(b)).toBe('x');
    });
    expect(await engine.run()).toEqual({ status: 'done' });

    const plain = seen.find((w) => w.alt === null);
    const inAlt = seen.find((w) => w.alt !== null);
    expect(plain).toBeDefined();
    expect(inAlt).toBeDefined();
    expect(haveSameMap(anchors.plainWaiter, plain!)).toBe(true);
    expect(haveSameMap(anchors.altWaiter, inAlt!)).toBe(true);
    expect(haveSameMap(anchors.altState, inAlt!.alt!)).toBe(true);
    expect(haveSameMap(anchors.rendezvous, a)).toBe(true);
    expect(haveSameMap(anchors.buffered, b)).toBe(true);
    expect(haveSameMap(anchors.engine, engine)).toBe(true);
  });

  it('are held by the Engine class itself', () => {
    const held = (Engine as unknown as { anchors?: { engine?: unknown } }).anchors;
    expect(held?.engine).toBeInstanceOf(Engine);
  });
});
