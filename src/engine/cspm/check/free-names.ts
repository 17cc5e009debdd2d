/**
 * The names a declaration refers to, local variables excluded: parameters,
 * `let` definitions, generators, lambda and input patterns shadow top-level
 * names of the same spelling. The checker groups mutually recursive
 * definitions with it, so `f(x) = x` does not depend on a top-level `x` (and
 * stays polymorphic).
 */
import type { Node, Pattern, Stmt } from '../syntax/ast';
import { patternVars } from '../syntax/patterns';
import { forEachChild } from '../syntax/visit';

/**
 * Calls `use` for every name occurrence not bound locally: variables, and the
 * names in patterns that `isConstant` says are constructors or channels (the
 * other pattern names are new local variables).
 */
export function forEachFreeName(
  n: Node,
  use: (name: string) => void,
  isConstant: (name: string) => boolean,
  bound: ReadonlySet<string> = new Set(),
): void {
  const walk = (x: Node, b: ReadonlySet<string>): void => forEachFreeName(x, use, isConstant, b);
  /** Patterns use the constructors and channels they name; their other names are binders. */
  const pattern = (p: Pattern, b: ReadonlySet<string>): void => {
    for (const v of patternVars(p)) if (!b.has(v.name) && isConstant(v.name)) use(v.name);
  };
  const plusVars = (b: ReadonlySet<string>, ps: readonly Pattern[]): Set<string> => {
    const out = new Set(b);
    for (const p of ps) for (const v of patternVars(p)) if (!isConstant(v.name)) out.add(v.name);
    return out;
  };
  const stmts = (ss: readonly Stmt[], b: ReadonlySet<string>): Set<string> => {
    let cur = new Set(b);
    for (const s of ss) {
      if (s.kind === 'Predicate') walk(s.expr, cur);
      else {
        walk(s.source, cur);
        pattern(s.pattern, cur);
        cur = plusVars(cur, [s.pattern]);
      }
    }
    return cur;
  };
  switch (n.kind) {
    case 'Var':
      if (!bound.has(n.name)) use(n.name);
      return;
    case 'PVar':
      if (!bound.has(n.name) && isConstant(n.name)) use(n.name);
      return;
    case 'Clause': {
      const params = n.params.flat();
      params.forEach((p) => pattern(p, bound));
      return walk(n.body, plusVars(bound, params));
    }
    case 'Lambda':
      n.params.forEach((p) => pattern(p, bound));
      return walk(n.body, plusVars(bound, n.params));
    case 'Let': {
      const inner = new Set(bound);
      for (const d of n.decls) {
        if (d.kind === 'ValueDecl' || d.kind === 'FunctionDecl') inner.add(d.name.name);
        else if (d.kind === 'PatternDecl')
          for (const v of patternVars(d.pattern)) if (!isConstant(v.name)) inner.add(v.name);
      }
      n.decls.forEach((d) => walk(d, inner));
      return walk(n.body, inner);
    }
    case 'SetComp':
    case 'SeqComp':
    case 'EventSetComp': {
      const inner = stmts(n.stmts, bound);
      return n.items.forEach((i) => walk(i, inner));
    }
    case 'Replicated': {
      if (n.sync) walk(n.sync, bound);
      const inner = stmts(n.stmts, bound);
      if (n.alpha) walk(n.alpha, inner);
      return walk(n.body, inner);
    }
    case 'Prefix': {
      walk(n.event, bound);
      let cur: ReadonlySet<string> = bound;
      for (const f of n.fields) {
        if (f.kind === 'OutputField') walk(f.expr, cur);
        else {
          if (f.restriction) walk(f.restriction, cur);
          pattern(f.pattern, cur);
          cur = plusVars(cur, [f.pattern]);
        }
      }
      return walk(n.body, cur);
    }
    case 'Rename': {
      walk(n.body, bound);
      const inner = stmts(n.stmts, bound);
      return n.pairs.forEach((p) => walk(p, inner));
    }
    default:
      return forEachChild(n, (c) => walk(c, bound));
  }
}
