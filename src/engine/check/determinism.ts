/**
 * `deterministic [F]` / `[FD]` and `has trace`, both on the normal form of
 * the process itself.
 *
 * A process is deterministic when no trace s and event a have both s^<a> a
 * trace and (s, {a}) a failure. The check explores the product of the
 * process with its own normal form (product.ts) breadth-first: at a pair
 * (node n after s, state q), q's acceptance (csp/acceptance.ts) must hold
 * every event of n's initials. A state that can terminate accepts only ✓, so
 * `a -> STOP [] SKIP` is nondeterministic (it may refuse a). [FD] also fails
 * on a divergent state. The counterexample is a shortest path (τ included)
 * to such a state, and the event is the earliest it refuses in declaration
 * order.
 */
import { acceptanceOf } from '../csp/acceptance';
import { TICK, type EventId } from '../csp/terms';
import { LimitReached, type Budget } from './budget';
import {
  componentReports,
  pathAlongTrace,
  type Counterexample,
  type CounterexampleKind,
  type Namer,
} from './counterexample';
import { DivergenceOracle } from './divergence';
import { NormalForm } from './normal-form';
import { Product, searchProduct, type PairFailure } from './product';
import type { CheckResult } from './result';
import type { System } from './system';
import { productInParallel } from './parallel/refine';
import type { Team } from './parallel/team';

function failure(
  sys: System,
  trace: readonly EventId[],
  end: (s: number) => boolean,
  kind: CounterexampleKind,
  extra: Partial<Counterexample>,
  namer: Namer,
): Counterexample {
  const path = pathAlongTrace(sys, trace, end);
  return {
    kind,
    trace: trace.map((e) => namer.event(e)),
    steps: path?.rules.length ?? 0,
    ...extra,
    components:
      path === undefined ? [] : componentReports(sys, path.rules, sys.store.words, path.end * sys.width, namer),
  };
}

export function checkDeterminism(
  sys: System,
  model: 'F' | 'FD',
  budget: Budget,
  namer: Namer,
  team?: Team,
): CheckResult {
  const oracle = model === 'FD' ? new DivergenceOracle(sys) : undefined;
  let product: Product | undefined;
  try {
    const nf = new NormalForm(sys, undefined, budget);
    const parallel =
      team !== undefined && team.helpers > 0
        ? productInParallel('determinism', nf, sys, model, oracle, budget, namer, team)
        : undefined;
    if (parallel !== undefined) return parallel;
    const pr = (product = new Product(nf, sys, undefined, budget.maxBytes));
    const judge = (p: number): PairFailure | undefined => {
      if (oracle?.isDivergentAt(pr.pairs.words, pr.stateAt(p)) === true) return { kind: 'divergence', extra: {} };
      const terminated = sys.isTerminatedAt(pr.pairs.words, pr.stateAt(p));
      const acceptance = acceptanceOf({ initials: pr.initials, unstable: pr.unstable, terminated });
      // the earliest event (declaration order) this state refuses that the process can do after the same trace
      const refused =
        acceptance === undefined ? undefined : nf.initials(pr.nodeOf(p)).find((e) => !acceptance.includes(e));
      if (refused === undefined) return undefined;
      return {
        kind: 'nondeterminism',
        extra: { event: namer.event(refused), ...(pr.initials.includes(TICK) ? { terminates: true } : {}) },
      };
    };
    return searchProduct(pr, budget, judge, namer, () => sys.store.count);
  } catch (error) {
    if (error instanceof LimitReached) {
      return {
        status: 'limit',
        reason: error.reason,
        message: error.message,
        states: product?.pairs.count ?? 0,
        transitions: product?.transitions ?? 0,
      };
    }
    throw error;
  }
}

/** `P :[has trace]: <t>`: passes when P can perform t (τ anywhere in between). */
export function checkHasTrace(sys: System, trace: readonly EventId[], budget: Budget, namer: Namer): CheckResult {
  const stats = () => ({ states: sys.store.count, transitions: sys.transitions });
  try {
    const nf = new NormalForm(sys, undefined, budget);
    let n = nf.root;
    for (let k = 0; k < trace.length; k++) {
      const next = nf.after(n, trace[k] as EventId);
      if (next < 0) {
        const prefix = trace.slice(0, k);
        const counterexample = failure(
          sys,
          prefix,
          () => true,
          'no-trace',
          { event: namer.event(trace[k] as EventId) },
          namer,
        );
        return { status: 'failed', counterexample, ...stats() };
      }
      n = next;
    }
  } catch (error) {
    if (error instanceof LimitReached)
      return { status: 'limit', reason: error.reason, message: error.message, ...stats() };
    throw error;
  }
  return { status: 'passed', ...stats() };
}
