/**
 * Compressions preserve verdicts: on random processes with every
 * semantics-preserving compression applied to random subprocesses (nested
 * too), each assertion kind gives the same verdict as on the process without
 * them, in every model (for refusal testing, normal forms and diamond are
 * computed as strong bisimulation, which the check's report says).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Term } from '../../csp/terms';
import {
  builder,
  compressedShapeArb,
  menuPairArb,
  PRESERVING,
  uncompressed,
  type Built,
  type Shape,
} from '../arbitrary';
import { runCheck, type CheckAssertion } from '../index';

function status(b: Built, a: CheckAssertion): string {
  const o = runCheck(a, { factory: b.f, events: b.ev, budget: { maxStates: 200_000 } });
  if (o.status === 'error' || o.status === 'limit') throw new Error(`undecided: ${o.message}`);
  return o.status;
}

function kinds(P: Term): CheckAssertion[] {
  return [
    { kind: 'deadlock', model: 'F', process: P },
    { kind: 'deadlock', model: 'FD', process: P },
    { kind: 'divergence', process: P },
    { kind: 'determinism', model: 'F', process: P },
    { kind: 'determinism', model: 'FD', process: P },
  ];
}

const MODELS = ['T', 'F', 'FD', 'V', 'VD', 'R', 'RD'] as const;

describe('compressed and uncompressed processes get the same verdicts', () => {
  it('deadlock, divergence and determinism', () => {
    fc.assert(
      fc.property(compressedShapeArb(PRESERVING), (s) => {
        const b = builder();
        const P = b.build(s);
        const Q = b.build(uncompressed(s));
        const ks = kinds(Q);
        kinds(P).forEach((a, i) => expect(status(b, a), a.kind).toBe(status(b, ks[i] as CheckAssertion)));
      }),
      { numRuns: 300 },
    );
  });

  it('refinement, compressed on either side', () => {
    fc.assert(
      fc.property(compressedShapeArb(PRESERVING), compressedShapeArb(PRESERVING), (x, y) => {
        const b = builder();
        const [sc, ic, su, iu] = [b.build(x), b.build(y), b.build(uncompressed(x)), b.build(uncompressed(y))];
        for (const model of MODELS) {
          const plain = status(b, { kind: 'refinement', model, spec: su, impl: iu });
          expect(status(b, { kind: 'refinement', model, spec: sc, impl: ic }), model).toBe(plain);
          expect(status(b, { kind: 'refinement', model, spec: su, impl: ic }), model).toBe(plain);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refinement in every model on menus (which tell revivals and refusal testing apart), compressed whole', () => {
    const wrap = (method: (typeof PRESERVING)[number] | undefined, body: Shape): Shape =>
      method === undefined ? body : { op: 'compress', method, body };
    const method = fc.option(fc.constantFrom(...PRESERVING), { nil: undefined });
    fc.assert(
      fc.property(menuPairArb(), method, method, ([x, y], mx, my) => {
        const b = builder();
        const [sc, ic, su, iu] = [b.build(wrap(mx, x)), b.build(wrap(my, y)), b.build(x), b.build(y)];
        for (const model of MODELS) {
          const plain = status(b, { kind: 'refinement', model, spec: su, impl: iu });
          expect(status(b, { kind: 'refinement', model, spec: sc, impl: ic }), `${model} ${mx} ${my}`).toBe(plain);
        }
      }),
      { numRuns: 200 },
    );
  });
});
