/**
 * The revivals and refusal-testing models on random small processes:
 *  - verdict and counterexample length (`steps`) equal the reference's
 *    (reference.ts: refusal sets straight from the definitions, over terms);
 *  - the hierarchy holds: a pass in R implies one in V, in V one in F, in F
 *    one in T; and RD ⇒ VD ⇒ FD. (Each finer model observes more: a refusal
 *    trace contains revivals, a revival a failure, a failure a trace.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builder, menuArb, menuPairArb, shapeArb, type Built, type Shape } from './arbitrary';
import { runCheck, type CheckOutcome, type Model } from './index';
import * as ref from './reference';
import type { Term } from '../csp/terms';

function verdict(o: CheckOutcome): ref.Verdict {
  if (o.status === 'passed') return { fails: false, steps: 0 };
  if (o.status === 'failed') return { fails: true, steps: o.counterexample.steps };
  throw new Error(`check did not decide: ${o.status} ${'message' in o ? o.message : ''}`);
}

function refine(b: Built, model: Model, spec: Term, impl: Term): ref.Verdict {
  return verdict(
    runCheck({ kind: 'refinement', model, spec, impl }, { factory: b.f, events: b.ev, budget: { maxStates: 100_000 } }),
  );
}

const runs = { numRuns: 150 };

/** Random (specification, implementation) pairs: any shapes, menus, or a menu and one made of its own offers (the pairs that separate the models). */
const procArb = fc.oneof(shapeArb(true), menuArb());
const pairArb: fc.Arbitrary<[Shape, Shape]> = fc.oneof(fc.tuple(procArb, procArb), menuPairArb());

describe('revivals and refusal testing on random processes', () => {
  it('[V=, [VD=, [R=, [RD= agree with the reference, verdict and steps', () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        const b = builder();
        const spec = b.build(x);
        const impl = b.build(y);
        const sl = ref.lts(b.f, spec);
        const il = ref.lts(b.f, impl);
        for (const model of ['V', 'VD', 'R', 'RD'] as const)
          expect(refine(b, model, spec, impl), model).toEqual(ref.refinement(sl, il, b.events, model));
      }),
      runs,
    );
  });

  it('R ⇒ V ⇒ F ⇒ T and RD ⇒ VD ⇒ FD', () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        const b = builder();
        const spec = b.build(x);
        const impl = b.build(y);
        const passes = (m: Model): boolean => !refine(b, m, spec, impl).fails;
        for (const [finer, coarser] of [
          ['R', 'V'],
          ['V', 'F'],
          ['F', 'T'],
          ['RD', 'VD'],
          ['VD', 'FD'],
        ] as const) {
          if (passes(finer)) expect(passes(coarser), `${finer} passes, so ${coarser} must`).toBe(true);
        }
      }),
      runs,
    );
  });

  it('CHAOS(Events) is refined by every divergence-free P that does not terminate, in T, F, V and R', () => {
    fc.assert(
      fc.property(fc.oneof(shapeArb(false), menuArb()), (x) => {
        const b = builder();
        // ; STOP takes ✓ away (CHAOS never terminates, so <✓> is no trace of it)
        const impl = b.f.seq(b.build(x), b.f.stop);
        const calm = runCheck(
          { kind: 'divergence', process: impl },
          { factory: b.f, events: b.ev, budget: { maxStates: 100_000 } },
        );
        fc.pre(calm.status === 'passed');
        const chaos = b.f.chaos(b.f.eventSet([...b.events]));
        const sl = ref.lts(b.f, chaos);
        const il = ref.lts(b.f, impl);
        for (const model of ['T', 'F', 'V', 'R'] as const) {
          expect(refine(b, model, chaos, impl), model).toEqual({ fails: false, steps: 0 });
          expect(ref.refinement(sl, il, b.events, model), `reference ${model}`).toEqual({ fails: false, steps: 0 });
        }
      }),
      runs,
    );
  });
});
