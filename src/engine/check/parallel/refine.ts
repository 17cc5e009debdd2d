/**
 * `SPEC [T= IMPL`, `[F=`, `[FD=` and `deterministic [F]`/`[FD]` searched by
 * K threads: the normal form (of the specification; for determinism, of the
 * process itself) is built in full first (the one-thread check builds it
 * lazily, as the search reaches it), flattened into arrays every thread gets
 * (spaces.ts), then the product is searched as any parallel search
 * (search.ts). The report is the one-thread check's: the same pairs by
 * layer, the same transitions (the product's own), the same least shortest
 * counterexample.
 */
import { TICK } from '../../csp/terms';
import type { Budget } from '../budget';
import { componentReports, visibleTrace, type Counterexample, type Namer } from '../counterexample';
import type { DivergenceOracle } from '../divergence';
import type { NormalForm } from '../normal-form';
import { comparesRevivals, type Model } from '../models';
import type { CheckResult } from '../result';
import type { System } from '../system';
import { searchInParallel } from './search';
import { DeterminismSpace, RefinementSpace, type FlatNormalForm, type SpaceSpec } from './spaces';
import type { Team } from './team';

/**
 * Every node of `nf` reachable from its root, as flat arrays (nodes keep
 * their numbers), with the minimal acceptances, or with `every` each stable
 * acceptance (what the revivals models compare).
 */
export function flatten(nf: NormalForm, every = false): FlatNormalForm {
  for (let n = 0; n < nf.size; n++) for (const e of nf.initials(n)) nf.after(n, e); // creates nodes as it goes
  const M = nf.size;
  const next0 = new Int32Array(M + 1);
  const evs: number[] = [];
  const tgt: number[] = [];
  const accSet0 = new Int32Array(M + 1);
  const acc0: number[] = [0];
  const accEvs: number[] = [];
  const divergent = new Uint8Array(M);
  for (let n = 0; n < M; n++) {
    for (const e of nf.initials(n)) {
      evs.push(e);
      tgt.push(nf.after(n, e));
    }
    next0[n + 1] = evs.length;
    for (const acc of every ? nf.stableAcceptances(n) : nf.acceptances(n)) {
      accEvs.push(...acc);
      acc0.push(accEvs.length);
    }
    accSet0[n + 1] = acc0.length - 1;
    divergent[n] = nf.divergent(n) ? 1 : 0;
  }
  return {
    next0,
    evs: Int32Array.from(evs),
    tgt: Int32Array.from(tgt),
    accSet0,
    acc0: Int32Array.from(acc0),
    accEvs: Int32Array.from(accEvs),
    divergent,
  };
}

/**
 * A refinement (`nf` the specification's normal form, `impl` the
 * implementation) or a determinism check (`nf` the normal form of `impl`
 * itself), searched by K threads.
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
): CheckResult {
  if (model === 'R' || model === 'RD') throw new Error('internal: refusal testing is searched by one thread');
  const flat = flatten(nf, comparesRevivals(model));
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
      finish: (steps, src, at, _n, _buf, stats) => {
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
        const counterexample: Counterexample = {
          kind: failure.kind,
          trace: visibleTrace(steps, namer),
          steps: steps.length,
          ...extra,
          components: componentReports(
            impl,
            steps.map((st) => st.rule),
            src,
            at + 1,
            namer,
          ),
        };
        return { status: 'failed', counterexample, ...stats };
      },
    },
    budget,
    team,
  );
}
