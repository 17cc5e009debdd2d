/**
 * The built-in functions of docs/cspm.md#built-in-functions (sets, sequences) as FunctionValues.
 * Process built-ins (STOP, SKIP, DIV, RUN, CHAOS), `Int`, `Bool`, `Events` and
 * the compression functions need the evaluator and live there.
 */
import type { Span } from '../cspm/syntax/ast';
import { compareValues, type FunctionValue, type SetValue, type Value } from '../csp/values';
import { fail } from './errors';
import { asCollection, asSeq, asSet, diff, EMPTY_SET, inter, setHas, setOf, union } from './value-ops';

type Impl = (args: readonly Value[], span: Span) => Value;

/** Largest set `Set(S)` will build (2^20 subsets). */
const MAX_POWERSET_BASE = 20;

const table: Record<string, [number, Impl]> = {
  union: [2, ([a, b], s) => union(asSet(a as Value, s), asSet(b as Value, s))],
  inter: [2, ([a, b], s) => inter(asSet(a as Value, s), asSet(b as Value, s))],
  diff: [2, ([a, b], s) => diff(asSet(a as Value, s), asSet(b as Value, s))],
  member: [2, ([x, a], s) => setHas(asSet(a as Value, s), x as Value)],
  card: [1, ([a], s) => asSet(a as Value, s).items.length],
  empty: [1, ([a], s) => asSet(a as Value, s).items.length === 0],
  Union: [
    1,
    ([a], s) => {
      const sets = asSet(a as Value, s).items.map((x) => asSet(x, s));
      return setOf(sets.flatMap((x) => x.items));
    },
  ],
  Inter: [
    1,
    ([a], s) => {
      const sets = asSet(a as Value, s).items.map((x) => asSet(x, s));
      if (sets.length === 0) return fail('CSP3014', s, { fn: 'Inter', problem: 'the intersection of no sets is infinite' });
      return sets.reduce((acc, x) => inter(acc, x));
    },
  ],
  Set: [
    1,
    ([a], s) => {
      const base = asSet(a as Value, s).items;
      if (base.length > MAX_POWERSET_BASE) {
        return fail('CSP3014', s, { fn: 'Set', problem: `the powerset of a ${base.length}-element set is too large to build` });
      }
      const subsets: SetValue[] = [];
      for (let mask = 0; mask < 1 << base.length; mask++) {
        subsets.push({ t: 'set', items: base.filter((_, i) => (mask >> i) & 1) });
      }
      return setOf(subsets);
    },
  ],
  Seq: [1, (_args, s) => fail('CSP3005', s, { set: 'Seq(...)', where: 'here (it contains sequences of every length)' })],
  seq: [1, ([a], s) => ({ t: 'seq', items: [...asSet(a as Value, s).items] })],
  set: [1, ([a], s) => setOf(asSeq(a as Value, s).items)],
  length: [1, ([a], s) => asSeq(a as Value, s).items.length],
  null: [1, ([a], s) => asSeq(a as Value, s).items.length === 0],
  head: [
    1,
    ([a], s) => {
      const q = asSeq(a as Value, s);
      return q.items.length === 0 ? fail('CSP3003', s, { fn: 'head' }) : (q.items[0] as Value);
    },
  ],
  tail: [
    1,
    ([a], s) => {
      const q = asSeq(a as Value, s);
      return q.items.length === 0 ? fail('CSP3003', s, { fn: 'tail' }) : { t: 'seq', items: q.items.slice(1) };
    },
  ],
  concat: [1, ([a], s) => ({ t: 'seq', items: asSeq(a as Value, s).items.flatMap((x) => asSeq(x, s).items) })],
  elem: [2, ([x, q], s) => asCollection(q as Value, s).some((y) => compareValues(x as Value, y) === 0)],
};

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
