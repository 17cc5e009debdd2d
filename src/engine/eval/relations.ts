/**
 * FDR's external functions on relations (sets of pairs): `transpose`,
 * `relational_image`, `relational_inverse_image` (both curried: the relation
 * first, then the point) and `mtransclose`.
 */
import type { Span } from '../cspm/syntax/ast';
import { compareValues, keyOf, makeSet, type FunctionValue, type SetValue, type Value } from '../csp/values';
import { fail } from './errors';
import { asSet, short } from './value-ops';

type Pair = readonly [Value, Value];

function pairs(v: Value, span: Span): Pair[] {
  return asSet(v, span).items.map((p) => {
    if (typeof p !== 'object' || p.t !== 'tuple' || p.items.length !== 2) {
      return fail('CSP3008', span, { expected: 'a set of pairs', actual: short(p) });
    }
    return [p.items[0] as Value, p.items[1] as Value] as const;
  });
}

const tuple = (a: Value, b: Value): Value => ({ t: 'tuple', items: [a, b] });

export function transpose(r: Value, span: Span): SetValue {
  return makeSet(pairs(r, span).map(([a, b]) => tuple(b, a)));
}

/** `relational_image(R)`: the function x ↦ {y | (x, y) <- R} (inverse: y ↦ {x | (x, y) <- R}). */
export function image(r: Value, span: Span, inverse: boolean): FunctionValue {
  const index = new Map<string, Value[]>();
  for (const [a, b] of pairs(r, span)) {
    const [from, to] = inverse ? [b, a] : [a, b];
    const list = index.get(keyOf(from));
    if (list === undefined) index.set(keyOf(from), [to]);
    else list.push(to);
  }
  const name = inverse ? 'relational_inverse_image' : 'relational_image';
  return { t: 'fn', name, arity: 1, call: ([x]) => makeSet(index.get(keyOf(x as Value)) ?? []) };
}

/**
 * `mtransclose(R, D)`: the equivalence classes that R (read both ways,
 * transitively) induces on D, each given as pairs (representative, other
 * member); the representative is the class's least value.
 */
export function mtransclose(r: Value, d: Value, span: Span): SetValue {
  const domain = asSet(d, span).items;
  const parent = new Map<string, string>();
  const valueOf = new Map<string, Value>();
  for (const v of domain) {
    parent.set(keyOf(v), keyOf(v));
    valueOf.set(keyOf(v), v);
  }
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let x = k; x !== root;) {
      const next = parent.get(x) as string;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const [a, b] of pairs(r, span)) {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (!parent.has(ka) || !parent.has(kb)) continue;
    const ra = find(ka);
    const rb = find(kb);
    if (ra === rb) continue;
    // Keep the least value as the root, so it is the representative.
    if (compareValues(valueOf.get(ra) as Value, valueOf.get(rb) as Value) <= 0) parent.set(rb, ra);
    else parent.set(ra, rb);
  }
  const out: Value[] = [];
  for (const v of domain) {
    const root = find(keyOf(v));
    if (root !== keyOf(v)) out.push(tuple(valueOf.get(root) as Value, v));
  }
  return makeSet(out);
}
