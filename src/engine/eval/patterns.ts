/**
 * Pattern matching (function clauses, generators, inputs, lambdas, let
 * patterns). Dotted patterns split flat dotted values into components using
 * constructor arities: in `c.B.1.2` with `datatype T = B.{0..3}`, the
 * component after `c` is `B.1`.
 */
import type { Pattern } from '../cspm/syntax/ast';
import type { Value } from '../csp/values';
import { keyOf } from '../csp/values';
import { drop } from './lazy';
import { dot, dotItems } from './value-ops';

export interface PatternContext {
  /** A constructor or channel named by a bare pattern variable matches by equality, not by binding. */
  constant(name: string): Value | undefined;
  /** Number of fields of a constructor value (0 for anything else). */
  arity(v: Value): number;
}

/** End index (exclusive) of the component starting at `i` in flat dotted items. */
export function componentEnd(ctx: PatternContext, items: readonly Value[], i: number): number {
  const head = items[i];
  if (head === undefined) return i;
  let j = i + 1;
  const n = ctx.arity(head);
  for (let k = 0; k < n && j < items.length; k++) j = componentEnd(ctx, items, j);
  return j;
}

/** Matches `v` against `p`, adding bindings to `out`. */
export function match(ctx: PatternContext, p: Pattern, v: Value, out: Map<string, Value>): boolean {
  switch (p.kind) {
    case 'PWildcard':
      return true;
    case 'PVar': {
      const c = ctx.constant(p.name);
      if (c !== undefined) return keyOf(c) === keyOf(v);
      out.set(p.name, v);
      return true;
    }
    case 'PInt':
    case 'PBool':
      return v === p.value;
    case 'PTuple':
      if (typeof v !== 'object' || v.t !== 'tuple' || v.items.length !== p.items.length) return false;
      return p.items.every((q, i) => match(ctx, q, v.items[i] as Value, out));
    case 'PSeqEnum':
      if (typeof v === 'object' && v.t === 'lseq') {
        // A lazy sequence matches `<a, b>` only if it ends right after n items.
        if (v.at(p.items.length) !== undefined) return false;
        return p.items.every((q, i) => {
          const x = v.at(i);
          return x !== undefined && match(ctx, q, x, out);
        });
      }
      if (typeof v !== 'object' || v.t !== 'seq' || v.items.length !== p.items.length) return false;
      return p.items.every((q, i) => match(ctx, q, v.items[i] as Value, out));
    case 'PSet':
      if (typeof v !== 'object' || v.t !== 'set' || v.items.length !== p.items.length) return false;
      return p.items.every((q, i) => match(ctx, q, v.items[i] as Value, out));
    case 'PConcat': {
      if (typeof v === 'object' && v.t === 'lseq') {
        // `<x>^xs` on a lazy sequence: the first items now, the rest on demand. Its length is unknown,
        // so a pattern fixed on the right (`xs^<x>`) does not match.
        const l = fixedLength(p.left);
        if (l === undefined || (l > 0 && v.at(l - 1) === undefined)) return false;
        const first: Value[] = [];
        for (let i = 0; i < l; i++) first.push(v.at(i) as Value);
        return match(ctx, p.left, { t: 'seq', items: first }, out) && match(ctx, p.right, drop(v, l), out);
      }
      if (typeof v !== 'object' || v.t !== 'seq') return false;
      const l = fixedLength(p.left);
      const r = fixedLength(p.right);
      const n = v.items.length;
      let cut: number;
      if (l !== undefined) cut = l;
      else if (r !== undefined) cut = n - r;
      else return false;
      if (cut < 0 || cut > n) return false;
      return (
        match(ctx, p.left, { t: 'seq', items: v.items.slice(0, cut) }, out) &&
        match(ctx, p.right, { t: 'seq', items: v.items.slice(cut) }, out)
      );
    }
    case 'PDot':
      return matchDot(ctx, p.items, dotItems(v), out);
    case 'PDouble':
      return match(ctx, p.left, v, out) && match(ctx, p.right, v, out);
    case 'PChar':
      return typeof v === 'object' && v.t === 'char' && v.c === p.value;
    case 'PString': {
      const chars = [...p.value];
      if (typeof v !== 'object' || v.t !== 'seq' || v.items.length !== chars.length) return false;
      return v.items.every((x, i) => typeof x === 'object' && x.t === 'char' && x.c === chars[i]);
    }
  }
}

function matchDot(
  ctx: PatternContext,
  pats: readonly Pattern[],
  items: readonly Value[],
  out: Map<string, Value>,
): boolean {
  let i = 0;
  for (let k = 0; k < pats.length; k++) {
    const p = pats[k] as Pattern;
    if (i >= items.length) return false;
    let end: number;
    if (k === pats.length - 1) end = items.length;
    else if (p.kind === 'PVar' && ctx.constant(p.name) !== undefined) end = i + 1;
    else if (p.kind === 'PDot') end = i + dotWidth(ctx, p, items, i);
    else if (p.kind === 'PDouble') {
      // Both sides match the same part: the wider of the two (`(x.y) @@ (a.b.c)`).
      const width = (q: Pattern): number =>
        q.kind === 'PDot' ? dotWidth(ctx, q, items, i) : componentEnd(ctx, items, i) - i;
      end = i + Math.max(width(p.left), width(p.right));
    } else end = componentEnd(ctx, items, i);
    if (!match(ctx, p, dot(items.slice(i, end)), out)) return false;
    i = end;
  }
  return i === items.length;
}

/** A nested dotted pattern (`(B.x).y`) consumes one component per constant head, else a component per item pattern. */
function dotWidth(ctx: PatternContext, p: Pattern & { kind: 'PDot' }, items: readonly Value[], i: number): number {
  let j = i;
  for (const q of p.items) {
    if (q.kind === 'PVar' && ctx.constant(q.name) !== undefined) j += 1;
    else j = componentEnd(ctx, items, j);
  }
  return j - i;
}

/** Length of the sequences a pattern matches, when fixed. */
function fixedLength(p: Pattern): number | undefined {
  if (p.kind === 'PSeqEnum') return p.items.length;
  if (p.kind === 'PDouble') return fixedLength(p.left) ?? fixedLength(p.right);
  if (p.kind === 'PConcat') {
    const l = fixedLength(p.left);
    const r = fixedLength(p.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

/** CSPm text of a pattern, for messages. */
export function showPattern(p: Pattern): string {
  switch (p.kind) {
    case 'PWildcard':
      return '_';
    case 'PVar':
      return p.name;
    case 'PInt':
    case 'PBool':
      return String(p.value);
    case 'PTuple':
      return `(${p.items.map(showPattern).join(', ')})`;
    case 'PSeqEnum':
      return `<${p.items.map(showPattern).join(', ')}>`;
    case 'PSet':
      return `{${p.items.map(showPattern).join(', ')}}`;
    case 'PConcat':
      return `${showPattern(p.left)}^${showPattern(p.right)}`;
    case 'PDouble':
      return `${showPattern(p.left)} @@ ${showPattern(p.right)}`;
    case 'PDot':
      return p.items.map(showPattern).join('.');
    case 'PChar':
      return JSON.stringify(p.value).replace(/^"|"$/g, "'");
    case 'PString':
      return JSON.stringify(p.value);
  }
}
