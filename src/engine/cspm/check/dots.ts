/**
 * Typing dotted values as FDR reads them: `d.Bcl.1.Acl.1` gives `d` its field
 * of type B by letting the constructor `Bcl` take the items after it (`1`,
 * then an A made of `Acl.1`), to any depth. A constructor left without all
 * its fields (`c.Acl` where `Acl` takes an Int) leaves those fields to come
 * next (`c.Acl!1`, `c.Acl?x`, `signal!Claim_Secret!Alice!Na`).
 */
import type { Expr, Span } from '../syntax/ast';
import { ANY, dotable, prune, type Type } from './types';

export interface DotHost {
  infer(e: Expr): Type;
  expect(actual: Type, expected: Type, span: Span): void;
}

/** The fields a dotable type still takes, and what it gives once they are supplied. */
export function chainOf(t: Type): { fields: Type[]; result: Type } {
  const fields: Type[] = [];
  let r = prune(t);
  while (r.t === 'dotable') {
    fields.push(r.field);
    r = prune(r.result);
  }
  return { fields, result: r };
}

/** `f1 => … => fn => t`. */
export function prependFields(fields: readonly Type[], t: Type): Type {
  return fields.reduceRight<Type>((acc, f) => dotable(f, acc), t);
}

/** A constructor or channel still taking fields, where a complete value of `expected` is wanted: its fields follow. */
export function wantsFields(t: Type, expected: Type): boolean {
  const e = prune(expected);
  return prune(t).t === 'dotable' && e.t !== 'dotable' && e.t !== 'var' && e.t !== 'any';
}

export interface Consumed {
  /** Index of the first item not used. */
  readonly next: number;
  /** Fields of a nested constructor that the items did not supply: they come next in the enclosing value. */
  readonly pending: readonly Type[];
  /** The last item was untyped: it may be a dotted value covering every remaining field. */
  readonly untypedRest: boolean;
}

/**
 * Reads one value of type `expected` from `items[i…]`, a constructor item
 * taking the items after it. With `moreFields`, an item of unknown type may
 * be a dotted value covering this field and the ones after it
 * (`M(x) = b.x -> a.x.0 -> …` called as `M(1.2)`).
 */
export function consumeField(
  host: DotHost,
  expected: Type,
  items: readonly Expr[],
  i: number,
  moreFields = false,
): Consumed {
  const item = items[i]!;
  let t = prune(host.infer(item));
  let next = i + 1;
  // An item of unknown type (a parameter) may be a dotted value covering several fields, as in FDR.
  // An untyped item (a constructor whose fields this checker does not type) may take any number of the items after it.
  if (t.t === 'any' || (t.t === 'var' && (moreFields || t.loose === true)))
    return { next, pending: [], untypedRest: true };
  while (t.t === 'dotable' && wantsFields(t, expected)) {
    if (next >= items.length) {
      const c = chainOf(t);
      host.expect(c.result, expected, item.span);
      return { next, pending: c.fields, untypedRest: false };
    }
    const r = consumeField(host, t.field, items, next, moreFields || prune(t.result).t === 'dotable');
    if (r.untypedRest) return r;
    next = r.next;
    t = prune(prependFields(r.pending, t.result));
  }
  host.expect(t, expected, item.span);
  return { next, pending: [], untypedRest: false };
}

/** The type of a whole dotted expression, or `ANY` where FDR's dotted values go beyond these types. */
export function dotType(host: DotHost, items: readonly Expr[], onTooMany?: (item: Expr, given: number) => void): Type {
  let cur = prune(host.infer(items[0]!));
  let i = 1;
  while (i < items.length) {
    if (cur.t === 'dotable') {
      const r = consumeField(host, cur.field, items, i, prune(cur.result).t === 'dotable');
      if (r.untypedRest) {
        for (let j = r.next; j < items.length; j++) host.infer(items[j]!);
        return ANY;
      }
      i = r.next;
      cur = prune(prependFields(r.pending, cur.result));
    } else {
      for (let j = i; j < items.length; j++) host.infer(items[j]!);
      // More items after a complete value make a plain dotted value (`1.2`, `M.0.true`, `c.0.D`), untyped
      // here; where an event is wanted (`onTooMany`), a complete event followed by more fields is an error.
      if (cur.t === 'event' && items[0]!.kind === 'Var') onTooMany?.(items[i]!, i - 1);
      return ANY;
    }
  }
  return cur;
}
