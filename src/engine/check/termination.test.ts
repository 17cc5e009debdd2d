/**
 * Termination in the failures models (docs/checker.md#termination): a state
 * that can perform ✓ may refuse every ordinary event. Each test pins a law of
 * Roscoe's semantics as FDR checks it; "P = Q in M" is checked as both
 * refinements in M.
 */
import { describe, expect, it } from 'vitest';
import { kit } from '../csp/test-helpers';
import type { Term } from '../csp/terms';
import { runCheck, type CheckAssertion, type CheckOutcome, type Model } from './index';

function setup() {
  const k = kit();
  const { f, e } = k;
  const a = e('a');
  const b = e('b');
  const run = (x: CheckAssertion): CheckOutcome => runCheck(x, { factory: f, events: k.ev });
  const refines = (model: Model, spec: Term, impl: Term): string =>
    run({ kind: 'refinement', model, spec, impl }).status;
  /** P = Q in the model: both refinements pass. */
  const equal = (model: Model, p: Term, q: Term): boolean =>
    refines(model, p, q) === 'passed' && refines(model, q, p) === 'passed';
  return { ...k, a, b, run, refines, equal };
}

describe('the ✓ axiom: a state that can terminate may refuse every ordinary event', () => {
  it('(a -> STOP [] SKIP) [F= SKIP and [FD= SKIP pass; the other way round fails on the trace <a>', () => {
    const { f, a, refines, run } = setup();
    const P = f.extChoice([f.prefix(a, f.stop), f.skip]);
    expect(refines('F', P, f.skip)).toBe('passed');
    expect(refines('FD', P, f.skip)).toBe('passed');
    expect(run({ kind: 'refinement', model: 'F', spec: f.skip, impl: P })).toMatchObject({
      counterexample: { kind: 'trace', trace: [], event: 'a' },
    });
  });

  it('P [] SKIP = P [> SKIP in [F] and [FD] (both may refuse P’s events initially)', () => {
    const { f, a, b, equal } = setup();
    for (const P of [f.prefix(a, f.stop), f.extChoice([f.prefix(a, f.stop), f.prefix(b, f.skip)])]) {
      const ext = f.extChoice([P, f.skip]);
      const slide = f.sliding(P, f.skip);
      expect(equal('F', ext, slide)).toBe(true);
      expect(equal('FD', ext, slide)).toBe(true);
    }
  });

  it('SKIP is not STOP: STOP refuses ✓, SKIP does ✓; neither refines the other', () => {
    const { f, run } = setup();
    expect(run({ kind: 'refinement', model: 'F', spec: f.skip, impl: f.stop })).toMatchObject({
      counterexample: { kind: 'refusal', refused: ['✓'] },
    });
    expect(run({ kind: 'refinement', model: 'T', spec: f.stop, impl: f.skip })).toMatchObject({
      counterexample: { kind: 'trace', event: '✓' },
    });
    expect(run({ kind: 'deadlock', model: 'F', process: f.skip }).status).toBe('passed');
    expect(run({ kind: 'deadlock', model: 'F', process: f.stop }).status).toBe('failed');
  });

  it('a refusal that comes from termination says so', () => {
    const { f, a, run } = setup();
    const r = run({
      kind: 'refinement',
      model: 'F',
      spec: f.prefix(a, f.stop),
      impl: f.extChoice([f.prefix(a, f.stop), f.skip]),
    });
    expect(r).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'refusal', trace: [], refused: ['a'], terminates: true },
    });
    const plain = run({ kind: 'refinement', model: 'F', spec: f.prefix(a, f.stop), impl: f.stop });
    expect(plain).toMatchObject({ counterexample: { kind: 'refusal' } });
    if (plain.status === 'failed') expect(plain.counterexample.terminates).toBeUndefined();
  });

  it('||| and [| A |]: P ||| SKIP = P, SKIP ||| SKIP = SKIP, (a -> SKIP) [| {a} |] (a -> SKIP) = a -> SKIP', () => {
    const { f, a, equal } = setup();
    const P = f.extChoice([f.prefix(a, f.stop), f.skip]);
    expect(equal('F', f.interleave([P, f.skip]), P)).toBe(true);
    expect(equal('FD', f.interleave([P, f.skip]), P)).toBe(true);
    expect(equal('FD', f.interleave([f.skip, f.skip]), f.skip)).toBe(true);
    const aSkip = f.prefix(a, f.skip);
    expect(equal('FD', f.genPar(f.eventSet([a]), [aSkip, aSkip]), aSkip)).toBe(true);
  });

  it('[| A |] terminates only when both sides have: SKIP [| {a} |] (a -> SKIP) deadlocks at once', () => {
    const { f, a, run } = setup();
    const P = f.genPar(f.eventSet([a]), [f.skip, f.prefix(a, f.skip)]);
    expect(run({ kind: 'deadlock', model: 'F', process: P })).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'deadlock', trace: [] },
    });
    expect(run({ kind: 'hasTrace', process: f.interleave([f.prefix(a, f.skip), f.stop]), trace: [a, 1] }).status).toBe(
      'failed',
    );
  });

  it('; turns ✓ into τ: (P [] SKIP) ; Q = P [> Q, SKIP ; P = P, P ; SKIP = P', () => {
    const { f, a, b, equal } = setup();
    const P = f.prefix(a, f.stop);
    const Q = f.prefix(b, f.stop);
    expect(equal('FD', f.seq(f.extChoice([P, f.skip]), Q), f.sliding(P, Q))).toBe(true);
    const R = f.prefix(a, f.skip);
    expect(equal('FD', f.seq(f.skip, R), R)).toBe(true);
    expect(equal('FD', f.seq(R, f.skip), R)).toBe(true);
  });

  it('determinism: a -> STOP [] SKIP is nondeterministic (it may refuse a); SKIP and a -> SKIP are deterministic', () => {
    const { f, a, run } = setup();
    const P = f.extChoice([f.prefix(a, f.stop), f.skip]);
    for (const model of ['F', 'FD'] as const) {
      expect(run({ kind: 'determinism', model, process: P })).toMatchObject({
        status: 'failed',
        counterexample: { kind: 'nondeterminism', trace: [], event: 'a', terminates: true },
      });
      expect(run({ kind: 'determinism', model, process: f.skip }).status).toBe('passed');
      expect(run({ kind: 'determinism', model, process: f.prefix(a, f.skip) }).status).toBe('passed');
    }
    // SKIP |~| STOP may refuse ✓
    expect(run({ kind: 'determinism', model: 'F', process: f.intChoice([f.skip, f.stop]) })).toMatchObject({
      counterexample: { event: '✓' },
    });
  });

  it('deadlock freedom: a state that can terminate is not a deadlock, even when it offers other events', () => {
    const { f, a, run } = setup();
    expect(run({ kind: 'deadlock', model: 'F', process: f.extChoice([f.prefix(a, f.skip), f.skip]) }).status).toBe(
      'passed',
    );
    expect(run({ kind: 'deadlock', model: 'FD', process: f.extChoice([f.prefix(a, f.skip), f.skip]) }).status).toBe(
      'passed',
    );
  });
});
