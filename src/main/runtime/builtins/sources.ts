/**
 * Source nodes: a timer that ticks and an inject node the user fires from the
 * UI (or `csp run --inject`). Both get their trigger from outside the network,
 * so each trigger is an outside result (docs/workflow-semantics.md#steps-and-time: "the delivery of one
 * outside result ... a timer tick" is a step): recorded on a live run and
 * played back on replay, never asked for again.
 */
import type { InjectNode as InjectModel, TimerNode as TimerModel } from '../../../engine/workflow';
import { BuiltinCodeNode, type BuiltinContext, type BuiltinPort } from './base';

/** Where a run's injections come from: the host's `run.inject`, or the CLI's `--inject` list. */
export interface InjectionSource {
  /**
   * The next injection for node `nodeId`: `{ payload }` (payload absent = the
   * node's configured one) or `{ end: true }` when no more will come.
   */
  next(nodeId: string): Promise<{ payload?: unknown } | { end: true }>;
  /** Tells the source which inject nodes the run has (so a typo in a node id is an error, not a silent no-op). */
  register?(nodeId: string): void;
  /**
   * The next injection when it is known up front (the CLI's list): the node
   * then schedules it in virtual time instead of waiting for a promise, so it
   * lands deterministically even while timers keep the run busy.
   */
  take?(nodeId: string): { payload?: unknown } | { end: true };
}

/** Injections known up front (the CLI): each node takes its own in order, then ends. */
export class QueuedInjections implements InjectionSource {
  private readonly queues = new Map<string, unknown[]>();
  private readonly known = new Set<string>();
  register(nodeId: string): void {
    this.known.add(nodeId);
  }
  /** An error naming injections for nodes the run does not have (a typo), or undefined. */
  unknownNodes(): string | undefined {
    const unknown = [...this.queues.keys()].filter((n) => !this.known.has(n));
    if (unknown.length === 0) return undefined;
    return `--inject names ${unknown.map((n) => `"${n}"`).join(', ')}, which ${unknown.length === 1 ? 'is not an inject node' : 'are not inject nodes'} of this workflow (inject nodes: ${[...this.known].join(', ') || 'none'})`;
  }
  add(nodeId: string, payload: unknown): void {
    let q = this.queues.get(nodeId);
    if (q === undefined) this.queues.set(nodeId, (q = []));
    q.push(payload);
  }
  next(nodeId: string): Promise<{ payload?: unknown } | { end: true }> {
    return Promise.resolve(this.take(nodeId));
  }
  take(nodeId: string): { payload?: unknown } | { end: true } {
    const q = this.queues.get(nodeId);
    if (q === undefined || q.length === 0) return { end: true };
    const payload = q.shift();
    return payload === undefined ? {} : { payload };
  }
}

/** Injections that arrive while the run goes on (the host): `next` waits until the user injects. */
export class LiveInjections implements InjectionSource {
  private readonly waiting = new Map<string, (v: { payload?: unknown } | { end: true }) => void>();
  private readonly early = new Map<string, ({ payload?: unknown } | { end: true })[]>();
  private readonly known = new Set<string>();
  register(nodeId: string): void {
    this.known.add(nodeId);
  }
  next(nodeId: string): Promise<{ payload?: unknown } | { end: true }> {
    const q = this.early.get(nodeId);
    if (q !== undefined && q.length > 0) return Promise.resolve(q.shift()!);
    return new Promise((resolve) => this.waiting.set(nodeId, resolve));
  }
  /** Injects into `nodeId` (an `{ end: true }` ends the node). */
  inject(nodeId: string, value: { payload?: unknown } | { end: true }): void {
    if (!this.known.has(nodeId))
      throw new Error(`no inject node "${nodeId}" in this run (inject nodes: ${[...this.known].join(', ') || 'none'})`);
    const resolve = this.waiting.get(nodeId);
    if (resolve !== undefined) {
      this.waiting.delete(nodeId);
      resolve(value);
      return;
    }
    let q = this.early.get(nodeId);
    if (q === undefined) this.early.set(nodeId, (q = []));
    q.push(value);
  }
}

export interface TimerOptions {
  /** Wait real milliseconds between ticks (`--wall-clock`); otherwise ticks come at once in virtual time. */
  readonly wallClock: boolean;
}

export class TimerNode extends BuiltinCodeNode {
  private ticks = 0;
  private readonly out: BuiltinPort;

  constructor(
    ctx: BuiltinContext,
    private readonly node: TimerModel,
    private readonly timing: TimerOptions,
  ) {
    super(ctx);
    this.out = this.outputs[0]!;
    this.requestTick();
  }

  protected receive(): void {}

  protected override afterSend(): void {
    if (this.node.config.count !== undefined && this.ticks >= this.node.config.count) this.finish();
    else this.requestTick();
  }

  private requestTick(): void {
    this.state = 'waiting';
    const interval = this.node.config.interval;
    const n = this.ticks + 1;
    const at = n * interval; // virtual time of tick n, in ms since the run started
    // Virtual time: the tick is due at n × interval, and the run releases due ticks in time order
    // across all timers when nothing else can happen. Wall clock: it comes after a real wait.
    if (!this.timing.wallClock) return this.ctx.outside.schedule('tick', at, { tick: n, time: at });
    this.ctx.outside.request('tick', () => {
      const started = Date.now();
      return new Promise((resolve) =>
        setTimeout(() => resolve({ tick: n, time: Date.now() - started + (n - 1) * interval }), interval),
      );
    });
  }

  deliver(_kind: string, value: unknown): void {
    const v = value as { tick?: number; time?: number; error?: string };
    if (typeof v.error === 'string') return this.fail(`timer: ${v.error}`);
    this.ticks++;
    this.state = 'blocked';
    this.send(
      this.out,
      this.node.config.payload !== undefined
        ? this.node.config.payload
        : { tick: v.tick ?? this.ticks, time: v.time ?? 0 },
    );
  }

  protected override details(): Record<string, unknown> {
    return { ticks: this.ticks, ...(this.node.config.count !== undefined ? { of: this.node.config.count } : {}) };
  }
}

export class InjectNode extends BuiltinCodeNode {
  private readonly out: BuiltinPort;
  private injected = 0;

  constructor(
    ctx: BuiltinContext,
    private readonly node: InjectModel,
    private readonly source: InjectionSource,
  ) {
    super(ctx);
    this.out = this.outputs[0]!;
    if (node.config?.once === true) this.send(this.out, this.defaultPayload());
    else this.requestInjection();
  }

  private defaultPayload(): unknown {
    return this.node.config?.payload !== undefined ? this.node.config.payload : {};
  }

  protected receive(): void {}

  protected override afterSend(): void {
    this.requestInjection();
  }

  private requestInjection(): void {
    this.state = 'waiting';
    // Known up front (the CLI): due at once in virtual time, taken when nothing else can happen.
    if (this.source.take !== undefined) return this.ctx.outside.schedule('inject', 0, this.source.take(this.node.id));
    this.ctx.outside.request('inject', () => this.source.next(this.node.id), { fromUser: true });
  }

  deliver(_kind: string, value: unknown): void {
    const v = (value ?? {}) as { payload?: unknown; end?: boolean; error?: string };
    if (typeof v.error === 'string') return this.fail(`inject: ${v.error}`);
    if (v.end === true) {
      this.state = 'blocked';
      this.finish();
      return;
    }
    this.injected++;
    this.state = 'blocked';
    this.send(this.out, 'payload' in v ? v.payload : this.defaultPayload());
  }

  protected override details(): Record<string, unknown> {
    return { injected: this.injected };
  }
}
