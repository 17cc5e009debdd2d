/**
 * Refinement `SPEC [T= IMPL`, `[F=`, `[FD=`: breadth-first exploration of the
 * product (normalised specification node, implementation state), FDR's
 * algorithm (product.ts). Pairs are stored in BFS order.
 *
 * At each pair, in this order:
 *  - [FD]: a divergent implementation state where the specification node does
 *    not diverge is a "divergence" counterexample; below a divergent
 *    specification node anything goes, so such pairs are not expanded;
 *  - [F], [FD]: the implementation state's acceptance (csp/acceptance.ts:
 *    its initials when stable, {✓} when it can terminate) must contain some
 *    minimal acceptance of the specification, else "refusal";
 *  - every model: each visible event (✓ included) must be allowed by the
 *    specification after the trace, else "trace" with that event.
 */
import { acceptanceOf, isSubset } from '../csp/acceptance';
import { TICK } from '../csp/terms';
import { LimitReached, type Budget } from './budget';
import type { Namer } from './counterexample';
import { DivergenceOracle } from './divergence';
import { NormalForm } from './normal-form';
import { Product, searchProduct, type PairFailure } from './product';
import type { CheckResult } from './result';
import type { System } from './system';
import { productInParallel } from './parallel/refine';
import type { Team } from './parallel/team';

export type Model = 'T' | 'F' | 'FD';

export function checkRefinement(
  spec: System,
  impl: System,
  model: Model,
  budget: Budget,
  namer: Namer,
  team?: Team,
): CheckResult {
  const specOracle = model === 'FD' ? new DivergenceOracle(spec) : undefined;
  const implOracle = model === 'FD' ? new DivergenceOracle(impl) : undefined;
  let product: Product | undefined;
  try {
    const nf = new NormalForm(spec, specOracle, budget);
    if (team !== undefined && team.helpers > 0)
      return productInParallel('refinement', nf, impl, model, implOracle, budget, namer, team);
    const pr = (product = new Product(nf, impl, (n) => model === 'FD' && nf.divergent(n), budget.maxBytes));
    const judge = (p: number): PairFailure | undefined => {
      const n = pr.nodeOf(p);
      if (model === 'FD' && nf.divergent(n)) return undefined; // below a divergent specification anything goes
      if (implOracle?.isDivergentAt(pr.pairs.words, pr.stateAt(p)) === true) return { kind: 'divergence', extra: {} };
      if (model !== 'T') {
        const terminated = impl.isTerminatedAt(pr.pairs.words, pr.stateAt(p));
        const offered = acceptanceOf({ initials: pr.initials, unstable: pr.unstable, terminated });
        if (offered !== undefined && !nf.acceptances(n).some((acc) => isSubset(acc, offered))) {
          const refused = nf.initials(n).filter((e) => !offered.includes(e));
          const terminates = pr.initials.includes(TICK) ? { terminates: true } : {};
          return { kind: 'refusal', extra: { refused: refused.map((e) => namer.event(e)), ...terminates } };
        }
      }
      if (pr.violation >= 0) return { kind: 'trace', extra: { event: namer.event(pr.violation) } };
      return undefined;
    };
    return searchProduct(pr, budget, judge, namer, () => spec.store.count);
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
