/**
 * Finite maps `(| k => v |)` and FDR's map built-ins (`mapFromList`,
 * `mapLookup`, `mapMember`, `mapToList`, `mapUpdate`, `mapUpdateMultiple`,
 * `mapDelete`, `emptyMap`, `Map(K, V)`). A map is a value like any other:
 * entries sorted by key, so equal maps have equal keys (and compare equal).
 */
import type { Span } from '../cspm/syntax/ast';
import { compareValues, keyOf, type MapValue, type SetValue, type Value } from '../csp/values';
import { fail } from './errors';
import { asSeq, short, typeName } from './value-ops';

export const EMPTY_MAP: MapValue = { t: 'map', entries: [] };

/** A map from entries; a later entry for the same key replaces an earlier one (as FDR's `mapFromList`). */
export function makeMap(entries: Iterable<readonly [Value, Value]>): MapValue {
  const byKey = new Map<string, readonly [Value, Value]>();
  for (const [k, v] of entries) byKey.set(keyOf(k), [k, v]);
  const out = [...byKey.values()].sort((a, b) => compareValues(a[0], b[0]));
  return { t: 'map', entries: out };
}

export function asMap(v: Value, span: Span): MapValue {
  if (typeof v !== 'object' || v.t !== 'map') return fail('CSP3008', span, { expected: 'a map', actual: typeName(v) });
  return v;
}

/** The value of `key`, or undefined. */
export function mapGet(m: MapValue, key: Value): Value | undefined {
  let lo = 0;
  let hi = m.entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareValues((m.entries[mid] as readonly [Value, Value])[0], key);
    if (c === 0) return (m.entries[mid] as readonly [Value, Value])[1];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

/** `<(k, v), ...>` as entries. */
export function pairsOf(v: Value, span: Span): (readonly [Value, Value])[] {
  return asSeq(v, span).items.map((x) => {
    if (typeof x !== 'object' || x.t !== 'tuple' || x.items.length !== 2) {
      return fail('CSP3008', span, { expected: 'a sequence of pairs (key, value)', actual: short(x) });
    }
    return [x.items[0] as Value, x.items[1] as Value] as const;
  });
}

/** Map(K, V) for finite K and V: every map from a subset of K to V (|V+1|^|K| maps). */
export function allMaps(keys: SetValue, values: SetValue, span: Span): Value[] {
  const total = Math.pow(values.items.length + 1, keys.items.length);
  if (total > 1 << 20) return fail('CSP3014', span, { fn: 'Map', problem: `${total} maps are too many to build` });
  let acc: (readonly [Value, Value])[][] = [[]];
  for (const k of keys.items) {
    const next: (readonly [Value, Value])[][] = [];
    for (const m of acc) {
      next.push(m);
      for (const v of values.items) next.push([...m, [k, v] as const]);
    }
    acc = next;
  }
  return acc.map((entries) => ({ t: 'map', entries }));
}
