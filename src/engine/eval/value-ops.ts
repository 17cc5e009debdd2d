/**
 * Operations on runtime values with precise errors: type assertions (`asInt`
 * etc. name what was expected and what was found, at the expression's span),
 * 32-bit integer arithmetic, sets, and dotted values (always kept flat:
 * `c.(B.1)` and `c.B.1` are the same value).
 */
import type { Span } from '../cspm/syntax/ast';
import {
  keyOf,
  makeSet,
  showValue,
  type DotValue,
  type LazySeqValue,
  type SeqValue,
  type SetValue,
  type Value,
} from '../csp/values';
import { fail } from './errors';

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

export function typeName(v: Value): string {
  if (typeof v === 'number') return `the integer ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  switch (v.t) {
    case 'tuple':
      return `the tuple ${short(v)}`;
    case 'dot':
      return `the dotted value ${short(v)}`;
    case 'set':
      return `the set ${short(v)}`;
    case 'seq':
      return `the sequence ${short(v)}`;
    case 'ctor':
      return `the constructor ${v.name}`;
    case 'channel':
      return `the channel ${v.name}`;
    case 'fn':
      return `a function`;
    case 'proc':
      return 'a process';
    case 'char':
      return `the character ${short(v)}`;
    case 'map':
      return `the map ${short(v)}`;
    case 'iset':
      return `the infinite set ${short(v)}`;
    case 'lseq':
      return `the infinite sequence ${short(v)}`;
  }
}

/** A value's text, cut to a readable length for messages. */
export function short(v: Value): string {
  const s = showValue(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

export function asInt(v: Value, span: Span): number {
  if (typeof v !== 'number') return fail('CSP3008', span, { expected: 'an integer', actual: typeName(v) });
  return v;
}

export function asBool(v: Value, span: Span): boolean {
  if (typeof v !== 'boolean') return fail('CSP3008', span, { expected: 'a boolean', actual: typeName(v) });
  return v;
}

export function asSet(v: Value, span: Span): SetValue {
  if (typeof v === 'object' && v.t === 'iset') return fail('CSP3005', span, { set: short(v), where: 'here' });
  if (typeof v !== 'object' || v.t !== 'set') return fail('CSP3008', span, { expected: 'a set', actual: typeName(v) });
  return v;
}

export function asSeq(v: Value, span: Span): SeqValue {
  if (typeof v === 'object' && v.t === 'lseq')
    return fail('CSP3005', span, { set: v.text, where: 'here (the sequence never ends)' });
  if (typeof v !== 'object' || v.t !== 'seq')
    return fail('CSP3008', span, { expected: 'a sequence', actual: typeName(v) });
  return v;
}

/** A sequence, finite or lazy (for the operations that look at a few items only). */
export function asAnySeq(v: Value, span: Span): SeqValue | LazySeqValue {
  if (typeof v === 'object' && (v.t === 'seq' || v.t === 'lseq')) return v;
  return fail('CSP3008', span, { expected: 'a sequence', actual: typeName(v) });
}

/** Items of a set or a sequence, for generators (`x <- S` accepts both). */
export function asCollection(v: Value, span: Span): readonly Value[] {
  if (typeof v === 'object' && (v.t === 'set' || v.t === 'seq')) return v.items;
  if (typeof v === 'object' && (v.t === 'iset' || v.t === 'lseq'))
    return fail('CSP3005', span, { set: short(v), where: 'here' });
  return fail('CSP3008', span, { expected: 'a set or a sequence', actual: typeName(v) });
}

/** Checks the 32-bit range FDR uses. */
export function checkInt(result: number, span: Span, expr: () => string): number {
  if (result < INT_MIN || result > INT_MAX || !Number.isFinite(result)) {
    // The expression's text is built only for the error: arithmetic is a hot path.
    return fail('CSP3002', span, { expr: expr(), value: String(result) });
  }
  return result;
}

/** Flatten dotted components into one value (a single component is itself). */
export function dot(parts: readonly Value[]): Value {
  const items: Value[] = [];
  for (const p of parts) {
    if (typeof p === 'object' && p.t === 'dot') items.push(...p.items);
    else items.push(p);
  }
  if (items.length === 1) return items[0] as Value;
  return { t: 'dot', items } satisfies DotValue;
}

/** The flat components of a value (`c.1.2` → [c, 1, 2]; `5` → [5]). */
export function dotItems(v: Value): readonly Value[] {
  return typeof v === 'object' && v.t === 'dot' ? v.items : [v];
}

export const EMPTY_SET: SetValue = { t: 'set', items: [] };

export function setOf(items: Iterable<Value>): SetValue {
  return makeSet(items);
}

const memberCache = new WeakMap<SetValue, Set<string>>();

export function setHas(s: SetValue, v: Value): boolean {
  let keys = memberCache.get(s);
  if (keys === undefined) {
    keys = new Set(s.items.map(keyOf));
    memberCache.set(s, keys);
  }
  return keys.has(keyOf(v));
}

export function union(a: SetValue, b: SetValue): SetValue {
  if (a.items.length === 0) return b;
  if (b.items.length === 0) return a;
  return makeSet([...a.items, ...b.items]);
}

export function inter(a: SetValue, b: SetValue): SetValue {
  return { t: 'set', items: a.items.filter((x) => setHas(b, x)) };
}

export function diff(a: SetValue, b: SetValue): SetValue {
  return { t: 'set', items: a.items.filter((x) => !setHas(b, x)) };
}

/** Every combination, in order, of one value from each set (dotted together). */
export function dotProduct(sets: readonly (readonly Value[])[], head: readonly Value[] = []): Value[] {
  let acc: Value[][] = [[...head]];
  for (const s of sets) {
    const next: Value[][] = [];
    for (const prefix of acc) for (const v of s) next.push([...prefix, v]);
    acc = next;
  }
  return acc.map((parts) => dot(parts));
}
