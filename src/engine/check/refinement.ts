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
import {
  componentReports,
  pathTo,
  visibleTrace,
  type Counterexample,
  type CounterexampleKind,
  type Namer,
} from './counterexample';
import { DivergenceOracle } from './divergence';
import { NormalForm } from './normal-form';
import { Product } from './product';
import type { CheckResult } from './result';
import { SuccBuffer, type System } from './system';

export type Model = 'T' | 'F' | 'FD';

export function checkRefinement(spec: System, impl: System, model: Model, budget: Budget, namer: Namer): CheckResult {
  const specOracle = model === 'FD' ? new DivergenceOracle(spec) : undefined;
  const implOracle = model === 'FD' ? new DivergenceOracle(impl) : undefined;
  let product: Product | undefined;
  const stats = () => ({ states: product?.pairs.count ?? 0, transitions: impl.transitions });
  try {
    const nf = new NormalForm(spec, specOracle, budget);
    const pr = (product = new Product(nf, impl, (n) => model === 'FD' && nf.divergent(n)));
    const buf = new SuccBuffer();
    const layerStart = [0];
    let layerEnd = 1;
    for (let p = 0; p < pr.pairs.count; p++) {
      if (p === layerEnd) {
        layerStart.push(p);
        layerEnd = pr.pairs.count;
      }
      budget.tick(pr.pairs.count + spec.store.count, impl.transitions, pr.pairs.count - p);
      const n = pr.nodeOf(p);
      const fail = (kind: CounterexampleKind, extra: Partial<Counterexample>): CheckResult => {
        const steps = pathTo(pr, layerStart, p);
        const components = componentReports(
          impl,
          steps.map((st) => st.rule),
          pr.pairs.words,
          pr.stateAt(p),
          namer,
        );
        return {
          status: 'failed',
          counterexample: { kind, trace: visibleTrace(steps, namer), steps: steps.length, ...extra, components },
          ...stats(),
        };
      };
      if (implOracle !== undefined && !nf.divergent(n) && implOracle.isDivergentAt(pr.pairs.words, pr.stateAt(p)))
        return fail('divergence', {});
      pr.successors(p, buf);
      if (model !== 'T' && !(model === 'FD' && nf.divergent(n))) {
        const terminated = impl.isTerminatedAt(pr.pairs.words, pr.stateAt(p));
        const offered = acceptanceOf({ initials: pr.initials, unstable: pr.unstable, terminated });
        if (offered !== undefined && !nf.acceptances(n).some((acc) => isSubset(acc, offered))) {
          const refused = nf.initials(n).filter((e) => !offered.includes(e));
          return fail('refusal', {
            refused: refused.map((e) => namer.event(e)),
            ...(pr.initials.includes(TICK) ? { terminates: true } : {}),
          });
        }
      }
      if (pr.violation >= 0) return fail('trace', { event: namer.event(pr.violation) });
    }
  } catch (error) {
    if (error instanceof LimitReached)
      return { status: 'limit', reason: error.reason, message: error.message, ...stats() };
    throw error;
  }
  return { status: 'passed', ...stats() };
}
