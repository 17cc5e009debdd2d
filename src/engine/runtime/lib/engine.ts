/**
 * Engine: the library API for scripting networks in TypeScript.
 *
 *   const engine = new Engine();
 *   const c = engine.channel<number>();
 *   engine.process(async (ctx) => { await ctx.send(c, 42); }, 'producer');
 *   engine.process(async (ctx) => { console.log(await ctx.recv(c)); }, 'consumer');
 *   const outcome = await engine.run();   // { status: 'done' }
 *
 * Deadlock is detected exactly, one microtask after it happens: every live
 * process is parked on a channel operation, so nothing inside the engine can
 * wake any of them. This
 * assumes each process has at most one channel operation pending at a time
 * (use alt to wait on several) and that code outside the engine's processes
 * does not do channel operations; a process waiting on a timer or I/O is not
 * parked, so it never counts as deadlocked.
 */
import { XorShiftRng, type Rng } from '../rng';
import { altWith, type AltCase, type AltOptions } from './alt';
import { Channel } from './channel';
import { EngineStoppedError } from './errors';
import { shapeAnchors } from './shapes';
import type { AltResult, Core, Waiter } from './waiter';

// A module local: under a CommonJS transform (tsx, vitest) each use of an
// imported binding is a getter call, and alt is called per message.
const altLocal = altWith;

export interface EngineOptions {
  /** Seed of the generator behind alt's fair choice. */
  readonly seed?: number;
  readonly rng?: Rng;
}

export interface WaitingOp {
  readonly process: string | undefined;
  readonly op: 'send' | 'recv' | 'alt';
  readonly channels: readonly string[];
}

export type RunOutcome =
  | { readonly status: 'done' }
  | { readonly status: 'deadlock'; readonly waiting: readonly WaitingOp[] }
  | { readonly status: 'failed'; readonly process: string; readonly error: unknown }
  | { readonly status: 'stopped'; readonly reason: string };

export interface ProcessContext {
  readonly name: string;
  readonly engine: Engine;
  send<T>(ch: Channel<T>, value: T): Promise<void>;
  recv<T>(ch: Channel<T>): Promise<T>;
  alt<T>(cases: readonly AltCase<T>[], options?: Omit<AltOptions, 'owner'>): Promise<AltResult<T>>;
}

export type ProcessBody = (ctx: ProcessContext) => Promise<void> | void;

export class Engine implements Core {
  /** Keeps the hot classes' V8 maps alive between runs (see shapes.ts); a static, so it lives as long as the class. */
  private static readonly anchors = shapeAnchors(new Engine());

  parked = 0;
  stopReason: string | undefined = undefined;
  readonly rng: Rng;
  private live = 0;
  private running = false;
  private finished = false;
  private readonly channels: Channel<unknown>[] = [];
  private readonly queued: [ProcessBody, string][] = [];
  private settle: (outcome: RunOutcome) => void = () => undefined;
  private processCount = 0;
  private checkQueued = false;

  constructor(options: EngineOptions = {}) {
    this.rng = options.rng ?? new XorShiftRng(options.seed ?? 1);
  }

  /** A channel of this engine: capacity 0 (default) is a rendezvous, n > 0 buffers n values. */
  channel<T>(capacity = 0, name?: string): Channel<T> {
    const ch = new Channel<T>(this, name ?? `c${this.channels.length}`, capacity);
    this.channels.push(ch as Channel<unknown>);
    return ch;
  }

  /** Adds a process; if the engine is already running it starts at once. */
  process(body: ProcessBody, name?: string): void {
    const processName = name ?? `p${this.processCount}`;
    this.processCount++;
    if (this.finished) throw new EngineStoppedError(this.stopReason ?? 'run finished');
    if (this.running) {
      this.live++;
      this.start(body, processName);
    } else {
      this.queued.push([body, processName]);
    }
  }

  alt<T>(cases: readonly AltCase<T>[], options?: AltOptions): Promise<AltResult<T>> {
    return altLocal(this, cases, options);
  }

  /** Runs every process to the end; resolves with how the run ended (never rejects). */
  run(): Promise<RunOutcome> {
    if (this.running || this.finished) return Promise.reject(new Error('engine.run() may be called once'));
    this.running = true;
    const result = new Promise<RunOutcome>((resolve) => {
      this.settle = resolve;
    });
    // Count every process as live before any starts, so the first park cannot look like a deadlock.
    this.live += this.queued.length;
    const queued = this.queued.splice(0);
    if (queued.length === 0) this.finish({ status: 'done' });
    for (const [body, name] of queued) this.start(body, name);
    return result;
  }

  /** Stops the run: it resolves with status "stopped" and every waiting operation rejects. */
  stop(reason = 'stopped by the caller'): void {
    this.finish({ status: 'stopped', reason });
  }

  /** Parked operations grouped per waiting party. */
  waiting(): WaitingOp[] {
    const byAlt = new Map<object, { process: string | undefined; channels: string[] }>();
    const out: WaitingOp[] = [];
    for (const ch of this.channels) {
      const { send, recv } = ch.parkedWaiters();
      const add = (w: Waiter, op: 'send' | 'recv'): void => {
        if (w.alt === null) {
          out.push({ process: w.owner, op, channels: [ch.name] });
          return;
        }
        let entry = byAlt.get(w.alt);
        if (entry === undefined) {
          entry = { process: w.owner, channels: [] };
          byAlt.set(w.alt, entry);
          out.push({ process: w.owner, op: 'alt', channels: entry.channels });
        }
        entry.channels.push(`${op === 'send' ? '!' : '?'}${ch.name}`);
      };
      for (const w of send) add(w, 'send');
      for (const w of recv) add(w, 'recv');
    }
    return out;
  }

  afterPark(): void {
    // The parking process may still run synchronous code before it awaits (e.g. close a
    // channel), so confirm a microtask later, when no process is mid-step.
    if (this.parked >= this.live && !this.checkQueued) {
      this.checkQueued = true;
      void Promise.resolve().then(this.confirmDeadlock);
    }
  }

  private readonly confirmDeadlock = (): void => {
    this.checkQueued = false;
    if (this.running && !this.finished && this.live > 0 && this.parked >= this.live) {
      this.finish({ status: 'deadlock', waiting: this.waiting() });
    }
  };

  private start(body: ProcessBody, name: string): void {
    const ctx: ProcessContext = {
      name,
      engine: this,
      send: (ch, value) => ch.send(value, name),
      recv: (ch) => ch.recv(name),
      alt: (cases, options) => altLocal(this, cases, { ...options, owner: name }),
    };
    let result: Promise<void> | void;
    try {
      result = body(ctx);
    } catch (error) {
      this.ended(name, error, true);
      return;
    }
    Promise.resolve(result).then(
      () => this.ended(name, undefined, false),
      (error: unknown) => this.ended(name, error, true),
    );
  }

  private ended(name: string, error: unknown, failed: boolean): void {
    if (this.finished) return;
    this.live--;
    if (failed) this.finish({ status: 'failed', process: name, error });
    else if (this.live === 0) this.finish({ status: 'done' });
    else if (this.parked >= this.live) this.afterPark();
  }

  private finish(outcome: RunOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.running = false;
    this.stopReason = outcome.status === 'done' ? 'run finished' : outcome.status;
    // Wake every parked operation with an error so the processes can unwind (finally blocks run).
    const error = new EngineStoppedError(this.stopReason);
    const seen = new Set<object>();
    for (const ch of this.channels) {
      const { send, recv } = ch.parkedWaiters();
      ch.clearWaiters();
      for (const w of [...send, ...recv]) {
        if (w.alt !== null) {
          if (seen.has(w.alt)) continue;
          seen.add(w.alt);
          w.alt.done = true;
          w.alt.reject(error);
        } else {
          w.reject(error);
        }
      }
    }
    this.parked = 0;
    this.settle(outcome);
  }
}
