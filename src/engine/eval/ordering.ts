/**
 * CSPm's `<`, `<=`, `>`, `>=` (FDR's ordering, a partial order on most
 * types): numbers and characters by value, booleans false < true, tuples
 * lexicographically, sequences by prefix (`<1> < <1, 2>`, while `<1>` and
 * `<2>` are incomparable), sets by inclusion (infinite ones included), maps
 * by sub-map with smaller-or-equal values. Other values only compare equal.
 */
import type { Span } from '../cspm/syntax/ast';
import { compareValues, type Value } from '../csp/values';
import { fail } from './errors';
import { subset, type AnySet } from './infinite';
import { mapGet } from './maps';
import { short } from './value-ops';

/** -1, 0 or 1 when comparable, undefined otherwise. */
export function partialOrder(a: Value, b: Value, span: Span): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Math.sign(Number(a) - Number(b));
  if (typeof a !== 'object' || typeof b !== 'object') return compareValues(a, b) === 0 ? 0 : undefined;
  if (a.t === 'char' && b.t === 'char') return Math.sign(compareValues(a, b));
  if (a.t === 'tuple' && b.t === 'tuple') return Math.sign(compareValues(a, b));
  if (a.t === 'seq' && b.t === 'seq') {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) if (compareValues(a.items[i] as Value, b.items[i] as Value) !== 0) return undefined;
    return Math.sign(a.items.length - b.items.length);
  }
  if ((a.t === 'set' || a.t === 'iset') && (b.t === 'set' || b.t === 'iset')) {
    const ab = decide(subset(a, b), a, b, span);
    const ba = decide(subset(b as AnySet, a as AnySet), b, a, span);
    return ab && ba ? 0 : ab ? -1 : ba ? 1 : undefined;
  }
  if (a.t === 'map' && b.t === 'map') {
    if (compareValues(a, b) === 0) return 0;
    const below = (x: typeof a, y: typeof b): boolean =>
      x.entries.every(([k, v]) => {
        const w = mapGet(y, k);
        const c = w === undefined ? undefined : partialOrder(v, w, span);
        return c === -1 || c === 0;
      });
    return below(a, b) ? -1 : below(b, a) ? 1 : undefined;
  }
  return compareValues(a, b) === 0 ? 0 : undefined;
}

function decide(r: boolean | undefined, a: Value, b: Value, span: Span): boolean {
  if (r !== undefined) return r;
  return fail('CSP3005', span, { set: short(a), where: `to decide whether it is a subset of ${short(b)}` });
}

/** `l op r` for the comparison operators. */
export function compare(op: '<' | '>' | '<=' | '>=', l: Value, r: Value, span: Span): boolean {
  const c = partialOrder(l, r, span);
  if (c === undefined) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
  }
}
