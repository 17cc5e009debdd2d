/**
 * Loading a checked CSPm module: declarations installed in declaration order
 * (so event ids follow it, see csp/events.ts), definitions bound lazily, and
 * the assertions evaluated to terms for the checker.
 *
 * API: `loadScript(module)` for the whole script, `evaluate(module, name,
 * args)` for one definition. Neither throws on user input: every failure is a
 * diagnostic.
 */
import type { AssertDecl, ChannelDecl, Decl, Expr, Module, Span, SubtypeDecl } from '../cspm/syntax/ast';
import type { Diagnostic } from '../cspm/diagnostics';
import { EventTable } from '../csp/events';
import { TermFactory } from '../csp/factory';
import type { Semantics } from '../csp/semantics';
import type { EventId, EventSet, Term } from '../csp/terms';
import { makeSet, type ChannelValue, type Value } from '../csp/values';
import { expandedDecls } from '../cspm/modules/expand';
import { processDefinitions, withTimedSections } from './analysis';
import { EvaluationError, fail, toDiagnostic } from './errors';
import { Evaluator, productOf } from './evaluator';
import { asAnySet } from './infinite';
import { asSeq, setOf } from './value-ops';

export type AssertionKind = 'deadlock' | 'divergence' | 'determinism' | 'refinement' | 'hasTrace';
/** Every model FDR4 checks: traces, failures, failures-divergences, revivals (V, VD), refusal testing (R, RD). */
export type AssertionModel = 'T' | 'F' | 'FD' | 'V' | 'VD' | 'R' | 'RD';

interface AssertionBase {
  /** 1-based position among the script's assertions, in file order. */
  readonly index: number;
  readonly kind: AssertionKind;
  /** The model written, or FD when none was (as FDR4 does). */
  readonly model: AssertionModel;
  /** `assert not …`: the assertion passes when the property fails. */
  readonly negated: boolean;
  /** Source text after `assert ` (e.g. `P :[deadlock free [F]]`). */
  readonly text: string;
  readonly span: Span;
}

/**
 * An assertion ready to check. `impl` is the process checked (the right side
 * of a refinement), `spec` the specification of a refinement, `trace` the
 * events of a has-trace assertion. Terms are canonical states.
 */
export interface EvaluatedAssertion extends AssertionBase {
  readonly ok: true;
  readonly impl: Term;
  readonly spec?: Term;
  readonly trace?: readonly EventId[];
}

/** An assertion whose operands could not be evaluated: reported as `error` for that assertion. */
export interface FailedAssertion extends AssertionBase {
  readonly ok: false;
  readonly error: Diagnostic;
}

export interface LoadedScript {
  readonly events: EventTable;
  readonly factory: TermFactory;
  readonly semantics: Semantics;
  /** Top-level process definitions without parameters, by name (lazy call terms). */
  readonly processes: ReadonlyMap<string, Term>;
  readonly assertions: readonly (EvaluatedAssertion | FailedAssertion)[];
  /** Evaluation diagnostics: declarations (e.g. infinite channel types), assertions, compressions used as the identity. */
  readonly diagnostics: readonly Diagnostic[];
  /** Evaluate a top-level definition applied to arguments (no arguments: its value). */
  evaluate(name: string, args?: readonly Value[]): EvaluateResult;
}

export type EvaluateResult =
  { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Every declaration of the module with includes expanded, in source order. */
export function flattenDecls(decls: readonly Decl[]): Decl[] {
  const out: Decl[] = [];
  for (const d of decls) {
    if (d.kind === 'IncludeDecl') out.push(...flattenDecls(d.decls));
    else out.push(d);
  }
  return out;
}

/** A parsed module, or the checker's result for it (`CheckedModule` carries the AST as `ast`). */
export type ScriptInput = Module | { readonly ast: Module };

export interface LoadOptions {
  /** Called now and then while evaluating (and later while exploring): throws to stop (see TermFactory.limitCheck). */
  readonly limitCheck?: () => void;
}

export function loadScript(input: ScriptInput, options: LoadOptions = {}): LoadedScript {
  const module: Module = 'kind' in input && input.kind === 'Module' ? input : (input as { ast: Module }).ast;
  const factory = new TermFactory();
  factory.limitCheck = options.limitCheck;
  const events = new EventTable();
  const ev = new Evaluator(factory, events);
  const diagnostics: Diagnostic[] = [];
  const decls = expandedDecls(module).decls;
  // Timed sections only change how their processes evaluate: their declarations are ordinary ones.
  const all = withTimedSections(decls);

  install(ev, decls);
  declareEvents(ev, all, diagnostics);

  const processes = new Map<string, Term>();
  for (const d of all) {
    if (d.kind === 'ValueDecl' && ev.procNames.has(d.name.name)) {
      const v = ev.globals.lookup(d.name.name);
      if (v !== undefined && typeof v === 'object' && v.t === 'proc') processes.set(d.name.name, v.term);
    }
  }

  const assertions: (EvaluatedAssertion | FailedAssertion)[] = [];
  for (const d of all) if (d.kind === 'AssertDecl') assertions.push(evaluateAssertion(ev, d, assertions.length + 1));
  for (const a of assertions) if (!a.ok) diagnostics.push(a.error);
  for (const [name, span] of ev.identityCompressions) {
    diagnostics.push({
      code: 'CSP3015',
      severity: 'info',
      message: `compression '${name}' is applied as the identity (it preserves the semantics; it does not reduce states yet)`,
      span,
    });
  }

  const evaluate = (name: string, args: readonly Value[] = []): EvaluateResult => evaluateIn(ev, module, name, args);
  return { events, factory, semantics: factory.semantics, processes, assertions, diagnostics, evaluate };
}

/**
 * Evaluates `name(args)` (or the value of `name` when args is empty) in a
 * freshly loaded module; `script` gives the factory and event table the
 * result's terms belong to.
 */
export function evaluate(
  input: ScriptInput,
  name: string,
  args: readonly Value[] = [],
): EvaluateResult & { readonly script: LoadedScript } {
  const script = loadScript(input);
  return { ...script.evaluate(name, args), script };
}

function evaluateIn(ev: Evaluator, module: Module, name: string, args: readonly Value[]): EvaluateResult {
  const span = module.span;
  try {
    const v = ev.lookup(name, ev.globals, span);
    if (args.length === 0) return { ok: true, value: v };
    if (typeof v !== 'object' || v.t !== 'fn')
      return fail('CSP3008', span, { expected: `'${name}' to be a function`, actual: ev.show(v) });
    return { ok: true, value: ev.withDepth(name, span, () => v.call(args)) };
  } catch (err) {
    const error = ev.factory.isOverflow(err) ? ev.factory.overflowError(name, span) : err;
    return { ok: false, diagnostics: [toDiagnostic(error, span)] };
  }
}

/** Constructors, channels, datatypes and nametypes as global names; then the definitions. */
function install(ev: Evaluator, decls: readonly Decl[]): void {
  let channelIndex = 0;
  for (const d of withTimedSections(decls)) {
    switch (d.kind) {
      case 'DatatypeDecl': {
        const dtName = d.name.name;
        d.ctors.forEach((c, index) => {
          const value = { t: 'ctor' as const, name: c.name.name, datatype: dtName, index };
          ev.ctors.set(c.name.name, { value, fields: c.fields, span: c.span });
          ev.globals.define(c.name.name, value);
        });
        ev.datatypes.set(dtName, { ctors: d.ctors.map((c) => c.name.name), values: undefined, busy: false });
        ev.globals.defineLazy(dtName, d.name.span, () => ev.datatypeValues(dtName, d.name.span));
        break;
      }
      case 'NametypeDecl':
        ev.globals.defineLazy(d.name.name, d.name.span, () => ev.typeSet(d.type, ev.globals));
        break;
      case 'SubtypeDecl':
        ev.globals.defineLazy(d.name.name, d.name.span, () => subtypeValues(ev, d));
        break;
      case 'ChannelDecl':
        for (const n of d.names) {
          const value: ChannelValue = { t: 'channel', name: n.name, index: channelIndex++ };
          ev.channels.set(n.name, { value, fields: d.fields, span: n.span, events: undefined });
          ev.globals.define(n.name, value);
        }
        break;
      default:
        break;
    }
  }
  ev.procNames = processDefinitions(decls, new Set());
  ev.bindLocal(decls, ev.globals, '');
}

/** `subtype T = C.S | D`: each constructor's values with its first fields drawn from the sets given. */
function subtypeValues(ev: Evaluator, d: SubtypeDecl): Value {
  const items: Value[] = [];
  for (const c of d.ctors) {
    const info = ev.ctors.get(c.name.name);
    if (info === undefined) return fail('CSP3013', c.name.span, { name: c.name.name });
    const given = c.fields.map((f) => ev.typeSet(f, ev.globals).items);
    const rest = info.fields.slice(c.fields.length).map((f) => ev.typeSet(f, ev.globals).items);
    items.push(...productOf([info.value], [...given, ...rest]));
  }
  return setOf(items);
}

/** Keeps the (infinite) field sets of a channel whose events cannot be listed; false if a field is not a set. */
function declareInfinite(ev: Evaluator, d: ChannelDecl): boolean {
  let sets: (ReturnType<typeof asAnySet> | null)[];
  try {
    sets = d.fields.map((f) => {
      try {
        return asAnySet(ev.eval(f, ev.globals), f.span);
      } catch (err) {
        // A recursive datatype (its values are infinitely many, not even symbolic here): any value is let through.
        const code = err instanceof EvaluationError ? err.code : undefined;
        if (code === 'CSP3005' || code === 'CSP3007') return null;
        throw err;
      }
    });
  } catch {
    return false;
  }
  for (const n of d.names) {
    const info = ev.channels.get(n.name);
    if (info) info.infiniteFields = sets;
  }
  return true;
}

/** Interns every event of every channel, channels in declaration order, each channel's events in value order. */
function declareEvents(ev: Evaluator, decls: readonly Decl[], diagnostics: Diagnostic[]): void {
  for (const d of decls) {
    if (d.kind !== 'ChannelDecl') continue;
    try {
      const fieldSets = d.fields.map((f) => [...ev.typeSet(f, ev.globals).items]);
      for (const n of d.names) {
        const info = ev.channels.get(n.name);
        if (info === undefined) continue;
        const values = makeSet(productOf([info.value], fieldSets, () => ev.factory.poll())).items;
        info.events = values.map((v) => {
          ev.factory.poll();
          return {
            id: ev.events.intern(v),
            items: typeof v === 'object' && v.t === 'dot' ? v.items.slice(1) : [],
          };
        });
      }
    } catch (err) {
      const diag = toDiagnostic(
        ev.factory.isOverflow(err) ? ev.factory.overflowError('this channel type', d.span) : err,
        d.span,
      );
      // FDR accepts `channel c : Int`: only a use that needs every event of c fails (Evaluator.channelInfo).
      if ((diag.code === 'CSP3005' || diag.code === 'CSP3007') && declareInfinite(ev, d)) continue;
      const names = d.names.map((n) => `'${n.name}'`).join(', ');
      diagnostics.push(
        diag.code === 'CSP3005'
          ? { ...diag, message: `channel ${names} has an infinite type: ${diag.message}` }
          : { ...diag, message: `in the type of channel ${names}: ${diag.message}` },
      );
    }
  }
}

function evaluateAssertion(ev: Evaluator, d: AssertDecl, index: number): EvaluatedAssertion | FailedAssertion {
  const a = d.assertion;
  const base = { index, negated: d.negated, text: d.text, span: d.span };
  // `:[tau priority over]: X`: the processes checked are prioritise(P, <{}, X>), τ (and ✓) before X.
  let tauOver: EventSet | undefined;
  const proc = (e: Expr): Term => {
    let t = ev.factory.canon(ev.process(e, ev.globals));
    if (tauOver !== undefined && tauOver.length > 0) t = ev.factory.prioritise(t, [ev.factory.emptySet, tauOver]);
    // Compute the initial transitions now: errors in the first unfolding (e.g.
    // unguarded recursion) then belong to this assertion, not to the checker run.
    ev.factory.semantics.transitions(t);
    return t;
  };
  const kindOf = (): AssertionKind => {
    if (a.kind === 'RefinementAssertion') return 'refinement';
    if (a.kind === 'HasTraceAssertion') return 'hasTrace';
    if (a.property === 'deadlock free') return 'deadlock';
    if (a.property === 'deterministic') return 'determinism';
    return 'divergence';
  };
  const kind = kindOf();
  const model: AssertionModel = a.model ?? 'FD';
  try {
    for (const o of d.options ?? []) {
      if (o.kind === 'TauPriority') tauOver = ev.eventSet(ev.eval(o.set, ev.globals), o.set.span);
    }
    switch (a.kind) {
      case 'RefinementAssertion':
        return { ...base, ok: true, kind, model, spec: proc(a.spec), impl: proc(a.impl) };
      case 'PropertyAssertion':
        return { ...base, ok: true, kind, model, impl: proc(a.process) };
      case 'HasTraceAssertion': {
        const seq = asSeq(ev.eval(a.trace, ev.globals), a.trace.span);
        const trace = seq.items.map((v) => ev.eventId(v, a.trace.span));
        return { ...base, ok: true, kind, model, impl: proc(a.process), trace };
      }
    }
  } catch (err) {
    if (!(err instanceof EvaluationError) && !ev.factory.isOverflow(err)) throw err;
    const error = err instanceof EvaluationError ? err : ev.factory.overflowError('this assertion', d.span);
    return { ...base, ok: false, kind, model, error: toDiagnostic(error, d.span) };
  }
}
