/**
 * Compressions preserve verdicts: on random processes with every
 * semantics-preserving compression applied to random subprocesses (nested
 * too), each assertion kind gives the same verdict as on the process without
 * them, in every model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Term } from '../../csp/terms';
import { builder, compressedShapeArb, PRESERVING, uncompressed, type Built } from '../arbitrary';
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
        for (const model of ['T', 'F', 'FD'] as const) {
          const plain = status(b, { kind: 'refinement', model, spec: su, impl: iu });
          expect(status(b, { kind: 'refinement', model, spec: sc, impl: ic }), model).toBe(plain);
          expect(status(b, { kind: 'refinement', model, spec: su, impl: ic }), model).toBe(plain);
        }
      }),
      { numRuns: 300 },
    );
  });
});
