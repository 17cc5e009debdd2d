/**
 * The network scheduler for CSP components: which items are enabled (in the
 * canonical order of docs/workflow-semantics.md#steps-and-time), firing one, and a seeded free run.
 *
 * Rules implemented here are only the top of the system (see network.ts):
 *  - a visible event e fires when every component with e in its alphabet
 *    offers e (alphabetised parallel); if e is hidden at the top it is a τ of
 *    the system, recorded with its event and `hidden: true`;
 *  - a component's τ fires alone; a component's ✓ is a τ to Ω in its place;
 *    once every component is Ω the system does ✓ and the run has terminated.
 * What each component offers, and where it goes, comes from `transitions`.
 *
 * The enabled set is maintained incrementally (per-event offer counts), so a
 * free-run step costs work proportional to the initials of the components
 * that moved, with no allocation.
 */
import type { EventTable } from '../../csp/events';
import type { TermFactory } from '../../csp/factory';
import { TAU, TICK, type EventId, type Term, type Transition } from '../../csp/terms';
import type { Rng } from '../rng';
import type { CodeNode, OutsideSource, RequestOptions } from './code';
import { ContractMonitor, type Violation } from './contract';
import { EDIT_KIND, RunLog, STEP_DELIVER, STEP_EDIT, type MessageEdit, type OutsideEntry } from './log';
import { bufferMessages, channelValue, editedBuffer, type MessageInFlight } from './messages';
import { valueToJson } from './json-values';
import type { NetworkSpec } from './network';

/** `recorded()` found nothing to hand back. */
const NOT_RECORDED = Symbol('not recorded');

export interface SchedulerOptions {
  /**
   * Kinds of outside requests that must never reach the world (a replay calls
   * no live LLM or HTTP endpoint): once the record has no value for one, the
   * node's request stops the run with an error saying so.
   */
  readonly offline?: ReadonlySet<string>;
}

interface Arrival {
  readonly component: number;
  readonly kind: string;
  readonly value: unknown;
  /** For a result due in virtual time: when (ms). */
  readonly at?: number;
}

/** Something that stops the run at a code node: its error, or a contract violation. */
export interface Fault {
  readonly kind: 'error' | 'violation';
  readonly process: string;
  readonly message: string;
  readonly violation?: Violation;
}

export type ItemKind = 'event' | 'tau' | 'tick' | 'deliver';

/** One thing the network can do now. */
export interface EnabledItem {
  readonly kind: ItemKind;
  readonly event: EventId;
  /** `τ`, `✓` or the event in CSPm syntax. */
  readonly text: string;
  /** A visible event hidden at the top: it happens as a τ of the system. */
  readonly hidden: boolean;
  /** The component that moves alone (τ, a node's ✓), or -1 (synchronisation, the system's ✓). */
  readonly actor: number;
  /** Names of the components taking part. */
  readonly processes: readonly string[];
  /** Number of distinct outcomes (nondeterministic successors), ≥ 1. */
  readonly branches: number;
}

interface TermInfo {
  readonly term: Term;
  readonly trs: readonly Transition[];
  /** Visible events it offers that are in its alphabet, ascending, distinct. */
  readonly offers: Int32Array;
  readonly tau: number;
  readonly tick: number;
}

const EMPTY = new Int32Array(0);

export class Scheduler {
  readonly factory: TermFactory;
  readonly events: EventTable;
  readonly names: readonly string[];
  readonly log = new RunLog();
  /** Steps taken (the seq of the last step). */
  seq = 0;
  /** The system did its final ✓. */
  terminated = false;
  /** When false, steps move the state but are not appended to the log (replaying the log itself). */
  recording = true;

  private readonly n: number;
  /** One component with no alphabet: its ✓ is the system's ✓ (no τ to Ω first). */
  private readonly lone: boolean;
  private readonly cur: TermInfo[];
  /** Per component, TermInfo by term id (a plain array: term ids are small dense integers). */
  private readonly infoCache: (TermInfo | undefined)[][];
  private readonly alphaFlag: (Uint8Array | null)[];
  private participants: number[][] = [];
  private need = new Int32Array(0);
  private offered = new Int32Array(0);
  private isEnabled = new Uint8Array(0);
  private hiddenFlag = new Uint8Array(0);
  /** Enabled visible events, ascending. */
  private readonly enabled: number[] = [];
  private readonly tauComps: number[] = [];
  private readonly tickComps: number[] = [];
  private omegaCount = 0;
  /** Per component: its code node (scripts, agents) or null for a CSP component. */
  private readonly code: (CodeNode | null)[];
  private readonly monitors: (ContractMonitor | null)[];
  /** Recorded outside values still to hand back, per node (replay). */
  private readonly replayOutside = new Map<string, OutsideEntry[]>();
  /** The first error or contract violation; the run stops at it. */
  fault: Fault | undefined;
  readonly hasCode: boolean;
  /** Outside results that arrived and wait to be delivered, in arrival order. */
  private readonly arrivals: Arrival[] = [];
  /** Outside requests still under way (live runs only), including those waiting for the user. */
  inFlight = 0;
  /** Requests under way at a service (an LLM, an HTTP server, a wall-clock timer): virtual time waits for them. */
  private underWay = 0;
  /** Handing recorded outside values back (see nextRecorded); false once the run leaves its record. */
  private following: boolean;
  private readonly offline: ReadonlySet<string>;
  /** What each in-flight request is (its process and kind), in the order they were made. */
  readonly pending: { readonly process: string; readonly kind: string }[] = [];
  private wake: (() => void) | undefined;
  /** Results due in virtual time (OutsideSource.schedule), released earliest first when nothing else can happen. */
  private readonly due: { component: number; kind: string; at: number; order: number; value: unknown }[] = [];
  private dueOrder = 0;
  /** Virtual time: when the last due result was released (ms). */
  virtualNow = 0;

  constructor(
    readonly spec: NetworkSpec,
    readonly rng: Rng,
    /** Outside values to hand back, in order, before asking the world (replay); undefined for a live run. */
    replay?: readonly OutsideEntry[],
    options: SchedulerOptions = {},
  ) {
    this.following = replay !== undefined;
    this.offline = options.offline ?? new Set();
    for (const o of replay ?? []) {
      // An edit is the user's, taken by its own step (applyRow), never by the node's code.
      if (o.kind === EDIT_KIND) continue;
      let list = this.replayOutside.get(o.node);
      if (list === undefined) this.replayOutside.set(o.node, (list = []));
      list.push(o);
    }
    this.factory = spec.factory;
    this.events = spec.events;
    this.n = spec.components.length;
    this.names = spec.components.map((c) => c.name);
    this.lone = this.n === 1 && spec.components[0]!.alphabet === null;
    this.ensureEvents(spec.events.size);
    for (const e of spec.hidden) {
      this.ensureEvents(e + 1);
      this.hiddenFlag[e] = 1;
    }
    this.alphaFlag = spec.components.map((c, i) => {
      if (c.alphabet === null) return null;
      const flag = new Uint8Array(this.isEnabled.length);
      for (const e of c.alphabet) {
        this.ensureEvents(e + 1);
        if (e >= flag.length) throw new RangeError(`event ${e} is not in the event table`);
        flag[e] = 1;
        (this.participants[e] ??= []).push(i);
        this.need[e]!++;
      }
      return flag;
    });
    this.infoCache = spec.components.map(() => []);
    this.monitors = spec.components.map((c) =>
      c.code === undefined ? null : new ContractMonitor(this.factory, this.events, c.name, c.term),
    );
    this.code = spec.components.map((c, i) => (c.code === undefined ? null : c.code(this.outsideFor(c.name, i))));
    this.hasCode = this.code.some((c) => c !== null);
    this.cur = spec.components.map((c, i) =>
      this.code[i] !== null ? this.codeInfo(i) : this.info(i, this.factory.canon(c.term)),
    );
    for (let i = 0; i < this.n; i++) this.enter(i, this.cur[i]!);
    for (let i = 0; i < this.n; i++) if (this.code[i] !== null) this.checkCode(i);
  }

  /** Frees every code node's sandbox; the scheduler is not used afterwards. */
  dispose(): void {
    for (const node of this.code) node?.dispose?.();
  }

  /** The code node of a component (null for CSP components). */
  codeNode(component: number): CodeNode | null {
    return this.code[component] ?? null;
  }

  /** The current term of each component. */
  terms(): Term[] {
    return this.cur.map((c) => c.term);
  }

  /** The code node running a component (a script, agent or built-in), or null for a CSP component. */
  codeOf(component: number): CodeNode | null {
    return this.code[component] ?? null;
  }

  termOf(component: number): Term {
    const c = this.cur[component];
    if (c === undefined) throw new RangeError(`no component ${component}`);
    return c.term;
  }

  /** Whether every component has terminated (Ω). */
  get allDone(): boolean {
    return this.omegaCount === this.n;
  }

  /**
   * Number of enabled items (what enabledItems() lists). When there are none,
   * virtual time first moves to the next due result, unless a result is under
   * way at a service: the clock waits for it, so how long a reply takes in real
   * time never changes what happens in virtual time (a replay and the live run agree).
   */
  get enabledCount(): number {
    const n =
      this.enabled.length +
      this.tauComps.length +
      this.tickComps.length +
      this.arrivals.length +
      (this.systemTickEnabled() ? 1 : 0);
    if (n > 0 || this.due.length === 0 || this.underWay > 0) return n;
    this.advanceVirtualTime();
    return this.arrivals.length;
  }

  /** The run leaves its record: recorded outside values are no longer handed back (the world is asked, within `offline`). */
  leaveRecord(): void {
    this.following = false;
    this.replayOutside.clear();
  }

  /** Whether recorded outside values are being handed back. */
  get followingRecord(): boolean {
    return this.following;
  }

  /** Nothing else can happen: virtual time moves to the earliest due result, which arrives. */
  private advanceVirtualTime(): void {
    let k = 0;
    for (let i = 1; i < this.due.length; i++) {
      const d = this.due[i]!;
      const best = this.due[k]!;
      if (d.at < best.at || (d.at === best.at && d.order < best.order)) k = i;
    }
    const [d] = this.due.splice(k, 1);
    this.virtualNow = Math.max(this.virtualNow, d!.at);
    this.arrivals.push({ component: d!.component, kind: d!.kind, value: d!.value, at: d!.at });
  }

  /** Resolves when an outside result arrives (or at once if one is waiting). */
  waitForArrival(): Promise<void> {
    if (this.arrivals.length > 0 || this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** Everything that can happen now, in canonical order: synchronisations, τ, ✓. */
  enabledItems(): EnabledItem[] {
    if (this.enabledCount === 0) return [];
    const out: EnabledItem[] = [];
    for (const e of this.enabled) {
      const ps = this.participants[e]!;
      let branches = 1;
      // A code node (script, built-in) takes part without CSP transitions of its own: one way, not zero.
      for (const p of ps) branches *= Math.max(1, this.range(p, e));
      out.push({
        kind: 'event',
        event: e,
        text: this.events.text(e),
        hidden: this.hiddenFlag[e] === 1,
        actor: -1,
        processes: ps.map((p) => this.names[p]!),
        branches,
      });
    }
    for (const c of this.tauComps) {
      out.push({
        kind: 'tau',
        event: TAU,
        text: 'τ',
        hidden: false,
        actor: c,
        processes: [this.names[c]!],
        branches: this.cur[c]!.tau,
      });
    }
    for (const c of this.tickComps) {
      out.push({
        kind: 'tick',
        event: TICK,
        text: '✓',
        hidden: false,
        actor: this.lone ? -1 : c,
        processes: [this.names[c]!],
        branches: this.cur[c]!.tick,
      });
    }
    for (const a of this.arrivals) {
      out.push({
        kind: 'deliver',
        event: STEP_DELIVER,
        text: `deliver ${a.kind}`,
        hidden: false,
        actor: a.component,
        processes: [this.names[a.component]!],
        branches: 1,
      });
    }
    if (this.systemTickEnabled())
      out.push({
        kind: 'tick',
        event: TICK,
        text: '✓',
        hidden: false,
        actor: -1,
        processes: [...this.names],
        branches: 1,
      });
    return out;
  }

  /**
   * Fires the item at `index` of the canonical order. `branch` picks among
   * nondeterministic successors (mixed radix over participants); omitted, the
   * generator picks. Returns the branch taken.
   */
  fireIndex(index: number, branch?: number): number {
    let k = index;
    if (k < this.enabled.length) return this.fireEvent(this.enabled[k]!, branch);
    k -= this.enabled.length;
    if (k < this.tauComps.length) return this.fireAlone(this.tauComps[k]!, TAU, branch);
    k -= this.tauComps.length;
    if (k < this.tickComps.length) return this.fireAlone(this.tickComps[k]!, TICK, branch);
    k -= this.tickComps.length;
    if (k < this.arrivals.length) return this.fireDeliver(k);
    k -= this.arrivals.length;
    if (k === 0 && this.systemTickEnabled()) {
      this.terminated = true;
      this.seq++;
      if (this.recording) this.log.push(TICK, -1, 0, this.virtualNow);
      return 0;
    }
    throw new RangeError(`no enabled item ${index} (there are ${this.enabledCount})`);
  }

  /**
   * Replays one recorded row; throws if it is not enabled now (the record does
   * not fit this network). `record` holds the row's outside values (an edit's).
   */
  applyRow(event: number, actor: number, branch: number, record: RunLog = this.log): void {
    if (event === STEP_EDIT) {
      const entry = record.outsideAt(this.seq + 1).find((o) => o.kind === EDIT_KIND);
      const edit = entry?.value as MessageEdit | undefined;
      if (edit === undefined) throw new RangeError(`step ${this.seq + 1}: an edit step without its edit`);
      this.editMessage(actor, edit.index, edit.value);
      return;
    }
    if (event === STEP_DELIVER) {
      const k = this.arrivals.findIndex((a) => a.component === actor);
      if (k < 0)
        throw new RangeError(`step ${this.seq + 1}: no outside result of ${this.names[actor] ?? actor} to deliver`);
      this.fireDeliver(k);
      return;
    }
    if (actor >= 0) {
      const list = event === TAU ? this.tauComps : event === TICK ? this.tickComps : null;
      if (list === null || !list.includes(actor))
        throw new RangeError(
          `step ${this.seq + 1}: ${this.names[actor] ?? actor} cannot do ${event === TAU ? 'τ' : '✓'} now`,
        );
      this.fireAlone(actor, event, branch);
    } else if (event === TICK) {
      if (this.lone && this.tickComps.length === 1) this.fireAlone(0, TICK, branch);
      else if (this.systemTickEnabled()) this.fireIndex(this.enabledCount - 1);
      else throw new RangeError(`step ${this.seq + 1}: the system cannot terminate now`);
    } else {
      if (event >= this.isEnabled.length || this.isEnabled[event] !== 1)
        throw new RangeError(`step ${this.seq + 1}: ${this.events.text(event)} is not enabled`);
      this.fireEvent(event, branch);
    }
  }

  /**
   * Free run: up to `maxSteps` steps chosen with the generator. Stops early when
   * nothing is enabled or `stop()` (checked after each step) says so. Returns the steps taken.
   */
  run(maxSteps: number, stop?: () => boolean): number {
    let taken = 0;
    while (taken < maxSteps) {
      const count = this.enabledCount;
      if (count === 0) break;
      this.fireIndex(count === 1 ? 0 : this.rng.int(count));
      taken++;
      if (stop !== undefined && stop()) break;
    }
    return taken;
  }

  /**
   * Messages in flight now (messages.ts): what buffered edges' buffer processes
   * hold, and what code nodes hold for receivers that have not taken it.
   */
  messagesInFlight(): MessageInFlight[] {
    const out: MessageInFlight[] = [];
    for (let c = 0; c < this.n; c++) {
      const name = this.names[c]!;
      const queue = this.spec.queues?.find((q) => q.component === name);
      const node = this.code[c];
      if (node == null) {
        if (queue !== undefined) out.push(...bufferMessages(name, this.cur[c]!.term, queue));
        continue;
      }
      if (node.status() !== 'blocked') continue;
      for (const m of node.heldMessages?.() ?? []) {
        const channel = m.events.length > 0 ? this.events.text(m.events[0]!).split('.')[0] : undefined;
        out.push({
          holder: name,
          index: m.index,
          value: m.value,
          port: m.port,
          offered: m.offered,
          ...(queue !== undefined ? { queue: queue.id } : {}),
          ...(channel !== undefined ? { channel } : {}),
        });
      }
    }
    return out;
  }

  /**
   * The user's edit of message `index` held by component `c`, as a step of its
   * own (STEP_EDIT, recorded with the edit): replays, forks and going back
   * treat it like any step. Throws an Error saying why it cannot be done (the
   * value is not of the channel's type, there is no such message, a code node's
   * contract would not allow it); nothing has changed then.
   */
  editMessage(c: number, index: number, value: unknown): MessageEdit {
    const edit = this.changeMessage(c, index, value);
    this.recordEdit(c, edit);
    return edit;
  }

  /** The change of an edit without its step (editMessage = changeMessage + recordEdit); throws before changing anything. */
  changeMessage(c: number, index: number, value: unknown): MessageEdit {
    if (this.names[c] === undefined) throw new RangeError(`no process ${c}`);
    return this.code[c] == null ? this.editBuffer(c, index, value) : this.editHeld(c, index, value);
  }

  /** The step of an edit made by changeMessage. */
  recordEdit(c: number, edit: MessageEdit): void {
    this.seq++;
    if (this.recording) {
      this.log.attach({ seq: this.seq, node: this.names[c]!, kind: EDIT_KIND, value: edit });
      this.log.push(STEP_EDIT, c, 0, this.virtualNow);
    }
  }

  /** A value in a buffered edge's buffer process: the process is rebuilt with the new contents. */
  private editBuffer(c: number, index: number, json: unknown): MessageEdit {
    const name = this.names[c]!;
    const queue = this.spec.queues?.find((q) => q.component === name);
    const held = queue === undefined ? [] : bufferMessages(name, this.cur[c]!.term, queue);
    const was = held[index];
    if (was === undefined) throw new Error(noMessage(name, index, held.length));
    if (queue?.channel === undefined) throw new Error(`${name}: the channel of its messages is not known`);
    const value = channelValue(this.events, queue.channel, json);
    if (typeof value === 'string') throw new Error(`${name}, message ${index}: ${value}`);
    const term = editedBuffer(this.spec, this.cur[c]!.term, index, value);
    if (typeof term === 'string') throw new Error(`${name}, message ${index}: ${term}`);
    let info: TermInfo;
    try {
      info = this.info(c, this.factory.canon(term));
    } catch (e) {
      throw new Error(`${name}, message ${index}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.move(c, info);
    return { index, value: valueToJson(value), was: was.value };
  }

  /**
   * A message a code node holds. It must go out on the same events as before
   * (for a JSON channel: the same abstraction), or, when it is the one offered
   * now, on events the node's contract allows now: the checks and the contract
   * monitor see the events, so an edit may change data they do not see, never
   * what they rely on.
   */
  private editHeld(c: number, index: number, value: unknown): MessageEdit {
    const name = this.names[c]!;
    const node = this.code[c]!;
    if (node.status() !== 'blocked' || node.heldMessages === undefined || node.editMessage === undefined)
      throw new Error(`${name} holds no message that can be edited now`);
    const before = node.heldMessages();
    const was = before.find((m) => m.index === index);
    if (was === undefined) throw new Error(noMessage(name, index, before.length));
    const why = node.editMessage(index, value);
    if (why !== undefined) throw new Error(`${name}, message ${index}: ${why}`);
    const now = node.heldMessages().find((m) => m.index === index)!;
    const same = now.events.length === was.events.length && now.events.every((e, i) => e === was.events[i]);
    const monitor = this.monitors[c]!;
    if (!same && !(now.offered && now.events.every((e) => monitor.allows(e)))) {
      node.editMessage(index, was.value);
      const texts = (ids: readonly number[]): string => ids.map((e) => this.events.text(e)).join(', ');
      throw new Error(
        `${name}, message ${index}: ${JSON.stringify(value)} would go out as ${texts(now.events)} instead of ${texts(was.events)}, which ${
          now.offered ? "the node's contract does not allow now" : 'the checks and the contract monitor rely on'
        } (keep its abstraction)`,
      );
    }
    this.move(c, this.codeInfo(c));
    return { index, value, was: was.value };
  }

  /** Participant components of a visible event (empty if it is in no alphabet). */
  participantsOf(event: EventId): readonly number[] {
    return this.participants[event] ?? [];
  }

  /** Events a component offers now within its alphabet (ascending). */
  offersOf(component: number): Int32Array {
    return this.cur[component]!.offers;
  }

  isHidden(event: EventId): boolean {
    return this.hiddenFlag[event] === 1;
  }

  /** Puts every component in the given state (a snapshot), rebuilding the enabled set. */
  restore(termIds: readonly number[], seq: number, terminated: boolean): void {
    for (let i = 0; i < this.n; i++) this.leave(i, this.cur[i]!);
    for (let i = 0; i < this.n; i++) {
      const info = this.info(i, this.factory.get(termIds[i]!));
      this.cur[i] = info;
      this.enter(i, info);
    }
    this.seq = seq;
    this.terminated = terminated;
  }

  // ------------------------------------------------------------------ internals

  private systemTickEnabled(): boolean {
    return !this.terminated && !this.lone && this.omegaCount === this.n && this.n > 0;
  }

  private fireEvent(e: number, branch: number | undefined): number {
    const ps = this.participants[e]!;
    let b = branch ?? 0;
    let taken = 0;
    let radix = 1;
    // Resolve every CSP participant's successor before moving any (ranges read the current states).
    // Scratch arrays written by index, never cut back: setting an array's length to 0 drops its
    // backing store, and the next push made a new one (two arrays, ~300 bytes a step of garbage).
    const targets = this.scratch;
    let payload: unknown = undefined;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      const node = this.code[p];
      if (node != null) {
        targets[i] = this.factory.stop; // unused: code nodes move by running
        const sent = node.payloadFor(e);
        if (sent !== undefined) payload = sent;
        continue;
      }
      const count = this.range(p, e);
      const lo = this.rangeLo;
      let k = 0;
      if (count > 1) {
        if (branch === undefined) k = this.rng.int(count);
        else {
          k = b % count;
          b = Math.floor(b / count);
        }
      }
      taken += k * radix;
      radix *= count;
      targets[i] = this.cur[p]!.trs[lo + k]!.target;
    }
    // Compute every CSP successor's info first: lazy evaluation may throw, and then nothing has moved.
    const infos = this.scratchInfo;
    for (let i = 0; i < ps.length; i++)
      infos[i] = this.code[ps[i]!] != null ? this.cur[ps[i]!]! : this.info(ps[i]!, targets[i]!);
    this.seq++;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      const node = this.code[p];
      if (node != null) {
        const violation = this.monitors[p]!.after(e);
        if (violation !== undefined)
          this.fault ??= { kind: 'violation', process: this.names[p]!, message: violation.message, violation };
        if (node.endByContract !== undefined && violation === undefined && this.monitors[p]!.onlyEnds())
          node.endByContract();
        else node.fire(e, payload);
        this.move(p, this.codeInfo(p));
        this.checkCode(p);
      } else this.move(p, infos[i]!);
    }
    if (this.recording) {
      this.log.push(e, -1, taken, this.virtualNow);
      if (payload !== undefined) this.log.payloads.set(this.seq, payload);
    }
    return taken;
  }

  private fireDeliver(k: number): number {
    const [a] = this.arrivals.splice(k, 1);
    const c = a!.component;
    this.seq++;
    // A replayed tick moves the clock to when it was due, as advanceVirtualTime did on the live run.
    if (a!.at !== undefined) this.virtualNow = Math.max(this.virtualNow, a!.at);
    if (this.recording)
      this.log.attach({
        seq: this.seq,
        node: this.names[c]!,
        kind: a!.kind,
        value: a!.value,
        ...(a!.at !== undefined ? { at: a!.at } : {}),
      });
    this.code[c]!.deliver?.(a!.kind, a!.value);
    this.move(c, this.codeInfo(c));
    this.checkCode(c);
    if (this.recording) this.log.push(STEP_DELIVER, c, 0, this.virtualNow);
    return 0;
  }

  /** After a code node moved: a failure or a refusal violation becomes the run's fault. */
  private checkCode(c: number): void {
    const node = this.code[c]!;
    const status = node.status();
    if (status === 'failed') {
      this.fault ??= {
        kind: 'error',
        process: this.names[c]!,
        message: `${this.names[c]!}: ${node.error() ?? 'failed'}`,
      };
      return;
    }
    if (status === 'waiting') return; // busy with the world outside: not quiescent on channels
    const offers = status === 'ended' ? [TICK] : [...this.cur[c]!.offers];
    const violation = this.monitors[c]!.refusal(offers);
    if (violation !== undefined)
      this.fault ??= { kind: 'violation', process: this.names[c]!, message: violation.message, violation };
  }

  /** The scheduler's view of a code node now (never cached: the node's state is not a term). */
  private codeInfo(c: number): TermInfo {
    const node = this.code[c]!;
    const status = node.status();
    const alpha = this.alphaFlag[c]!;
    const offers: number[] = [];
    if (status === 'blocked') {
      for (const e of node.offers()) if (alpha === null || (e < alpha.length && alpha[e] === 1)) offers.push(e);
    }
    return {
      term: this.factory.stop,
      trs: [],
      offers: offers.length === 0 ? EMPTY : Int32Array.from(offers),
      tau: 0,
      tick: status === 'ended' ? 1 : 0,
    };
  }

  /**
   * On a replay, the next recorded outside value of `node` when it is of this
   * kind (taken off the record). Otherwise NOT_RECORDED, and the record of that
   * node is dropped: the run left the recorded path, so the world is asked from here on.
   */
  private recorded(node: string, kind: string): OutsideEntry | typeof NOT_RECORDED {
    const queue = this.replayOutside.get(node);
    const next = queue?.[0];
    if (next !== undefined && next.kind === kind) {
      queue!.shift();
      return next;
    }
    if (queue !== undefined) queue.length = 0;
    return NOT_RECORDED;
  }

  private outsideFor(node: string, component: number): OutsideSource {
    return {
      request: (kind: string, start: () => Promise<unknown>, options: RequestOptions = {}): void => {
        const recorded = this.recorded(node, kind);
        if (recorded !== NOT_RECORDED) {
          this.arrivals.push({
            component,
            kind,
            value: recorded.value,
            ...(recorded.at !== undefined ? { at: recorded.at } : {}),
          });
          return;
        }
        const fromUser = options.fromUser === true;
        if (!fromUser && this.offline.has(kind)) {
          const message = `${node}: needs a ${kind} the record does not hold (the run left its recorded path), and a replay never calls a live service`;
          this.fault ??= { kind: 'error', process: node, message };
          return;
        }
        this.inFlight++;
        if (!fromUser) this.underWay++;
        const request = { process: this.names[component]!, kind };
        this.pending.push(request);
        const arrive = (value: unknown): void => {
          this.inFlight--;
          if (!fromUser) this.underWay--;
          this.pending.splice(this.pending.indexOf(request), 1);
          this.arrivals.push({ component, kind, value });
          const wake = this.wake;
          this.wake = undefined;
          wake?.();
        };
        start().then(arrive, (e: unknown) => arrive({ error: e instanceof Error ? e.message : String(e) }));
      },
      virtualNow: (): number => this.virtualNow,
      schedule: (kind: string, at: number, value: unknown): void => {
        const recorded = this.recorded(node, kind);
        if (recorded !== NOT_RECORDED)
          this.arrivals.push({ component, kind, value: recorded.value, at: recorded.at ?? at });
        else this.due.push({ component, kind, at, order: this.dueOrder++, value });
      },
      value: <T>(kind: string, produce: () => T): T => {
        const recorded = this.recorded(node, kind);
        const value = recorded !== NOT_RECORDED ? (recorded.value as T) : produce();
        if (this.recording) this.log.attach({ seq: this.seq, node, kind, value });
        return value;
      },
      nextRecorded: () => {
        if (!this.following) return undefined;
        const next = this.replayOutside.get(node)?.[0];
        // Only a value recorded for the step being taken now counts (a script runs within one step).
        return next === undefined || next.seq !== this.seq ? null : { kind: next.kind, value: next.value };
      },
    };
  }

  private readonly scratch: Term[] = [];
  private readonly scratchInfo: TermInfo[] = [];

  private fireAlone(c: number, event: number, branch: number | undefined): number {
    const info = this.cur[c]!;
    if (this.code[c] != null) {
      // A code node's ✓ (it ended): the contract must allow ✓; the node becomes Ω.
      const violation = this.monitors[c]!.after(TICK);
      if (violation !== undefined)
        this.fault ??= { kind: 'violation', process: this.names[c]!, message: violation.message, violation };
      this.move(c, { term: this.factory.omega, trs: [], offers: EMPTY, tau: 0, tick: 0 });
      this.seq++;
      if (this.recording) this.log.push(event, c, 0, this.virtualNow);
      return 0;
    }
    const lo = event === TAU ? 0 : info.tau;
    const count = event === TAU ? info.tau : info.tick;
    const k = count <= 1 ? 0 : branch !== undefined ? branch % count : this.rng.int(count);
    this.move(c, this.info(c, info.trs[lo + k]!.target));
    this.seq++;
    // A lone component's ✓ is the system's ✓: logged as such (actor -1).
    const systemTick = this.lone && event === TICK;
    if (systemTick) this.terminated = true;
    if (this.recording) this.log.push(event, systemTick ? -1 : c, k, this.virtualNow);
    return k;
  }

  /** First index of the transitions range() found last (kept in a field: the free-run path allocates nothing). */
  private rangeLo = 0;

  /** Count of component c's transitions on visible event e; the first one's index is left in rangeLo. */
  private range(c: number, e: number): number {
    const trs = this.cur[c]!.trs;
    let lo = 0;
    let hi = trs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (trs[mid]!.event < e) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < trs.length && trs[end]!.event === e) end++;
    this.rangeLo = lo;
    return end - lo;
  }

  private move(c: number, next: TermInfo): void {
    const old = this.cur[c]!;
    if (old === next) return;
    this.leave(c, old);
    this.cur[c] = next;
    this.enter(c, next);
  }

  private leave(c: number, info: TermInfo): void {
    const offers = info.offers;
    for (let i = 0; i < offers.length; i++) {
      const e = offers[i]!;
      this.offered[e]!--;
      if (this.isEnabled[e] === 1) {
        this.isEnabled[e] = 0;
        removeSorted(this.enabled, e);
      }
    }
    if (info.tau > 0) removeSorted(this.tauComps, c);
    if (info.tick > 0) removeSorted(this.tickComps, c);
    if (info.term === this.factory.omega) this.omegaCount--;
  }

  private enter(c: number, info: TermInfo): void {
    const offers = info.offers;
    for (let i = 0; i < offers.length; i++) {
      const e = offers[i]!;
      if (++this.offered[e]! === this.need[e]! && this.isEnabled[e] === 0) {
        this.isEnabled[e] = 1;
        insertSorted(this.enabled, e);
      }
    }
    if (info.tau > 0) insertSorted(this.tauComps, c);
    if (info.tick > 0) insertSorted(this.tickComps, c);
    if (info.term === this.factory.omega) this.omegaCount++;
  }

  private info(c: number, term: Term): TermInfo {
    const cache = this.infoCache[c]!;
    const known = cache[term.id];
    if (known !== undefined) return known;
    const trs = this.factory.semantics.transitions(term);
    let tau = 0;
    let tick = 0;
    const offers: number[] = [];
    const alpha = this.alphaFlag[c]!;
    for (const tr of trs) {
      const e = tr.event;
      if (e === TAU) tau++;
      else if (e === TICK) tick++;
      else if (offers[offers.length - 1] !== e) {
        if (alpha === null) {
          this.ensureEvents(e + 1);
          if (this.participants[e] === undefined) {
            this.participants[e] = [c];
            this.need[e] = 1;
          }
          offers.push(e);
        } else if (e < alpha.length && alpha[e] === 1) offers.push(e);
      }
    }
    const result: TermInfo = { term, trs, offers: offers.length === 0 ? EMPTY : Int32Array.from(offers), tau, tick };
    cache[term.id] = result;
    return result;
  }

  private ensureEvents(size: number): void {
    if (size <= this.isEnabled.length) return;
    const cap = Math.max(size, this.isEnabled.length * 2, 64);
    const grow = <A extends Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.need = grow(this.need, (n) => new Int32Array(n));
    this.offered = grow(this.offered, (n) => new Int32Array(n));
    this.isEnabled = grow(this.isEnabled, (n) => new Uint8Array(n));
    this.hiddenFlag = grow(this.hiddenFlag, (n) => new Uint8Array(n));
  }
}

function noMessage(holder: string, index: number, count: number): string {
  const holds = count === 0 ? 'holds no message' : `holds ${count} message${count === 1 ? '' : 's'} (0..${count - 1})`;
  return `${holder} ${holds}: there is no message ${index} (delivered meanwhile?)`;
}

function insertSorted(a: number[], x: number): void {
  let i = a.length;
  a.push(x);
  while (i > 0 && a[i - 1]! > x) {
    a[i] = a[i - 1]!;
    i--;
  }
  a[i] = x;
}

function removeSorted(a: number[], x: number): void {
  const i = a.indexOf(x);
  if (i < 0) return;
  for (let j = i; j < a.length - 1; j++) a[j] = a[j + 1]!;
  a.pop();
}
