/**
 * Messages in flight, as the debugger lists and edits them while a run is
 * paused (docs/runtime-api.md, "Messages in flight"):
 *  - values queued in a buffered edge's buffer process (`BUF_c(<a, b>)`, or
 *    `BUF_c(<a, b>, open)` when it can close): each element of the sequence;
 *  - messages a code node holds for a receiver that has not taken them: a
 *    built-in's outbox (a buffer node's queue, a JSON buffered edge), a
 *    script's pending send (CodeNode.heldMessages).
 * A synchronisation that has not happened is not a message: the enabled
 * items fire those. A counting buffer (an edge without data) holds nothing to edit.
 */
import type { EventTable } from '../../csp/events';
import type { Term } from '../../csp/terms';
import type { Value } from '../../csp/values';
import { jsonToCspmText, valueToJson } from './json-values';
import type { NetworkSpec } from './network';
import type { QueueSpec } from './run';

/** One message in flight, by its holder (a component) and its position there. */
export interface MessageInFlight {
  /** The component holding it: a buffer process (BUF_c) or a code node. */
  readonly holder: string;
  /** 0 is the next to go. */
  readonly index: number;
  /** The value as JSON (CSPm values in the JSON form of docs/workflow-semantics.md#data-on-channels). */
  readonly value: unknown;
  /** The buffered edge or buffer node it waits in (QueueSpec id), if it is in a queue the canvas draws. */
  readonly queue?: string;
  /** The channel it leaves on (for a code node: the first channel of its port). */
  readonly channel?: string;
  /** A code node's output port. */
  readonly port?: string;
  /** Offered now: the next to go, waiting only for its receiver. */
  readonly offered: boolean;
}

/** A buffer process's contents: the sequence in its first argument, or undefined when the term is not one. */
export function bufferContents(term: Term): readonly Value[] | undefined {
  if (term.node.op !== 'call') return undefined;
  const arg = term.node.args[0];
  if (arg === undefined || typeof arg !== 'object' || arg.t !== 'seq') return undefined;
  return arg.items;
}

/** The messages queued in a buffer process, oldest first. */
export function bufferMessages(holder: string, term: Term, queue: QueueSpec | undefined): MessageInFlight[] {
  const items = bufferContents(term) ?? [];
  return items.map((v, index) => ({
    holder,
    index,
    value: valueToJson(v),
    ...(queue !== undefined ? { queue: queue.id } : {}),
    ...(queue?.channel !== undefined ? { channel: queue.channel } : {}),
    offered: index === 0,
  }));
}

/**
 * The CSPm value `json` stands for as data on `channel` (an event `channel.v`
 * must exist), or why it is not one. A channel of several fields takes the
 * array of its fields, as its events carry them.
 */
export function channelValue(events: EventTable, channel: string, json: unknown): Value | string {
  const fields = Array.isArray(json) && isMultiField(events, channel) ? json : [json];
  const texts = fields.map(jsonToCspmText);
  const shown = JSON.stringify(json);
  if (texts.some((t) => t === undefined))
    return `${shown} has no CSPm form (numbers, booleans, names, arrays, {"$c": …}, {"$tuple": …})`;
  const e = events.parse(`${channel}.${texts.join('.')}`);
  const v = e === undefined ? undefined : events.value(e);
  if (v === undefined || typeof v !== 'object' || v.t !== 'dot')
    return `${shown} is not a value of channel ${channel}'s type`;
  const data = v.items.slice(1);
  return data.length === 1 ? data[0]! : { t: 'dot', items: data };
}

/** Whether events of `channel` carry more than one field (then JSON gives them as an array). */
function isMultiField(events: EventTable, channel: string): boolean {
  for (const e of events.channelEvents(channel)) {
    const v = events.value(e);
    return v !== undefined && typeof v === 'object' && v.t === 'dot' && v.items.length > 2;
  }
  return false;
}

/**
 * The buffer process `term` with element `index` replaced by `value`, made by
 * the loaded script (so it is the very term the buffer would have reached), or why not.
 */
export function editedBuffer(spec: NetworkSpec, term: Term, index: number, value: Value): Term | string {
  if (term.node.op !== 'call') return 'it is not a buffer process';
  const items = bufferContents(term);
  if (items === undefined) return 'its buffer holds no data (an edge without a type only counts messages)';
  if (spec.callProcess === undefined) return 'this run cannot rebuild buffer processes';
  const next = [...items];
  next[index] = value;
  return spec.callProcess(term.node.name, [{ t: 'seq', items: next }, ...term.node.args.slice(1)]);
}
