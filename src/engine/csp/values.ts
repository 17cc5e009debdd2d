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
  | ProcessValue
  | CharValue
  | MapValue
  | InfiniteSetValue
  | LazySeqValue;

export interface TupleValue {
  readonly t: 'tuple';
  readonly items: readonly Value[];
}
/** A dotted value `a.b.c`, flattened: items[0] is usually a constructor or channel. */
export interface DotValue {
  readonly t: 'dot';
  readonly items: readonly Value[];
}
export interface SetValue {
  readonly t: 'set';
  readonly items: readonly Value[]; /* sorted by compareValues, unique */
}
export interface SeqValue {
  readonly t: 'seq';
  readonly items: readonly Value[];
}
export interface CtorValue {
  readonly t: 'ctor';
  readonly name: string;
  readonly datatype: string;
  readonly index: number;
}
export interface ChannelValue {
  readonly t: 'channel';
  readonly name: string;
  readonly index: number;
}
export interface FunctionValue {
  readonly t: 'fn';
  readonly name: string;
  readonly arity: number;
  readonly call: (args: readonly Value[]) => Value;
}
export interface ProcessValue {
  readonly t: 'proc';
  readonly term: Term;
}
/** A character (`'c'`); strings are sequences of characters. `c` is one code point. */
export interface CharValue {
  readonly t: 'char';
  readonly c: string;
}
/** A finite map `(| k => v |)`: entries sorted by key (compareValues), keys unique. */
export interface MapValue {
  readonly t: 'map';
  readonly entries: readonly (readonly [Value, Value])[];
}

/**
 * An infinite set, kept symbolic: only membership, comparisons and the set
 * operations that stay describable are available (enumerating it is an
 * error). Integer sets are a sorted list of disjoint, non-adjacent intervals
 * (the last may be unbounded), so `diff({1..}, {1}) == {2..}` compares equal.
 */
export type InfiniteSetValue =
  | { readonly t: 'iset'; readonly kind: 'ints'; readonly intervals: readonly (readonly [number, number])[] }
  | { readonly t: 'iset'; readonly kind: 'chars' }
  /** Seq(S): every finite sequence over S. */
  | { readonly t: 'iset'; readonly kind: 'seqs'; readonly of: SetValue | InfiniteSetValue }
  /** Set(S) of an infinite S: every finite subset of S. */
  | { readonly t: 'iset'; readonly kind: 'sets'; readonly of: InfiniteSetValue }
  /** union, inter and diff of sets that have no interval form. */
  | {
      readonly t: 'iset';
      readonly kind: 'union' | 'inter' | 'diff';
      readonly a: SetValue | InfiniteSetValue;
      readonly b: SetValue | InfiniteSetValue;
    }
  /** Map(K, V) for infinite K or V: every finite map from K to V. */
  | {
      readonly t: 'iset';
      readonly kind: 'maps';
      readonly keys: SetValue | InfiniteSetValue;
      readonly values: SetValue | InfiniteSetValue;
    };

/**
 * An infinite sequence evaluated on demand (`<1..>`, a comprehension over
 * one, or one concatenated after a finite prefix): `at(i)` computes items up
 * to i once and keeps them. Its length is never known, so it cannot be
 * compared, counted or turned into a set.
 */
export interface LazySeqValue {
  readonly t: 'lseq';
  /** Identifies the sequence (for keys): sequences are compared by identity. */
  readonly id: number;
  /** Item i, or undefined past the end (a comprehension over an infinite sequence may still end). */
  at(i: number): Value | undefined;
  /** Short CSPm-like description for messages (`<1..>`). */
  readonly text: string;
}

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
  // Values are immutable: a compound value's key is built once (events and set members are keyed again and again).
  let key = keyCache.get(v);
  if (key === undefined) {
    key = computeKey(v);
    keyCache.set(v, key);
  }
  return key;
}

const keyCache = new WeakMap<object, string>();

function computeKey(v: Exclude<Value, number | boolean>): string {
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
    case 'char':
      return `'${v.c}'`;
    case 'map':
      return '(|' + v.entries.map(([k, x]) => `${keyOf(k)}=>${keyOf(x)}`).join(',') + '|)';
    case 'iset':
      return `{~${showValue(v)}}`;
    case 'lseq':
      return `<~${v.id}>`;
  }
}

function rank(v: Value): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 1;
  switch (v.t) {
    case 'char':
      return 2;
    case 'ctor':
      return 3;
    case 'channel':
      return 4;
    case 'dot':
      return 5;
    case 'tuple':
      return 6;
    case 'seq':
      return 7;
    case 'lseq':
      return 8;
    case 'set':
      return 9;
    case 'iset':
      return 10;
    case 'map':
      return 11;
    case 'fn':
      return 12;
    case 'proc':
      return 13;
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
    case 'char': {
      const x = a.c.codePointAt(0) ?? 0;
      const y = (b as CharValue).c.codePointAt(0) ?? 0;
      return x - y;
    }
    case 'map': {
      const o = (b as MapValue).entries;
      const n = Math.min(a.entries.length, o.length);
      for (let i = 0; i < n; i++) {
        const [ka, va] = a.entries[i] as readonly [Value, Value];
        const [kb, vb] = o[i] as readonly [Value, Value];
        const c = compareValues(ka, kb) || compareValues(va, vb);
        if (c !== 0) return c;
      }
      return a.entries.length - o.length;
    }
    case 'iset':
    case 'lseq': {
      // No useful order: a stable one by key keeps sets of them well defined.
      const ka = keyOf(a);
      const kb = keyOf(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }
  }
}

export function valuesEqual(a: Value, b: Value): boolean {
  return a === b || keyOf(a) === keyOf(b);
}

/** A set value from any values: sorted by compareValues, duplicates removed. */
export function makeSet(items: Iterable<Value>): SetValue {
  const list = [...items];
  // Already strictly ascending (a channel's events, a range, a set's own items): nothing to do.
  let ascending = true;
  for (let i = 1; i < list.length && ascending; i++)
    ascending = compareValues(list[i - 1] as Value, list[i] as Value) < 0;
  if (ascending) return { t: 'set', items: list };
  list.sort(compareValues);
  const out: Value[] = [];
  for (const v of list) {
    const prev = out[out.length - 1];
    if (prev === undefined || compareValues(prev, v) !== 0) out.push(v);
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
      if (v.items.length > 0 && v.items.every((x) => typeof x === 'object' && x.t === 'char')) {
        return JSON.stringify(v.items.map((x) => (x as CharValue).c).join(''));
      }
      return '<' + v.items.map(showValue).join(', ') + '>';
    case 'ctor':
    case 'channel':
      return v.name;
    case 'fn':
      return v.name === '' ? '<function>' : v.name;
    case 'proc':
      return `<process #${v.term.id}>`;
    case 'char':
      return v.c === "'" || v.c === '\\' ? `'\\${v.c}'` : `'${v.c}'`;
    case 'map':
      return v.entries.length === 0
        ? '(| |)'
        : `(| ${v.entries.map(([k, x]) => `${showValue(k)} => ${showValue(x)}`).join(', ')} |)`;
    case 'iset':
      return showInfiniteSet(v);
    case 'lseq':
      return v.text;
  }
}

function showInfiniteSet(v: InfiniteSetValue): string {
  const set = (s: SetValue | InfiniteSetValue): string => showValue(s);
  switch (v.kind) {
    case 'ints': {
      const parts = v.intervals.map(([lo, hi]) =>
        hi === Infinity ? (lo <= -2147483648 ? 'Int' : `{${lo}..}`) : lo === hi ? `{${lo}}` : `{${lo}..${hi}}`,
      );
      return parts.length === 1 ? (parts[0] as string) : `Union({${parts.join(', ')}})`;
    }
    case 'chars':
      return 'Char';
    case 'seqs':
      return `Seq(${set(v.of)})`;
    case 'sets':
      return `Set(${set(v.of)})`;
    case 'maps':
      return `Map(${set(v.keys)}, ${set(v.values)})`;
    case 'union':
    case 'inter':
    case 'diff':
      return `${v.kind}(${set(v.a)}, ${set(v.b)})`;
  }
}
