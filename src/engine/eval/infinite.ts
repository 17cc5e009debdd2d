/**
 * Infinite sets (`Int`, `{n..}`, `Char`, `Seq(S)`, `Set(Int)`, `Map(Int, S)`)
 * kept symbolic, as FDR does: membership, the set operations and the subset
 * order work; enumerating one (a generator, `card`, a channel type) is
 * CSP3005. Sets of integers are unions of intervals in a canonical form
 * (sorted, disjoint, not adjacent), so `diff({1..}, {1}) == {2..}` holds by
 * plain value equality. Anything else without a finite form stays a symbolic
 * union, intersection or difference (membership only).
 */
import type { Span } from '../cspm/syntax/ast';
import { compareValues, makeSet, type InfiniteSetValue, type SetValue, type Value } from '../csp/values';
import { fail } from './errors';
import { INT_MIN, short } from './value-ops';

export type AnySet = SetValue | InfiniteSetValue;
type Interval = readonly [number, number];

/** Interval lists up to this many integers become finite sets. */
const MAX_FINITE = 1 << 16;

export const CHARS: InfiniteSetValue = { t: 'iset', kind: 'chars' };

export function isSetValue(v: Value): v is AnySet {
  return typeof v === 'object' && (v.t === 'set' || v.t === 'iset');
}

export function asAnySet(v: Value, span: Span): AnySet {
  if (isSetValue(v)) return v;
  return fail('CSP3008', span, { expected: 'a set', actual: short(v) });
}

/** `{from..}` (with `from` at the smallest integer: `Int`). */
export function intsFrom(from: number): InfiniteSetValue {
  return { t: 'iset', kind: 'ints', intervals: [[from, Infinity]] };
}

export const ALL_INTS = intsFrom(INT_MIN);

/** Canonical intervals → a value: small bounded lists become finite sets. */
function fromIntervals(list: readonly Interval[]): AnySet {
  const merged: [number, number][] = [];
  for (const [lo, hi] of [...list].filter(([lo, hi]) => lo <= hi && lo !== Infinity).sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  const size = merged.reduce((n, [lo, hi]) => n + (hi - lo + 1), 0);
  if (size <= MAX_FINITE) {
    const items: number[] = [];
    for (const [lo, hi] of merged) for (let i = lo; i <= hi; i++) items.push(i);
    return { t: 'set', items };
  }
  return { t: 'iset', kind: 'ints', intervals: merged };
}

/** The intervals of a set of integers, or undefined when it holds anything else. */
function intervalsOf(s: AnySet): Interval[] | undefined {
  if (s.t === 'iset') return s.kind === 'ints' ? [...s.intervals] : undefined;
  if (!s.items.every((x) => typeof x === 'number')) return undefined;
  return (s.items as number[]).map((x) => [x, x] as const);
}

export function member(x: Value, s: AnySet): boolean {
  if (s.t === 'set') return s.items.some((y) => compareValues(x, y) === 0);
  switch (s.kind) {
    case 'ints':
      return typeof x === 'number' && s.intervals.some(([lo, hi]) => x >= lo && x <= hi);
    case 'chars':
      return typeof x === 'object' && x.t === 'char';
    case 'seqs':
      return typeof x === 'object' && x.t === 'seq' && x.items.every((y) => member(y, s.of));
    case 'sets':
      return typeof x === 'object' && x.t === 'set' && x.items.every((y) => member(y, s.of));
    case 'maps':
      return (
        typeof x === 'object' && x.t === 'map' && x.entries.every(([k, v]) => member(k, s.keys) && member(v, s.values))
      );
    case 'union':
      return member(x, s.a) || member(x, s.b);
    case 'inter':
      return member(x, s.a) && member(x, s.b);
    case 'diff':
      return member(x, s.a) && !member(x, s.b);
  }
}

export function union(a: AnySet, b: AnySet): AnySet {
  if (a.t === 'set' && b.t === 'set') return makeSet([...a.items, ...b.items]);
  if (a.t === 'set' && a.items.length === 0) return b;
  if (b.t === 'set' && b.items.length === 0) return a;
  const ia = intervalsOf(a);
  const ib = intervalsOf(b);
  if (ia !== undefined && ib !== undefined) return fromIntervals([...ia, ...ib]);
  return { t: 'iset', kind: 'union', a, b };
}

/** `Union(S)`: the finite sets' items sorted once (a fold of `union` re-sorts the growing result for every set: O(n²)). */
export function unionAll(all: readonly AnySet[]): AnySet {
  const finite: Value[] = [];
  const infinite: AnySet[] = [];
  for (const x of all) {
    if (x.t === 'set') for (const v of x.items) finite.push(v);
    else infinite.push(x);
  }
  return infinite.reduce<AnySet>((acc, x) => union(acc, x), makeSet(finite));
}

export function inter(a: AnySet, b: AnySet): AnySet {
  if (a.t === 'set') return { t: 'set', items: a.items.filter((x) => member(x, b)) };
  if (b.t === 'set') return { t: 'set', items: b.items.filter((x) => member(x, a)) };
  const ia = intervalsOf(a);
  const ib = intervalsOf(b);
  if (ia !== undefined && ib !== undefined) {
    const out: Interval[] = [];
    for (const [l1, h1] of ia) for (const [l2, h2] of ib) out.push([Math.max(l1, l2), Math.min(h1, h2)]);
    return fromIntervals(out);
  }
  return { t: 'iset', kind: 'inter', a, b };
}

export function diff(a: AnySet, b: AnySet): AnySet {
  if (a.t === 'set') return { t: 'set', items: a.items.filter((x) => !member(x, b)) };
  const ia = intervalsOf(a);
  const ib = intervalsOf(b);
  if (ia !== undefined && ib !== undefined) {
    let rest: Interval[] = ia;
    for (const [lo, hi] of ib) {
      rest = rest.flatMap(([l, h]): Interval[] => [
        [l, Math.min(h, lo - 1)],
        [Math.max(l, hi + 1), h],
      ]);
    }
    return fromIntervals(rest);
  }
  if (ia !== undefined && b.t === 'iset' && b.kind !== 'union' && b.kind !== 'inter' && b.kind !== 'diff') {
    // Integers minus characters, sequences, ...: nothing is removed.
    return a;
  }
  return { t: 'iset', kind: 'diff', a, b };
}

/** a ⊆ b, or undefined when that cannot be decided for these symbolic sets. */
export function subset(a: AnySet, b: AnySet): boolean | undefined {
  if (a.t === 'set') return a.items.every((x) => member(x, b));
  const ia = intervalsOf(a);
  const ib = intervalsOf(b);
  if (ia !== undefined && ib !== undefined) return ia.every(([lo, hi]) => ib.some(([l, h]) => lo >= l && hi <= h));
  if (b.t === 'set') return false;
  if (compareValues(a, b) === 0) return true;
  return undefined;
}

/** `Seq(S)`: every finite sequence over S (always infinite). */
export function seqsOf(s: AnySet): InfiniteSetValue {
  return { t: 'iset', kind: 'seqs', of: s };
}
