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
import { dotItems, setHas, short } from './value-ops';

const fieldSetCache = new WeakMap<object, readonly (SetValue | null)[]>();

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
  for (let k = 0; k < sets.length && k + 1 < items.length; k++) {
    const set = sets[k];
    // A field set of compound values: components may span several items; stop here.
    if (set === null || set === undefined) return v;
    const item = items[k + 1] as Value;
    if (!setHas(set, item)) {
      return fail('CSP3019', span, { value: short(item), index: k + 1, name, set: short(set) });
    }
  }
  return v;
}

/** Each field's set when it holds only plain values (null otherwise, or when it cannot be computed). */
function fieldSets(ev: Evaluator, key: object, fields: readonly Expr[]): readonly (SetValue | null)[] {
  let sets = fieldSetCache.get(key);
  if (sets === undefined) {
    sets = fields.map((f) => {
      try {
        const set = ev.typeSet(f, ev.globals);
        return set.items.every((x) => plain(ev, x)) ? set : null;
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
