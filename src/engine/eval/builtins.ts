/**
 * The built-in functions of docs/cspm.md#built-in-functions (sets, sequences) as FunctionValues.
 * Process built-ins (STOP, SKIP, DIV, RUN, CHAOS), `Int`, `Bool`, `Events` and
 * the compression functions need the evaluator and live there.
 */
import type { Span } from '../cspm/syntax/ast';
import {
  compareValues,
  showValue,
  type FunctionValue,
  type LazySeqValue,
  type SeqValue,
  type SetValue,
  type Value,
} from '../csp/values';
import { fail } from './errors';
import { allMaps, asMap, makeMap, mapGet, pairsOf } from './maps';
import { image, mtransclose, transpose } from './relations';
import { stringValue } from './strings';
import * as sets from './infinite';
import { asAnySet, type AnySet } from './infinite';
import { drop, itemsOf } from './lazy';
import { asAnySeq, asCollection, asSeq, asSet, EMPTY_SET, setHas, setOf, short } from './value-ops';

type Impl = (args: readonly Value[], span: Span) => Value;

/** Largest set `Set(S)` will build (2^20 subsets). */
const MAX_POWERSET_BASE = 20;

const table: Record<string, [number, Impl]> = {
  union: [2, ([a, b], s) => sets.union(asAnySet(a as Value, s), asAnySet(b as Value, s))],
  inter: [2, ([a, b], s) => sets.inter(asAnySet(a as Value, s), asAnySet(b as Value, s))],
  diff: [2, ([a, b], s) => sets.diff(asAnySet(a as Value, s), asAnySet(b as Value, s))],
  member: [2, ([x, a], s) => memberOf(x as Value, asAnySet(a as Value, s))],
  card: [1, ([a], s) => asSet(a as Value, s).items.length],
  // Every infinite set FDR has is non-empty (Int, {n..}, Char, Seq(S) holds <>) unless built by inter/diff.
  empty: [1, ([a], s) => emptySet(asAnySet(a as Value, s), s)],
  Union: [1, ([a], s) => sets.unionAll(asSet(a as Value, s).items.map((x) => asAnySet(x, s)))],
  Inter: [
    1,
    ([a], s) => {
      const all = asSet(a as Value, s).items.map((x) => asAnySet(x, s));
      if (all.length === 0)
        return fail('CSP3014', s, { fn: 'Inter', problem: 'the intersection of no sets is infinite' });
      return all.reduce((acc, x) => sets.inter(acc, x));
    },
  ],
  Set: [
    1,
    ([a], s) => {
      const v = asAnySet(a as Value, s);
      if (v.t === 'iset') return { t: 'iset', kind: 'sets', of: v };
      const base = v.items;
      if (base.length > MAX_POWERSET_BASE) {
        return fail('CSP3014', s, {
          fn: 'Set',
          problem: `the powerset of a ${base.length}-element set is too large to build`,
        });
      }
      const subsets: SetValue[] = [];
      for (let mask = 0; mask < 1 << base.length; mask++) {
        subsets.push({ t: 'set', items: base.filter((_, i) => (mask >> i) & 1) });
      }
      return setOf(subsets);
    },
  ],
  Seq: [1, ([a], s) => sets.seqsOf(asAnySet(a as Value, s))],
  seq: [1, ([a], s) => ({ t: 'seq', items: [...asSet(a as Value, s).items] })],
  set: [1, ([a], s) => setOf(asSeq(a as Value, s).items)],
  length: [1, ([a], s) => asSeq(a as Value, s).items.length],
  // null, head, tail and elem look at the first items only: they work on lazy sequences too.
  null: [1, ([a], s) => firstOf(asAnySeq(a as Value, s)) === undefined],
  head: [1, ([a], s) => firstOf(asAnySeq(a as Value, s)) ?? fail('CSP3003', s, { fn: 'head' })],
  tail: [
    1,
    ([a], s) => {
      const q = asAnySeq(a as Value, s);
      if (firstOf(q) === undefined) return fail('CSP3003', s, { fn: 'tail' });
      return q.t === 'lseq' ? drop(q, 1) : { t: 'seq', items: q.items.slice(1) };
    },
  ],
  concat: [1, ([a], s) => ({ t: 'seq', items: asSeq(a as Value, s).items.flatMap((x) => asSeq(x, s).items) })],
  elem: [
    2,
    ([x, q], s) => {
      const v = q as Value;
      if (typeof v === 'object' && v.t === 'lseq') {
        for (const y of itemsOf(v)) if (compareValues(x as Value, y) === 0) return true;
        return false;
      }
      return asCollection(v, s).some((y) => compareValues(x as Value, y) === 0);
    },
  ],
  show: [1, ([x]) => stringValue(showValue(x as Value))],
  error: [1, ([m], s) => fail('CSP3018', s, { message: textOf(m as Value, s) })],
  // Maps.
  mapFromList: [1, ([l], s) => makeMap(pairsOf(l as Value, s))],
  mapToList: [
    1,
    ([m], s) => ({
      t: 'seq',
      items: asMap(m as Value, s).entries.map(([k, v]) => ({ t: 'tuple' as const, items: [k, v] })),
    }),
  ],
  mapLookup: [
    2,
    ([m, k], s) =>
      mapGet(asMap(m as Value, s), k as Value) ??
      fail('CSP3014', s, { fn: 'mapLookup', problem: `the key ${short(k as Value)} is not in the map` }),
  ],
  mapMember: [2, ([m, k], s) => mapGet(asMap(m as Value, s), k as Value) !== undefined],
  mapUpdate: [3, ([m, k, v], s) => makeMap([...asMap(m as Value, s).entries, [k as Value, v as Value]])],
  mapUpdateMultiple: [2, ([m, l], s) => makeMap([...asMap(m as Value, s).entries, ...pairsOf(l as Value, s)])],
  mapDelete: [
    2,
    ([m, k], s) => ({
      t: 'map',
      entries: asMap(m as Value, s).entries.filter(([x]) => compareValues(x, k as Value) !== 0),
    }),
  ],
  Map: [
    2,
    ([k, v], s) => {
      const keys = asAnySet(k as Value, s);
      const values = asAnySet(v as Value, s);
      if (keys.t === 'iset' || values.t === 'iset') return { t: 'iset', kind: 'maps', keys, values };
      return setOf(allMaps(keys, values, s));
    },
  ],
  // Relations (FDR's external functions).
  transpose: [1, ([r], s) => transpose(r as Value, s)],
  relational_image: [1, ([r], s) => image(r as Value, s, false)],
  relational_inverse_image: [1, ([r], s) => image(r as Value, s, true)],
  mtransclose: [2, ([r, d], s) => mtransclose(r as Value, d as Value, s)],
};

function firstOf(q: SeqValue | LazySeqValue): Value | undefined {
  return q.t === 'seq' ? q.items[0] : q.at(0);
}

function memberOf(x: Value, set: AnySet): boolean {
  return set.t === 'set' ? setHas(set, x) : sets.member(x, set);
}

function emptySet(set: AnySet, span: Span): boolean {
  if (set.t === 'set') return set.items.length === 0;
  if (set.kind === 'inter' || set.kind === 'diff') {
    return fail('CSP3005', span, { set: short(set), where: 'to decide whether it is empty' });
  }
  return false;
}

/** A string's text (a sequence of characters), for `error`. */
function textOf(v: Value, span: Span): string {
  return asSeq(v, span)
    .items.map((c) => (typeof c === 'object' && c.t === 'char' ? c.c : showValue(c)))
    .join('');
}

export const BUILTIN_NAMES: readonly string[] = Object.keys(table);

/** The built-in function `name`, bound to a span for its errors; undefined if not a built-in. */
export function builtin(name: string, span: Span): FunctionValue | undefined {
  const entry = table[name];
  if (entry === undefined) return undefined;
  const [arity, impl] = entry;
  return {
    t: 'fn',
    name,
    arity,
    call: (args) => {
      if (args.length !== arity) {
        return fail('CSP3014', span, { fn: name, problem: `takes ${arity} argument(s), given ${args.length}` });
      }
      return impl(args, span);
    },
  };
}

export { EMPTY_SET };
