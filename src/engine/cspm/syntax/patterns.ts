/**
 * Expression → pattern conversion. Patterns are parsed as expressions first
 * because `p <- S` and `f(p) = e` cannot be told apart from expressions
 * before the `<-` or `=` is seen (libcspm does the same).
 */
import type { Expr, Pattern, Span } from './ast';

export type PatternResult =
  { readonly ok: true; readonly pattern: Pattern } | { readonly ok: false; readonly what: string; readonly span: Span };

const DESCRIBE: Partial<Record<Expr['kind'], string>> = {
  App: 'a function application',
  Binary: 'an operator expression',
  If: "an 'if' expression",
  Let: "a 'let' expression",
  Lambda: 'a lambda',
  SetRange: 'a set range',
  SetComp: 'a set comprehension',
  SeqRange: 'a sequence range',
  SeqComp: 'a sequence comprehension',
  EventSetEnum: "'{| |}'",
  EventSetComp: "'{| |}'",
  Prefix: 'a process',
  MapLit: 'a map',
};

export function toPattern(e: Expr): PatternResult {
  const s = e.span;
  const all = (items: readonly Expr[]): Pattern[] | PatternResult => {
    const out: Pattern[] = [];
    for (const item of items) {
      const r = toPattern(item);
      if (!r.ok) return r;
      out.push(r.pattern);
    }
    return out;
  };
  if (e.kind === 'App' && e.fn.kind === 'Var' && e.fn.name === '@@' && e.args.length === 2) {
    const [l, r] = [toPattern(e.args[0]!), toPattern(e.args[1]!)];
    if (!l.ok) return l;
    if (!r.ok) return r;
    return { ok: true, pattern: { kind: 'PDouble', left: l.pattern, right: r.pattern, span: s } };
  }
  switch (e.kind) {
    case 'Var':
      return {
        ok: true,
        pattern: e.name === '_' ? { kind: 'PWildcard', span: s } : { kind: 'PVar', name: e.name, span: s },
      };
    case 'IntLit':
      return { ok: true, pattern: { kind: 'PInt', value: e.value, span: s } };
    case 'BoolLit':
      return { ok: true, pattern: { kind: 'PBool', value: e.value, span: s } };
    case 'CharLit':
      return { ok: true, pattern: { kind: 'PChar', value: e.value, span: s } };
    case 'StringLit':
      return { ok: true, pattern: { kind: 'PString', value: e.value, span: s } };
    case 'Unary':
      if (e.op === '-' && e.operand.kind === 'IntLit')
        return { ok: true, pattern: { kind: 'PInt', value: -e.operand.value, span: s } };
      return { ok: false, what: 'an operator expression', span: s };
    case 'Tuple': {
      const items = all(e.items);
      return Array.isArray(items) ? { ok: true, pattern: { kind: 'PTuple', items, span: s } } : items;
    }
    case 'Dot': {
      const items = all(e.items);
      return Array.isArray(items) ? { ok: true, pattern: { kind: 'PDot', items, span: s } } : items;
    }
    case 'SeqEnum': {
      const items = all(e.items);
      return Array.isArray(items) ? { ok: true, pattern: { kind: 'PSeqEnum', items, span: s } } : items;
    }
    case 'SetEnum': {
      if (e.items.length > 1) return { ok: false, what: 'a set of more than one element', span: s };
      const items = all(e.items);
      return Array.isArray(items) ? { ok: true, pattern: { kind: 'PSet', items, span: s } } : items;
    }
    case 'Binary': {
      if (e.op !== '^') return { ok: false, what: `the operator '${e.op}'`, span: s };
      const l = toPattern(e.left);
      if (!l.ok) return l;
      const r = toPattern(e.right);
      if (!r.ok) return r;
      return { ok: true, pattern: { kind: 'PConcat', left: l.pattern, right: r.pattern, span: s } };
    }
    default:
      return { ok: false, what: DESCRIBE[e.kind] ?? 'a process expression', span: s };
  }
}

/** Variables a pattern binds, in order (used by the checker and editor services). */
export function patternVars(p: Pattern, out: { name: string; span: Span }[] = []): { name: string; span: Span }[] {
  switch (p.kind) {
    case 'PVar':
      out.push({ name: p.name, span: p.span });
      break;
    case 'PTuple':
    case 'PDot':
    case 'PSeqEnum':
    case 'PSet':
      for (const q of p.items) patternVars(q, out);
      break;
    case 'PConcat':
    case 'PDouble':
      patternVars(p.left, out);
      patternVars(p.right, out);
      break;
    case 'PWildcard':
    case 'PInt':
    case 'PBool':
    case 'PChar':
    case 'PString':
      break;
  }
  return out;
}
