/**
 * Values of the CSPm functional language. Int and Bool are JS numbers and
 * booleans; everything else is a tagged object. `keyOf` gives a canonical string
 * for hashing and set membership; `compareValues` is the canonical order used to
 * sort sets (and so the `{"$set": [...]}` JSON form and event declaration order).
 *
 * Owned by the evaluator; extend here, keep the tags stable.
 */
import type { Term } from './terms';

export type Value =
  | number
  | boolean
  | TupleValue
  | DotValue
  | SetValue
  | SeqValue
  | CtorValue
  | ChannelValue
  | FunctionValue
  | ProcessValue;

export interface TupleValue { readonly t: 'tuple'; readonly items: readonly Value[] }
/** A dotted value `a.b.c`, flattened: items[0] is usually a constructor or channel. */
export interface DotValue { readonly t: 'dot'; readonly items: readonly Value[] }
export interface SetValue { readonly t: 'set'; readonly items: readonly Value[] /* sorted by compareValues, unique */ }
export interface SeqValue { readonly t: 'seq'; readonly items: readonly Value[] }
export interface CtorValue { readonly t: 'ctor'; readonly name: string; readonly datatype: string; readonly index: number }
export interface ChannelValue { readonly t: 'channel'; readonly name: string; readonly index: number }
export interface FunctionValue {
  readonly t: 'fn';
  readonly name: string;
  readonly arity: number;
  readonly call: (args: readonly Value[]) => Value;
}
export interface ProcessValue { readonly t: 'proc'; readonly term: Term }

// ---------------------------------------------------------------------------
// Canonical keys, order and CSPm text of values.

const fnIds = new WeakMap<FunctionValue, number>();
let nextFnId = 0;
function fnId(f: FunctionValue): number {
  let id = fnIds.get(f);
  if (id === undefined) {
    id = nextFnId++;
    fnIds.set(f, id);
  }
  return id;
}

/**
 * Canonical string of a value: equal values ⇔ equal keys. Used for hashing
 * (event interning, call keys, set membership). Functions compare by identity.
 */
export function keyOf(v: Value): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  switch (v.t) {
    case 'tuple':
      return '(' + v.items.map(keyOf).join(',') + ')';
    case 'dot':
      return v.items.map(keyOf).join('.');
    case 'set':
      return '{' + v.items.map(keyOf).join(',') + '}';
    case 'seq':
      return '<' + v.items.map(keyOf).join(',') + '>';
    case 'ctor':
      return v.name;
    case 'channel':
      return v.name;
    case 'fn':
      return `\\${v.name}#${fnId(v)}`;
    case 'proc':
      return `@${v.term.id}`;
  }
}

function rank(v: Value): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 1;
  switch (v.t) {
    case 'ctor':
      return 2;
    case 'channel':
      return 3;
    case 'dot':
      return 4;
    case 'tuple':
      return 5;
    case 'seq':
      return 6;
    case 'set':
      return 7;
    case 'fn':
      return 8;
    case 'proc':
      return 9;
  }
}

function compareLists(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] as Value, b[i] as Value);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * Total order on values: numbers ascending, false < true, constructors and
 * channels by declaration index, compound values lexicographically. Sets are
 * sorted with it, so `{| c |}` enumerates in declaration order.
 */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'boolean') return (a ? 1 : 0) - ((b as boolean) ? 1 : 0);
  switch (a.t) {
    case 'ctor': {
      const o = b as CtorValue;
      return a.datatype === o.datatype ? a.index - o.index : a.datatype < o.datatype ? -1 : 1;
    }
    case 'channel':
      return a.index - (b as ChannelValue).index;
    case 'dot':
    case 'tuple':
    case 'seq':
    case 'set':
      return compareLists(a.items, (b as typeof a).items);
    case 'fn':
      return fnId(a) - fnId(b as FunctionValue);
    case 'proc':
      return a.term.id - (b as ProcessValue).term.id;
  }
}

export function valuesEqual(a: Value, b: Value): boolean {
  return a === b || keyOf(a) === keyOf(b);
}

/** A set value from any values: sorted by compareValues, duplicates removed. */
export function makeSet(items: Iterable<Value>): SetValue {
  const sorted = [...items].sort(compareValues);
  const out: Value[] = [];
  let prevKey: string | undefined;
  for (const v of sorted) {
    const k = keyOf(v);
    if (k !== prevKey) out.push(v);
    prevKey = k;
  }
  return { t: 'set', items: out };
}

/** CSPm text of a value, as a user would write it (`c.B.2`, `(1,true)`, `{0,1}`, `<1,2>`). */
export function showValue(v: Value): string {
  if (typeof v === 'number') return v < 0 ? `-${-v}` : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  switch (v.t) {
    case 'tuple':
      return '(' + v.items.map(showValue).join(', ') + ')';
    case 'dot':
      return v.items.map((x) => (typeof x === 'number' && x < 0 ? `(${x})` : showValue(x))).join('.');
    case 'set':
      return '{' + v.items.map(showValue).join(', ') + '}';
    case 'seq':
      return '<' + v.items.map(showValue).join(', ') + '>';
    case 'ctor':
    case 'channel':
      return v.name;
    case 'fn':
      return v.name === '' ? '<function>' : v.name;
    case 'proc':
      return `<process #${v.term.id}>`;
  }
}
