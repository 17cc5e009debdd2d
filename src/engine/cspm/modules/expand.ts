/**
 * Modules as FDR reads them, expanded before type checking into plain
 * top-level declarations with qualified names:
 *
 *   module M(X) … exports … endmodule   a module (parameterised when it has a list)
 *   instance N = M(args)                N::x for every definition x of M, X bound to args
 *   M::x                                x exported by module (or instance) M
 *
 * A module's body sees its own definitions (exported or not), its parameters
 * and the names around its declaration; outside, only exported names are
 * visible, through `M::`. Each instance gets its own copy of the body (so its
 * own channels and datatypes, as in FDR). A parameterised module has no values
 * until it is instantiated.
 *
 * Pure and deterministic: the checker and the evaluator expand the same
 * module object once (`expandedDecls` caches by identity).
 */
import type { Decl, Ident, InstanceDecl, Module, ModuleDecl, Span } from '../syntax/ast';
import { patternVars } from '../syntax/patterns';
import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import { Env, type Entry, type ModuleEntry } from './env';
import { Renamer, type Report } from './rename';
import { reportInstanceCycles, type InstanceSpan } from './instance-cycles';

export interface Expansion {
  readonly decls: readonly Decl[];
  readonly diagnostics: readonly Diagnostic[];
}

const cache = new WeakMap<Module, Expansion>();

/** The module's declarations with includes spliced in and modules expanded (cached per module object). */
export function expandedDecls(module: Module): Expansion {
  let r = cache.get(module);
  if (!r) {
    r = expandModules(flatten(module.decls));
    cache.set(module, r);
  }
  return r;
}

function flatten(decls: readonly Decl[]): Decl[] {
  return decls.flatMap((d) => (d.kind === 'IncludeDecl' ? flatten(d.decls) : [d]));
}

/** A module's declarations, private ones first (includes spliced in). */
function body(m: ModuleDecl): Decl[] {
  return flatten([...m.privateDecls, ...m.exportedDecls]);
}

function usesModules(decls: readonly Decl[]): boolean {
  return decls.some((d) => d.kind === 'ModuleDecl' || d.kind === 'InstanceDecl');
}

export function expandModules(decls: readonly Decl[]): Expansion {
  if (!usesModules(decls)) return { decls, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const expander = new Expander((code, span, args) => diagnostics.push(makeDiagnostic(code, span, args)));
  const out: Decl[] = [];
  const top = new Env(null);
  expander.declare(decls, top, '');
  expander.emit(decls, top, out);
  // Only instances expanded into the result (not into a module body checked on its own).
  const placed = expander.instances.filter((i) => i.into === out);
  reportInstanceCycles(out, placed, (code, span, args) => diagnostics.push(makeDiagnostic(code, span, args)));
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.code}@${d.span.file}:${d.span.offset}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { decls: out, diagnostics: unique };
}

class Expander {
  private readonly renamer: Renamer;
  /** Where each instance's declarations went in the output, for the module/instance cycle check. */
  readonly instances: InstanceSpan[] = [];
  /** Instances being expanded, to refuse an instance that contains itself. */
  private readonly instantiating = new Set<ModuleDecl>();
  /**
   * The scope each module's and instance's body was declared in, by the scope
   * the module or instance itself is declared in (one module body is declared
   * once per instance of an enclosing module). Filled by `declare`, read by `emit`.
   */
  private readonly bodies = new Map<Env, Map<Decl, { env: Env; entry: ModuleEntry }>>();

  private setBody(scope: Env, d: Decl, body: { env: Env; entry: ModuleEntry }): void {
    let m = this.bodies.get(scope);
    if (!m) this.bodies.set(scope, (m = new Map()));
    m.set(d, body);
  }

  constructor(private readonly report: Report) {
    this.renamer = new Renamer(report);
  }

  /** Registers every name `decls` define in `env` (qualified with `prefix`), modules and instances included. */
  declare(decls: readonly Decl[], env: Env, prefix: string): void {
    const value = (name: string, span: Span, constant = false, isType = false): void => {
      const existing = env.names.get(name);
      // Duplicate definitions are reported by the checker on the expanded names; a clash with a module here.
      if (existing?.kind === 'module') this.report('CSP2002', span, { name });
      if (existing) return;
      env.names.set(name, { kind: 'value', qname: prefix + name, constant, isType, span });
    };
    for (const d of decls) {
      switch (d.kind) {
        case 'ChannelDecl':
          d.names.forEach((n) => value(n.name, n.span, true));
          break;
        case 'DatatypeDecl':
          value(d.name.name, d.name.span, false, true);
          d.ctors.forEach((c) => value(c.name.name, c.name.span, true));
          break;
        case 'NametypeDecl':
        case 'SubtypeDecl':
          value(d.name.name, d.name.span, false, true);
          break;
        case 'ValueDecl':
        case 'FunctionDecl':
          value(d.name.name, d.name.span);
          break;
        case 'PatternDecl':
          for (const v of patternVars(d.pattern)) if (!this.renamer.isConstant(v.name, env)) value(v.name, v.span);
          break;
        case 'TransparentDecl':
        case 'ExternalDecl':
          // The built-in itself, made visible (and exportable) under its own name.
          for (const n of d.names)
            if (!env.names.has(n.name))
              env.names.set(n.name, { kind: 'value', qname: n.name, constant: false, isType: false, span: n.span });
          break;
        case 'ModuleDecl': {
          if (env.names.has(d.name.name)) {
            this.report('CSP2002', d.name.span, { name: d.name.name });
            break;
          }
          const entry: ModuleEntry = {
            kind: 'module',
            qname: prefix + d.name.name,
            decl: d,
            closure: env,
            exports: null,
            defined: new Set(),
            span: d.name.span,
          };
          env.names.set(d.name.name, entry);
          this.instantiating.add(d);
          try {
            if (d.params === null)
              this.setBody(env, d, { env: this.declareBody(entry, env, entry.qname + '::', []), entry });
            else this.checkUninstantiated(entry, env);
          } finally {
            this.instantiating.delete(d);
          }
          break;
        }
        default:
          break;
      }
    }
    this.declareInstances(
      decls.filter((d): d is InstanceDecl => d.kind === 'InstanceDecl'),
      env,
      prefix,
    );
  }

  /**
   * A parameterised module's body is expanded once with its parameters as
   * plain names and the result dropped: mistakes in names (and instances that
   * contain themselves) are reported even if the module is never instantiated.
   */
  private checkUninstantiated(entry: ModuleEntry, env: Env): void {
    const probe: ModuleEntry = { ...entry, exports: null, defined: new Set() };
    const params = (entry.decl.params ?? [])
      .flatMap((p) => patternVars(p).map((v) => v.name))
      .filter((n) => !this.renamer.isConstant(n, env));
    const inner = this.declareBody(probe, env, `${entry.qname}::`, params);
    this.emitBody(entry.decl, inner, []);
  }

  /** A module body's scope: parameters, then every definition; fills the entry's exports. */
  private declareBody(entry: ModuleEntry, closure: Env, prefix: string, params: readonly string[]): Env {
    const env = new Env(closure);
    const d = entry.decl;
    for (const p of params)
      env.names.set(p, { kind: 'value', qname: prefix + p, constant: false, isType: false, span: d.name.span });
    this.declare(body(d), env, prefix);
    const exports = new Map<string, Entry>();
    const exportedEnv = new Env(null);
    this.declareNamesOnly(flatten(d.exportedDecls), exportedEnv);
    for (const name of exportedEnv.names.keys()) {
      const e = env.names.get(name);
      if (e) exports.set(name, e);
    }
    for (const name of env.names.keys()) entry.defined.add(name);
    entry.exports = exports;
    return env;
  }

  /** The names `decls` define (used to know which ones a module exports). */
  private declareNamesOnly(decls: readonly Decl[], env: Env): void {
    for (const d of decls) {
      if (d.kind === 'ChannelDecl') d.names.forEach((n) => env.names.set(n.name, { kind: 'local' }));
      else if (d.kind === 'DatatypeDecl')
        [d.name, ...d.ctors.map((c) => c.name)].forEach((n) => env.names.set(n.name, { kind: 'local' }));
      else if (d.kind === 'PatternDecl')
        patternVars(d.pattern).forEach((v) => env.names.set(v.name, { kind: 'local' }));
      else if (d.kind === 'TransparentDecl' || d.kind === 'ExternalDecl')
        d.names.forEach((n) => env.names.set(n.name, { kind: 'local' }));
      else if ('name' in d) env.names.set(d.name.name, { kind: 'local' });
    }
  }

  /** Instances in dependency order (one may name a module another instance exports). */
  private declareInstances(instances: readonly InstanceDecl[], env: Env, prefix: string): void {
    let pending = [...instances];
    while (pending.length > 0) {
      const next = pending.filter((d) => !this.tryInstance(d, env, prefix, false));
      if (next.length === pending.length) {
        for (const d of next) this.tryInstance(d, env, prefix, true);
        return;
      }
      pending = next;
    }
  }

  /** Declares one instance if its module is known (or, with `final`, reports why not); true when done. */
  private tryInstance(d: InstanceDecl, env: Env, prefix: string, final: boolean): boolean {
    const target =
      d.module.name.includes('::') || env.lookup(d.module.name)?.kind === 'module'
        ? this.silentModule(d.module.name, env)
        : undefined;
    if (target === undefined) {
      if (!final) return false;
      const entry = this.renamer.resolve(d.module.name, d.module.span, env);
      if (entry !== undefined) this.report('CSP2025', d.module.span, { name: d.module.name });
      return true;
    }
    if (env.names.has(d.name.name)) {
      this.report('CSP2002', d.name.span, { name: d.name.name });
      return true;
    }
    const m = target.decl;
    const expected = m.params?.length ?? 0;
    const given = d.args?.length ?? 0;
    if ((m.params === null) !== (d.args === null) || expected !== given) {
      this.report('CSP2003', d.span, { name: d.module.name, expected, actual: given });
      return true;
    }
    if (this.instantiating.has(m)) {
      this.report('CSP2024', d.span, { name: d.name.name, module: d.module.name });
      return true;
    }
    const qname = prefix + d.name.name;
    const entry: ModuleEntry = {
      kind: 'module',
      qname,
      decl: m,
      closure: target.closure,
      exports: null,
      defined: new Set(),
      span: d.name.span,
    };
    env.names.set(d.name.name, entry);
    const params = (m.params ?? [])
      .flatMap((p) => patternVars(p).map((v) => v.name))
      .filter((n) => !this.renamer.isConstant(n, target.closure));
    this.instantiating.add(m);
    try {
      this.setBody(env, d, { env: this.declareBody(entry, target.closure, qname + '::', params), entry });
    } finally {
      this.instantiating.delete(m);
    }
    return true;
  }

  /** The module a name denotes, without reporting anything (instances retry until their module is known). */
  private silentModule(name: string, env: Env): ModuleEntry | undefined {
    const parts = name.split('::');
    let entry: Entry | undefined = env.lookup(parts[0]!);
    for (const part of parts.slice(1)) {
      if (entry?.kind !== 'module' || entry.exports === null) return undefined;
      entry = entry.exports.get(part);
    }
    return entry?.kind === 'module' ? entry : undefined;
  }

  /** Appends the expanded form of `decls` (declared in `env`) to `out`, in source order. */
  emit(decls: readonly Decl[], env: Env, out: Decl[]): void {
    for (const d of decls) {
      switch (d.kind) {
        case 'ModuleDecl': {
          const inner = this.bodies.get(env)?.get(d);
          if (inner) this.emitBody(d, inner.env, out);
          break;
        }
        case 'InstanceDecl': {
          const inst = this.bodies.get(env)?.get(d);
          if (!inst) break;
          const m = inst.entry.decl;
          const start = out.length;
          (m.params ?? []).forEach((p, i) => {
            const arg = this.renamer.expr(d.args![i]!, env);
            const pattern = this.renamer.pattern(p, inst.env, 'declaration');
            out.push(
              pattern.kind === 'PVar'
                ? {
                    kind: 'ValueDecl',
                    name: { kind: 'Ident', name: pattern.name, span: p.span },
                    body: arg,
                    span: d.span,
                  }
                : { kind: 'PatternDecl', pattern, body: arg, span: d.span },
            );
          });
          const bodyStart = out.length;
          this.emitBody(m, inst.env, out);
          if (m.params !== null)
            this.instances.push({
              module: m,
              instance: d.name.name,
              span: d.span,
              into: out,
              start,
              bodyStart,
              end: out.length,
            });
          break;
        }
        default:
          out.push(this.topDecl(d, env));
      }
    }
  }

  /** A module's body may not refer to its own instances (they would contain themselves). */
  private emitBody(m: ModuleDecl, env: Env, out: Decl[]): void {
    this.renamer.enclosing.add(m);
    try {
      this.emit(body(m), env, out);
    } finally {
      this.renamer.enclosing.delete(m);
    }
  }

  /** A plain declaration with its defined names qualified and its references rewritten. */
  private topDecl(d: Decl, env: Env): Decl {
    const r = this.renamer;
    const q = <T extends { readonly name: string; readonly span: Span }>(n: T): T => {
      const e = env.names.get(n.name);
      return e?.kind === 'value' ? { ...n, name: e.qname } : n;
    };
    switch (d.kind) {
      case 'ChannelDecl':
        return { ...d, names: d.names.map(q), fields: d.fields.map((f) => r.expr(f, env)) };
      case 'DatatypeDecl':
      case 'SubtypeDecl': {
        // A subtype's constructors are references to a datatype's; a datatype's are definitions.
        const ctorName = (n: Ident): Ident => {
          if (d.kind === 'DatatypeDecl') return q(n);
          const e = r.resolve(n.name, n.span, env);
          return e?.kind === 'value' ? { ...n, name: e.qname } : n;
        };
        const ctors = d.ctors.map((c) => ({
          ...c,
          name: ctorName(c.name),
          fields: c.fields.map((f) => r.expr(f, env)),
        }));
        return { ...d, name: q(d.name), ctors };
      }
      case 'NametypeDecl':
        return { ...d, name: q(d.name), type: r.expr(d.type, env) };
      case 'ValueDecl':
        return { ...d, name: q(d.name), body: r.expr(d.body, env) };
      case 'FunctionDecl':
        return { ...d, name: q(d.name), clauses: d.clauses.map((c) => r.clause(c, env)) };
      case 'PatternDecl':
        return { ...d, pattern: r.pattern(d.pattern, env, 'declaration'), body: r.expr(d.body, env) };
      case 'TypeAnnotationDecl':
        return { ...d, names: d.names.map(q), scheme: r.typeScheme(d.scheme, env) };
      case 'AssertDecl':
      case 'PrintDecl':
      case 'TransparentDecl':
      case 'ExternalDecl':
      case 'IncludeDecl':
      case 'ModuleDecl':
      case 'InstanceDecl':
        return r.localDecl(d, env);
      case 'TimedDecl':
        // A timed section's declarations belong to the enclosing scope: each is qualified like its neighbours.
        return { ...d, fn: d.fn === null ? null : r.expr(d.fn, env), decls: d.decls.map((x) => this.topDecl(x, env)) };
    }
  }
}
