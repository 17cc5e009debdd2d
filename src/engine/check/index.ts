/**
 * The checker's entry point: one assertion in, one verdict out.
 *
 *   runCheck(assertion, { factory, events, budget, limits }) → CheckOutcome
 *
 * Processes are compiled to explicit networks (system.ts), then the property
 * or refinement is decided by breadth-first search. Budget exhaustion, leaves
 * too large to tabulate and evaluation errors raised while unfolding terms
 * come back as data (`status: 'limit' | 'error'`), never as a pass.
 */
import { EvaluationError, type ErrorSpan } from '../csp/errors';
import type { EventTable } from '../csp/events';
import type { TermFactory } from '../csp/factory';
import { printTerm } from '../csp/print';
import type { EventId, Term } from '../csp/terms';
import { Budget, type BudgetOptions, type LimitReason } from './budget';
import type { Namer } from './counterexample';
import { checkDeterminism, checkHasTrace } from './determinism';
import { LeafTooLargeError } from './leaf';
import { checkProperty } from './property';
import { checkRefinement, type Model } from './refinement';
import type { Team } from './parallel/team';
import type { CheckResult } from './result';
import { TooManyRulesError } from './rules';
import { DEFAULT_LIMITS, System, type CompileLimits } from './system';

export type { CheckResult } from './result';
export type { Counterexample, ComponentReport, CounterexampleKind } from './counterexample';
export type { Progress, BudgetOptions, AbortFlag } from './budget';
export type { Model } from './refinement';
export type { Team, HelperJob } from './parallel/team';
export { serveHelper } from './parallel/team';

export type CheckAssertion =
  | { readonly kind: 'deadlock'; readonly model: 'F' | 'FD'; readonly process: Term }
  | { readonly kind: 'divergence'; readonly process: Term }
  | { readonly kind: 'determinism'; readonly model: 'F' | 'FD'; readonly process: Term }
  | { readonly kind: 'refinement'; readonly model: Model; readonly spec: Term; readonly impl: Term }
  | { readonly kind: 'hasTrace'; readonly process: Term; readonly trace: readonly EventId[] };

export interface CheckContext {
  readonly factory: TermFactory;
  readonly events: EventTable;
  readonly budget?: BudgetOptions;
  readonly limits?: CompileLimits;
  /** Threads for one search (deadlock, divergence, determinism and refinement checks). */
  readonly team?: Team;
}

export type CheckOutcome =
  | CheckResult
  | {
      readonly status: 'error';
      readonly code: string;
      readonly message: string;
      readonly span?: ErrorSpan;
      readonly states: number;
      readonly transitions: number;
    };

export function makeNamer(events: EventTable): Namer {
  return { event: (e) => events.text(e), term: (t) => printTerm(t, events) };
}

export function runCheck(a: CheckAssertion, ctx: CheckContext): CheckOutcome {
  const namer = makeNamer(ctx.events);
  const budget = new Budget(ctx.budget);
  const limits = ctx.limits ?? DEFAULT_LIMITS;
  const compile = (t: Term): System => System.compile(t, ctx.factory, (x) => printTerm(x, ctx.events), limits, budget);
  try {
    switch (a.kind) {
      case 'deadlock':
        return checkProperty(compile(a.process), 'deadlock', a.model, budget, namer, ctx.team);
      case 'divergence':
        return checkProperty(compile(a.process), 'divergence', 'FD', budget, namer, ctx.team);
      case 'determinism':
        return checkDeterminism(compile(a.process), a.model, budget, namer, ctx.team);
      case 'refinement': {
        if (a.model !== 'R' && a.model !== 'RD')
          return checkRefinement(compile(a.spec), compile(a.impl), a.model, budget, namer, ctx.team);
        const refusalTesting = { substituted: [] as string[] };
        const rt = { ...limits, refusalTesting };
        const sys = (t: Term): System => System.compile(t, ctx.factory, (x) => printTerm(x, ctx.events), rt, budget);
        const result = checkRefinement(sys(a.spec), sys(a.impl), a.model, budget, namer, ctx.team);
        return withSubstitutionNote(result, refusalTesting.substituted);
      }
      case 'hasTrace':
        return checkHasTrace(compile(a.process), a.trace, budget, namer);
    }
  } catch (error) {
    if (error instanceof LeafTooLargeError)
      return { status: 'error', code: 'CSP4004', message: error.message, states: 0, transitions: 0 };
    if (error instanceof TooManyRulesError)
      return { status: 'error', code: 'CSP4005', message: error.message, states: 0, transitions: 0 };
    if (error instanceof EvaluationError) {
      return {
        status: 'error',
        code: error.code,
        message: error.message,
        ...(error.span ? { span: error.span } : {}),
        states: 0,
        transitions: 0,
      };
    }
    throw error;
  }
}

/** Says which compressed components a refusal-testing check computed as strong bisimulation instead. */
function withSubstitutionNote(result: CheckResult, names: readonly string[]): CheckResult {
  if (names.length === 0) return result;
  const note = `compressed by strong bisimulation for refusal testing (normal forms and diamond lose refusal traces): ${[...new Set(names)].join(', ')}`;
  return { ...result, notes: [...(result.notes ?? []), note] };
}

/** The CSP4xxx code of a budget limit. */
export function limitCode(reason: LimitReason): string {
  switch (reason) {
    case 'states':
      return 'CSP4001';
    case 'time':
      return 'CSP4002';
    case 'cancelled':
      return 'CSP4003';
    case 'memory':
      return 'CSP4007';
  }
}
