/**
 * Shortest counterexamples, for every assertion kind: on random small
 * processes, the checker's verdict and the length of its counterexample
 * (`steps`: transitions to the failure, τ included) equal those of a plain
 * breadth-first reference over the term-level transition system
 * (reference.ts). Passing checks must pass there too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Term } from '../csp/terms';
import { builder, shapeArb, type Built } from './arbitrary';
import { runCheck, type CheckAssertion, type CheckOutcome } from './index';
import * as ref from './reference';

function verdict(o: CheckOutcome): ref.Verdict {
  if (o.status === 'passed') return { fails: false, steps: 0 };
  if (o.status === 'failed') return { fails: true, steps: o.counterexample.steps };
  throw new Error(`check did not decide: ${o.status} ${'message' in o ? o.message : ''}`);
}

function check(b: Built, a: CheckAssertion): ref.Verdict {
  return verdict(runCheck(a, { factory: b.f, events: b.ev, budget: { maxStates: 200_000 } }));
}

const runs = { numRuns: 250 };

describe('counterexamples are shortest (τ included) for every assertion kind', () => {
  it('deadlock [F] and [FD], divergence', () => {
    fc.assert(
      fc.property(shapeArb(true), (s) => {
        const b = builder();
        const P = b.build(s);
        const l = ref.lts(b.f, P);
        expect(check(b, { kind: 'deadlock', model: 'F', process: P })).toEqual(ref.deadlock(l, b.events, 'F'));
        expect(check(b, { kind: 'deadlock', model: 'FD', process: P })).toEqual(ref.deadlock(l, b.events, 'FD'));
        expect(check(b, { kind: 'divergence', process: P })).toEqual(ref.divergence(l));
      }),
      runs,
    );
  });

  it('determinism [F] and [FD]', () => {
    fc.assert(
      fc.property(shapeArb(true), (s) => {
        const b = builder();
        const P = b.build(s);
        const l = ref.lts(b.f, P);
        expect(check(b, { kind: 'determinism', model: 'F', process: P })).toEqual(ref.determinism(l, b.events, 'F'));
        expect(check(b, { kind: 'determinism', model: 'FD', process: P })).toEqual(ref.determinism(l, b.events, 'FD'));
      }),
      runs,
    );
  });

  it('refinement [T=, [F=, [FD=', () => {
    fc.assert(
      fc.property(shapeArb(true), shapeArb(true), (x, y) => {
        const b = builder();
        const spec: Term = b.build(x);
        const impl: Term = b.build(y);
        const sl = ref.lts(b.f, spec);
        const il = ref.lts(b.f, impl);
        for (const model of ['T', 'F', 'FD'] as const) {
          expect(check(b, { kind: 'refinement', model, spec, impl })).toEqual(ref.refinement(sl, il, b.events, model));
        }
      }),
      runs,
    );
  });
});

describe('the divergence search does not lengthen counterexamples', () => {
  it('R = ((a -> b -> c -> STOP) \\ {a, b}) |~| (d -> e -> STOP): [F] and [FD] both find the deadlock after <d, e>', () => {
    const b = builder();
    const { f, e } = b;
    const [a, bb, c] = b.events as [number, number, number];
    const d = e('d');
    const ee = e('e');
    const left = f.hide(f.prefix(a, f.prefix(bb, f.prefix(c, f.stop))), f.eventSet([a, bb]));
    const R = f.intChoice([left, f.prefix(d, f.prefix(ee, f.stop))]);
    for (const model of ['F', 'FD'] as const) {
      const r = runCheck({ kind: 'deadlock', model, process: R }, { factory: f, events: b.ev });
      expect(r).toMatchObject({ status: 'failed', counterexample: { kind: 'deadlock', trace: ['d', 'e'], steps: 3 } });
    }
  });
});
