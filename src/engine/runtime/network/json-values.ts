/**
 * CSPm values ⇄ JSON at the edge between code nodes and channels
 * (docs/workflow-semantics.md#data-on-channels): Int and Bool are numbers and booleans, a tuple is
 * {"$tuple":[…]}, a sequence an array, a set {"$set":[…]}, a datatype value
 * {"$c":"B","args":[…]}. An event `c.v1.v2` carries the fields after the
 * channel: no field is null (a bare event), one field is that value, several
 * are an array of them (a dotted value whose split into constructor and
 * arguments needs the declarations).
 */
import type { EventTable } from '../../csp/events';
import type { EventId } from '../../csp/terms';
import type { Value } from '../../csp/values';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function valueToJson(v: Value): Json {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  switch (v.t) {
    case 'tuple':
      return { $tuple: v.items.map(valueToJson) };
    case 'seq':
      return v.items.map(valueToJson);
    case 'set':
      return { $set: v.items.map(valueToJson) };
    case 'ctor':
      return { $c: v.name, args: [] };
    case 'dot': {
      const [head, ...rest] = v.items;
      if (head !== undefined && typeof head === 'object' && head.t === 'ctor')
        return { $c: head.name, args: rest.map(valueToJson) };
      return v.items.map(valueToJson);
    }
    case 'channel':
      return { $c: v.name, args: [] };
    case 'fn':
      return `<function ${v.name}>`;
    case 'proc':
      return '<process>';
    case 'char':
      return v.c;
    case 'map':
      return { $map: v.entries.map(([k, x]) => [valueToJson(k), valueToJson(x)]) };
    case 'iset':
    case 'lseq':
      return `<infinite ${v.t === 'iset' ? 'set' : 'sequence'}>`;
  }
}

/** The JSON an event carries to a receiver. */
export function eventJson(events: EventTable, e: EventId): Json {
  const v = events.value(e);
  if (v === undefined || typeof v !== 'object' || v.t !== 'dot') return null;
  const fields = v.items.slice(1);
  if (fields.length === 1) return valueToJson(fields[0]!);
  return fields.map(valueToJson);
}

/** CSPm text of a JSON value as an event field (for finding the event a send means); undefined if it has no CSPm form. */
export function jsonToCspmText(j: unknown): string | undefined {
  if (typeof j === 'number') return Number.isInteger(j) ? (j < 0 ? `(${j})` : String(j)) : undefined;
  if (typeof j === 'boolean') return String(j);
  if (typeof j === 'string') return /^[A-Za-z_][A-Za-z0-9_']*$/.test(j) ? j : undefined;
  if (Array.isArray(j)) {
    const parts = j.map(jsonToCspmText);
    return parts.some((p) => p === undefined) ? undefined : `<${parts.join(', ')}>`;
  }
  if (j !== null && typeof j === 'object') {
    const o = j as Record<string, unknown>;
    if (typeof o.$c === 'string') {
      const args = Array.isArray(o.args) ? o.args.map(jsonToCspmText) : [];
      return args.some((a) => a === undefined) ? undefined : [o.$c, ...args].join('.');
    }
    if (Array.isArray(o.$tuple)) {
      const parts = o.$tuple.map(jsonToCspmText);
      return parts.some((p) => p === undefined) ? undefined : `(${parts.join(', ')})`;
    }
  }
  return undefined;
}
