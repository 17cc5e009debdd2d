/**
 * Channel libraries under comparison, behind one small async adapter so the
 * workloads are the same code for everyone. Each adapter uses the library's
 * own idiomatic calls; `val` unwraps what a receive resolves to (ts-chan
 * returns an IteratorResult) after the await, so no peer pays for an extra
 * promise. js-csp is generator-based and gets its own workload code
 * (./jscsp.ts).
 */
import * as medium from 'medium';
import { channel as thingChannel, select as thingSelect, type Channel as ThingChannel } from '@thi.ng/csp';
import { Chan, Select, recv as tsRecv } from 'ts-chan';
import { Engine, type Channel as OurChannel, type AltCase } from '../../src/engine/runtime/lib/index';

export interface AsyncPeer<C = unknown> {
  readonly name: string;
  /** What the adapter had to approximate, if anything. */
  readonly note?: string;
  /** A fresh world for one run. */
  world(): World<C>;
}

export interface World<C> {
  chan(capacity: number): C;
  send(c: C, v: number): Promise<unknown>;
  recv(c: C): Promise<unknown>;
  val(r: unknown): number;
  /** A reusable selector over receives on `cs`: resolves to [value, index]. */
  selector(cs: readonly C[]): () => Promise<readonly [number, number]>;
  spawn(body: () => Promise<void>): void;
  /** Starts everything spawned and resolves when every process ended. */
  run(): Promise<void>;
}

class PromiseWorld {
  private readonly all: Promise<void>[] = [];
  spawn(body: () => Promise<void>): void {
    this.all.push(body());
  }
  async run(): Promise<void> {
    await Promise.all(this.all);
  }
}

export const ours: AsyncPeer<OurChannel<number>> = {
  name: 'ours (Engine)',
  world() {
    const engine = new Engine({ seed: 7 });
    return {
      chan: (capacity) => engine.channel<number>(capacity),
      send: (c, v) => c.send(v),
      recv: (c) => c.recv(),
      val: (r) => r as number,
      selector(cs) {
        const cases: AltCase<number>[] = cs.map((c) => ({ recv: c }));
        return async () => {
          const r = await engine.alt(cases);
          return [r.value as number, r.index] as const;
        };
      },
      spawn: (body) => engine.process(body),
      async run() {
        const outcome = await engine.run();
        if (outcome.status !== 'done') throw new Error(`engine run ended ${outcome.status}`);
      },
    };
  },
};

type MediumChan = ReturnType<typeof medium.chan>;
export const mediumPeer: AsyncPeer<MediumChan> = {
  name: 'medium',
  world() {
    const w = new PromiseWorld();
    return {
      chan: (capacity) => (capacity === 0 ? medium.chan() : medium.chan(capacity)),
      send: (c, v) => medium.put(c, v),
      recv: (c) => medium.take(c),
      val: (r) => r as number,
      selector(cs) {
        return async () => {
          const [v, ch] = (await medium.any(...cs)) as [number, MediumChan];
          return [v, cs.indexOf(ch)] as const;
        };
      },
      spawn: (body) => w.spawn(body),
      run: () => w.run(),
    };
  },
};

export const thingPeer: AsyncPeer<ThingChannel<number>> = {
  name: '@thi.ng/csp',
  note: 'has no rendezvous channel: capacity 0 is approximated by its smallest buffer, 1',
  world() {
    const w = new PromiseWorld();
    return {
      chan: (capacity) => thingChannel<number>(Math.max(1, capacity)),
      send: (c, v) => c.write(v),
      recv: (c) => c.read(),
      val: (r) => r as number,
      selector(cs) {
        const [first, ...rest] = cs;
        if (first === undefined) throw new Error('selector over no channels');
        return async () => {
          const [v, ch] = await thingSelect(first, ...rest);
          return [v as number, cs.indexOf(ch)] as const;
        };
      },
      spawn: (body) => w.spawn(body),
      run: () => w.run(),
    };
  },
};

export const tsChanPeer: AsyncPeer<Chan<number>> = {
  name: 'ts-chan',
  world() {
    const w = new PromiseWorld();
    return {
      chan: (capacity) => new Chan<number>(capacity),
      send: (c, v) => c.send(v),
      recv: (c) => c.recv(),
      val: (r) => (r as IteratorResult<number>).value as number,
      selector(cs) {
        const sel = new Select(cs.map((c) => tsRecv(c)));
        return async () => {
          const i = await sel.wait();
          const r = sel.recv(sel.cases[i]!);
          return [r.value as number, i] as const;
        };
      },
      spawn: (body) => w.spawn(body),
      run: () => w.run(),
    };
  },
};

export const asyncPeers: readonly AsyncPeer<never>[] = [
  ours as AsyncPeer<never>,
  mediumPeer as AsyncPeer<never>,
  thingPeer as AsyncPeer<never>,
  tsChanPeer as AsyncPeer<never>,
];
