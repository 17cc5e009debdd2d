/**
 * Type annotations `f :: (a) -> {a}` as FDR checks them: an annotation
 * belongs to a definition of the same declaration list (top level, module or
 * `let`); the definition must have exactly that type, its type variables
 * being rigid (`f :: (a) -> a` refuses `f(x) = x + 1`); uses of the name see
 * the annotation's polymorphic type. Constraints (`Eq a =>`) give the
 * variable its type classes.
 */
import type { Span, TypeAnnotationDecl, TypeExpr, TypeScheme } from '../syntax/ast';
export { collectAnnotations } from '../syntax/annotation-groups';
import type { DiagnosticArgs, DiagnosticCode } from '../diagnostics';
import { CLASS_WHAT } from './classes';
import { Scope } from './infer';
import {
  ANY,
  BOOL,
  CHAR,
  EVENT,
  INT,
  PROC,
  TypeClass,
  dotable,
  fnOf,
  formatType,
  mapOf,
  prune,
  requireClass,
  seqOf,
  setOf,
  type Scheme,
  type TVar,
  type Type,
  type TypeClassName,
  type TypeContext,
} from './types';

type Report = (code: DiagnosticCode, span: Span, args: DiagnosticArgs) => void;

const BASE: Readonly<Record<string, Type>> = { Int: INT, Bool: BOOL, Proc: PROC, Event: EVENT, Char: CHAR };

/** Type variables of a scheme, and its constraints checked against them. */
function typeVariables(s: TypeScheme, scope: Scope, report: Report): Set<string> {
  const vars = new Set<string>();
  const walk = (t: TypeExpr): void => {
    if (t.kind === 'TypeName') {
      if (isVariable(t.name, scope)) vars.add(t.name);
      return;
    }
    if (t.kind === 'TypeExtendable') {
      if (!isVariable(t.name, scope)) report('CSP2029', t.span, { name: t.name });
      else vars.add(t.name);
    }
    for (const v of Object.values(t)) {
      if (Array.isArray(v)) (v as TypeExpr[]).forEach(walk);
      else if (typeof v === 'object' && v !== null && 'kind' in v && v !== t.span) walk(v as TypeExpr);
    }
  };
  walk(s.type);
  for (const c of s.constraints)
    if (!vars.has(c.variable.name)) report('CSP2030', c.variable.span, { name: c.variable.name });
  return vars;
}

function isVariable(name: string, scope: Scope): boolean {
  if (name in BASE || name.includes('::')) return false;
  const b = scope.lookup(name);
  return !(b && (b.symbol.kind === 'datatype' || b.symbol.kind === 'nametype'));
}

/**
 * The annotation as a type: its variables rigid (to check the definition) or
 * as a scheme's quantified variables (for the name's uses).
 */
export class AnnotationTypes {
  constructor(
    private readonly ctx: TypeContext,
    private readonly report: Report,
  ) {}

  /**
   * Rigid form and scheme of one annotation, built once per definition, and
   * the scope its definition's body is checked in (where the annotation's type
   * variables stay bound for nested annotations). A variable an enclosing
   * annotation binds is that annotation's, not a new one.
   */
  build(a: TypeAnnotationDecl, scope: Scope): { rigid: Type; scheme: Scheme; body: Scope } {
    const names = [...typeVariables(a.scheme, scope, this.report)];
    const outer = new Map<string, Type>();
    for (const n of names) {
      const t = scope.lookupTypeVar(n);
      if (t) outer.set(n, t);
    }
    const own = names.filter((n) => !outer.has(n));
    const classes = new Map<string, number>();
    for (const c of a.scheme.constraints) {
      const bit = c.className.name in TypeClass ? TypeClass[c.className.name as TypeClassName] : 0;
      classes.set(c.variable.name, (classes.get(c.variable.name) ?? 0) | bit);
    }
    for (const [n, t] of outer) if (classes.has(n)) this.requireOuter(t, classes.get(n)!, a);
    const rigid = new Map<string, Type>([
      ...outer,
      ...own.map((n): [string, Type] => [n, { t: 'rigid', name: n, classes: classes.get(n) ?? 0 }]),
    ]);
    this.ctx.level++;
    const fresh = new Map<string, Type>([
      ...outer,
      ...own.map((n): [string, TVar] => [n, this.ctx.fresh(classes.get(n) ?? 0)]),
    ]);
    const quantified = this.convert(a.scheme.type, scope, fresh);
    this.ctx.level--;
    const body = new Scope(scope);
    for (const [n, t] of rigid) body.typeVars.set(n, t);
    return { rigid: this.convert(a.scheme.type, scope, rigid), scheme: this.ctx.generalise(quantified), body };
  }

  /** A nested annotation's constraint on an enclosing annotation's variable must already hold there. */
  private requireOuter(t: Type, classes: number, a: TypeAnnotationDecl): void {
    for (const bit of Object.values(TypeClass) as number[]) {
      if (!(classes & bit)) continue;
      const env = { incomparable: new Set<string>() } as {
        incomparable: Set<string>;
        failure?: { cls: TypeClassName; type: Type };
      };
      if (requireClass(t, bit, env) !== 'ok' && env.failure) {
        this.report('CSP2032', a.span, { type: formatType(env.failure.type), what: CLASS_WHAT[env.failure.cls] });
      }
    }
  }

  private convert(t: TypeExpr, scope: Scope, vars: ReadonlyMap<string, Type>): Type {
    const c = (x: TypeExpr): Type => this.convert(x, scope, vars);
    switch (t.kind) {
      case 'TypeName': {
        const v = vars.get(t.name);
        if (v) return v;
        const base = BASE[t.name];
        if (base) return base;
        const b = scope.lookup(t.name);
        if (b?.symbol.kind === 'datatype') return { t: 'data', name: b.symbol.name };
        if (b?.symbol.kind === 'nametype') {
          const set = prune(b.scheme ? this.ctx.instantiate(b.scheme) : (b.mono ?? ANY));
          return set.t === 'set' ? set.elem : ANY;
        }
        this.report('CSP2001', t.span, { name: t.name, suggestion: '' });
        return ANY;
      }
      case 'TypeSet':
        return setOf(c(t.elem));
      case 'TypeSeq':
        return seqOf(c(t.elem));
      case 'TypeTuple':
        return { t: 'tuple', items: t.items.map(c) };
      case 'TypeFunction':
        return fnOf(t.params.map(c), c(t.result));
      case 'TypeMap':
        return mapOf(c(t.key), c(t.value));
      case 'TypeDotable':
        return dotable(c(t.field), c(t.result));
      case 'TypeDot':
      case 'TypeExtendable':
        // Dotted values and "any number of fields" are not tracked by this checker's types.
        c(t.kind === 'TypeDot' ? t.left : t.result);
        if (t.kind === 'TypeDot') c(t.right);
        return ANY;
    }
  }
}
