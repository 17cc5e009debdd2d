/**
 * The common part of built-in nodes: a CodeNode that accepts messages on its
 * input ports and sends what it produced, one message at a time, from an
 * outbox. A node takes its next input only when its outbox is empty (a
 * buffer overrides this), which is exactly the alternation its generated
 * contract (src/engine/workflow/builtins.ts) allows, so the monitor agrees.
 *
 * Close (docs/workflow-semantics.md#buffered-edges-and-close): while taking input, a node also offers its inputs'
 * `closed` events. Once every input has closed (or a source ends) the node
 * finishes: it sends what it still holds, performs the `close` event of each
 * closable output, and ends.
 */
import type { EventTable } from '../../../engine/csp/events';
import type { EventId } from '../../../engine/csp/terms';
import type { CodeNode, CodeNodeStatus, HeldMessage, OutsideSource } from '../../../engine/runtime/network/code';
import { eventJson } from '../../../engine/runtime/network/json-values';
import { closeEventIds } from '../close-events';
import { eventsForSend, type ScriptPort } from '../script-node';

/** A built-in's port: a script port plus whether the channel carries no data at all. */
export interface BuiltinPort extends ScriptPort {
  readonly bare: boolean;
}

export interface BuiltinContext {
  readonly ports: readonly BuiltinPort[];
  readonly events: EventTable;
  readonly outside: OutsideSource;
  readonly log?: (line: string) => void;
}

interface Outgoing {
  readonly port: BuiltinPort;
  readonly value: unknown;
  readonly events: readonly EventId[];
  /** A close event rather than a message. */
  readonly close?: true;
}

export abstract class BuiltinCodeNode implements CodeNode {
  protected state: CodeNodeStatus = 'blocked';
  protected failure: string | undefined;
  protected readonly outbox: Outgoing[] = [];
  protected readonly inputs: BuiltinPort[];
  protected readonly outputs: BuiltinPort[];
  /** Messages taken and sent, for the debugger. */
  protected received = 0;
  protected sent = 0;
  private readonly inputOf = new Map<EventId, BuiltinPort>();
  private readonly inputEvents: EventId[];
  /** Closed events of inputs on closable edges, and the inputs seen closed so far. */
  private readonly closedOf = new Map<EventId, BuiltinPort>();
  private readonly closedInputs = new Set<BuiltinPort>();
  /** Finishing: no more input; the outbox drains, closes go out, then the node ends. */
  protected finishing = false;

  constructor(protected readonly ctx: BuiltinContext) {
    this.inputs = ctx.ports.filter((p) => p.dir === 'in');
    this.outputs = ctx.ports.filter((p) => p.dir === 'out');
    for (const p of this.inputs)
      for (const ch of p.channels) for (const e of ctx.events.channelEvents(ch)) this.inputOf.set(e, p);
    for (const p of this.inputs) for (const e of this.closesOf(p)) this.closedOf.set(e, p);
    this.inputEvents = [...this.inputOf.keys()].sort((a, b) => a - b);
  }

  /** Close events of the inputs still open. */
  private openCloses(): EventId[] {
    return [...this.closedOf].filter(([, p]) => !this.closedInputs.has(p)).map(([e]) => e);
  }

  /** Input events offered now: data, and the closes of inputs still open. */
  private takeEvents(): readonly EventId[] {
    if (this.closedOf.size === 0) return this.inputEvents;
    return [...this.inputEvents, ...this.openCloses()].sort((a, b) => a - b);
  }

  /** Whether an input's close is taken even while the node takes no data (a full buffer does). */
  protected closesWhileBusy(): boolean {
    return false;
  }

  /**
   * No more input will be taken: queue the close of every closable output
   * (after what is queued already) and end once they are all taken.
   */
  protected finish(): void {
    this.finishing = true;
    for (const p of this.outputs)
      for (const e of this.closesOf(p)) this.outbox.push({ port: p, value: undefined, events: [e], close: true });
    if (this.outbox.length === 0 && this.state !== 'failed') this.state = 'ended';
  }

  /** A port's close events (none when no attached edge can close); a wiring bug fails the node. */
  private closesOf(port: BuiltinPort): readonly EventId[] {
    const ids = closeEventIds(port, this.ctx.events);
    if (typeof ids !== 'string') return ids;
    this.fail(ids);
    return [];
  }

  /** Called with each message taken on an input port. */
  protected abstract receive(port: BuiltinPort, value: unknown): void;
  /** Called after the outbox's head was taken by a receiver. */
  protected afterSend(): void {}
  /** Whether the node takes input now (default: when it has nothing left to send). */
  protected accepting(): boolean {
    return this.outbox.length === 0;
  }
  /** Extra state for the debugger. */
  protected details(): Record<string, unknown> {
    return {};
  }

  offers(): readonly EventId[] {
    if (this.state !== 'blocked') return [];
    const head = this.outbox[0];
    if (this.finishing) return head === undefined ? [] : head.events;
    const take = this.accepting() ? this.takeEvents() : this.closesWhileBusy() ? this.openCloses() : [];
    if (head === undefined) return take;
    return [...new Set([...take, ...head.events])].sort((a, b) => a - b);
  }

  status(): CodeNodeStatus {
    return this.state;
  }

  error(): string | undefined {
    return this.failure;
  }

  payloadFor(event: EventId): unknown {
    const head = this.outbox[0];
    return head !== undefined && head.port.json && head.events.includes(event) ? head.value : undefined;
  }

  /** The outbox's messages (closes are not messages), the head offered now. */
  heldMessages(): readonly HeldMessage[] {
    return this.outbox.flatMap((m, i) =>
      m.close === true
        ? []
        : [{ index: i, port: m.port.name, value: m.value ?? null, events: m.events, offered: i === 0 }],
    );
  }

  /** Replaces outbox message `index`: the same port, the events its new value means (a value outside the channel's type is refused). */
  editMessage(index: number, value: unknown): string | undefined {
    const m = this.outbox[index];
    if (m === undefined || m.close === true) return `there is no message ${index}`;
    if (m.port.bare && value !== null) return `port "${m.port.name}" carries no data (only null fits)`;
    const events = m.port.bare ? m.events : eventsForSend(m.port, value, this.ctx.events);
    if (typeof events === 'string') return events.replace(/^send on /, '');
    this.outbox[index] = { ...m, value, events };
    return undefined;
  }

  inspect(): unknown {
    return { received: this.received, sent: this.sent, queued: this.outbox.length, ...this.details() };
  }

  fire(event: EventId, payload: unknown): void {
    if (this.state !== 'blocked') return;
    const head = this.outbox[0];
    if (head !== undefined && head.events.includes(event)) {
      this.outbox.shift();
      if (head.close === true) {
        if (this.outbox.length === 0) this.state = 'ended';
        return;
      }
      this.sent++;
      if (!this.finishing) this.afterSend();
      else if (this.outbox.length === 0) this.state = 'ended'; // finishing with no close to perform
      return;
    }
    const closed = this.closedOf.get(event);
    if (closed !== undefined) {
      this.closedInputs.add(closed);
      // The node is done when every input has closed (an input on an edge that cannot close never does).
      if (this.inputs.every((p) => this.closedInputs.has(p))) this.finish();
      return;
    }
    const port = this.inputOf.get(event);
    if (port === undefined) return;
    this.received++;
    const value = port.json
      ? payload === undefined
        ? null
        : payload
      : port.bare
        ? null
        : eventJson(this.ctx.events, event);
    this.receive(port, value);
  }

  /** Queues `value` to be sent on `port`; a value outside the channel's type fails the node at this send. */
  protected send(port: BuiltinPort, value: unknown): void {
    const events = port.bare
      ? port.channels.map((ch) => this.ctx.events.parse(ch)).filter((e): e is EventId => e !== undefined)
      : eventsForSend(port, value, this.ctx.events);
    if (typeof events === 'string') return this.fail(events);
    if (events.length === 0) return this.fail(`port "${port.name}" is attached to no channel`);
    this.outbox.push({ port, value, events });
  }

  protected fail(message: string): void {
    this.state = 'failed';
    this.failure = message;
    this.outbox.length = 0;
  }
}
