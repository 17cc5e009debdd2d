/**
 * Budgets and control for a check: a state limit, a time limit, cancellation
 * and progress reports. The engine has no clock of its own: the host passes
 * `clock` (milliseconds) and an abort flag (an AbortSignal, or anything with
 * `aborted`, e.g. a view of a SharedArrayBuffer in a worker).
 *
 * Explorers call `tick()` once per expanded state; every 1024 calls it looks
 * at the clock, so progress arrives at least once a second without a timer.
 */
export interface AbortFlag {
  readonly aborted: boolean;
}

export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly statesPerSecond: number;
  readonly queue: number;
  readonly seconds: number;
  /** Breadth-first level being expanded (transitions from the initial state), when the search knows it. */
  readonly depth?: number;
}

export interface BudgetOptions {
  /** Largest number of stored states (system states, plus pairs for a refinement). */
  readonly maxStates?: number;
  /** Most bytes the state stores may take (default: no limit); past it the check stops with reason `memory`. */
  readonly maxBytes?: number;
  /** Time limit in milliseconds from the start of this check (needs `clock`). */
  readonly timeoutMs?: number;
  /** Absolute time limit on `clock` (for a limit shared by several checks). */
  readonly deadline?: number;
  readonly signal?: AbortFlag;
  /** Milliseconds since any fixed origin; without it there is no time limit and no progress. */
  readonly clock?: () => number;
  readonly onProgress?: (p: Progress) => void;
  /** Milliseconds between progress reports (default 1000). */
  readonly progressEveryMs?: number;
}

/** `memory`: the state store would outgrow its memory budget (the search stops cleanly instead of running out). */
export type LimitReason = 'states' | 'time' | 'cancelled' | 'memory';

/** Thrown by `tick` when a budget runs out; checks turn it into a "limit" outcome, never "passed". */
export class LimitReached extends Error {
  constructor(
    readonly reason: LimitReason,
    message: string,
  ) {
    super(message);
    this.name = 'LimitReached';
  }
}

/** Thrown by a state store that would outgrow `bytes`: a clean stop instead of an out-of-memory crash. */
export class MemoryLimitReached extends LimitReached {
  constructor(readonly bytes: number) {
    super(
      'memory',
      `memory limit reached: the states would need more than ${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`,
    );
    this.name = 'MemoryLimitReached';
  }
}

/**
 * No state limit of its own by default: the memory budget (`maxBytes`) is what stops a big search
 * cleanly. This is the most a store can index (its hash table holds index + 1 in an Int32).
 */
export const DEFAULT_MAX_STATES = 2 ** 31 - 2;

export class Budget {
  private calls = 0;
  private readonly started: number;
  private lastReport: number;
  readonly maxStates: number;
  readonly maxBytes: number;

  constructor(private readonly options: BudgetOptions = {}) {
    this.maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.started = options.clock?.() ?? 0;
    this.lastReport = this.started;
  }

  /** Seconds since the check started (0 without a clock). */
  elapsedSeconds(): number {
    const c = this.options.clock;
    return c === undefined ? 0 : (c() - this.started) / 1000;
  }

  /** Called once per expanded state; throws LimitReached when a budget is exhausted. */
  tick(states: number, transitions: number, queue: number, depth?: number): void {
    if (states > this.maxStates)
      throw new LimitReached('states', `state limit reached: more than ${this.maxStates} states`);
    if ((++this.calls & 1023) !== 0) return;
    this.poll(states, transitions, queue, depth);
  }

  /** The same checks as `tick`, now (also used between phases). */
  poll(states: number, transitions: number, queue: number, depth?: number): void {
    const o = this.options;
    if (o.signal?.aborted === true) throw new LimitReached('cancelled', 'check cancelled');
    if (states > this.maxStates)
      throw new LimitReached('states', `state limit reached: more than ${this.maxStates} states`);
    if (o.clock === undefined) return;
    const now = o.clock();
    if (
      (o.timeoutMs !== undefined && now - this.started > o.timeoutMs) ||
      (o.deadline !== undefined && now > o.deadline)
    ) {
      throw new LimitReached('time', `time limit reached after ${((now - this.started) / 1000).toFixed(1)} s`);
    }
    if (o.onProgress !== undefined && now - this.lastReport >= (o.progressEveryMs ?? 1000)) {
      this.lastReport = now;
      const seconds = (now - this.started) / 1000;
      o.onProgress({
        states,
        transitions,
        queue,
        seconds,
        statesPerSecond: seconds > 0 ? states / seconds : 0,
        ...(depth !== undefined ? { depth } : {}),
      });
    }
  }
}
