/**
 * Rewrites names in expressions, patterns and declarations so that every
 * reference to a module's definition uses its qualified top-level name
 * (`x` inside module `M` becomes `M::x`, `M::N::x` stays the path to it).
 * Local variables (parameters, generators, inputs, `let`) shadow module
 * names and keep their own.
 */
import type { Decl, Expr, ModuleDecl, Node, Pattern, Span, Stmt, TypeExpr, TypeScheme } from '../syntax/ast';
import { patternVars } from '../syntax/patterns';
import type { DiagnosticArgs, DiagnosticCode } from '../diagnostics';
import type { Env, Entry } from './env';

export type Report = (code: DiagnosticCode, span: Span, args: DiagnosticArgs) => void;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && 'span' in v;
}

const isPatternKind = (kind: string): boolean => /^P[A-Z]/.test(kind);

export class Renamer {
  /** Modules whose body is being rewritten: a path through one of their instances is refused. */
  readonly enclosing = new Set<ModuleDecl>();

  constructor(private readonly report: Report) {}

  /** The entry a (possibly qualified) name denotes here; reports unknown modules and unexported names. */
  resolve(name: string, span: Span, env: Env): Entry | undefined {
    if (!name.includes('::')) return env.lookup(name);
    const parts = name.split('::');
    let entry = env.lookup(parts[0]!);
    for (let i = 1; i < parts.length; i++) {
      const path = parts.slice(0, i).join('::');
      if (entry === undefined || entry.kind !== 'module') {
        this.report('CSP2020', span, { name: path });
        return undefined;
      }
      if (entry.exports === null) {
        this.report('CSP2022', span, { name: path });
        return undefined;
      }
      if (this.enclosing.has(entry.decl)) {
        this.report('CSP2024', span, { name: path, module: entry.decl.name.name });
        return undefined;
      }
      const next = entry.exports.get(parts[i]!);
      if (next === undefined) {
        if (entry.defined.has(parts[i]!)) this.report('CSP2021', span, { name: parts[i]!, module: path });
        else this.report('CSP2001', span, { name, suggestion: '' });
        return undefined;
      }
      entry = next;
    }
    return entry;
  }

  /** The top-level name a reference becomes (unchanged for locals, built-ins and unknown names). */
  private refName(name: string, span: Span, env: Env): string {
    const entry = this.resolve(name, span, env);
    if (entry?.kind === 'value') return entry.qname;
    if (entry?.kind === 'module') this.report('CSP2023', span, { name });
    return name;
  }

  expr(e: Expr, env: Env): Expr {
    switch (e.kind) {
      case 'Var':
        return { ...e, name: this.refName(e.name, e.span, env) };
      case 'Let': {
        const inner = env.withLocals(letNames(e.decls, env));
        return { ...e, decls: e.decls.map((d) => this.localDecl(d, inner)), body: this.expr(e.body, inner) };
      }
      case 'Lambda': {
        const { patterns, env: inner } = this.binders(e.params, env);
        return { ...e, params: patterns, body: this.expr(e.body, inner) };
      }
      case 'SetComp':
      case 'SeqComp':
      case 'EventSetComp': {
        const { stmts, env: inner } = this.stmts(e.stmts, env);
        return { ...e, stmts, items: e.items.map((i) => this.expr(i, inner)) };
      }
      case 'Replicated': {
        const { stmts, env: inner } = this.stmts(e.stmts, env);
        return {
          ...e,
          stmts,
          sync: e.sync && this.expr(e.sync, env),
          alpha: e.alpha && this.expr(e.alpha, inner),
          body: this.expr(e.body, inner),
        };
      }
      case 'Prefix': {
        let inner = env;
        const fields = e.fields.map((f) => {
          if (f.kind === 'OutputField') return { ...f, expr: this.expr(f.expr, inner) };
          const restriction = f.restriction && this.expr(f.restriction, inner);
          const b = this.binders([f.pattern], inner);
          inner = b.env;
          return { ...f, pattern: b.patterns[0]!, restriction };
        });
        return { ...e, event: this.expr(e.event, env), fields, body: this.expr(e.body, inner) };
      }
      case 'Rename': {
        const { stmts, env: inner } = this.stmts(e.stmts, env);
        const pairs = e.pairs.map((p) => ({ ...p, from: this.expr(p.from, inner), to: this.expr(p.to, inner) }));
        return { ...e, body: this.expr(e.body, env), pairs, stmts };
      }
      default:
        return this.generic(e, env);
    }
  }

  /** Any other node: names in its expressions rewritten, its patterns treated as local binders. */
  private generic<T extends Node>(n: T, env: Env): T {
    const map = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(map);
      if (!isNode(v)) return v;
      if (isPatternKind(v.kind)) return this.pattern(v as Pattern, env, 'local');
      if (v.kind === 'Generator' || v.kind === 'Predicate') return this.stmts([v as Stmt], env).stmts[0];
      return this.generic(v, env);
    };
    if (n.kind === 'Var') return this.expr(n as Expr, env) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) out[k] = k === 'span' ? v : map(v);
    return out as T;
  }

  /** Generators bind left to right: each source sees the variables of the generators before it. */
  stmts(ss: readonly Stmt[], env: Env): { stmts: Stmt[]; env: Env } {
    let cur = env;
    const out = ss.map((s): Stmt => {
      if (s.kind === 'Predicate') return { ...s, expr: this.expr(s.expr, cur) };
      const source = this.expr(s.source, cur);
      const b = this.binders([s.pattern], cur);
      cur = b.env;
      return { ...s, source, pattern: b.patterns[0]! };
    });
    return { stmts: out, env: cur };
  }

  /** Patterns that bind local variables, and the scope in which those are visible. */
  binders(ps: readonly Pattern[], env: Env): { patterns: Pattern[]; env: Env } {
    const patterns = ps.map((p) => this.pattern(p, env, 'local'));
    const names = ps
      .flatMap((p) => patternVars(p))
      .map((v) => v.name)
      .filter((n) => !this.isConstant(n, env));
    return { patterns, env: env.withLocals(names) };
  }

  isConstant(name: string, env: Env): boolean {
    const entry = name.includes('::') ? undefined : env.lookup(name);
    return name.includes('::') || (entry?.kind === 'value' && entry.constant);
  }

  /**
   * A pattern with constants (channels, constructors) renamed. Its variables
   * keep their names (`local`) or, for a module-level pattern binding
   * (`declaration`), take the qualified names registered for them.
   */
  pattern(p: Pattern, env: Env, mode: 'local' | 'declaration'): Pattern {
    if (p.kind === 'PVar') {
      if (this.isConstant(p.name, env) || mode === 'declaration')
        return { ...p, name: this.refName(p.name, p.span, env) };
      return p;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) {
      out[k] = Array.isArray(v)
        ? v.map((q: Pattern) => this.pattern(q, env, mode))
        : isNode(v)
          ? this.pattern(v as Pattern, env, mode)
          : v;
    }
    return out as unknown as Pattern;
  }

  /** Datatype and nametype names in an annotation qualified; type variables left alone. */
  typeScheme(s: TypeScheme, env: Env): TypeScheme {
    const t = (x: TypeExpr): TypeExpr => {
      if (x.kind === 'TypeName') {
        const e = x.name.includes('::') ? this.resolve(x.name, x.span, env) : env.lookup(x.name);
        return e?.kind === 'value' && e.isType ? { ...x, name: e.qname } : x;
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) {
        out[k] = Array.isArray(v) ? v.map((i: TypeExpr) => t(i)) : isNode(v) ? t(v as unknown as TypeExpr) : v;
      }
      return out as unknown as TypeExpr;
    };
    return { ...s, type: t(s.type) };
  }

  /** A declaration inside `let` (its own names are locals of `env`). */
  localDecl(d: Decl, env: Env): Decl {
    switch (d.kind) {
      case 'ValueDecl':
        return { ...d, body: this.expr(d.body, env) };
      case 'FunctionDecl':
        return { ...d, clauses: d.clauses.map((c) => this.clause(c, env)) };
      case 'PatternDecl':
        return { ...d, pattern: this.pattern(d.pattern, env, 'local'), body: this.expr(d.body, env) };
      default:
        return this.generic(d, env);
    }
  }

  clause<C extends { readonly params: readonly (readonly Pattern[])[]; readonly body: Expr }>(c: C, env: Env): C {
    const { patterns, env: inner } = this.binders(c.params.flat(), env);
    let i = 0;
    const params = c.params.map((g) => g.map(() => patterns[i++]!));
    return { ...c, params, body: this.expr(c.body, inner) };
  }
}

/** Names a `let` block defines (pattern variables that are not constants included). */
export function letNames(decls: readonly Decl[], env: Env): string[] {
  const names: string[] = [];
  for (const d of decls) {
    if (d.kind === 'ValueDecl' || d.kind === 'FunctionDecl') names.push(d.name.name);
    else if (d.kind === 'PatternDecl') {
      for (const v of patternVars(d.pattern)) {
        const entry = env.lookup(v.name);
        if (!(entry?.kind === 'value' && entry.constant)) names.push(v.name);
      }
    }
  }
  return names;
}
