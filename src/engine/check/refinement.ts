/**
 * Refinement `SPEC [T= IMPL`, `[F=`, `[FD=`: breadth-first exploration of the
 * product (normalised specification node, implementation state), FDR's
 * algorithm. Pairs live in a StateStore of width 2, in BFS order.
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
import { TAU, TICK } from '../csp/terms';
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
import type { CheckResult } from './result';
import { StateStore } from './state-store';
import { SuccBuffer, type System } from './system';

export type Model = 'T' | 'F' | 'FD';

class Product {
  readonly pairs = new StateStore(2);
  private readonly implBuf = new SuccBuffer();
  private readonly key = new Uint32Array(2);
  /** First event of the last expanded pair that the specification does not allow (or -1). */
  violation = -1;
  /** Whether the last expanded implementation state was stable, and its visible initials. */
  stable = true;
  initials: number[] = [];

  constructor(
    readonly nf: NormalForm,
    readonly impl: System,
    readonly model: Model,
  ) {
    this.key[0] = nf.root;
    this.key[1] = 0;
    this.pairs.insert(this.key, 0);
  }

  specOf(p: number): number {
    return this.pairs.words[p * 2] as number;
  }
  implOf(p: number): number {
    return this.pairs.words[p * 2 + 1] as number;
  }

  /** Successor pairs of pair p (event order); also sets violation, stable and initials. */
  successors(p: number, out: SuccBuffer): number {
    const n = this.specOf(p);
    const s = this.implOf(p);
    this.violation = -1;
    this.stable = true;
    this.initials = [];
    if (this.model === 'FD' && this.nf.divergent(n)) return 0;
    const buf = this.implBuf;
    const k = this.impl.successors(s, buf);
    let count = 0;
    for (let i = 0; i < k; i++) {
      const e = buf.events[i] as number;
      let next = n;
      if (e === TAU) this.stable = false;
      else {
        if (this.initials[this.initials.length - 1] !== e) this.initials.push(e);
        next = this.nf.after(n, e);
        if (next < 0) {
          if (this.violation < 0) this.violation = e;
          continue;
        }
        if (e === TICK) continue; // nothing follows ✓
      }
      this.key[0] = next;
      this.key[1] = buf.targets[i] as number;
      if (count === out.events.length) out.grow();
      out.events[count] = e;
      out.targets[count] = this.pairs.insert(this.key, 0);
      out.rules[count] = buf.rules[i] as number;
      count++;
    }
    return count;
  }
}

export function checkRefinement(spec: System, impl: System, model: Model, budget: Budget, namer: Namer): CheckResult {
  const specOracle = model === 'FD' ? new DivergenceOracle(spec) : undefined;
  const implOracle = model === 'FD' ? new DivergenceOracle(impl) : undefined;
  let product: Product | undefined;
  const stats = () => ({ states: product?.pairs.count ?? 0, transitions: impl.transitions });
  try {
    const nf = new NormalForm(spec, specOracle, budget);
    const pr = (product = new Product(nf, impl, model));
    const buf = new SuccBuffer();
    const layerStart = [0];
    let layerEnd = 1;
    for (let p = 0; p < pr.pairs.count; p++) {
      if (p === layerEnd) {
        layerStart.push(p);
        layerEnd = pr.pairs.count;
      }
      budget.tick(pr.pairs.count + spec.store.count, impl.transitions, pr.pairs.count - p);
      const n = pr.specOf(p);
      const s = pr.implOf(p);
      const fail = (kind: CounterexampleKind, extra: Partial<Counterexample>): CheckResult => {
        const steps = pathTo(pr, layerStart, p);
        const counterexample: Counterexample = {
          kind,
          trace: visibleTrace(steps, namer),
          ...extra,
          components: componentReports(
            impl,
            steps.map((st) => st.rule),
            s,
            namer,
          ),
        };
        return { status: 'failed', counterexample, ...stats() };
      };
      if (implOracle !== undefined && !nf.divergent(n) && implOracle.isDivergent(s)) return fail('divergence', {});
      pr.successors(p, buf);
      if (model !== 'T' && !(model === 'FD' && nf.divergent(n))) {
        const offered = acceptanceOf({ initials: pr.initials, unstable: !pr.stable, terminated: impl.isTerminated(s) });
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
