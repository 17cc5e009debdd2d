import { describe, it, expect } from 'vitest';
import { Engine } from './engine';
import { EngineStoppedError } from './errors';

describe('Engine', () => {
  it('runs the hello world of docs/runtime-api.md', async () => {
    const engine = new Engine();
    const greetings = engine.channel<string>();
    const heard: string[] = [];
    engine.process(async (ctx) => {
      await ctx.send(greetings, 'hello, world');
      greetings.close();
    }, 'greeter');
    engine.process(async () => {
      for await (const g of greetings) heard.push(g);
    }, 'printer');
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(heard).toEqual(['hello, world']);
  });

  it('reports a deadlock at once with who waits on which channel', async () => {
    const engine = new Engine();
    const a = engine.channel<number>(0, 'a');
    const b = engine.channel<number>(0, 'b');
    let unwound = 0;
    engine.process(async (ctx) => {
      try {
        await ctx.recv(a);
      } catch (e) {
        if (e instanceof EngineStoppedError) unwound++;
      }
    }, 'P');
    engine.process(async (ctx) => {
      try {
        await ctx.alt([{ recv: b }, { send: b, value: 1, guard: false }]);
      } catch (e) {
        if (e instanceof EngineStoppedError) unwound++;
      }
    }, 'Q');
    const outcome = await engine.run();
    expect(outcome).toEqual({
      status: 'deadlock',
      waiting: [
        { process: 'P', op: 'recv', channels: ['a'] },
        { process: 'Q', op: 'alt', channels: ['?b'] },
      ],
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(unwound).toBe(2);
  });

  it('a process waiting on something outside the engine is not deadlocked', async () => {
    const engine = new Engine();
    const c = engine.channel<number>();
    let release: () => void = () => undefined;
    const outside = new Promise<void>((r) => {
      release = r;
    });
    engine.process(async () => {
      await outside;
      await c.send(7);
    });
    let got = 0;
    engine.process(async () => {
      got = await c.recv();
    });
    const run = engine.run();
    release();
    expect(await run).toEqual({ status: 'done' });
    expect(got).toBe(7);
  });

  it('a process that throws ends the run as failed, naming it', async () => {
    const engine = new Engine();
    const c = engine.channel<number>();
    engine.process(async () => {
      await c.recv();
    }, 'waiter');
    engine.process(() => {
      throw new Error('boom');
    }, 'thrower');
    const outcome = await engine.run();
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') {
      expect(outcome.process).toBe('thrower');
      expect((outcome.error as Error).message).toBe('boom');
    }
  });

  it('processes may spawn processes while running; an empty engine is done', async () => {
    const engine = new Engine();
    const c = engine.channel<number>();
    let got = 0;
    engine.process(async (ctx) => {
      ctx.engine.process(async () => {
        await c.send(5);
      }, 'child');
      got = await ctx.recv(c);
    }, 'parent');
    expect(await engine.run()).toEqual({ status: 'done' });
    expect(got).toBe(5);
    expect(await new Engine().run()).toEqual({ status: 'done' });
  });

  it('stop() ends the run and fails later operations', async () => {
    const engine = new Engine();
    const c = engine.channel<number>();
    engine.process(async () => {
      await c.recv();
    });
    engine.process(async () => {
      await Promise.resolve();
    });
    const run = engine.run();
    engine.stop('user pressed stop');
    expect(await run).toEqual({ status: 'stopped', reason: 'user pressed stop' });
    await expect(c.send(1)).rejects.toThrow('engine stopped: stopped');
  });
});
