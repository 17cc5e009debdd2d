/**
 * Refinement in every model (`[T=` … `[RD=`) and `deterministic [F]`/`[FD]`
 * searched by K threads: the normal form (of the specification; for
 * determinism, of the process itself) is built in full first (the
 * one-thread check builds it lazily, as the search reaches it), with every
 * refusal-testing step for `[R=`/`[RD=` (refusal-steps.ts), flattened into
 * arrays every thread gets (spaces.ts), then the product is searched as any
 * parallel search (search.ts). The report is the one-thread check's: the
 * same pairs by layer, the same transitions (the product's own), the same
 * least shortest counterexample, with its refusals for refusal testing.
 */
import { acceptanceOf } from '../../csp/acceptance';
import { TAU, TICK } from '../../csp/terms';
import type { Budget } from '../budget';
import { componentReports, visibleTrace, type Counterexample, type Namer, type Step } from '../counterexample';
import type { DivergenceOracle } from '../divergence';
import type { NormalForm } from '../normal-form';
import { comparesRevivals, refusalTesting, type Model } from '../models';
import type { CheckResult } from '../result';
import { SuccBuffer } from '../core';
import type { System } from '../system';
import { refusalChoices } from './refusal-steps';
import { searchInParallel } from './search';
import {
  DeterminismSpace,
  RefinementSpace,
  type FlatNormalForm,
  type FlatRefusalSteps,
  type SpaceSpec,
} from './spaces';
import type { Team } from './team';

/**
 * Every node of `nf` reachable from its root, as flat arrays (nodes keep
 * their numbers), with the minimal acceptances, or with `every` each stable
 * acceptance (what the revivals models compare); with `refusals`, every
 * refusal-testing step as well (and the nodes only they reach). Undefined
 * when a node has too many acceptances for the steps' bit masks
 * (refusal-steps.ts).
 */
export function flatten(nf: NormalForm, every = false, refusals = false): FlatNormalForm | undefined {
  // refusal steps per edge, in edge order; famAcc holds each node's own acceptance indices until the second pass
  const steps = { fam0: [0], famAcc: [] as number[], step0: [0], stepKey: [] as number[], stepTgt: [] as number[] };
  // creates nodes as it goes: nf.size grows while the loop runs
  for (let n = 0; n < nf.size; n++) {
    for (const e of nf.initials(n)) {
      nf.after(n, e);
      if (!refusals) continue;
      if (e !== TICK) {
        const list = refusalChoices(nf.stableAcceptances(n), e);
        if (list === undefined) return undefined;
        steps.famAcc.push(...list.members);
        for (const c of list.choices) {
          steps.stepKey.push(c.key);
          steps.stepTgt.push(nf.afterRefusing(n, e, c.offered));
        }
      }
      steps.fam0.push(steps.famAcc.length);
      steps.step0.push(steps.stepKey.length);
    }
  }
  const M = nf.size;
  const next0 = new Int32Array(M + 1);
  const evs: number[] = [];
  const tgt: number[] = [];
  const accSet0 = new Int32Array(M + 1);
  const acc0: number[] = [0];
  const accEvs: number[] = [];
  const divergent = new Uint8Array(M);
  for (let n = 0; n < M; n++) {
    const firstAcc = acc0.length - 1; // the flat index of node n's first acceptance
    for (const e of nf.initials(n)) {
      const edge = evs.length;
      evs.push(e);
      tgt.push(nf.after(n, e));
      if (!refusals) continue;
      for (let f = steps.fam0[edge] as number; f < (steps.fam0[edge + 1] as number); f++)
        steps.famAcc[f] = (steps.famAcc[f] as number) + firstAcc;
    }
    next0[n + 1] = evs.length;
    for (const acc of every ? nf.stableAcceptances(n) : nf.acceptances(n)) {
      accEvs.push(...acc);
      acc0.push(accEvs.length);
    }
    accSet0[n + 1] = acc0.length - 1;
    divergent[n] = nf.divergent(n) ? 1 : 0;
  }
  const flatSteps: FlatRefusalSteps = {
    fam0: Int32Array.from(steps.fam0),
    famAcc: Int32Array.from(steps.famAcc),
    step0: Int32Array.from(steps.step0),
    stepKey: Uint32Array.from(steps.stepKey),
    stepTgt: Int32Array.from(steps.stepTgt),
  };
  return {
    next0,
    evs: Int32Array.from(evs),
    tgt: Int32Array.from(tgt),
    accSet0,
    acc0: Int32Array.from(acc0),
    accEvs: Int32Array.from(accEvs),
    divergent,
    ...(refusals ? { refusals: flatSteps } : {}),
  };
}

/**
 * A refinement (`nf` the specification's normal form, `impl` the
 * implementation) or a determinism check (`nf` the normal form of `impl`
 * itself), searched by K threads. Undefined when a refusal-testing normal
 * form cannot be flattened (refusal-steps.ts): the caller searches on one thread.
 */
export function productInParallel(
  kind: 'refinement' | 'determinism',
  nf: NormalForm,
  impl: System,
  model: Model,
  implOracle: DivergenceOracle | undefined,
  budget: Budget,
  namer: Namer,
  team: Team,
): CheckResult | undefined {
  const refusals = kind === 'refinement' && refusalTesting(model);
  const flat = flatten(nf, comparesRevivals(model), refusals);
  if (flat === undefined) return undefined;
  const space =
    kind === 'refinement'
      ? new RefinementSpace(impl, flat, model, implOracle)
      : new DeterminismSpace(impl, flat, model, implOracle);
  const spec: SpaceSpec =
    kind === 'refinement'
      ? { kind, impl: impl.plainSpec(), nf: flat, model }
      : { kind, impl: impl.plainSpec(), nf: flat, model: model === 'FD' ? 'FD' : 'F' };
  return searchInParallel(
    {
      space,
      spec,
      finish: (steps, src, at, _n, _buf, stats, path) => {
        const failure = space.failure(src, at);
        if (failure === undefined) throw new Error('parallel refinement: the failing pair does not fail');
        const terminates = space.initials.includes(TICK) ? { terminates: true } : {};
        const refused = failure.refused ?? [];
        const extra: Partial<Counterexample> =
          failure.kind === 'refusal'
            ? { refused: refused.map((e) => namer.event(e)), ...terminates }
            : failure.kind === 'revival'
              ? { refused: refused.map((e) => namer.event(e)), event: namer.event(failure.event ?? -1), ...terminates }
              : failure.kind === 'nondeterminism'
                ? { event: namer.event(refused[0] as number), ...terminates }
                : failure.kind === 'trace'
                  ? { event: namer.event(space.violation) }
                  : {};
        const components = componentReports(
          impl,
          steps.map((st) => st.rule),
          src,
          at + 1,
          namer,
        );
        const counterexample: Counterexample = {
          kind: failure.kind,
          trace: visibleTrace(steps, namer),
          steps: steps.length,
          ...extra,
          ...(refusals ? { refusals: refusalsAlong(space, path, steps, namer) } : {}),
          components,
        };
        return { status: 'failed', counterexample, ...stats };
      },
    },
    budget,
    team,
  );
}

/**
 * The refusal trace of a counterexample (refinement.ts's one-thread
 * `refusalsAlong`): for each visible step, the node's initials that the
 * pair it left refused, when that state was stable and accepted the event;
 * else null. `path[i]` is the pair step i leaves.
 */
function refusalsAlong(
  space: RefinementSpace,
  path: readonly Uint32Array[],
  steps: readonly Step[],
  namer: Namer,
): (string[] | null)[] {
  const buf = new SuccBuffer();
  const out: (string[] | null)[] = [];
  steps.forEach((step, i) => {
    if (step.event === TAU) return;
    const pair = path[i] as Uint32Array;
    space.expand(pair, 0, buf);
    const terminated = space.impl.isTerminatedAt(pair, 1);
    const offered = acceptanceOf({ initials: space.initials, unstable: space.unstable, terminated });
    out.push(
      offered?.includes(step.event) === true
        ? space
            .nodeInitials(pair[0] as number)
            .filter((e) => !offered.includes(e))
            .map((e) => namer.event(e))
        : null,
    );
  });
  return out;
}
