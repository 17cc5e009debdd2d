/**
 * NetworkRun: a run of a CSP network with the debugger's controls (docs/workflow-semantics.md#steps-and-time).
 *
 *  - step mode: `enabled()` lists the items in canonical order, `choose(i)` fires one;
 *  - free run: `run(n)` picks with the seeded generator until n steps, a
 *    breakpoint, termination, deadlock, divergence or an evaluation error;
 *  - every step is a row of the RunLog (seq 1..n, no gaps); `replay` rebuilds a
 *    run from a log without the generator;
 *  - `goto(k)` / `stepBack()` restore the nearest snapshot (taken every K steps)
 *    and replay the rows after it; the steps after k stay as the run's record;
 *  - with a record ahead (after going back, or a run opened from a record with
 *    `fromRecord`), stepping and free runs follow the record; choosing another
 *    item leaves it: the later steps are dropped and `forkedAt` says where (a
 *    new timeline, never silent);
 *  - `fork(k)` is a new run whose history is steps 1..k of this one.
 */
import { TAU, TICK } from '../../csp/terms';
import { showValue } from '../../csp/values';
import { XorShiftRng } from '../rng';
import { BreakpointSet, type Breakpoint } from './breakpoints';
import type { Violation } from './contract';
import { waitForGraph, type Waiter } from './deadlock';
import { Exploration, type ExploreLimits } from './explore';
import {
  copyRecordAfter,
  EDIT_KIND,
  STEP_DELIVER,
  STEP_EDIT,
  type MessageEdit,
  type OutsideEntry,
  type RunLog,
} from './log';
import type { MessageInFlight } from './messages';
import type { NetworkSpec } from './network';
import { printComponent, processStatesOf, queueDepthsOf } from './run-view';
import { Scheduler, type EnabledItem, type ItemKind } from './scheduler';

export interface NetworkRunOptions {
  readonly seed?: number;
  /** Snapshot every K steps (default 1,000). */
  readonly snapshotEvery?: number;
  /** τ steps in a row before divergence is looked for (default 10,000, docs/workflow-semantics.md#steps-and-time). */
  readonly divergenceAfter?: number;
  /** Kinds of outside requests never sent to the world (a replay: `llm-reply`, `http`); see SchedulerOptions. */
  readonly offline?: ReadonlySet<string>;
}

/** An outside value a step consumed besides the result it delivered: a script's now() or random(), a CPU interrupt. */
export type StepOutside = Omit<OutsideEntry, 'seq'>;

export interface StepInfo {
  readonly seq: number;
  /** `edit`: the user edited a message in flight (payload: `{ index, value, was }`). */
  readonly kind: ItemKind | 'edit';
  /** CSPm text of the event (`τ` for a component's τ, `✓` for a ✓). */
  readonly event: string;
  readonly hidden: boolean;
  readonly processes: readonly string[];
  readonly branch: number;
  /** The JSON payload that travelled with the event, or the outside result a deliver step handed over. */
  readonly payload?: unknown;
  /** The run's virtual time at the step in ms (absent while it is 0). */
  readonly time?: number;
  /** Other outside values the step consumed, in order (absent when none). */
  readonly outside?: readonly StepOutside[];
}

/**
 * `waiting`: nothing can happen until an outside result (an LLM reply) arrives; see waitForOutside().
 * `record-end`: a run opened from a record (fromRecord) reached the end of it; going on leaves the record.
 */
export type StopReason =
  'steps' | 'breakpoint' | 'terminated' | 'deadlock' | 'divergence' | 'error' | 'violation' | 'waiting' | 'record-end';

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
  /** The channel its messages leave on (a buffered edge's read channel), for typing an edited value. */
  readonly channel?: string;
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
  private readonly offline: ReadonlySet<string> | undefined;
  private readonly snapshots = new Map<number, Snapshot>();
  private tauRun = 0;
  private tauStates: Map<string, number> | null = null;
  private failure: string | undefined;
  /** Opened from a record (fromRecord): free runs stop at its end, and going past it leaves it. */
  private readonly replayOfRecord: boolean;
  private left = 0;
  private leftAtSeq: number | undefined;

  /**
   * A run; with `log`, its first `at` steps (default all) are replayed from the
   * record and the rest stay ahead as the record to follow.
   */
  constructor(
    readonly spec: NetworkSpec,
    options: NetworkRunOptions = {},
    log?: RunLog,
    at = log?.length ?? 0,
  ) {
    this.rng = new XorShiftRng(options.seed ?? 1);
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? 1_000);
    this.divergenceAfter = options.divergenceAfter ?? 10_000;
    this.offline = options.offline;
    this.replayOfRecord = log !== undefined && at < log.length;
    this.breakpoints = new BreakpointSet(spec.events, showValue);
    this.sched = this.newScheduler(log?.outside);
    this.snapshot();
    if (log !== undefined) {
      for (let s = 1; s <= at; s++) {
        const r = log.row(s);
        this.sched.applyRow(r.event, r.actor, r.branch, log);
        this.afterStep();
      }
      copyRecordAfter(log, at, this.sched.log);
      if (at === log.length) this.sched.leaveRecord();
    }
  }

  /** A run rebuilt from a record: the same steps, no generator involved. */
  static replay(spec: NetworkSpec, log: RunLog, options: NetworkRunOptions = {}): NetworkRun {
    return new NetworkRun(spec, options, log);
  }

  /**
   * A run at step 0 whose record is `log` (a stored run opened again): steps and
   * free runs follow the record, hand back its outside values, and stop at its
   * end (`record-end`); anything else leaves the record (see forkedAt).
   */
  static fromRecord(spec: NetworkSpec, log: RunLog, options: NetworkRunOptions = {}): NetworkRun {
    return new NetworkRun(spec, options, log, 0);
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

  /** Recorded steps after the current one (the record being followed). */
  get recordedAhead(): number {
    return this.sched.log.length - this.sched.seq;
  }

  /** The step after which the run last left its record (a new timeline began there); undefined if it never has. */
  get forkedAt(): number | undefined {
    return this.leftAtSeq;
  }

  /** How many times the run has left a record (a caller compares it to notice a new fork). */
  get forks(): number {
    return this.left;
  }

  enabled(): EnabledItem[] {
    return this.sched.enabledItems();
  }

  /**
   * Step mode: fire enabled item `index` (canonical order), optionally a given
   * branch. When it is the recorded next step, the record is followed (its
   * outside values, its branch); otherwise the run leaves the record here.
   */
  choose(index: number, branch?: number): StepInfo {
    if (this.recordedAhead > 0 && this.isRecordedNext(index, branch)) {
      this.followOne();
    } else {
      this.beforeNewStep();
      this.sched.fireIndex(index, branch);
      this.afterStep();
    }
    return this.stepInfo(this.sched.seq);
  }

  /** Free run until `maxSteps` steps or a stop (see StopReason); a record ahead is followed first. */
  run(maxSteps: number): StopInfo {
    const s = this.sched;
    const bps = this.breakpoints;
    if (s.fault !== undefined) return this.faultStop();
    const followed = this.recordedAhead > 0;
    for (let i = 0; i < maxSteps; i++) {
      const count = s.enabledCount;
      if (count === 0) return this.stuck();
      if (this.recordedAhead > 0) {
        try {
          this.followOne();
        } catch (e) {
          this.failure = e instanceof Error ? e.message : String(e);
          return { reason: 'error', seq: s.seq, error: this.failure, ...this.outcomeBp('error') };
        }
      } else {
        if (followed && this.replayOfRecord && this.left === 0) return { reason: 'record-end', seq: s.seq };
        this.beforeNewStep();
        try {
          s.fireIndex(count === 1 ? 0 : this.rng.int(count));
        } catch (e) {
          this.failure = e instanceof Error ? e.message : String(e);
          return { reason: 'error', seq: s.seq, error: this.failure, ...this.outcomeBp('error') };
        }
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
    if (followed && this.recordedAhead === 0 && this.replayOfRecord && this.left === 0)
      return { reason: 'record-end', seq: s.seq };
    return { reason: 'steps', seq: s.seq };
  }

  /** How the run stands without moving: stuck (terminated/deadlock) or able to go on. */
  status(): StopInfo {
    if (this.sched.fault !== undefined) return this.faultStop();
    if (this.failure !== undefined) return { reason: 'error', seq: this.seq, error: this.failure };
    if (this.sched.enabledCount === 0) return this.stuck();
    if (this.replayOfRecord && this.left === 0 && this.recordedAhead === 0)
      return { reason: 'record-end', seq: this.seq };
    return { reason: 'steps', seq: this.seq };
  }

  /** Rewinds (or replays forward within the record) to just after step k. */
  goto(k: number): void {
    const log = this.sched.log;
    if (!Number.isInteger(k) || k < 0 || k > log.length)
      throw new RangeError(`cannot go to step ${k}: the record has steps 0..${log.length}`);
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
   * and the recorded outside values handed back in order (all of them: the
   * steps after k stay ahead as the record to follow).
   */
  private rebuildTo(k: number): void {
    const old = this.sched.log;
    const fresh = this.newScheduler(old.outside);
    for (let s = 1; s <= k; s++) {
      const r = old.row(s);
      fresh.applyRow(r.event, r.actor, r.branch, old);
    }
    copyRecordAfter(old, k, fresh.log);
    if (k === old.length) fresh.leaveRecord();
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
    if (k < 0 || k > this.sched.log.length)
      throw new RangeError(`cannot fork at step ${k}: the record has steps 0..${this.sched.log.length}`);
    const inherited = {
      snapshotEvery: this.snapshotEvery,
      divergenceAfter: this.divergenceAfter,
      ...(this.offline !== undefined ? { offline: this.offline } : {}),
    };
    return new NetworkRun(this.spec, { ...inherited, ...options }, this.sched.log.prefix(k));
  }

  /** Steps from..to (1-based, inclusive) as they were recorded. */
  steps(from = 1, to = this.sched.log.length): StepInfo[] {
    const out: StepInfo[] = [];
    for (let s = Math.max(1, from); s <= Math.min(to, this.sched.log.length); s++) out.push(this.stepInfo(s));
    return out;
  }

  /** Explore from here: the states reachable from where the run stands (explore.ts); the run does not move. */
  explore(limits: ExploreLimits): Exploration {
    const terms = this.sched.terms().map((t) => t.id);
    return new Exploration(this.spec, { terms, terminated: this.sched.terminated }, limits);
  }

  /** Messages in flight now (messages.ts): what the user may edit while the run is paused. */
  messages(): MessageInFlight[] {
    return this.sched.messagesInFlight();
  }

  /**
   * Edits message `index` held by `holder` (a component name) as a step of its
   * own: recorded with the edit, so a replay, a fork after it and going forward
   * again repeat it, and going back before it restores the old value. With a
   * record ahead the run leaves it here (a new timeline). Throws an Error
   * saying why the edit cannot be made; the run has not moved then.
   */
  editMessage(holder: string, index: number, value: unknown): StepInfo {
    const c = this.sched.names.indexOf(holder);
    if (c < 0) {
      const holders = [...new Set(this.messages().map((m) => m.holder))];
      throw new Error(
        `no process ${JSON.stringify(holder)} in this run (${holders.length === 0 ? 'no message is in flight' : `messages are held by ${holders.join(', ')}`})`,
      );
    }
    if (this.sched.fault !== undefined || this.failure !== undefined)
      throw new Error('the run has stopped at an error: nothing can be edited');
    // Validate before leaving the record: a refused edit must not fork the run.
    const held = this.messages().filter((m) => m.holder === holder);
    if (!held.some((m) => m.index === index)) {
      const n = held.length;
      throw new Error(
        `${holder} ${n === 0 ? 'holds no message' : `holds ${n} message${n === 1 ? '' : 's'} (0..${n - 1})`}: there is no message ${index} (delivered meanwhile?)`,
      );
    }
    if (this.recordedAhead > 0 && this.isRecordedEdit(c, index, value)) this.followOne();
    else {
      // Changed first (a refused edit throws before anything moved), then the record is left and the step taken.
      const edit = this.sched.changeMessage(c, index, value);
      this.beforeNewStep();
      this.sched.recordEdit(c, edit);
      this.afterStep();
    }
    return this.stepInfo(this.sched.seq);
  }

  /** Whether the recorded next step is this very edit (going forward again after going back). */
  private isRecordedEdit(c: number, index: number, value: unknown): boolean {
    const s = this.sched;
    const r = s.log.row(s.seq + 1);
    if (r.event !== STEP_EDIT || r.actor !== c) return false;
    const e = s.log.outsideAt(s.seq + 1).find((o) => o.kind === EDIT_KIND)?.value as MessageEdit | undefined;
    return e !== undefined && e.index === index && JSON.stringify(e.value) === JSON.stringify(value);
  }

  processStates(): ProcessState[] {
    return processStatesOf(this.sched, this.spec.events);
  }

  queueDepths(): QueueDepth[] {
    return queueDepthsOf(this.sched, this.spec.queues ?? []);
  }

  // ------------------------------------------------------------------ internals

  private newScheduler(replay: readonly OutsideEntry[] | undefined): Scheduler {
    return new Scheduler(this.spec, this.rng, replay, this.offline !== undefined ? { offline: this.offline } : {});
  }

  /** Whether enabled item `index` (with `branch`) is the recorded next step. */
  private isRecordedNext(index: number, branch: number | undefined): boolean {
    const item = this.sched.enabledItems()[index];
    if (item === undefined) return false;
    const r = this.sched.log.row(this.sched.seq + 1);
    if (branch !== undefined && branch !== r.branch) return false;
    if (item.kind === 'deliver') return r.event === STEP_DELIVER && r.actor === item.actor;
    return item.event === r.event && item.actor === r.actor;
  }

  /** Takes the recorded next step (its branch; outside values come back from the record). */
  private followOne(): void {
    const s = this.sched;
    const r = s.log.row(s.seq + 1);
    s.recording = false;
    try {
      s.applyRow(r.event, r.actor, r.branch);
    } finally {
      s.recording = true;
    }
  }

  /**
   * A step that is not the recorded one: with a record ahead (or a run opened
   * from a record, at its end), the run leaves it here. The later steps are
   * dropped and recorded values are no longer handed back.
   */
  private beforeNewStep(): void {
    const s = this.sched;
    const ahead = s.log.length > s.seq;
    if (ahead || (this.replayOfRecord && this.left === 0)) {
      this.left++;
      this.leftAtSeq = s.seq;
    }
    if (s.followingRecord) s.leaveRecord();
    if (ahead) {
      s.log.truncate(s.seq);
      for (const k of [...this.snapshots.keys()]) if (k > s.seq) this.snapshots.delete(k);
    }
  }

  private stepInfo(seq: number): StepInfo {
    const log = this.sched.log;
    const r = log.row(seq);
    const names = this.sched.names;
    const time = log.timeAt(seq);
    if (r.event === STEP_EDIT) return this.editInfo(seq);
    const at = this.sched.hasCode ? log.outsideAt(seq) : [];
    // A deliver step's first outside entry is the result it delivered (its payload); the rest were consumed after.
    const extra = (r.event === STEP_DELIVER ? at.slice(1) : at).map(({ seq: _s, ...o }) => o);
    const more = { ...(time !== 0 ? { time } : {}), ...(extra.length > 0 ? { outside: extra } : {}) };
    if (r.event === STEP_DELIVER) {
      const o = at[0];
      return {
        seq,
        kind: 'deliver',
        event: `deliver ${o?.kind ?? 'result'}`,
        hidden: false,
        processes: [names[r.actor]!],
        branch: 0,
        ...(o !== undefined ? { payload: o.value } : {}),
        ...more,
      };
    }
    if (r.actor >= 0) {
      return {
        seq,
        kind: r.event === TAU ? 'tau' : 'tick',
        event: r.event === TAU ? 'τ' : '✓',
        hidden: false,
        processes: [names[r.actor]!],
        branch: r.branch,
        ...more,
      };
    }
    if (r.event === TICK)
      return { seq, kind: 'tick', event: '✓', hidden: false, processes: [...names], branch: r.branch, ...more };
    return {
      seq,
      kind: 'event',
      event: this.spec.events.text(r.event),
      hidden: this.sched.isHidden(r.event),
      processes: this.sched.participantsOf(r.event).map((p) => names[p]!),
      branch: r.branch,
      ...(log.payloads.has(seq) ? { payload: log.payloads.get(seq) } : {}),
      ...more,
    };
  }

  /** An edit step: `edit <queue or holder>`, its payload the edit (`{ index, value, was }`). */
  private editInfo(seq: number): StepInfo {
    const log = this.sched.log;
    const holder = this.sched.names[log.actorAt(seq)]!;
    const at = log.outsideAt(seq);
    const edit = at.find((o) => o.kind === EDIT_KIND);
    const extra = at.filter((o) => o !== edit).map(({ seq: _s, ...o }) => o);
    const queue = this.spec.queues?.find((q) => q.component === holder);
    const time = log.timeAt(seq);
    return {
      seq,
      kind: 'edit',
      event: `edit ${queue?.id ?? holder}`,
      hidden: false,
      processes: [holder],
      branch: 0,
      ...(edit !== undefined ? { payload: edit.value } : {}),
      ...(time !== 0 ? { time } : {}),
      ...(extra.length > 0 ? { outside: extra } : {}),
    };
  }

  /** Snapshots, τ-run tracking; returns a divergence stop when one is found. */
  private afterStep(): StopInfo | undefined {
    const s = this.sched;
    if (s.seq % this.snapshotEvery === 0) this.snapshot();
    const event = s.log.eventAt(s.seq);
    const silent =
      event !== STEP_DELIVER &&
      event !== STEP_EDIT &&
      (s.log.actorAt(s.seq) >= 0 || (event !== TICK && s.isHidden(event)));
    if (!silent) {
      this.tauRun = 0;
      this.tauStates = null;
      return undefined;
    }
    if (++this.tauRun < this.divergenceAfter) return undefined;
    const key = s
      .terms()
      .map((t) => t.id)
      .join(',');
    this.tauStates ??= new Map();
    const seen = this.tauStates.get(key);
    if (seen !== undefined) {
      return {
        reason: 'divergence',
        seq: s.seq,
        divergence: { tauSteps: this.tauRun, repeatedAtSeq: seen },
        ...this.outcomeBp('divergence'),
      };
    }
    this.tauStates.set(key, s.seq);
    return undefined;
  }

  private breakpointHit(): Breakpoint | undefined {
    const s = this.sched;
    const r = s.log.row(s.seq);
    if (r.event === STEP_EDIT) return undefined;
    if (r.actor < 0 && r.event !== TICK && r.event !== STEP_DELIVER) {
      const hit = this.breakpoints.hitByEvent(r.event, s.log.payloads.get(s.seq));
      if (hit !== undefined) return hit;
    }
    if (!this.breakpoints.hasStateBreakpoints()) return undefined;
    const moved =
      r.actor >= 0 ? [r.actor] : r.event === TICK || r.event === STEP_DELIVER ? [] : s.participantsOf(r.event);
    for (const c of moved) {
      const hit = this.breakpoints.hitByState(s.names[c]!, s.termOf(c));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  private faultStop(): StopInfo {
    const f = this.sched.fault!;
    if (f.kind === 'error')
      return { reason: 'error', seq: this.seq, error: f.message, process: f.process, ...this.outcomeBp('error') };
    return {
      reason: 'violation',
      seq: this.seq,
      error: f.message,
      process: f.process,
      ...(f.violation !== undefined ? { violation: f.violation } : {}),
      ...this.outcomeBp('contract'),
    };
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
    return {
      reason: 'deadlock',
      seq: this.seq,
      waiting: waitForGraph(this.sched, (c) => printComponent(this.sched, c, this.spec.events)),
      ...this.outcomeBp('deadlock'),
    };
  }

  private snapshot(): void {
    this.snapshots.set(this.sched.seq, {
      terms: Int32Array.from(this.sched.terms().map((t) => t.id)),
      rng: this.rng.state(),
      terminated: this.sched.terminated,
    });
  }
}
