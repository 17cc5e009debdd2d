/**
 * An agent node as the scheduler sees it (a CodeNode): it offers to receive
 * on any input port; each input becomes one chat completion (system prompt +
 * the input as JSON), asked for through OutsideSource.request so the reply is
 * recorded and, on replay, played back without calling the provider. The
 * reply is routed to an output port (tool call or JSON Schema rule, never a
 * guess) and sent; then the node listens again, until its contract leaves it
 * nothing but ✓ (then it ends: an agent has no code of its own to end it). Provider errors, routing
 * failures and a spent budget stop the run with an error at this node.
 *
 * Close (docs/workflow-semantics.md#buffered-edges-and-close): while listening it also offers the `c_closed` events
 * of its inputs. When one fires the input is done, and so is the agent: it
 * performs the `c_close` event of each closable edge of its outputs (in port
 * order) and ends, so whatever reads its outputs sees the close in turn.
 */
import type { EventTable } from '../../../engine/csp/events';
import type { EventId } from '../../../engine/csp/terms';
import type { CodeNode, CodeNodeStatus, HeldMessage, OutsideSource } from '../../../engine/runtime/network/code';
import { eventJson } from '../../../engine/runtime/network/json-values';
import { eventsForSend, portEventJson, portEvents, type ScriptPort } from '../script-node';
import { closeEventIds } from '../close-events';
import type { ChatReply, Provider, ReplyTool } from './provider';
import { routeReply, type Routing, type UsageMeter } from './routing';

export interface AgentNodeOptions {
  readonly name: string;
  readonly system: string;
  /**
   * What to do with each input: the user message, with `{input}` replaced by the input (a
   * string as it is, anything else as JSON) and `{port}` by the input port's name. Absent:
   * the input alone.
   */
  readonly prompt?: string;
  readonly ports: readonly ScriptPort[];
  readonly events: EventTable;
  readonly outside: OutsideSource;
  readonly provider: Provider;
  readonly routing: Omit<Routing, 'ports'>;
  /** Output ports offered to the model as tools (tool-call routing). */
  readonly tools?: readonly ReplyTool[];
  readonly schema?: Record<string, unknown>;
  readonly meter: UsageMeter;
  readonly temperature?: number;
  readonly maxTokens?: number;
  /** The node speaks first (its contract starts with an output): it asks the model once at start. */
  readonly startsBySpeaking?: boolean;
  /** A replica of a replicated node: its variable and index value (CSPm text, `2` or `Price`), told to the model in the system prompt. */
  readonly instance?: { readonly variable: string; readonly value: string };
}

export class AgentNode implements CodeNode {
  private state: CodeNodeStatus = 'blocked';
  private failure: string | undefined;
  private sending: { port: ScriptPort; value: unknown; events: EventId[] } | undefined;
  private readonly inputs: ScriptPort[];
  private readonly outputs: ScriptPort[];
  private replies = 0;
  /** After an input closed: the close events of its outputs still to perform, the first one offered. */
  private closing: EventId[] | undefined;
  /** The `c_closed` events of its inputs (offered while listening), per input port and all together. */
  private readonly inputCloses: readonly EventId[];
  private readonly closesByInput: readonly (readonly EventId[])[];
  /** Input closes seen so far: the agent is done when every input has closed. */
  private readonly closed = new Set<EventId>();

  constructor(private readonly o: AgentNodeOptions) {
    this.inputs = o.ports.filter((p) => p.dir === 'in');
    this.outputs = o.ports.filter((p) => p.dir === 'out');
    this.closesByInput = this.inputs.map((p) => this.closesOf([p]));
    this.inputCloses = this.closesByInput.flat();
    if (o.startsBySpeaking === true && this.state === 'blocked') this.ask('Begin.');
  }

  offers(): readonly EventId[] {
    if (this.state !== 'blocked') return [];
    if (this.closing !== undefined) return this.closing.slice(0, 1);
    if (this.sending !== undefined) return this.sending.events;
    const out = new Set<EventId>(this.inputCloses.filter((e) => !this.closed.has(e)));
    for (const p of this.inputs) for (const e of portEvents(p, this.o.events)) out.add(e);
    return [...out].sort((a, b) => a - b);
  }

  status(): CodeNodeStatus {
    return this.state;
  }

  error(): string | undefined {
    return this.failure;
  }

  payloadFor(event: EventId): unknown {
    return this.sending !== undefined && this.sending.port.json && this.sending.events.includes(event)
      ? this.sending.value
      : undefined;
  }

  /** The reply waiting for its receiver, if any (a message in flight the debugger may edit). */
  heldMessages(): readonly HeldMessage[] {
    const s = this.sending;
    if (this.state !== 'blocked' || this.closing !== undefined || s === undefined) return [];
    return [{ index: 0, port: s.port.name, value: s.value ?? null, events: s.events, offered: true }];
  }

  /** Replaces the waiting reply's value on the same port (the events follow the value; one outside the channel's type is refused). */
  editMessage(index: number, value: unknown): string | undefined {
    const s = this.sending;
    if (index !== 0 || s === undefined || this.closing !== undefined) return `there is no reply ${index} waiting`;
    const events = eventsForSend(s.port, value, this.o.events);
    if (typeof events === 'string') return events.replace(/^send on /, '');
    this.sending = { ...s, value, events };
    return undefined;
  }

  inspect(): unknown {
    return {
      replies: this.replies,
      promptTokens: this.o.meter.promptTokens,
      completionTokens: this.o.meter.completionTokens,
      cost: this.o.meter.cost,
    };
  }

  fire(event: EventId, payload: unknown): void {
    if (this.closing !== undefined) {
      this.closing.shift();
      if (this.closing.length === 0) this.state = 'ended';
      return;
    }
    if (this.sending !== undefined) {
      this.sending = undefined; // the reply was taken: listen again
      return;
    }
    if (this.inputCloses.includes(event)) {
      this.closed.add(event);
      // Done once every input has closed (an input on an edge that cannot close never does).
      if (!this.closesByInput.every((list) => list.length > 0 && list.every((e) => this.closed.has(e)))) return;
      const closes = this.closesOf(this.outputs);
      if (this.state !== 'failed') {
        this.closing = [...closes];
        if (closes.length === 0) this.state = 'ended';
      }
      return;
    }
    const port = this.inputs.find((p) => portEvents(p, this.o.events).includes(event));
    const input =
      payload !== undefined
        ? payload
        : port !== undefined
          ? portEventJson(port, this.o.events, event)
          : eventJson(this.o.events, event);
    const text = typeof input === 'string' ? input : JSON.stringify(input);
    this.ask(
      this.o.prompt === undefined
        ? text
        : this.o.prompt.replace(/\{(input|port)\}/g, (_m, k: string) => (k === 'input' ? text : (port?.name ?? ''))),
    );
  }

  /** Its contract leaves nothing but ✓ (e.g. after a deal is struck): end rather than ask the model again. */
  endByContract(): void {
    this.sending = undefined;
    this.closing = undefined;
    this.state = 'ended';
  }

  private ask(user: string): void {
    const messages = [
      { role: 'system' as const, content: this.systemPrompt() },
      { role: 'user' as const, content: user },
    ];
    this.state = 'waiting';
    this.o.outside.request('llm-reply', async () => {
      const reply = await this.o.provider.complete({
        messages,
        ...(this.o.schema !== undefined ? { schema: this.o.schema } : {}),
        ...(this.o.tools !== undefined ? { tools: this.o.tools } : {}),
        ...(this.o.temperature !== undefined ? { temperature: this.o.temperature } : {}),
        ...(this.o.maxTokens !== undefined ? { maxTokens: this.o.maxTokens } : {}),
      });
      return reply as unknown;
    });
  }

  deliver(_kind: string, value: unknown): void {
    const v = value as { error?: string } & Partial<ChatReply>;
    if (typeof v.error === 'string') return this.fail(`agent call failed: ${v.error}`);
    const reply = value as ChatReply;
    this.replies++;
    const over = this.o.meter.add(reply.usage ?? { promptTokens: 0, completionTokens: 0 });
    if (over !== undefined) return this.fail(`stopped: ${over}`);
    const routed = routeReply(reply, { ...this.o.routing, ports: this.outputs.map((p) => p.name) });
    if (!routed.ok) return this.fail(routed.error);
    const port = this.outputs.find((p) => p.name === routed.port)!;
    const events = eventsForSend(port, routed.value, this.o.events);
    if (typeof events === 'string') return this.fail(`the reply does not fit: ${events}`);
    this.sending = { port, value: routed.value, events };
    this.state = 'blocked';
  }

  /** The close events of these ports' closable edges, in port and edge order (fails the node on a wiring bug). */
  private closesOf(ports: readonly ScriptPort[]): EventId[] {
    const out: EventId[] = [];
    for (const p of ports) {
      const ids = closeEventIds(p, this.o.events);
      if (typeof ids === 'string') {
        this.fail(ids);
        return [];
      }
      out.push(...ids);
    }
    return out;
  }

  /** The configured prompt; a replica is also told which instance it is. */
  private systemPrompt(): string {
    const i = this.o.instance;
    return i === undefined
      ? this.o.system
      : `${this.o.system.replace(/\s+$/, '')}\n\nYou are instance ${i.variable} = ${i.value}.`;
  }

  private fail(message: string): void {
    this.state = 'failed';
    this.failure = message;
  }
}
