/**
 * A script node: user JavaScript in a QuickJS sandbox (quickjs-emscripten),
 * seen by the scheduler as a CodeNode (src/engine/runtime/network/code.ts).
 *
 * The script is the body of an async function with these globals:
 *   await recv('in')            → the value received on port `in`
 *   await send('out', value)    → resolves once the value was taken
 *   await alt([{ recv: 'a' }, { send: 'b', value: 1, guard: x > 0 }]) → { index, value }
 *   await close('out')          performs the close event of each closable edge of `out`, in order
 *   CLOSED                      what recv gives (alt: as `value`) when a closable input edge closed
 *   log(...args), now(), random(), ctx.state (shown per step in the debugger)
 *   ctx.index: a replica's index value (`replicate: i in {0..N-1}`), as JSON
 * A replica's indexed port means only its own events (`job` with `index: i`
 * is `job.2.*` for replica 2); recv gives, and send takes, just the data part.
 * `Date`, `Math.random` and `performance` are removed; now() and random()
 * are outside values, recorded and replayed.
 *
 * Everything runs synchronously: after an event the node's promise is
 * resolved and QuickJS's job queue drained, so the node is quiescent again
 * when `fire` returns. Limits: a memory limit, a stack limit, and a CPU budget
 * counted in interrupt-handler calls (deterministic, so a replay stops at the
 * same place), with a wall-clock deadline as a backstop.
 */
import {
  getQuickJS,
  type QuickJSContext,
  type QuickJSDeferredPromise,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import type { EventTable } from '../../engine/csp/events';
import type { EventId } from '../../engine/csp/terms';
import type { Value } from '../../engine/csp/values';
import type { CodeNode, CodeNodeStatus, HeldMessage, OutsideSource } from '../../engine/runtime/network/code';
import type { Json } from '../../engine/runtime/network/json-values';
import { CLOSED_SENTINEL_SOURCE, closeEventIds } from './close-events';
import { eventsForSend, portEventJson, portEvents } from './port-events';
import type { SandboxHeap } from './sandbox-heap';

// Other runtime parts (agents, built-ins, workflow-net) take the port ↔ event mapping from here.
export { eventsForSend, portEventJson, portEvents };

export interface ScriptPort {
  readonly name: string;
  readonly dir: 'in' | 'out';
  /** CSPm channels (edges) this port is attached to. */
  readonly channels: readonly string[];
  /** A JSON port: the payload travels beside the event, which carries its abstraction (or no data). */
  readonly json: boolean;
  /** JSON channel abstraction (docs/workflow-semantics.md#data-on-channels): the first rule whose schema the payload matches names the constructor. */
  readonly abstraction?: {
    readonly rules: readonly { readonly match: Record<string, unknown>; readonly as: string }[];
    readonly fallback?: string;
  };
  /** The JSON channel's payload schema: a payload that does not match is an error at that send. */
  readonly schema?: Record<string, unknown>;
  /**
   * Close events of the attached edges (docs/workflow-semantics.md#buffered-edges-and-close): for an output on a closable buffered
   * edge, the `c_close` event(s) closing it; for an input, the `c_closed` event(s) seen once the
   * writer closed and the buffer drained. Absent when no attached edge can close.
   */
  readonly closeEvents?: readonly string[];
  /**
   * For an indexed port of a replicated node (`index: (i+1)%N`): the index
   * value for this replica, flattened into event fields. The port then means
   * only the events `channel.<prefix>.*`, and scripts and agents see just the
   * data after it.
   */
  readonly prefix?: readonly Value[];
}

export interface ScriptLimits {
  /** Heap limit in bytes (default 16 MiB). */
  readonly memoryBytes?: number;
  /** Interrupt-handler calls allowed between two quiescent points (default 100; QuickJS checks every ~10^5 instructions, so about 10^7 instructions). */
  readonly cpuBudget?: number;
  /** Wall-clock backstop per slice in ms (default 5,000). */
  readonly wallMs?: number;
}

export interface ScriptNodeOptions {
  readonly name: string;
  readonly source: string;
  readonly ports: readonly ScriptPort[];
  readonly events: EventTable;
  readonly outside: OutsideSource;
  /** Time source behind now(); absent: the run's virtual time (what timers tick by). */
  readonly clock?: () => number;
  /** Random source behind random(). */
  readonly random: () => number;
  readonly limits?: ScriptLimits;
  readonly log?: (line: string) => void;
  /** A replica's index value (`ctx.index` in the script); absent for a node that is not replicated. */
  readonly index?: Json;
  /**
   * The run's script heap (sandbox-heap.ts): a module whose memory cannot grow past
   * its maximum. Absent: the process-wide module of loadQuickJS() (tests, tools).
   */
  readonly heap?: SandboxHeap;
}

interface Case {
  readonly kind: 'recv' | 'send' | 'close';
  readonly port: ScriptPort;
  readonly value?: unknown;
  readonly events: readonly EventId[];
  /** A close: the close events of the port's later closable edges, performed one after the other. */
  readonly thenClose?: readonly EventId[];
}

interface Pending {
  readonly cases: readonly Case[];
  readonly alt: boolean;
  readonly deferred: QuickJSDeferredPromise;
}

let quickjs: QuickJSWASMModule | undefined;

/**
 * Loads a process-wide QuickJS module once, for script nodes made without a
 * heap of their own (tests, tools). Runs give their scripts a SandboxHeap.
 */
export async function loadQuickJS(): Promise<QuickJSWASMModule> {
  quickjs ??= await getQuickJS();
  return quickjs;
}

export class ScriptNode implements CodeNode {
  private readonly rt: QuickJSRuntime;
  private readonly vm: QuickJSContext;
  private pending: Pending | undefined;
  private state: CodeNodeStatus = 'blocked';
  private failure: string | undefined;
  private calls = 0;
  private sliceStarted = 0;
  private readonly budget: number;
  private readonly wallMs: number;
  private readonly ports = new Map<string, ScriptPort>();
  private mainDone = false;
  /** Output ports the script closed: a send on one is an error. */
  private readonly closedPorts = new Set<string>();
  /** `c_closed` events seen: each edge closes once, so it is not offered again. */
  private readonly seenClosed = new Set<EventId>();
  /** The sandbox's CLOSED object, handed to a recv that saw a close. */
  private closedSentinel: QuickJSHandle | undefined;

  constructor(private readonly o: ScriptNodeOptions) {
    const module = o.heap?.module ?? quickjs;
    if (module === undefined)
      throw new Error('QuickJS is not loaded: await loadQuickJS() first, or give the node a heap');
    for (const p of o.ports) this.ports.set(p.name, p);
    this.budget = o.limits?.cpuBudget ?? 100;
    this.wallMs = o.limits?.wallMs ?? 5_000;
    this.rt = module.newRuntime();
    this.rt.setMemoryLimit(o.limits?.memoryBytes ?? 16 * 1024 * 1024);
    this.rt.setMaxStackSize(512 * 1024);
    this.rt.setInterruptHandler(() => this.interrupt());
    this.vm = this.rt.newContext();
    this.sliceStarted = performance.now();
    this.install();
    this.slice(() => {
      const r = this.vm.evalCode(
        `(async () => {\n${o.source}\n})().then(() => __end(), (e) => __fail(e))`,
        `${o.name}.js`,
      );
      if (r.error) this.failFrom(r.error);
      else r.value.dispose();
    });
  }

  /** The component this node runs as (`Worker(2)` for a replica). */
  get name(): string {
    return this.o.name;
  }

  offers(): readonly EventId[] {
    if (this.state !== 'blocked' || this.pending === undefined) return [];
    const all = new Set<EventId>();
    for (const c of this.pending.cases) for (const e of c.events) all.add(e);
    return [...all].sort((a, b) => a - b);
  }

  status(): CodeNodeStatus {
    return this.state;
  }

  error(): string | undefined {
    return this.failure;
  }

  payloadFor(event: EventId): unknown {
    const c = this.pending?.cases.find((k) => k.kind === 'send' && k.port.json && k.events.includes(event));
    return c?.value;
  }

  fire(event: EventId, payload: unknown): void {
    const p = this.pending;
    if (p === undefined || this.state !== 'blocked') return;
    const index = p.cases.findIndex((c) => c.events.includes(event));
    const c = p.cases[index];
    if (c === undefined) return;
    const next = c.thenClose?.[0];
    if (next !== undefined) {
      // One edge of several closed: the close goes on with the next edge, the script still waits.
      this.pending = {
        ...p,
        cases: [{ kind: 'close', port: c.port, events: [next], thenClose: c.thenClose!.slice(1) }],
      };
      return;
    }
    const closed = c.kind === 'recv' && this.isClosedEvent(c.port, event);
    if (closed) this.seenClosed.add(event);
    const value =
      c.kind === 'recv' && !closed
        ? payload !== undefined
          ? payload
          : portEventJson(c.port, this.o.events, event)
        : undefined;
    this.pending = undefined;
    this.slice(() => {
      const h = closed
        ? this.closedResult(p.alt, index)
        : this.valueResult(p.alt ? { index, value: value ?? null } : value);
      p.deferred.resolve(h);
      if (h !== this.vm.undefined && h !== this.closedSentinel) h.dispose();
      p.deferred.dispose();
    });
  }

  /** The pending send (or the send cases of a pending alt), each offered now. */
  heldMessages(): readonly HeldMessage[] {
    if (this.state !== 'blocked' || this.pending === undefined) return [];
    return this.pending.cases.flatMap((c, i) =>
      c.kind === 'send'
        ? [{ index: i, port: c.port.name, value: c.value ?? null, events: c.events, offered: true }]
        : [],
    );
  }

  /** Replaces the value of pending send case `index` (the events follow the value; one outside the channel's type is refused). */
  editMessage(index: number, value: unknown): string | undefined {
    const p = this.pending;
    const c = p?.cases[index];
    if (p === undefined || c === undefined || c.kind !== 'send') return `there is no pending send ${index}`;
    const events = eventsForSend(c.port, value, this.o.events);
    if (typeof events === 'string') return events.replace(/^send on /, '');
    this.pending = { ...p, cases: p.cases.map((k, i) => (i === index ? { ...c, value, events } : k)) };
    return undefined;
  }

  inspect(): unknown {
    if (this.state === 'failed') return null;
    try {
      const r = this.vm.evalCode('JSON.stringify(ctx.state)');
      if (r.error) {
        r.error.dispose();
        return null;
      }
      const text = this.vm.getString(r.value);
      r.value.dispose();
      return text === undefined ? null : (JSON.parse(text) as unknown);
    } catch {
      return null;
    }
  }

  /** Frees the sandbox. */
  dispose(): void {
    try {
      this.pending?.deferred.dispose();
      this.closedSentinel?.dispose();
      this.vm.dispose();
      this.rt.dispose();
    } catch {
      // A sandbox that hit its memory limit may refuse to free cleanly; nothing more to do.
    }
  }

  // ------------------------------------------------------------------ internals

  /** Runs host-side work then drains the job queue: when it returns the node is quiescent. */
  private slice(body: () => void): void {
    this.calls = 0;
    this.sliceStarted = performance.now();
    try {
      body();
      if (this.state !== 'failed') {
        const r = this.rt.executePendingJobs();
        if (r.error) this.failFrom(r.error);
      }
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
    if (this.state === 'blocked' && this.pending === undefined && !this.mainDone) {
      // Quiescent but waiting on nothing we provide (e.g. a never-resolving promise): it can never move again.
      this.fail(
        'the script is waiting on something that is not a channel operation (only recv, send and alt can wait)',
      );
    }
  }

  private interrupt(): boolean {
    this.calls++;
    // Following a record, the script stops where the recorded interrupt says (interrupt
    // checks come at the same instructions every time) and never by the wall clock.
    const next = this.o.outside.nextRecorded();
    const atRecorded = next?.kind === 'cpu-interrupt' && next.value === this.calls;
    const overBudget = this.calls > this.budget;
    const over =
      next === undefined ? overBudget || performance.now() - this.sliceStarted > this.wallMs : atRecorded || overBudget;
    if (over) {
      this.o.outside.value('cpu-interrupt', () => this.calls);
      this.fail(
        `stopped: ran past its CPU budget without offering anything (divergence; budget ${this.budget} interrupt checks)`,
      );
      return true;
    }
    return false;
  }

  private fail(message: string): void {
    if (this.state === 'failed') return;
    this.state = 'failed';
    this.failure = message;
    this.pending = undefined;
  }

  private failFrom(handle: QuickJSHandle): void {
    let message: string;
    try {
      const e = this.vm.dump(handle) as unknown;
      message = describeError(e);
    } catch {
      message = 'the script failed (its error could not be read)';
    }
    handle.dispose();
    if (this.failure === undefined)
      this.fail(
        /out of memory/i.test(message)
          ? `stopped: the script went over its memory limit (${this.memoryLimit()}; ${message})`
          : message,
      );
  }

  private memoryLimit(): string {
    const mib = (n: number): string => `${Math.round(n / 1024 / 1024)} MiB`;
    return this.o.heap === undefined
      ? mib(this.o.limits?.memoryBytes ?? 16 * 1024 * 1024)
      : `the run's scripts share ${mib(this.o.heap.maxBytes)}`;
  }

  private valueResult(result: unknown): QuickJSHandle {
    return result === undefined ? this.vm.undefined : this.json(result);
  }

  /** CLOSED, or `{ index, value: CLOSED }` for an alt. */
  private closedResult(alt: boolean, index: number): QuickJSHandle {
    const sentinel = (this.closedSentinel ??= this.vm.getProp(this.vm.global, 'CLOSED'));
    if (!alt) return sentinel;
    const r = this.vm.newObject();
    this.vm.setProp(r, 'index', this.vm.newNumber(index));
    this.vm.setProp(r, 'value', sentinel);
    return r;
  }

  private isClosedEvent(port: ScriptPort, event: EventId): boolean {
    const ids = closeEventIds(port, this.o.events);
    return typeof ids !== 'string' && ids.includes(event);
  }

  private json(value: unknown): QuickJSHandle {
    const r = this.vm.evalCode(`(${JSON.stringify(value ?? null)})`);
    if (r.error) {
      r.error.dispose();
      return this.vm.null;
    }
    return r.value;
  }

  private install(): void {
    const vm = this.vm;
    const fn = (name: string, f: (...args: QuickJSHandle[]) => QuickJSHandle | undefined): void => {
      const h = vm.newFunction(name, f);
      vm.setProp(vm.global, name, h);
      h.dispose();
    };
    const op = (alt: boolean, cases: Case[]): QuickJSHandle => {
      if (this.pending !== undefined) {
        this.fail('a channel operation was started while another is still waiting (await each recv, send and alt)');
        return vm.undefined;
      }
      const deferred = vm.newPromise();
      this.pending = { cases, alt, deferred };
      return deferred.handle;
    };
    fn('recv', (port) => {
      const c = this.recvCase(vm.dump(port) as unknown);
      return c === undefined ? vm.undefined : op(false, [c]);
    });
    fn('send', (port, value) => {
      const c = this.sendCase(vm.dump(port) as unknown, value === undefined ? null : (vm.dump(value) as unknown));
      return c === undefined ? vm.undefined : op(false, [c]);
    });
    fn('alt', (spec) => {
      const raw = vm.dump(spec) as unknown;
      if (!Array.isArray(raw)) {
        this.fail('alt expects an array of cases like { recv: "in" } or { send: "out", value: 1 }');
        return vm.undefined;
      }
      const cases: Case[] = [];
      for (const k of raw as Record<string, unknown>[]) {
        if (k.guard === false) {
          cases.push({ kind: 'recv', port: { name: '', dir: 'in', channels: [], json: false }, events: [] });
          continue;
        }
        const c =
          typeof k.recv === 'string'
            ? this.recvCase(k.recv)
            : typeof k.send === 'string'
              ? this.sendCase(k.send, k.value ?? null)
              : undefined;
        if (c === undefined) {
          if (this.state !== 'failed')
            this.fail(`alt case ${JSON.stringify(k)} is neither { recv: port } nor { send: port, value }`);
          return vm.undefined;
        }
        cases.push(c);
      }
      if (!cases.some((c) => c.events.length > 0)) {
        this.fail('alt: every case is guarded off, so it could never fire');
        return vm.undefined;
      }
      return op(true, cases);
    });
    fn('close', (port) => {
      const c = this.closeCase(vm.dump(port) as unknown);
      return c === undefined ? vm.undefined : op(false, [c]);
    });
    fn('log', (...args) => {
      this.o.log?.(`${this.o.name}: ${args.map((a) => show(vm.dump(a))).join(' ')}`);
      return vm.undefined;
    });
    fn('now', () => vm.newNumber(this.o.outside.value('now', () => this.o.clock?.() ?? this.o.outside.virtualNow())));
    fn('random', () => vm.newNumber(this.o.outside.value('random', this.o.random)));
    fn('__end', () => {
      this.mainDone = true;
      // A channel operation that failed returns undefined to the script, which may then run to its end
      // within the same slice: the failure stands.
      if (this.state !== 'failed') this.state = 'ended';
      return vm.undefined;
    });
    fn('__fail', (e) => {
      this.mainDone = true;
      const thrown = describeError(vm.dump(e));
      // Out of memory arrives as the script's own rejection: say which limit it hit, not that the script threw.
      this.fail(
        /^InternalError: out of memory/.test(thrown)
          ? `stopped: the script went over its memory limit (${this.memoryLimit()}; ${thrown})`
          : `threw ${thrown}`,
      );
      return vm.undefined;
    });
    const index = this.o.index === undefined ? '' : `, index: ${JSON.stringify(this.o.index)}`;
    const setup = vm.evalCode(
      `globalThis.ctx = { state: {}${index} }; ${CLOSED_SENTINEL_SOURCE} delete globalThis.Date; delete globalThis.performance; Math.random = undefined;`,
    );
    if (setup.error) setup.error.dispose();
    else setup.value.dispose();
  }

  private portOf(name: unknown, dir: 'in' | 'out', verb = dir === 'in' ? 'receive' : 'send'): ScriptPort | undefined {
    const p = typeof name === 'string' ? this.ports.get(name) : undefined;
    if (p === undefined) {
      this.fail(`no port named ${JSON.stringify(name)} (ports: ${[...this.ports.keys()].join(', ') || 'none'})`);
      return undefined;
    }
    if (p.dir !== dir) {
      this.fail(`port "${p.name}" is an ${p.dir} port; it cannot ${verb}`);
      return undefined;
    }
    return p;
  }

  /** The port's close events, or undefined after failing the node (a wiring bug names the event). */
  private closeIds(port: ScriptPort): readonly EventId[] | undefined {
    const ids = closeEventIds(port, this.o.events);
    if (typeof ids === 'string') {
      this.fail(ids);
      return undefined;
    }
    return ids;
  }

  private recvCase(name: unknown): Case | undefined {
    const port = this.portOf(name, 'in');
    if (port === undefined) return undefined;
    const data = portEvents(port, this.o.events);
    if (port.closeEvents === undefined) return { kind: 'recv', port, events: data };
    const closes = this.closeIds(port);
    if (closes === undefined) return undefined;
    const open = closes.filter((e) => !this.seenClosed.has(e));
    // Every edge the port reads has closed (each gave one CLOSED): nothing can ever arrive, so say so rather than deadlock.
    if (open.length === 0 && closes.length === port.channels.length) {
      this.fail(`recv on port "${port.name}": every edge it reads has closed (recv already gave CLOSED for each)`);
      return undefined;
    }
    return { kind: 'recv', port, events: [...data, ...open] };
  }

  private closeCase(name: unknown): Case | undefined {
    const port = this.portOf(name, 'out', 'close (the writer closes; a reader gets CLOSED from recv)');
    if (port === undefined) return undefined;
    const ids = this.closeIds(port);
    if (ids === undefined) return undefined;
    const first = ids[0];
    if (first === undefined) {
      this.fail(`port "${port.name}" is on no closable edge (set close: true on its buffered channel)`);
      return undefined;
    }
    if (this.closedPorts.has(port.name)) {
      this.fail(`port "${port.name}" is already closed`);
      return undefined;
    }
    this.closedPorts.add(port.name);
    return { kind: 'close', port, events: [first], thenClose: ids.slice(1) };
  }

  private sendCase(name: unknown, value: unknown): Case | undefined {
    const port = this.portOf(name, 'out');
    if (port === undefined) return undefined;
    if (this.closedPorts.has(port.name)) {
      this.fail(`port "${port.name}" is closed`);
      return undefined;
    }
    const events = eventsForSend(port, value, this.o.events);
    if (typeof events === 'string') {
      this.fail(events);
      return undefined;
    }
    return { kind: 'send', port, value, events };
  }
}

function describeError(e: unknown): string {
  if (e !== null && typeof e === 'object') {
    const o = e as { name?: unknown; message?: unknown; stack?: unknown };
    const head = `${typeof o.name === 'string' ? o.name : 'Error'}: ${typeof o.message === 'string' ? o.message : JSON.stringify(e)}`;
    const where = typeof o.stack === 'string' ? /\((?:[^)]*\.js):(\d+)(?::(\d+))?\)/.exec(o.stack) : null;
    return where ? `${head} (script line ${Number(where[1]) - 1})` : head;
  }
  return String(e);
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
