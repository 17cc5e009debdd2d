/**
 * Name resolution and type inference for expressions, patterns and
 * statements. Declarations (and their generalisation) are in decls.ts.
 *
 * Resolution and inference happen in one walk: each name occurrence is looked
 * up through the scope chain, linked to its symbol (for the evaluator and
 * editor services) and given an instance of the symbol's type.
 */
import type { CommField, Decl, Dot, Expr, LinkPair, Pattern, PDot, Span, Stmt, Var, TimedDecl } from '../syntax/ast';
import {
  makeDiagnostic,
  type Diagnostic,
  type DiagnosticArgs,
  type DiagnosticCode,
  type RelatedInformation,
} from '../diagnostics';
import { BUILTINS, EXTERNALS, UNSUPPORTED_BUILTINS } from './builtins';
import { suggest } from './suggest';
import { TIMED_BUILTINS, TOCK_FUNCTION, missingTock, untimeable } from './timed';
import type { Occurrence, ScopeRegion, SymbolInfo } from './symbols';
import {
  ANY,
  BOOL,
  CHAR,
  EVENT,
  INT,
  PROC,
  TypeClass,
  TypeContext,
  fnOf,
  formatType,
  mapOf,
  prune,
  requireClass,
  seqOf,
  setOf,
  unify,
  type ClassEnv,
  type Scheme,
  type Type,
} from './types';
import { BUILTIN_CLASSES, CLASS_WHAT } from './classes';
import { chainOf, dotType, prependFields, wantsFields, type DotHost } from './dots';

export interface Binding {
  readonly symbol: SymbolInfo;
  /** Set once the binding's declaration group has been generalised. */
  scheme: Scheme | null;
  /** Monomorphic type while its group is being inferred (and for locals). */
  mono: Type | null;
}

export class Scope {
  readonly names = new Map<string, Binding>();
  /** Type variables of an enclosing type annotation: nested annotations that name them mean the same type. */
  readonly typeVars = new Map<string, Type>();
  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  lookupTypeVar(name: string): Type | undefined {
    return this.typeVars.get(name) ?? this.parent?.lookupTypeVar(name);
  }

  /** Every name visible here (for suggestions). */
  visible(out: string[] = []): string[] {
    for (const n of this.names.keys()) out.push(n);
    return this.parent ? this.parent.visible(out) : out;
  }
}

export abstract class Inferencer {
  readonly ctx = new TypeContext();
  readonly diagnostics: Diagnostic[] = [];
  readonly occurrences: Occurrence[] = [];
  readonly scopes: ScopeRegion[] = [];
  readonly references = new Map<object, SymbolInfo>();
  private readonly builtinSymbols = new Map<string, SymbolInfo>();
  /** External functions declared with `external f` (in scope from then on). */
  readonly externals = new Set<string>();
  /** Declarations written inside a timed section (see timed.ts). */
  readonly timedDecls = new WeakSet<Decl>();
  private timedDepth = 0;

  /** Runs `f` as inside a timed section when `d` is written in one. */
  protected withTimed(d: Decl, f: () => void): void {
    const inside = this.timedDecls.has(d);
    if (inside) this.timedDepth++;
    try {
      f();
    } finally {
      if (inside) this.timedDepth--;
    }
  }

  /** Each section's function maps events to tocks; `tock` must be a channel. */
  protected checkTimedSections(sections: readonly TimedDecl[], scope: Scope): void {
    for (const s of sections) {
      const why = missingTock(scope);
      if (why !== undefined) this.error('CSP2090', s.span, { why });
      if (s.fn !== null) this.expect(this.inferExpr(s.fn, scope), TOCK_FUNCTION, s.fn.span);
      untimeable(s, (span, what) => this.error('CSP2091', span, { what }));
    }
  }

  /** Infer a group of declarations in a new scope (let) or the module scope. */
  abstract inferDecls(decls: readonly Decl[], scope: Scope, topLevel: boolean): void;

  protected error(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}, related?: RelatedInformation[]): void {
    this.diagnostics.push(makeDiagnostic(code, span, args, related));
  }

  /** Datatypes that cannot be compared (a process in a field), for FDR's Eq class. */
  readonly classEnv: ClassEnv & { readonly incomparable: Set<string> } = { incomparable: new Set() };

  /** Requires `t` to belong to a type class (`TypeClass.Eq`, …), reporting where it does not. */
  requireClassAt(t: Type, cls: number, span: Span): void {
    if (requireClass(t, cls, this.classEnv) === 'class') this.reportClass(span);
  }

  private reportClass(span: Span): void {
    const f = this.classEnv.failure;
    if (f) this.error('CSP2032', span, { type: formatType(f.type), what: CLASS_WHAT[f.cls] });
  }

  /** Unify `actual` with `expected`, reporting a mismatch at `span`. */
  expect(actual: Type, expected: Type, span: Span): void {
    const r = unify(actual, expected, this.classEnv);
    if (r === 'ok') return;
    if (r === 'class') return this.reportClass(span);
    const names = new Map<number, string>();
    const e = formatType(expected, names);
    const a = formatType(actual, names);
    if (r === 'infinite') this.error('CSP2011', span, { expected: e });
    else this.error('CSP2004', span, { expected: e, actual: a });
  }

  // ------------------------------------------------------------ names

  private builtin(name: string): SymbolInfo {
    let s = this.builtinSymbols.get(name);
    if (!s) {
      s = {
        name,
        kind: 'builtin',
        span: null,
        decl: null,
        type: (BUILTINS.get(name) ?? EXTERNALS.get(name) ?? TIMED_BUILTINS.get(name)!)(this.ctx),
      };
      this.builtinSymbols.set(name, s);
    }
    return s;
  }

  /** Type of a name use (instantiated), recording the occurrence. */
  protected inferVar(v: Var, scope: Scope): Type {
    const b = scope.lookup(v.name);
    if (b) {
      this.references.set(v, b.symbol);
      this.occurrences.push({ span: v.span, symbol: b.symbol, isDefinition: false });
      if (b.scheme) return this.ctx.instantiate(b.scheme);
      if (b.mono) return b.mono;
      return ANY;
    }
    const external = EXTERNALS.get(v.name);
    const timed = TIMED_BUILTINS.get(v.name);
    const make =
      BUILTINS.get(v.name) ??
      (external !== undefined && this.externals.has(v.name) ? external : undefined) ??
      (this.timedDepth > 0 ? timed : undefined);
    if (make) {
      const sym = this.builtin(v.name);
      this.references.set(v, sym);
      this.occurrences.push({ span: v.span, symbol: sym, isDefinition: false });
      const t = make(this.ctx);
      for (const [x, cls] of BUILTIN_CLASSES.get(v.name)?.(t) ?? []) this.requireClassAt(x, cls, v.span);
      return t;
    }
    if (external !== undefined)
      this.error('CSP2001', v.span, {
        name: v.name,
        suggestion: ` (FDR's external function: declare it with 'external ${v.name}')`,
      });
    else if (timed !== undefined)
      this.error('CSP2001', v.span, { name: v.name, suggestion: ' (it exists only inside a timed section)' });
    else if (UNSUPPORTED_BUILTINS.has(v.name)) this.error('CSP2013', v.span, { name: v.name });
    else this.error('CSP2001', v.span, { name: v.name, suggestion: suggest(v.name, scope) });
    return ANY;
  }

  protected define(scope: Scope, symbol: SymbolInfo, mono: Type | null): Binding {
    const b: Binding = { symbol, scheme: null, mono };
    scope.names.set(symbol.name, b);
    if (symbol.span) this.occurrences.push({ span: symbol.span, symbol, isDefinition: true });
    return b;
  }

  /** Record a region where `scope`'s own names are visible (for completion). */
  protected region(span: Span, scope: Scope): void {
    if (scope.names.size > 0) this.scopes.push({ span, symbols: [...scope.names.values()].map((b) => b.symbol) });
  }

  // ------------------------------------------------------------ patterns

  /** Is `name` (in scope) a constructor or channel, so that a PVar of that name matches it instead of binding? */
  private constantFor(name: string, scope: Scope): Binding | undefined {
    const b = scope.lookup(name);
    return b && (b.symbol.kind === 'constructor' || b.symbol.kind === 'channel') ? b : undefined;
  }

  /**
   * Type a pattern against `expected`, collecting the variables it binds into
   * `out` (symbol kind given). Reports a variable bound twice.
   */
  inferPattern(
    p: Pattern,
    expected: Type,
    scope: Scope,
    out: Map<string, Binding>,
    kind: 'parameter' | 'local' | 'pattern',
  ): void {
    switch (p.kind) {
      case 'PVar': {
        const c = this.constantFor(p.name, scope);
        if (c) {
          this.occurrences.push({ span: p.span, symbol: c.symbol, isDefinition: false });
          this.references.set(p, c.symbol);
          this.expect(c.scheme ? this.ctx.instantiate(c.scheme) : (c.mono ?? ANY), expected, p.span);
          return;
        }
        if (out.has(p.name)) {
          this.error('CSP2009', p.span, { name: p.name }, [
            { message: 'first bound here', span: out.get(p.name)!.symbol.span! },
          ]);
          return;
        }
        const symbol: SymbolInfo = { name: p.name, kind, span: p.span, decl: null, type: expected };
        out.set(p.name, { symbol, scheme: null, mono: expected });
        this.occurrences.push({ span: p.span, symbol, isDefinition: true });
        this.references.set(p, symbol);
        return;
      }
      case 'PWildcard':
        return;
      case 'PInt':
        return this.expect(INT, expected, p.span);
      case 'PBool':
        return this.expect(BOOL, expected, p.span);
      case 'PChar':
        return this.expect(CHAR, expected, p.span);
      case 'PString':
        return this.expect(seqOf(CHAR), expected, p.span);
      case 'PTuple': {
        const items = p.items.map(() => this.ctx.fresh() as Type);
        this.expect({ t: 'tuple', items }, expected, p.span);
        p.items.forEach((q, i) => this.inferPattern(q, items[i]!, scope, out, kind));
        return;
      }
      case 'PSeqEnum':
      case 'PSet': {
        // Matching `{x}` tells set elements apart: they must be comparable.
        const elem = this.ctx.fresh(p.kind === 'PSet' ? TypeClass.Eq : 0);
        this.expect(p.kind === 'PSet' ? setOf(elem) : seqOf(elem), expected, p.span);
        for (const q of p.items) this.inferPattern(q, elem, scope, out, kind);
        return;
      }
      case 'PDouble':
        this.inferPattern(p.left, expected, scope, out, kind);
        return this.inferPattern(p.right, expected, scope, out, kind);
      case 'PConcat': {
        // FDR splits a sequence at a known length: one side must be of fixed length (`<x>^s`, `s^<x, y>`).
        if (fixedLength(p.left) === undefined && fixedLength(p.right) === undefined) this.error('CSP2035', p.span, {});
        const t = seqOf(this.ctx.fresh());
        this.expect(t, expected, p.span);
        this.inferPattern(p.left, t, scope, out, kind);
        this.inferPattern(p.right, t, scope, out, kind);
        return;
      }
      case 'PDot':
        return this.inferDotPattern(p, expected, scope, out, kind);
    }
  }

  private inferDotPattern(
    p: PDot,
    expected: Type,
    scope: Scope,
    out: Map<string, Binding>,
    kind: 'parameter' | 'local' | 'pattern',
  ): void {
    const head = p.items[0]!;
    const c = head.kind === 'PVar' ? this.constantFor(head.name, scope) : undefined;
    if (!c || head.kind !== 'PVar') {
      // A dotted value of unknown shape (`x.y` matching `1.2`): the variables are not constrained, but
      // as in FDR it cannot split an event or a datatype value (its head must name the channel or constructor).
      this.expect(this.ctx.fresh(TypeClass.Dotted), expected, p.span);
      for (const q of p.items) this.inferPattern(q, ANY, scope, out, kind);
      return;
    }
    this.occurrences.push({ span: head.span, symbol: c.symbol, isDefinition: false });
    this.references.set(head, c.symbol);
    let cur = prune(c.scheme ? this.ctx.instantiate(c.scheme) : (c.mono ?? ANY));
    for (let i = 1; i < p.items.length; i++) {
      const q = p.items[i]!;
      if (cur.t === 'dotable') {
        // A nested constructor pattern consumes the items after it, to any depth (`Ccl.ci.Bcl.bi.Acl.ai`).
        const r = this.patternField(cur.field, p.items, i, prune(cur.result).t === 'dotable', scope, out, kind);
        i = r.next - 1;
        cur = r.rest ? chainOf(cur).result : prune(cur.result);
      } else if (cur.t !== 'event') {
        // A complete constructor value followed by more fields is a dotted value FDR accepts (`M.0.true`).
        this.inferPattern(q, ANY, scope, out, kind);
        cur = ANY;
      } else {
        this.error('CSP2008', q.span, { name: head.name, expected: i - 1 });
        return;
      }
    }
    this.expect(cur, expected, p.span);
  }

  /**
   * Reads one field of type `expected` from pattern items[i…]; returns the
   * index after it. As in FDR, a last variable with fields still to come takes
   * all of them as one dotted value (`rest`): `B.D.x` matching `B.(D.0).1.(D.2)`
   * binds x to `0.1.D.2`.
   */
  private patternField(
    expected: Type,
    items: readonly Pattern[],
    i: number,
    moreFields: boolean,
    scope: Scope,
    out: Map<string, Binding>,
    kind: 'parameter' | 'local' | 'pattern',
  ): { next: number; rest: boolean } {
    const q = items[i]!;
    const qc = q.kind === 'PVar' ? this.constantFor(q.name, scope) : undefined;
    if (qc === undefined || q.kind !== 'PVar') {
      const rest = moreFields && i === items.length - 1 && q.kind === 'PVar';
      this.inferPattern(q, rest ? ANY : expected, scope, out, kind);
      return { next: i + 1, rest };
    }
    this.occurrences.push({ span: q.span, symbol: qc.symbol, isDefinition: false });
    this.references.set(q, qc.symbol);
    let qt = prune(qc.scheme ? this.ctx.instantiate(qc.scheme) : (qc.mono ?? ANY));
    let next = i + 1;
    while (qt.t === 'dotable' && wantsFields(qt, expected) && next < items.length) {
      const r = this.patternField(
        qt.field,
        items,
        next,
        moreFields || prune(qt.result).t === 'dotable',
        scope,
        out,
        kind,
      );
      next = r.next;
      if (r.rest) return { next, rest: true };
      qt = prune(qt.result);
    }
    this.expect(qt, expected, q.span);
    return { next, rest: false };
  }

  // ------------------------------------------------------------ statements

  /**
   * Type comprehension/replication statements left to right in a new scope
   * (each generator's variables are visible in the statements after it).
   */
  inferStmts(stmts: readonly Stmt[], scope: Scope, container: 'set' | 'seq'): Scope {
    let cur = scope;
    // FDR refuses a name bound by two generators of one comprehension (`x <- A, x <- B`).
    const bound = new Map<string, Binding>();
    for (const s of stmts) {
      if (s.kind === 'Predicate') {
        this.expect(this.inferExpr(s.expr, cur), BOOL, s.expr.span);
        continue;
      }
      const elem = this.ctx.fresh();
      this.expect(this.inferExpr(s.source, cur), container === 'set' ? setOf(elem) : seqOf(elem), s.source.span);
      const next = new Scope(cur);
      const out = new Map<string, Binding>();
      this.inferPattern(s.pattern, elem, cur, out, 'local');
      for (const [name, b] of out) {
        const first = bound.get(name);
        if (first)
          this.error('CSP2009', b.symbol.span!, { name }, [{ message: 'first bound here', span: first.symbol.span! }]);
        bound.set(name, b);
        next.names.set(name, b);
      }
      cur = next;
    }
    return cur;
  }

  // ------------------------------------------------------------ expressions

  inferExpr(e: Expr, scope: Scope): Type {
    switch (e.kind) {
      case 'IntLit':
        return INT;
      case 'BoolLit':
        return BOOL;
      case 'Var':
        return this.inferVar(e, scope);
      case 'App':
        return this.inferApp(e.fn, e.args, scope, e.span);
      case 'Binary': {
        const l = this.inferExpr(e.left, scope);
        const r = this.inferExpr(e.right, scope);
        switch (e.op) {
          case '+':
          case '-':
          case '*':
          case '/':
          case '%':
            this.expect(l, INT, e.left.span);
            this.expect(r, INT, e.right.span);
            return INT;
          case 'and':
          case 'or':
            this.expect(l, BOOL, e.left.span);
            this.expect(r, BOOL, e.right.span);
            return BOOL;
          case '^': {
            const t = seqOf(this.ctx.fresh());
            this.expect(l, t, e.left.span);
            this.expect(r, t, e.right.span);
            return t;
          }
          default:
            this.expect(r, l, e.right.span);
            this.requireClassAt(l, e.op === '==' || e.op === '!=' ? TypeClass.Eq : TypeClass.Ord, e.span);
            return BOOL;
        }
      }
      case 'Unary': {
        const t = this.inferExpr(e.operand, scope);
        if (e.op === '-') return (this.expect(t, INT, e.operand.span), INT);
        if (e.op === 'not') return (this.expect(t, BOOL, e.operand.span), BOOL);
        this.expect(t, seqOf(this.ctx.fresh()), e.operand.span);
        return INT;
      }
      case 'If': {
        this.expect(this.inferExpr(e.cond, scope), BOOL, e.cond.span);
        const a = this.inferExpr(e.then, scope);
        this.expect(this.inferExpr(e.else, scope), a, e.else.span);
        return a;
      }
      case 'Let': {
        const inner = new Scope(scope);
        this.inferDecls(e.decls, inner, false);
        this.region(e.span, inner);
        return this.inferExpr(e.body, inner);
      }
      case 'Lambda': {
        const inner = new Scope(scope);
        const out = new Map<string, Binding>();
        const params = e.params.map((p) => {
          const t = this.ctx.fresh();
          this.inferPattern(p, t, scope, out, 'parameter');
          return t as Type;
        });
        for (const [n, b] of out) inner.names.set(n, b);
        this.region(e.span, inner);
        return fnOf(params, this.inferExpr(e.body, inner));
      }
      case 'Tuple':
        return { t: 'tuple', items: e.items.map((i) => this.inferExpr(i, scope)) };
      case 'Dot':
        return this.inferDot(e, scope);
      case 'SetEnum':
      case 'SeqEnum': {
        const elem = this.ctx.fresh(e.kind === 'SetEnum' ? TypeClass.Set : 0);
        for (const i of e.items) this.expect(this.inferExpr(i, scope), elem, i.span);
        return e.kind === 'SetEnum' ? setOf(elem) : seqOf(elem);
      }
      case 'SetRange':
      case 'SeqRange':
        this.expect(this.inferExpr(e.from, scope), INT, e.from.span);
        if (e.to) this.expect(this.inferExpr(e.to, scope), INT, e.to.span);
        return e.kind === 'SetRange' ? setOf(INT) : seqOf(INT);
      case 'SetComp':
      case 'SeqComp': {
        const container = e.kind === 'SetComp' ? 'set' : 'seq';
        const inner = this.inferStmts(e.stmts, scope, container);
        this.region(e.span, inner);
        const elem = this.ctx.fresh(container === 'set' ? TypeClass.Set : 0);
        for (const i of e.items) this.expect(this.inferExpr(i, inner), elem, i.span);
        return container === 'set' ? setOf(elem) : seqOf(elem);
      }
      case 'EventSetEnum':
        return this.productionsType(e.items, scope);
      case 'EventSetComp': {
        const inner = this.inferStmts(e.stmts, scope, 'set');
        this.region(e.span, inner);
        return this.productionsType(e.items, inner);
      }
      case 'Prefix':
        return this.inferPrefix(e.event, e.fields, e.body, scope);
      case 'Guard':
        this.expect(this.inferExpr(e.cond, scope), BOOL, e.cond.span);
        this.expect(this.inferExpr(e.body, scope), PROC, e.body.span);
        return PROC;
      case 'ProcBinary':
        this.expect(this.inferExpr(e.left, scope), PROC, e.left.span);
        this.expect(this.inferExpr(e.right, scope), PROC, e.right.span);
        return PROC;
      case 'GenPar':
        this.expect(this.inferExpr(e.left, scope), PROC, e.left.span);
        this.expect(this.inferExpr(e.sync, scope), setOf(EVENT), e.sync.span);
        this.expect(this.inferExpr(e.right, scope), PROC, e.right.span);
        return PROC;
      case 'AlphaPar':
        this.expect(this.inferExpr(e.left, scope), PROC, e.left.span);
        this.expect(this.inferExpr(e.leftAlpha, scope), setOf(EVENT), e.leftAlpha.span);
        this.expect(this.inferExpr(e.rightAlpha, scope), setOf(EVENT), e.rightAlpha.span);
        this.expect(this.inferExpr(e.right, scope), PROC, e.right.span);
        return PROC;
      case 'Hide':
        this.expect(this.inferExpr(e.body, scope), PROC, e.body.span);
        this.expect(this.inferExpr(e.set, scope), setOf(EVENT), e.set.span);
        return PROC;
      case 'Rename': {
        this.expect(this.inferExpr(e.body, scope), PROC, e.body.span);
        const inner = this.inferStmts(e.stmts, scope, 'set');
        if (e.stmts.length > 0) this.region(e.span, inner);
        for (const p of e.pairs) {
          const from = this.inferExpr(p.from, inner);
          const to = this.inferExpr(p.to, inner);
          this.expectEventLike(from, p.from.span);
          this.expectEventLike(to, p.to.span);
          this.expect(to, from, p.to.span);
        }
        return PROC;
      }
      case 'Replicated': {
        if (e.sync) this.expect(this.inferExpr(e.sync, scope), setOf(EVENT), e.sync.span);
        const inner = this.inferStmts(e.stmts, scope, e.op === ';' ? 'seq' : 'set');
        this.region(e.span, inner);
        if (e.alpha) this.expect(this.inferExpr(e.alpha, inner), setOf(EVENT), e.alpha.span);
        this.expect(this.inferExpr(e.body, inner), PROC, e.body.span);
        return PROC;
      }
      case 'LinkPar':
        this.expect(this.inferExpr(e.left, scope), PROC, e.left.span);
        this.inferLinks(e.links, e.stmts, scope, e.span);
        this.expect(this.inferExpr(e.right, scope), PROC, e.right.span);
        return PROC;
      case 'ReplicatedLinkPar': {
        // Generators range over a sequence (the order of the chain); the links may use their variables.
        const inner = this.inferStmts(e.stmts, scope, 'seq');
        this.region(e.span, inner);
        this.inferLinks(e.links, e.linkStmts, inner, e.span);
        this.expect(this.inferExpr(e.body, inner), PROC, e.body.span);
        return PROC;
      }
      case 'ProcSetOp':
        this.expect(this.inferExpr(e.left, scope), PROC, e.left.span);
        this.expect(this.inferExpr(e.set, scope), setOf(EVENT), e.set.span);
        this.expect(this.inferExpr(e.right, scope), PROC, e.right.span);
        return PROC;
      case 'Project':
        this.expect(this.inferExpr(e.body, scope), PROC, e.body.span);
        this.expect(this.inferExpr(e.set, scope), setOf(EVENT), e.set.span);
        return PROC;
      case 'StringLit':
        return seqOf(CHAR);
      case 'CharLit':
        return CHAR;
      case 'MapLit': {
        const key = this.ctx.fresh();
        const value = this.ctx.fresh();
        for (const m of e.entries) {
          this.expect(this.inferExpr(m.key, scope), key, m.key.span);
          this.expect(this.inferExpr(m.value, scope), value, m.value.span);
        }
        return mapOf(key, value);
      }
    }
  }

  /** `a <-> b, ... | stmts`: both sides events (or channels / prefixes of events) of the same type. */
  private inferLinks(links: readonly LinkPair[], stmts: readonly Stmt[], scope: Scope, span: Span): void {
    const inner = this.inferStmts(stmts, scope, 'set');
    if (stmts.length > 0) this.region(span, inner);
    for (const l of links) {
      const from = this.inferExpr(l.from, inner);
      const to = this.inferExpr(l.to, inner);
      this.expectEventLike(from, l.from.span);
      this.expectEventLike(to, l.to.span);
      this.expect(to, from, l.to.span);
    }
  }

  /** Events and channels/constructors still taking fields are accepted where `{| |}` and renaming want "an event or a prefix of one". */
  private expectEventLike(t: Type, span: Span): void {
    let r = prune(t);
    while (r.t === 'dotable') r = prune(r.result);
    if (r.t === 'var' || r.t === 'any' || r.t === 'event') {
      if (r.t === 'var') this.expect(r, EVENT, span);
      return;
    }
    this.expect(t, EVENT, span);
  }

  private inferApp(fn: Expr, args: readonly Expr[], scope: Scope, span: Span): Type {
    if (
      fn.kind === 'Var' &&
      (fn.name === 'extensions' || fn.name === 'productions') &&
      args.length === 1 &&
      !scope.lookup(fn.name)
    ) {
      this.inferVar(fn, scope);
      return this.inferExtensions(fn.name, args[0]!, scope);
    }
    const ft = prune(this.inferExpr(fn, scope));
    const argTypes = args.map((a) => this.inferExpr(a, scope));
    const name = fn.kind === 'Var' ? fn.name : 'this expression';
    if (ft.t === 'fn') {
      if (ft.params.length !== args.length) {
        this.error('CSP2003', span, { name, expected: ft.params.length, actual: args.length });
        return ft.ret;
      }
      argTypes.forEach((t, i) => this.expect(t, ft.params[i]!, args[i]!.span));
      return ft.ret;
    }
    if (ft.t === 'var') {
      const ret = this.ctx.fresh();
      this.expect(ft, fnOf(argTypes, ret), fn.span);
      return ret;
    }
    if (ft.t === 'any') return ANY;
    this.error('CSP2005', fn.span, { name, type: formatType(ft) });
    return ANY;
  }

  /**
   * `extensions(x)`: the fields that complete x (x must still take some); a
   * single missing field has that field's type, several form dotted values
   * (untyped here). `productions(x)`: the complete values extending x, of
   * x's datatype or Event.
   */
  private inferExtensions(name: 'extensions' | 'productions', arg: Expr, scope: Scope): Type {
    const t = prune(this.inferExpr(arg, scope));
    if (t.t === 'var' || t.t === 'any') return setOf(name === 'extensions' ? ANY : this.ctx.fresh());
    if (t.t !== 'dotable') {
      if (name === 'productions' && (t.t === 'event' || t.t === 'data')) return setOf(t);
      // Dotted values are typed loosely (a prefix may read as complete): only a bare name is surely complete.
      if (arg.kind === 'Dot' && (t.t === 'event' || t.t === 'data')) return setOf(ANY);
      const expected =
        name === 'extensions'
          ? 'a channel, constructor or event prefix that takes more fields'
          : 'an event, a datatype value or a prefix of one';
      this.error('CSP2004', arg.span, { expected, actual: formatType(t) });
      return setOf(ANY);
    }
    let result = prune(t.result);
    if (name === 'extensions') return result.t === 'dotable' ? setOf(ANY) : setOf(t.field);
    while (result.t === 'dotable') result = prune(result.result);
    return setOf(result);
  }

  /** `c.1.x`, `d.Bcl.1.Acl.1`: the items read against the head's fields (see dots.ts). */
  private inferDot(e: Dot, scope: Scope, asEvent = false): Type {
    const host: DotHost = { infer: (x) => this.inferExpr(x, scope), expect: (a, b, s) => this.expect(a, b, s) };
    const items = flattenDot(e);
    // Only where an event is wanted are fields after a complete event an error (else a dotted value, as FDR).
    return dotType(
      host,
      items,
      asEvent
        ? (item, given) => {
            const head = items[0]!;
            this.error('CSP2008', item.span, { name: head.kind === 'Var' ? head.name : 'the event', expected: given });
          }
        : undefined,
    );
  }

  /** The type of constructor `name` when it still takes fields where a complete `expected` value is wanted. */
  private partialConstructor(name: string, expected: Type, scope: Scope): Type | undefined {
    const c = this.constantFor(name, scope);
    if (c === undefined) return undefined;
    const t = c.scheme ? this.ctx.instantiate(c.scheme) : (c.mono ?? ANY);
    return wantsFields(t, expected) ? t : undefined;
  }

  /**
   * `{| c, C |}`: every event extending a channel (or event prefix), or every
   * value extending a datatype constructor: a set of events or of that datatype.
   */
  private productionsType(items: readonly Expr[], scope: Scope): Type {
    const elem = this.ctx.fresh();
    for (const i of items) {
      const t = this.inferExpr(i, scope);
      const r = chainOf(t).result;
      if (r.t === 'data' || r.t === 'event') this.expect(r, elem, i.span);
      // A parameter (`f(x) = {| x |}`) may be a channel or a prefix taking any number of fields (FDR's x =>* Event).
      else if (r.t !== 'var') this.expectEventLike(t, i.span);
    }
    const e = prune(elem);
    // `{||}` names nothing: an empty set of events or of datatype values, whichever its use needs (FDR's {a}).
    if (items.length === 0) return setOf(this.ctx.fresh(TypeClass.Eq));
    if (e.t === 'var') this.expect(e, EVENT, items[0]!.span);
    return setOf(elem);
  }

  private inferPrefix(event: Expr, fields: readonly CommField[], body: Expr, scope: Scope): Type {
    let cur = prune(event.kind === 'Dot' ? this.inferDot(event, scope, true) : this.inferExpr(event, scope));
    const inner = new Scope(scope);
    const out = new Map<string, Binding>();
    let lastWasInput = false;
    for (const [fieldIndex, f] of fields.entries()) {
      let field: Type;
      if (cur.t === 'dotable') {
        field = cur.field;
        cur = prune(cur.result);
      } else if (cur.t === 'var' || cur.t === 'any') {
        field = ANY;
        cur = ANY;
      } else {
        const head =
          event.kind === 'Var'
            ? event.name
            : event.kind === 'Dot' && event.items[0]!.kind === 'Var'
              ? event.items[0].name
              : 'the event';
        this.error('CSP2008', f.span, { name: head, expected: countFields(event) + fieldIndex });
        field = ANY;
        cur = ANY;
      }
      if (f.kind === 'InputField' && doubleAtTop(f.pattern)) this.error('CSP2036', f.pattern.span);
      // FDR: a last field may cover all remaining fields (`c?x` binds x to a dotted value).
      const takesRest = fieldIndex === fields.length - 1 && cur.t === 'dotable';
      if (f.kind === 'OutputField') {
        const t = prune(this.inferExpr(f.expr, inner));
        // A last output may carry several fields (`F(x) = c!x -> STOP` called as `F(0.1)`).
        if (takesRest && (t.t === 'any' || t.t === 'var')) cur = ANY;
        else if (wantsFields(t, field)) {
          // `signal!Claim_Secret!Alice`: a constructor output without its fields; they are the next ones.
          const c = chainOf(t);
          this.expect(c.result, field, f.expr.span);
          cur = prune(prependFields(c.fields, cur));
        } else this.expect(t, field, f.expr.span);
        lastWasInput = false;
      } else if (f.pattern.kind === 'PVar' && this.partialConstructor(f.pattern.name, field, inner)) {
        // `c?Acl` matching a constructor that still takes fields: they are the next ones.
        const c = chainOf(this.partialConstructor(f.pattern.name, field, inner)!);
        this.inferPattern(f.pattern, prependFields(c.fields, field), inner, out, 'local');
        cur = prune(prependFields(c.fields, cur));
        lastWasInput = false;
      } else {
        if (f.restriction)
          this.expect(
            this.inferExpr(f.restriction, inner),
            setOf(takesRest ? this.ctx.fresh() : field),
            f.restriction.span,
          );
        const p = f.pattern;
        if (
          p.kind === 'PDot' &&
          !(p.items[0]!.kind === 'PVar' && this.constantFor(p.items[0].name, inner)) &&
          f.restriction === null
        ) {
          // `c?x.y`: a dotted input pattern with a variable head splits the event's fields, one part each.
          p.items.forEach((q, k) => {
            if (k > 0 && cur.t === 'dotable') {
              field = cur.field;
              cur = prune(cur.result);
            } else if (k > 0) field = ANY;
            this.inferPattern(q, k === p.items.length - 1 && cur.t === 'dotable' ? ANY : field, inner, out, 'local');
          });
        }
        // Pattern variables become visible to the later fields and the body.
        else this.inferPattern(p, takesRest && p.kind !== 'PDot' ? ANY : field, inner, out, 'local');
        for (const [n, b] of out) inner.names.set(n, b);
        lastWasInput = true;
      }
    }
    // An input on the last field may take the remaining fields; otherwise the event must be complete.
    if (cur.t === 'dotable' && !lastWasInput) {
      let missing = 0;
      for (let r: Type = cur; r.t === 'dotable'; r = prune(r.result)) missing++;
      const last = fields.length > 0 ? fields[fields.length - 1]!.span : event.span;
      const span = { ...event.span, endLine: last.endLine, endColumn: last.endColumn, end: last.end };
      this.error('CSP2004', span, {
        expected: 'a complete event',
        actual: `${formatType(cur)} (${missing} more field${missing === 1 ? '' : 's'} needed)`,
      });
    } else if (!(lastWasInput && cur.t === 'dotable')) this.expect(cur, EVENT, event.span);
    this.region(body.span, inner);
    this.expect(this.inferExpr(body, inner), PROC, body.span);
    return PROC;
  }
}

/** Length of the sequences a pattern matches, when it is fixed. */
function fixedLength(p: Pattern): number | undefined {
  switch (p.kind) {
    case 'PSeqEnum':
      return p.items.length;
    case 'PString':
      return [...p.value].length;
    case 'PConcat': {
      const l = fixedLength(p.left);
      const r = fixedLength(p.right);
      return l !== undefined && r !== undefined ? l + r : undefined;
    }
    case 'PDouble':
      return fixedLength(p.left) ?? fixedLength(p.right);
    default:
      return undefined;
  }
}

/** Flatten nested dots: `(a.b).c` and `a.(b.c)` are the same dotted value in CSPm. */
/**
 * `c?(x @@ y)`, `c?x.(y @@ z)`: FDR refuses `@@` in an input pattern, at its top
 * or among its dotted parts (inside a tuple or a sequence it is fine).
 */
function doubleAtTop(p: Pattern): boolean {
  return p.kind === 'PDouble' || (p.kind === 'PDot' && p.items.some(doubleAtTop));
}

export function flattenDot(e: Expr): Expr[] {
  if (e.kind !== 'Dot') return [e];
  return e.items.flatMap(flattenDot);
}

function countFields(e: Expr): number {
  return e.kind === 'Dot' ? flattenDot(e).length - 1 : 0;
}
