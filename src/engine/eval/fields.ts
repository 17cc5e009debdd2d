/**
 * FDR refuses to build a dotted value whose field is outside the field set
 * its channel or constructor declares (`c.2` for `channel c : {0..1}`,
 * `X.2` for `datatype Y = X.{0..1}`). Checked when a dotted value is built,
 * for fields whose set holds plain values (numbers, booleans, characters,
 * constructors without fields); dotted field sets are left to the event
 * lookup, which reports values outside a channel's type on use.
 */
import type { Expr, Span } from '../cspm/syntax/ast';
import type { SetValue, Value } from '../csp/values';
import { fail } from './errors';
import type { Evaluator } from './evaluator';
import { componentEnd } from './patterns';
import { dot, dotItems, setHas, short } from './value-ops';

const fieldSetCache = new WeakMap<object, readonly (FieldSet | null)[]>();

/** `v` itself, once its declared fields are checked. */
export function checkFields(ev: Evaluator, v: Value, span: Span): Value {
  const items = dotItems(v);
  const head = items[0];
  if (items.length < 2 || typeof head !== 'object') return v;
  if (head.t !== 'ctor' && head.t !== 'channel') return v;
  const name = head.name;
  const decl = head.t === 'ctor' ? ev.ctors.get(name) : ev.channels.get(name);
  if (decl === undefined) return v;
  const sets = fieldSets(ev, decl, decl.fields);
  let pos = 1;
  for (let k = 0; k < sets.length && pos < items.length; k++) {
    const field = sets[k];
    // A field set we cannot split values by (dotted events, ...): stop here.
    if (field === null || field === undefined) return v;
    // A value still being built (`X.A.0` of `X.A.0.1`) is checked once complete.
    if (field.compound && partial(ev, items, pos)) return v;
    const end = field.compound ? componentEnd(ev, items, pos) : pos + 1;
    const item = dot(items.slice(pos, end));
    if (!setHas(field.set, item))
      return fail('CSP3019', span, { value: short(item), index: k + 1, name, set: short(field.set) });
    pos = end;
  }
  return v;
}

interface FieldSet {
  readonly set: SetValue;
  /** Its values are constructors with fields (`A.0.1`): a field spans the constructor's items. */
  readonly compound: boolean;
}

/** Each field's set when its values are plain or constructor values (null otherwise, or when it cannot be computed). */
function fieldSets(ev: Evaluator, key: object, fields: readonly Expr[]): readonly (FieldSet | null)[] {
  let sets = fieldSetCache.get(key);
  if (sets === undefined) {
    sets = fields.map((f) => {
      try {
        const set = ev.typeSet(f, ev.globals);
        if (set.items.every((x) => plain(ev, x))) return { set, compound: false };
        if (set.items.every((x) => ctorValue(ev, x))) return { set, compound: true };
        return null;
      } catch {
        // An infinite or broken type is reported where it is declared or used.
        return null;
      }
    });
    fieldSetCache.set(key, sets);
  }
  return sets;
}

function plain(ev: Evaluator, x: Value): boolean {
  if (typeof x !== 'object') return true;
  if (x.t === 'char') return true;
  return x.t === 'ctor' && ev.arity(x) === 0;
}

/** A complete constructor value with fields, `A.0.1`. */
function ctorValue(ev: Evaluator, x: Value): boolean {
  if (plain(ev, x)) return true;
  const items = dotItems(x);
  const head = items[0];
  return (
    typeof x === 'object' &&
    x.t === 'dot' &&
    typeof head === 'object' &&
    head.t === 'ctor' &&
    componentEnd(ev, items, 0) === items.length
  );
}

/** Whether the value at pos lacks some of its fields, at any depth (it runs past the end of the items). */
function partial(ev: Evaluator, items: readonly Value[], pos: number): boolean {
  return completeEnd(ev, items, pos) < 0;
}

/** End of the complete value at pos, or -1 when the items end before it does. */
function completeEnd(ev: Evaluator, items: readonly Value[], pos: number): number {
  const head = items[pos];
  if (head === undefined) return -1;
  let end = pos + 1;
  for (let k = 0; k < ev.arity(head); k++) {
    end = completeEnd(ev, items, end);
    if (end < 0) return -1;
  }
  return end;
}
