/**
 * Declaration-level checking: collects the names a group of declarations
 * defines (reporting duplicates), orders the group by dependency (Tarjan's
 * strongly connected components, so mutually recursive definitions are
 * inferred together) and generalises each component, which gives top-level
 * and `let` functions their polymorphic types as in FDR.
 */
import type { AssertDecl, Decl, Expr, Module, PrintDecl, Span, TypeAnnotationDecl, TimedDecl } from '../syntax/ast';
import { patternVars } from '../syntax/patterns';
import { forEachFreeName } from './free-names';
import { type Diagnostic, makeDiagnostic, sortDiagnostics } from '../diagnostics';
import { expandedDecls } from '../modules/expand';
import { AnnotationTypes, collectAnnotations } from './annotations';
import { BUILTINS, COMPRESSIONS, EXTERNALS, UNSUPPORTED_BUILTINS } from './builtins';
import { Inferencer, Scope, type Binding } from './infer';
import { spliceTimed } from './timed';
import type { CheckedModule, SymbolInfo, SymbolKind } from './symbols';
import {
  ANY,
  EVENT,
  PROC,
  TypeClass,
  dotable,
  formatType,
  prune,
  requireClass,
  seqOf,
  setOf,
  type Scheme,
  type Type,
} from './types';

interface Item {
  readonly decl: Decl;
  readonly bindings: Binding[];
}

export interface CheckResult {
  readonly module: CheckedModule;
  readonly diagnostics: Diagnostic[];
}

export function flattenIncludes(decls: readonly Decl[]): Decl[] {
  return decls.flatMap((d) => (d.kind === 'IncludeDecl' ? flattenIncludes(d.decls) : [d]));
}

export class Checker extends Inferencer {
  readonly channels: SymbolInfo[] = [];
  readonly datatypes: SymbolInfo[] = [];
  readonly transparent = new Set<string>();
  readonly assertions: AssertDecl[] = [];
  private readonly prints: PrintDecl[] = [];
  /** Field types of the declaration group being inferred, checked once the group is done (mutual recursion). */
  private fieldChecks: { type: Type; span: Span }[] = [];
  private readonly annotationTypes = new AnnotationTypes(this.ctx, (code, span, args) => this.error(code, span, args));

  check(ast: Module): CheckResult {
    const expansion = expandedDecls(ast);
    const decls = expansion.decls;
    this.diagnostics.push(...expansion.diagnostics);
    const top = new Scope(null);
    this.inferDecls(decls, top, true);
    for (const a of this.assertions) this.inferAssertion(a, top);
    for (const p of this.prints) this.inferExpr(p.expr, top);
    const symbols = new Map<string, SymbolInfo>();
    for (const [name, b] of top.names) symbols.set(name, b.symbol);
    const module: CheckedModule = {
      ast,
      decls,
      symbols,
      channels: this.channels,
      datatypes: this.datatypes,
      assertions: this.assertions,
      transparent: this.transparent,
      occurrences: this.occurrences,
      scopes: this.scopes,
      references: this.references,
    };
    // A qualified name the module expansion could not resolve is reported there, not again as undefined.
    const expanded = new Set(expansion.diagnostics.map((d) => d.span.offset));
    // One mistake often fails two unifications at the same place: report it once.
    const seen = new Set<string>();
    const diagnostics = this.diagnostics.filter((d, i) => {
      const key = `${d.code}@${d.span.file}:${d.span.offset}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return i < expansion.diagnostics.length || d.code !== 'CSP2001' || !expanded.has(d.span.offset);
    });
    return { module, diagnostics: sortDiagnostics(diagnostics) };
  }

  private declare(scope: Scope, topLevel: boolean, sym: SymbolInfo, item: Item | null): Binding | null {
    const existing = scope.names.get(sym.name);
    if (existing) {
      const related = existing.symbol.span ? [{ message: 'first defined here', span: existing.symbol.span }] : [];
      this.error('CSP2002', sym.span!, { name: sym.name }, related);
      return null;
    }
    if (topLevel && BUILTINS.has(sym.name)) this.error('CSP2012', sym.span!, { name: sym.name });
    const b = this.define(scope, sym, null);
    item?.bindings.push(b);
    return b;
  }

  inferDecls(decls: readonly Decl[], scope: Scope, topLevel: boolean): void {
    const sections: TimedDecl[] = [];
    decls = spliceTimed(decls, this.timedDecls, sections);
    const items: Item[] = [];
    const annotations = collectAnnotations(decls, (code, span, args) => this.error(code, span, args));
    const sym = (
      name: string,
      kind: SymbolKind,
      span: Span,
      decl: Decl,
      extra: Partial<SymbolInfo> = {},
    ): SymbolInfo => ({
      name,
      kind,
      span,
      decl,
      type: ANY,
      ...extra,
    });
    // Pass 1: names that are not pattern-bound (constructors must be known before patterns are read).
    for (const d of decls) {
      const item: Item = { decl: d, bindings: [] };
      switch (d.kind) {
        case 'ChannelDecl':
          for (const n of d.names) {
            const s = sym(n.name, 'channel', n.span, d, { channel: d, index: this.channels.length });
            if (this.declare(scope, topLevel, s, item)) this.channels.push(s);
          }
          break;
        case 'DatatypeDecl': {
          const dt = sym(d.name.name, 'datatype', d.name.span, d, {
            datatypeDecl: d,
            type: setOf({ t: 'data', name: d.name.name }),
          });
          const b = this.declare(scope, topLevel, dt, null);
          if (b) {
            b.scheme = { vars: [], type: dt.type };
            this.datatypes.push(dt);
          }
          d.ctors.forEach((c, index) => {
            this.declare(
              scope,
              topLevel,
              sym(c.name.name, 'constructor', c.name.span, d, { datatype: d.name.name, ctor: c, index }),
              item,
            );
          });
          break;
        }
        case 'NametypeDecl':
        case 'SubtypeDecl':
          this.declare(scope, topLevel, sym(d.name.name, 'nametype', d.name.span, d), item);
          break;
        case 'TypeAnnotationDecl':
          continue;
        case 'ModuleDecl':
        case 'InstanceDecl':
          // Expanded into plain declarations before checking (modules/expand.ts).
          continue;
        case 'TimedDecl':
          // Spliced into plain declarations above (spliceTimed); checked after inference.
          continue;
        case 'ValueDecl':
          this.declare(scope, topLevel, sym(d.name.name, 'value', d.name.span, d), item);
          break;
        case 'FunctionDecl':
          this.declare(scope, topLevel, sym(d.name.name, 'function', d.name.span, d), item);
          break;
        case 'TransparentDecl':
          for (const n of d.names) {
            if (COMPRESSIONS.includes(n.name)) this.transparent.add(n.name);
            else this.error('CSP2006', n.span, { name: n.name, known: COMPRESSIONS.join(', ') });
          }
          continue;
        case 'ExternalDecl':
          for (const n of d.names) {
            if (EXTERNALS.has(n.name)) this.externals.add(n.name);
            else if (COMPRESSIONS.includes(n.name)) this.transparent.add(n.name);
            else if (UNSUPPORTED_BUILTINS.has(n.name)) this.error('CSP2013', n.span, { name: n.name });
            else
              this.error('CSP2006', n.span, { name: n.name, known: [...EXTERNALS.keys(), ...COMPRESSIONS].join(', ') });
          }
          continue;
        case 'AssertDecl':
          this.assertions.push(d);
          continue;
        case 'PrintDecl':
          this.prints.push(d);
          continue;
        case 'PatternDecl':
        case 'IncludeDecl':
          break;
      }
      items.push(item);
    }
    // Pass 2: names bound by pattern declarations `(a, b) = ...`.
    for (const item of items) {
      const d = item.decl;
      if (d.kind !== 'PatternDecl') continue;
      for (const v of patternVars(d.pattern)) {
        const b = scope.lookup(v.name);
        if (b && (b.symbol.kind === 'constructor' || b.symbol.kind === 'channel')) continue;
        this.declare(scope, topLevel, sym(v.name, 'pattern', v.span, d), item);
      }
    }
    for (const component of this.components(items, scope)) this.inferComponent(component, scope, annotations, topLevel);
    this.checkTimedSections(sections, scope);
  }

  /** Strongly connected components of the "mentions a name defined by" graph, dependencies first. */
  private components(items: readonly Item[], scope: Scope): Item[][] {
    const owner = new Map<string, number>();
    items.forEach((it, i) => it.bindings.forEach((b) => owner.set(b.symbol.name, i)));
    const isConstant = (name: string): boolean => {
      const k = scope.lookup(name)?.symbol.kind;
      return k === 'constructor' || k === 'channel';
    };
    const edges: number[][] = items.map((it) => {
      const out = new Set<number>();
      const use = (name: string): void => {
        const o = owner.get(name);
        if (o !== undefined && scope.names.get(name)) out.add(o);
      };
      // A subtype's constructors are references to its datatype's.
      if (it.decl.kind === 'SubtypeDecl') it.decl.ctors.forEach((c) => use(c.name.name));
      forEachFreeName(it.decl, use, isConstant);
      return [...out];
    });
    const index = new Array<number>(items.length).fill(-1);
    const low = new Array<number>(items.length).fill(0);
    const onStack = new Array<boolean>(items.length).fill(false);
    const stack: number[] = [];
    const result: Item[][] = [];
    let counter = 0;
    const strong = (v: number): void => {
      index[v] = low[v] = counter++;
      stack.push(v);
      onStack[v] = true;
      for (const w of edges[v]!) {
        if (index[w] === -1) {
          strong(w);
          low[v] = Math.min(low[v]!, low[w]!);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
      }
      if (low[v] === index[v]) {
        const comp: Item[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          comp.push(items[w]!);
        } while (w !== v);
        result.push(comp.reverse());
      }
    };
    for (let v = 0; v < items.length; v++) if (index[v] === -1) strong(v);
    return result;
  }

  /**
   * Infers a group of mutually recursive definitions. An annotated name is
   * checked against its annotation (rigid type variables) and gets the
   * annotation's polymorphic type. As in FDR, unannotated definitions are
   * polymorphic at top level (and in modules) but not in `let`.
   */
  private inferComponent(
    component: readonly Item[],
    scope: Scope,
    annotations: ReadonlyMap<string, TypeAnnotationDecl>,
    topLevel: boolean,
  ): void {
    const declared = new Map<Binding, Scheme>();
    const bodyScopes = new Map<Item, Scope>();
    this.ctx.level++;
    for (const it of component) {
      for (const b of it.bindings) {
        const a = annotations.get(b.symbol.name);
        if (a === undefined) {
          b.mono = this.ctx.fresh();
          continue;
        }
        const { rigid, scheme, body } = this.annotationTypes.build(a, scope);
        b.mono = rigid;
        declared.set(b, scheme);
        bodyScopes.set(it, body);
      }
    }
    // Datatypes first (as libcspm): their constructors' types are what mutually recursive subtypes and values use.
    const ordered = [...component].sort(
      (a, b) => Number(b.decl.kind === 'DatatypeDecl') - Number(a.decl.kind === 'DatatypeDecl'),
    );
    for (const it of ordered) this.withTimed(it.decl, () => this.inferItem(it, bodyScopes.get(it) ?? scope));
    for (const f of this.fieldChecks) this.checkFieldType(f.type, f.span);
    this.fieldChecks = [];
    this.ctx.level--;
    for (const it of component) {
      for (const b of it.bindings) {
        const t = b.mono!;
        const scheme = declared.get(b);
        b.scheme = scheme ?? (topLevel ? this.ctx.generalise(t) : { vars: [], type: t });
        b.symbol.type = scheme?.type ?? t;
        b.mono = null;
      }
    }
  }

  /** The element type of a set used as a field type (`{0..3}` → Int); tuples of sets give tuples. */
  private fieldType(e: Expr, scope: Scope): Type {
    // `A.(Proc, Set(Events))`: a tuple of sets is the set of tuples (each item its own field type).
    if (e.kind === 'Tuple') return { t: 'tuple', items: e.items.map((i) => this.fieldType(i, scope)) };
    const t = prune(this.inferExpr(e, scope));
    // A set of dotted values this checker does not type (`{x.y | …}`): its values' type is unknown too.
    if (t.t === 'var' && t.loose === true) return ANY;
    if (t.t === 'set') {
      const elem = prune(t.elem);
      return elem.t === 'var' && elem.loose === true ? ANY : elem;
    }
    if (t.t === 'tuple' && t.items.every((i) => prune(i).t === 'set')) {
      return { t: 'tuple', items: t.items.map((i) => (prune(i) as { elem: Type }).elem) };
    }
    if (t.t === 'any') return ANY;
    const elem = this.ctx.fresh();
    this.expect(t, setOf(elem), e.span);
    return elem;
  }

  /** Build `f1 => f2 => ... => result`; a field we cannot type makes the whole thing loose (ANY). */
  private dotableType(fields: readonly Expr[], result: Type, scope: Scope, fieldClass = 0): Type {
    const types = fields.map((f) => this.fieldType(f, scope));
    // Events are compared (synchronisation): a channel's fields must allow equality (no processes, no functions).
    if (fieldClass !== 0) types.forEach((t, i) => this.requireClassAt(t, fieldClass, fields[i]!.span));
    types.forEach((t, i) => this.fieldChecks.push({ type: t, span: fields[i]!.span }));
    // A field of a type still unknown here (a mutually recursive subtype) is resolved later in the group.
    if (types.some((t) => prune(t).t === 'any')) return ANY;
    return types.reduceRight<Type>((acc, t) => dotable(t, acc), result);
  }

  /**
   * FDR needs each field of a channel or constructor to have one known type of
   * complete values: `{}` (or a set of unknown type) is ambiguous, and `{B}`
   * for a constructor B that takes fields holds incomplete values.
   */
  private checkFieldType(t: Type, span: Span): void {
    const r = prune(t);
    if (r.t === 'dotable') this.error('CSP2034', span, { type: formatType(r) });
    else if (hasTypeVariable(r)) this.error('CSP2033', span, { type: formatType(r) });
  }

  private inferItem(it: Item, scope: Scope): void {
    const d = it.decl;
    switch (d.kind) {
      case 'ChannelDecl': {
        const t = this.dotableType(d.fields, EVENT, scope, TypeClass.Eq);
        for (const b of it.bindings) this.expect(t, b.mono!, b.symbol.span!);
        if (it.bindings.length === 0) for (const f of d.fields) this.inferExpr(f, scope);
        return;
      }
      case 'DatatypeDecl': {
        const result: Type = { t: 'data', name: d.name.name };
        for (const b of it.bindings) {
          const c = b.symbol.ctor!;
          const t = this.dotableType(c.fields, result, scope);
          this.expect(t, b.mono!, c.span);
          // FDR: a datatype whose values hold a process (or function) cannot be compared.
          const probe = { incomparable: this.classEnv.incomparable };
          if (requireClass(t, TypeClass.Eq, probe) !== 'ok') this.classEnv.incomparable.add(d.name.name);
        }
        return;
      }
      case 'NametypeDecl':
      case 'ValueDecl': {
        const body = d.kind === 'ValueDecl' ? d.body : d.type;
        const t = this.inferExpr(body, scope);
        this.expect(t, it.bindings[0]?.mono ?? this.ctx.fresh(), body.span);
        const r = prune(t);
        // A nametype is a type: its values must be complete (not constructors still taking fields).
        if (d.kind === 'NametypeDecl' && r.t === 'set' && prune(r.elem).t === 'dotable')
          this.error('CSP2034', body.span, { type: formatType(r.elem) });
        return;
      }
      case 'FunctionDecl':
        return this.inferFunction(d, it.bindings[0]?.mono ?? this.ctx.fresh(), scope);
      case 'SubtypeDecl':
        return this.expect(this.inferSubtype(d, scope), it.bindings[0]?.mono ?? this.ctx.fresh(), d.name.span);
      case 'PatternDecl': {
        const t = this.inferExpr(d.body, scope);
        const out = new Map<string, Binding>();
        this.inferPattern(d.pattern, t, scope, out, 'pattern');
        for (const b of it.bindings) {
          const o = out.get(b.symbol.name);
          if (o) this.expect(o.mono!, b.mono!, b.symbol.span!);
        }
        return;
      }
      default:
        return;
    }
  }

  /** `subtype T = C.S | D`: constructors of one datatype, each with at most its own number of field sets. */
  private inferSubtype(d: Extract<Decl, { kind: 'SubtypeDecl' }>, scope: Scope): Type {
    let datatype: Type | null = null;
    for (const c of d.ctors) {
      const b = scope.lookup(c.name.name);
      if (b?.symbol.kind !== 'constructor') {
        this.error(b ? 'CSP2026' : 'CSP2001', c.name.span, { name: c.name.name, suggestion: '' });
        continue;
      }
      this.occurrences.push({ span: c.name.span, symbol: b.symbol, isDefinition: false });
      let t = prune(b.scheme ? this.ctx.instantiate(b.scheme) : (b.mono ?? ANY));
      for (const [i, f] of c.fields.entries()) {
        if (t.t !== 'dotable') {
          this.error('CSP2008', f.span, { name: c.name.name, expected: i });
          break;
        }
        this.expect(this.fieldType(f, scope), t.field, f.span);
        t = prune(t.result);
      }
      while (t.t === 'dotable') t = prune(t.result);
      if (datatype === null) datatype = t;
      else this.expect(t, datatype, c.span);
    }
    return setOf(datatype ?? this.ctx.fresh());
  }

  private inferFunction(d: Extract<Decl, { kind: 'FunctionDecl' }>, mono: Type, scope: Scope): void {
    const first = d.clauses[0]!;
    const shape = first.params.map((g) => g.length);
    const groups = shape.map((n) => Array.from({ length: n }, () => this.ctx.fresh() as Type));
    const ret = this.ctx.fresh();
    const fnType = groups.reduceRight<Type>((acc, g) => ({ t: 'fn', params: g, ret: acc }), ret);
    this.expect(fnType, mono, d.name.span);
    for (const c of d.clauses) {
      const cshape = c.params.map((g) => g.length);
      if (cshape.length !== shape.length || cshape.some((n, i) => n !== shape[i])) {
        this.error('CSP2007', c.span, { name: d.name.name, expected: shape.join(')('), actual: cshape.join(')(') });
        continue;
      }
      const inner = new Scope(scope);
      const out = new Map<string, Binding>();
      c.params.forEach((g, gi) =>
        g.forEach((p, pi) => this.inferPattern(p, groups[gi]![pi]!, scope, out, 'parameter')),
      );
      for (const [n, b] of out) inner.names.set(n, b);
      this.region(c.span, inner);
      this.expect(this.inferExpr(c.body, inner), ret, c.body.span);
    }
  }

  private inferAssertion(a: AssertDecl, scope: Scope): void {
    for (const o of a.options ?? [])
      if (o.kind === 'TauPriority') this.expect(this.inferExpr(o.set, scope), setOf(EVENT), o.set.span);
    const x = a.assertion;
    switch (x.kind) {
      case 'RefinementAssertion':
        this.expect(this.inferExpr(x.spec, scope), PROC, x.spec.span);
        this.expect(this.inferExpr(x.impl, scope), PROC, x.impl.span);
        return;
      case 'PropertyAssertion':
        this.expect(this.inferExpr(x.process, scope), PROC, x.process.span);
        return;
      case 'HasTraceAssertion':
        this.expect(this.inferExpr(x.process, scope), PROC, x.process.span);
        this.expect(this.inferExpr(x.trace, scope), seqOf(EVENT), x.trace.span);
        return;
    }
  }
}

/** True when `t` still contains a type variable (its value does not determine it). */
function hasTypeVariable(t: Type): boolean {
  const r = prune(t);
  switch (r.t) {
    case 'var':
      return r.loose !== true;
    case 'rigid':
      return true;
    case 'set':
    case 'seq':
      return hasTypeVariable(r.elem);
    case 'tuple':
      return r.items.some(hasTypeVariable);
    case 'map':
      return hasTypeVariable(r.key) || hasTypeVariable(r.value);
    case 'fn':
      return r.params.some(hasTypeVariable) || hasTypeVariable(r.ret);
    case 'dotable':
      return hasTypeVariable(r.field) || hasTypeVariable(r.result);
    default:
      return false;
  }
}

/** Resolve names and infer types; never throws on user input. */
export function check(ast: Module): CheckResult {
  const checker = new Checker();
  try {
    return checker.check(ast);
  } catch (e) {
    // A checker bug must not take the host down: report it where the module starts.
    const diagnostics = [
      ...checker.diagnostics,
      makeDiagnostic('CSP2004', ast.span, {
        expected: 'a checkable module',
        actual: `an internal checker error (${e instanceof Error ? e.message : String(e)})`,
      }),
    ];
    const module: CheckedModule = {
      ast,
      decls: flattenIncludes(ast.decls),
      symbols: new Map(),
      channels: [],
      datatypes: [],
      assertions: [],
      transparent: new Set(),
      occurrences: [],
      scopes: [],
      references: new Map(),
    };
    return { module, diagnostics };
  }
}
