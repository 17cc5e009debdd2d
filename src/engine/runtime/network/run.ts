/**
 * NetworkRun: a run of a CSP network with the debugger's controls (docs/workflow-semantics.md#steps-and-time).
 *
 *  - step mode: `enabled()` lists the items in canonical order, `choose(i)` fires one;
 *  - free run: `run(n)` picks with the seeded generator until n steps, a
 *    breakpoint, termination, deadlock, divergence or an evaluation error;
 *  - every step is a row of the RunLog (seq 1..n, no gaps); `replay` rebuilds a
 *    run from a log without the generator;
 *  - `goto(k)` / `stepBack()` restore the nearest snapshot (taken every K steps)
 *    and replay the rows after it; the steps after k are kept until a new step
 *    is taken, which truncates them (a new timeline);
 *  - `fork(k)` is a new run whose history is steps 1..k of this one.
 */
import { TAU, TICK } from '../../csp/terms';
import { printTerm } from '../../csp/print';
import { showValue } from '../../csp/values';
import { XorShiftRng } from '../rng';
import { BreakpointSet, type Breakpoint } from './breakpoints';
import type { Violation } from './contract';
import { waitForGraph, type Waiter } from './deadlock';
import { STEP_DELIVER, type RunLog } from './log';
import type { NetworkSpec } from './network';
import { Scheduler, type EnabledItem, type ItemKind } from './scheduler';

export interface NetworkRunOptions {
  readonly seed?: number;
  /** Snapshot every K steps (default 1,000). */
  readonly snapshotEvery?: number;
  /** τ steps in a row before divergence is looked for (default 10,000, docs/workflow-semantics.md#steps-and-time). */
  readonly divergenceAfter?: number;
}

export interface StepInfo {
  readonly seq: number;
  readonly kind: ItemKind;
  /** CSPm text of the event (`τ` for a component's τ, `✓` for a ✓). */
  readonly event: string;
  readonly hidden: boolean;
  readonly processes: readonly string[];
  readonly branch: number;
  /** The JSON payload that travelled with the event, or the outside result a deliver step handed over. */
  readonly payload?: unknown;
}

/** `waiting`: nothing can happen until an outside result (an LLM reply) arrives; see waitForOutside(). */
export type StopReason = 'steps' | 'breakpoint' | 'terminated' | 'deadlock' | 'divergence' | 'error' | 'violation' | 'waiting';

export interface StopInfo {
  readonly reason: StopReason;
  readonly seq: number;
  readonly breakpoint?: Breakpoint;
  readonly waiting?: readonly Waiter[];
  readonly error?: string;
  /** The code node that failed or broke its contract. */
  readonly process?: string;
  /** For a contract violation: trace or refusal, and the acceptances missed. */
  readonly violation?: Violation;
  /** For `waiting`: the outside results under way (an LLM reply, a tick, an injection), by process. */
  readonly waitingFor?: readonly { readonly process: string; readonly kind: string }[];
  /** For divergence: the τ steps in a row and the state seen twice. */
  readonly divergence?: { readonly tauSteps: number; readonly repeatedAtSeq: number };
}

export interface ProcessState {
  readonly name: string;
  /** A CSP component's term (CSPm); a code node's status and what it offers. */
  readonly state: string;
  readonly terminated: boolean;
  /** A code node's inspectable state (a script's ctx.state, an agent's usage, a built-in's counters). */
  readonly script?: unknown;
}

/** A queue the debugger shows: a buffered edge or a buffer node, by the component that holds it. */
export interface QueueSpec {
  /** The buffered edge's id or the buffer node's id (what the canvas draws). */
  readonly id: string;
  readonly component: string;
  readonly capacity: number;
}

export interface QueueDepth {
  readonly id: string;
  readonly depth: number;
  readonly capacity: number;
}

interface Snapshot {
  readonly terms: Int32Array;
  readonly rng: number;
  readonly terminated: boolean;
}

export class NetworkRun {
  readonly breakpoints: BreakpointSet;
  private sched: Scheduler;
  private readonly rng: XorShiftRng;
  private readonly snapshotEvery: number;
  private readonly divergenceAfter: number;
  private readonly snapshots = new Map<number, Snapshot>();
  private tauRun = 0;
  private tauStates: Map<string, number> | null = null;
  private failure: string | undefined;

  constructor(
    readonly spec: NetworkSpec,
    options: NetworkRunOptions = {},
    log?: RunLog,
  ) {
    this.rng = new XorShiftRng(options.seed ?? 1);
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? 1_000);
    this.divergenceAfter = options.divergenceAfter ?? 10_000;
    this.breakpoints = new BreakpointSet(spec.events, showValue);
    this.sched = new Scheduler(spec, this.rng, log?.outside ?? []);
    this.snapshot();
    if (log !== undefined) {
      for (let s = 1; s <= log.length; s++) {
        const r = log.row(s);
        this.sched.applyRow(r.event, r.actor, r.branch);
        this.afterStep();
      }
    }
  }

  /** A run rebuilt from a record: the same steps, no generator involved. */
  static replay(spec: NetworkSpec, log: RunLog, options: NetworkRunOptions = {}): NetworkRun {
    return new NetworkRun(spec, options, log);
  }

  get seq(): number {
    return this.sched.seq;
  }

  get log(): RunLog {
    return this.sched.log;
  }

  get terminated(): boolean {
    return this.sched.terminated;
  }

  enabled(): EnabledItem[] {
    return this.sched.enabledItems();
  }

  /** Step mode: fire enabled item `index` (canonical order), optionally a given branch. */
  choose(index: number, branch?: number): StepInfo {
    this.beforeStep();
    this.sched.fireIndex(index, branch);
    this.afterStep();
    return this.stepInfo(this.sched.seq);
  }

  /** Free run until `maxSteps` steps or a stop (see StopReason). */
  run(maxSteps: number): StopInfo {
    const s = this.sched;
    const bps = this.breakpoints;
    if (s.fault !== undefined) return this.faultStop();
    for (let i = 0; i < maxSteps; i++) {
      const count = s.enabledCount;
      if (count === 0) return this.stuck();
      this.beforeStep();
      try {
        s.fireIndex(count === 1 ? 0 : this.rng.int(count));
      } catch (e) {
        this.failure = e instanceof Error ? e.message : String(e);
        return { reason: 'error', seq: s.seq, error: this.failure, ...this.outcomeBp('error') };
      }
      if (s.fault !== undefined) return this.faultStop();
      const diverged = this.afterStep();
      if (diverged !== undefined) return diverged;
      if (bps.size > 0) {
        const hit = this.breakpointHit();
        if (hit !== undefined) return { reason: 'breakpoint', seq: s.seq, breakpoint: hit };
      }
    }
    if (s.enabledCount === 0) return this.stuck();
    return { reason: 'steps', seq: s.seq };
  }

  /** How the run stands without moving: stuck (terminated/deadlock) or able to go on. */
  status(): StopInfo {
    if (this.sched.fault !== undefined) return this.faultStop();
    if (this.failure !== undefined) return { reason: 'error', seq: this.seq, error: this.failure };
    if (this.sched.enabledCount === 0) return this.stuck();
    return { reason: 'steps', seq: this.seq };
  }

  /** Rewinds (or replays forward within the record) to just after step k. */
  goto(k: number): void {
    const log = this.sched.log;
    if (!Number.isInteger(k) || k < 0 || k > log.length) throw new RangeError(`cannot go to step ${k}: the record has steps 0..${log.length}`);
    if (this.sched.hasCode) {
      this.rebuildTo(k);
      return;
    }
    let base = 0;
    for (const s of this.snapshots.keys()) if (s <= k && s > base) base = s;
    const snap = this.snapshots.get(base)!;
    if (!(k >= this.seq && this.seq >= base)) {
      this.sched.restore([...snap.terms], base, snap.terminated);
      this.rng.restore(snap.rng);
    }
    // Replay the recorded rows up to k without touching the record (later steps stay until a new step).
    this.sched.recording = false;
    try {
      for (let s = this.seq + 1; s <= k; s++) {
        const r = log.row(s);
        this.sched.applyRow(r.event, r.actor, r.branch);
      }
    } finally {
      this.sched.recording = true;
    }
    this.tauRun = 0;
    this.tauStates = null;
    this.failure = undefined;
  }

  /**
   * Code nodes cannot be snapshotted (their state lives in a sandbox), so going
   * to step k with them replays from the start: fresh nodes, the recorded rows,
   * and the recorded outside values handed back in order.
   */
  private rebuildTo(k: number): void {
    const old = this.sched.log;
    const fresh = new Scheduler(this.spec, this.rng, old.outside.filter((o) => o.seq <= k));
    for (let s = 1; s <= k; s++) {
      const r = old.row(s);
      fresh.applyRow(r.event, r.actor, r.branch);
    }
    for (let s = k + 1; s <= old.length; s++) {
      const r = old.row(s);
      fresh.log.push(r.event, r.actor, r.branch);
    }
    for (const o of old.outside) if (o.seq > k) fresh.log.attach(o);
    this.sched.dispose();
    this.sched = fresh;
    this.tauRun = 0;
    this.tauStates = null;
    this.failure = undefined;
  }

  /** Frees the sandboxes of the run's code nodes (call when the run is over). */
  dispose(): void {
    this.sched.dispose();
  }

  stepBack(): void {
    if (this.seq === 0) throw new RangeError('already at the start of the run');
    this.goto(this.seq - 1);
  }

  /** A new run whose history is steps 1..k of this one (default: up to now). */
  fork(k = this.seq, options: NetworkRunOptions = {}): NetworkRun {
    if (k < 0 || k > this.sched.log.length) throw new RangeError(`cannot fork at step ${k}: the record has steps 0..${this.sched.log.length}`);
    return new NetworkRun(this.spec, { snapshotEvery: this.snapshotEvery, divergenceAfter: this.divergenceAfter, ...options }, this.sched.log.prefix(k));
  }

  /** Steps from..to (1-based, inclusive) as they were recorded. */
  steps(from = 1, to = this.sched.log.length): StepInfo[] {
    const out: StepInfo[] = [];
    for (let s = Math.max(1, from); s <= Math.min(to, this.sched.log.length); s++) out.push(this.stepInfo(s));
    return out;
  }

  processStates(): ProcessState[] {
    return this.sched.names.map((name, c) => {
      const terminated = this.sched.termOf(c) === this.sched.factory.omega;
      const code = this.sched.codeOf(c);
      if (code === null) return { name, state: this.print(c), terminated };
      const status = code.status();
      const offers = status === 'blocked' ? ` on {${this.spec.events.textsOf([...code.offers()]).join(', ')}}` : '';
      const state = status === 'failed' ? `failed: ${code.error() ?? ''}` : `${status}${offers}`;
      return { name, state, terminated, script: code.inspect() };
    });
  }

  /**
   * Depth of each queue in `spec.queues`: a buffer node's outbox, or the first
   * argument of a buffer process (`BUF(k)` counts, `BUF(<a, b>)` holds a sequence).
   */
  queueDepths(): QueueDepth[] {
    const out: QueueDepth[] = [];
    for (const q of this.spec.queues ?? []) {
      const c = this.sched.names.indexOf(q.component);
      if (c < 0) continue;
      const code = this.sched.codeOf(c);
      let depth: number | undefined;
      if (code !== null) {
        const queued = (code.inspect() as { queued?: unknown } | null)?.queued;
        if (typeof queued === 'number') depth = queued;
      } else {
        const t = this.sched.termOf(c);
        const arg = t.node.op === 'call' ? t.node.args[0] : undefined;
        if (typeof arg === 'number') depth = arg;
        else if (arg !== undefined && typeof arg === 'object' && arg.t === 'seq') depth = arg.items.length;
      }
      if (depth !== undefined) out.push({ id: q.id, depth, capacity: q.capacity });
    }
    return out;
  }

  // ------------------------------------------------------------------ internals

  private print(c: number): string {
    return printTerm(this.sched.termOf(c), this.spec.events);
  }

  private stepInfo(seq: number): StepInfo {
    const r = this.sched.log.row(seq);
    const names = this.sched.names;
    if (r.event === STEP_DELIVER) {
      const o = this.sched.log.outside.find((x) => x.seq === seq);
      return { seq, kind: 'deliver', event: `deliver ${o?.kind ?? 'result'}`, hidden: false, processes: [names[r.actor]!], branch: 0, ...(o !== undefined ? { payload: o.value } : {}) };
    }
    if (r.actor >= 0) {
      return { seq, kind: r.event === TAU ? 'tau' : 'tick', event: r.event === TAU ? 'τ' : '✓', hidden: false, processes: [names[r.actor]!], branch: r.branch };
    }
    if (r.event === TICK) return { seq, kind: 'tick', event: '✓', hidden: false, processes: [...names], branch: r.branch };
    return {
      seq,
      kind: 'event',
      event: this.spec.events.text(r.event),
      hidden: this.sched.isHidden(r.event),
      processes: this.sched.participantsOf(r.event).map((p) => names[p]!),
      branch: r.branch,
      ...(this.sched.log.payloads.has(seq) ? { payload: this.sched.log.payloads.get(seq) } : {}),
    };
  }

  private beforeStep(): void {
    const log = this.sched.log;
    if (log.length > this.sched.seq) {
      log.truncate(this.sched.seq);
      for (const k of [...this.snapshots.keys()]) if (k > this.sched.seq) this.snapshots.delete(k);
    }
  }

  /** Snapshots, τ-run tracking; returns a divergence stop when one is found. */
  private afterStep(): StopInfo | undefined {
    const s = this.sched;
    if (s.seq % this.snapshotEvery === 0) this.snapshot();
    const event = s.log.eventAt(s.seq);
    const silent = event !== STEP_DELIVER && (s.log.actorAt(s.seq) >= 0 || (event !== TICK && s.isHidden(event)));
    if (!silent) {
      this.tauRun = 0;
      this.tauStates = null;
      return undefined;
    }
    if (++this.tauRun < this.divergenceAfter) return undefined;
    const key = s.terms().map((t) => t.id).join(',');
    this.tauStates ??= new Map();
    const seen = this.tauStates.get(key);
    if (seen !== undefined) {
      return { reason: 'divergence', seq: s.seq, divergence: { tauSteps: this.tauRun, repeatedAtSeq: seen }, ...this.outcomeBp('divergence') };
    }
    this.tauStates.set(key, s.seq);
    return undefined;
  }

  private breakpointHit(): Breakpoint | undefined {
    const s = this.sched;
    const r = s.log.row(s.seq);
    if (r.actor < 0 && r.event !== TICK && r.event !== STEP_DELIVER) {
      const hit = this.breakpoints.hitByEvent(r.event, s.log.payloads.get(s.seq));
      if (hit !== undefined) return hit;
    }
    if (!this.breakpoints.hasStateBreakpoints()) return undefined;
    const moved = r.actor >= 0 ? [r.actor] : r.event === TICK || r.event === STEP_DELIVER ? [] : s.participantsOf(r.event);
    for (const c of moved) {
      const hit = this.breakpoints.hitByState(s.names[c]!, s.termOf(c));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  private faultStop(): StopInfo {
    const f = this.sched.fault!;
    if (f.kind === 'error') return { reason: 'error', seq: this.seq, error: f.message, process: f.process, ...this.outcomeBp('error') };
    return { reason: 'violation', seq: this.seq, error: f.message, process: f.process, ...(f.violation !== undefined ? { violation: f.violation } : {}), ...this.outcomeBp('contract') };
  }

  private outcomeBp(kind: 'deadlock' | 'error' | 'divergence' | 'contract'): { breakpoint?: Breakpoint } {
    const bp = this.breakpoints.hitByOutcome(kind);
    return bp === undefined ? {} : { breakpoint: bp };
  }

  /** Resolves when an outside result has arrived (a 'waiting' run can go on). */
  waitForOutside(): Promise<void> {
    return this.sched.waitForArrival();
  }

  private stuck(): StopInfo {
    if (this.sched.inFlight > 0) return { reason: 'waiting', seq: this.seq, waitingFor: [...this.sched.pending] };
    if (this.sched.terminated) return { reason: 'terminated', seq: this.seq };
    return { reason: 'deadlock', seq: this.seq, waiting: waitForGraph(this.sched, (c) => this.print(c)), ...this.outcomeBp('deadlock') };
  }

  private snapshot(): void {
    this.snapshots.set(this.sched.seq, {
      terms: Int32Array.from(this.sched.terms().map((t) => t.id)),
      rng: this.rng.state(),
      terminated: this.sched.terminated,
    });
  }
}
