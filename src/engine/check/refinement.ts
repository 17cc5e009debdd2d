/**
 * Refinement `SPEC [T= IMPL` and FDR's other models (`[F=`, `[FD=`, `[V=`,
 * `[VD=`, `[R=`, `[RD=`; models.ts says what each compares): breadth-first
 * exploration of the product (normalised specification node, implementation
 * state), FDR's algorithm (product.ts). Pairs are stored in BFS order.
 *
 * At each pair, in this order:
 *  - divergence-strict models: a divergent implementation state where the
 *    specification node does not diverge is a "divergence" counterexample;
 *    below a divergent specification node anything goes, so such pairs are
 *    not expanded;
 *  - every model but T: the implementation state's acceptance (csp/acceptance.ts:
 *    its initials when stable, {✓} when it can terminate) must contain some
 *    acceptance of the specification, else "refusal"; in V, VD, R and RD each
 *    event it accepts must be a revival of the specification, else "revival";
 *  - every model: each visible event (✓ included) must be allowed by the
 *    specification after the trace, else "trace" with that event.
 */
import { acceptanceOf } from '../csp/acceptance';
import { TAU, TICK } from '../csp/terms';
import { LimitReached, type Budget } from './budget';
import type { Counterexample, Namer, Step } from './counterexample';
import { DivergenceOracle } from './divergence';
import {
  acceptanceFault,
  comparesRefusals,
  comparesRevivals,
  divergenceStrict,
  refusalTesting,
  type Model,
} from './models';
import { NormalForm } from './normal-form';
import { Product, searchProduct, type PairFailure } from './product';
import type { CheckResult } from './result';
import { SuccBuffer, type System } from './system';
import { productInParallel } from './parallel/refine';
import { MAX_ACCEPTANCES, MAX_CHOICES } from './parallel/refusal-steps';
import type { Team } from './parallel/team';

export type { Model } from './models';

/** Why a check ran on one thread although threads were offered (shown with its verdict). */
export const ONE_THREAD_REFUSAL_TESTING = `searched by one thread: a node of the specification's refusal-testing normal form has more than ${MAX_ACCEPTANCES} distinct acceptances containing one event, or more than ${MAX_CHOICES} refusal steps for one event, too many to build every step up front for the parallel search`;

export function checkRefinement(
  spec: System,
  impl: System,
  model: Model,
  budget: Budget,
  namer: Namer,
  team?: Team,
): CheckResult {
  const strict = divergenceStrict(model);
  const specOracle = strict ? new DivergenceOracle(spec) : undefined;
  const implOracle = strict ? new DivergenceOracle(impl) : undefined;
  const revivals = comparesRevivals(model);
  let product: Product | undefined;
  try {
    const nf = new NormalForm(spec, specOracle, budget);
    const parallel = team !== undefined && team.helpers > 0;
    if (parallel) {
      const result = productInParallel('refinement', nf, impl, model, implOracle, budget, namer, team);
      if (result !== undefined) return result;
    }
    const pr = (product = new Product(
      nf,
      impl,
      (n) => strict && nf.divergent(n),
      budget.maxBytes,
      refusalTesting(model),
    ));
    const judge = (p: number): PairFailure | undefined => {
      const n = pr.nodeOf(p);
      if (strict && nf.divergent(n)) return undefined; // below a divergent specification anything goes
      if (implOracle?.isDivergentAt(pr.pairs.words, pr.stateAt(p)) === true) return { kind: 'divergence', extra: {} };
      if (comparesRefusals(model)) {
        const terminated = impl.isTerminatedAt(pr.pairs.words, pr.stateAt(p));
        const offered = acceptanceOf({ initials: pr.initials, unstable: pr.unstable, terminated });
        const accs = revivals ? nf.stableAcceptances(n) : nf.acceptances(n);
        const byEvent = revivals ? nf.stableByEvent(n) : undefined;
        const fault =
          offered === undefined ? undefined : acceptanceFault(accs, nf.initials(n), offered, revivals, byEvent);
        if (fault !== undefined) {
          const terminates = pr.initials.includes(TICK) ? { terminates: true } : {};
          const refused = fault.refused.map((e) => namer.event(e));
          return fault.kind === 'refusal'
            ? { kind: 'refusal', extra: { refused, ...terminates } }
            : { kind: 'revival', extra: { refused, event: namer.event(fault.event), ...terminates } };
        }
      }
      if (pr.violation >= 0) return { kind: 'trace', extra: { event: namer.event(pr.violation) } };
      return undefined;
    };
    const decorate = refusalTesting(model)
      ? (pairs: readonly number[], steps: readonly Step[]) => refusalsAlong(pr, pairs, steps, namer)
      : undefined;
    const result = searchProduct(pr, budget, judge, namer, () => spec.store.count, decorate);
    return parallel ? { ...result, notes: [ONE_THREAD_REFUSAL_TESTING] } : result;
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

/**
 * The refusal trace of a counterexample path: for each visible step, what
 * the state it left refused (the node's initials outside its acceptance)
 * when it was stable and accepted the event, else null.
 */
function refusalsAlong(
  pr: Product,
  pairs: readonly number[],
  steps: readonly Step[],
  namer: Namer,
): Pick<Counterexample, 'refusals'> {
  const buf = new SuccBuffer();
  const refusals: (string[] | null)[] = [];
  steps.forEach((step, i) => {
    if (step.event === TAU) return;
    const p = pairs[i] as number;
    pr.successors(p, buf);
    const terminated = pr.impl.isTerminatedAt(pr.pairs.words, pr.stateAt(p));
    const offered = acceptanceOf({ initials: pr.initials, unstable: pr.unstable, terminated });
    const n = pr.nodeOf(p);
    refusals.push(
      offered?.includes(step.event) === true
        ? pr.nf
            .initials(n)
            .filter((e) => !offered.includes(e))
            .map((e) => namer.event(e))
        : null,
    );
  });
  return { refusals };
}
