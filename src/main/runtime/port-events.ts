/**
 * A code node's port as events (ScriptPort, docs/workflow-semantics.md#data-on-channels): which events a
 * port may take part in (under a replica's index prefix), the JSON a receiver
 * gets for an event, and the events a send of a value means. Shared by
 * script, agent and built-in nodes.
 */
import { schemaMismatch } from '../../engine/workflow/abstraction';
import type { EventTable } from '../../engine/csp/events';
import type { EventId } from '../../engine/csp/terms';
import { keyOf, showValue, type Value } from '../../engine/csp/values';
import { eventJson, jsonToCspmText, valueToJson, type Json } from '../../engine/runtime/network/json-values';
import { matches } from './agents/routing';
import type { ScriptPort } from './script-node';

/** CSPm text of a port's channel followed by its index prefix (`left.2`), as events print it. */
function headText(port: ScriptPort, ch: string): string {
  return port.prefix === undefined || port.prefix.length === 0
    ? ch
    : `${ch}.${showValue({ t: 'dot', items: port.prefix })}`;
}

/** The fields of a channel event's value after the channel name (`c.2.B.1` → [2, B, 1]). */
function fieldsOf(events: EventTable, e: EventId): readonly Value[] | undefined {
  const v = events.value(e);
  return v !== undefined && typeof v === 'object' && v.t === 'dot' ? v.items.slice(1) : undefined;
}

function hasPrefix(fields: readonly Value[] | undefined, prefix: readonly Value[]): boolean {
  if (fields === undefined || fields.length < prefix.length) return false;
  return prefix.every((p, k) => keyOf(p) === keyOf(fields[k]!));
}

const prefixedEvents = new WeakMap<ScriptPort, { readonly table: EventTable; readonly ids: readonly EventId[] }>();

/** Every event a port may take part in: its channels' events, only those under its index prefix when it has one. */
export function portEvents(port: ScriptPort, events: EventTable): readonly EventId[] {
  const prefix = port.prefix;
  if (prefix === undefined) return port.channels.flatMap((ch) => [...events.channelEvents(ch)]);
  // Channels' events are all interned when the script loads, so the filtered list is computed once per port.
  const known = prefixedEvents.get(port);
  if (known !== undefined && known.table === events) return known.ids;
  const ids = port.channels.flatMap((ch) =>
    events.channelEvents(ch).filter((e) => hasPrefix(fieldsOf(events, e), prefix)),
  );
  prefixedEvents.set(port, { table: events, ids });
  return ids;
}

/** The JSON a receiver on `port` gets for `event`: the data after the channel and the port's index prefix. */
export function portEventJson(port: ScriptPort | undefined, events: EventTable, event: EventId): Json {
  if (port?.prefix === undefined) return eventJson(events, event);
  const fields = fieldsOf(events, event)?.slice(port.prefix.length) ?? [];
  if (fields.length === 0) return null;
  if (fields.length === 1) return valueToJson(fields[0]!);
  return fields.map(valueToJson);
}

/** The events a send of `value` on `port` means (one per attached channel), or why there is none. */
export function eventsForSend(port: ScriptPort, value: unknown, events: EventTable): EventId[] | string {
  const out: EventId[] = [];
  if (port.json && port.schema !== undefined) {
    const why = schemaMismatch(port.schema, value);
    if (why !== undefined)
      return `send on port "${port.name}": the payload does not match the channel's JSON Schema (${why})`;
  }
  for (const ch of port.channels) {
    const head = headText(port, ch);
    let text: string | undefined;
    if (port.json) {
      if (port.abstraction === undefined) text = head;
      else {
        const ctor = port.abstraction.rules.find((r) => matches(value, r.match))?.as ?? port.abstraction.fallback;
        if (ctor === undefined)
          return `send on port "${port.name}": ${JSON.stringify(value)} matches no abstraction rule of channel ${ch} and it has no fallback`;
        text = `${head}.${ctor}`;
      }
    } else if ((value === null || value === undefined) && events.parse(head) !== undefined) {
      // A channel without data (`ping`, or `done.i` for an indexed port): the event is the channel (and index) alone.
      text = head;
    } else {
      const v = jsonToCspmText(value);
      text = v === undefined ? undefined : `${head}.${v}`;
    }
    const e = text === undefined ? undefined : events.parse(text);
    if (e === undefined) {
      const at = port.prefix === undefined ? '' : ` at index ${showValue({ t: 'dot', items: port.prefix })}`;
      return `send on port "${port.name}": ${JSON.stringify(value)} is not a value of channel ${ch}'s type${at}`;
    }
    out.push(e);
  }
  return out;
}
