/**
 * Verdicts derived from the semantics, on small processes built through the
 * factory (the evaluator builds the same terms from CSPm; the script-level
 * tests in the CLI run the same facts from text).
 */
import { describe, expect, it } from 'vitest';
import { kit } from '../csp/test-helpers';
import type { Term } from '../csp/terms';
import { pipeline } from '../csp/classic-systems';
import { runCheck, type CheckAssertion, type CheckOutcome } from './index';

function setup() {
  const k = kit();
  const { f, e } = k;
  const a = e('a');
  const b = e('b');
  const c = e('c');
  const run = (x: CheckAssertion, budget = {}): CheckOutcome => runCheck(x, { factory: f, events: k.ev, budget });
  const rec = (name: string, body: (self: Term) => Term): Term => {
    const self: Term = f.call(name, [], () => body(self));
    return self;
  };
  return { ...k, a, b, c, run, rec };
}

describe('semantics facts (docs/cspm.md)', () => {
  it('successful termination is not deadlock; STOP is', () => {
    const { f, run } = setup();
    expect(run({ kind: 'deadlock', model: 'F', process: f.skip }).status).toBe('passed');
    expect(run({ kind: 'deadlock', model: 'FD', process: f.skip }).status).toBe('passed');
    const r = run({ kind: 'deadlock', model: 'F', process: f.stop });
    expect(r).toMatchObject({ status: 'failed', counterexample: { kind: 'deadlock', trace: [] } });
  });

  it('traces include ✓, and P ; Q hides P’s ✓', () => {
    const { f, a, b, run } = setup();
    const P = f.seq(f.prefix(a, f.skip), f.prefix(b, f.skip));
    expect(run({ kind: 'hasTrace', process: P, trace: [a, b, 1] }).status).toBe('passed');
    const r = run({ kind: 'hasTrace', process: P, trace: [a, 1] });
    expect(r).toMatchObject({ status: 'failed', counterexample: { kind: 'no-trace', trace: ['a'], event: '✓' } });
  });

  it('||| and [| A |] terminate when both sides have terminated', () => {
    const { f, a, b, run } = setup();
    const both = f.interleave([f.prefix(a, f.skip), f.prefix(b, f.skip)]);
    expect(run({ kind: 'deadlock', model: 'F', process: both }).status).toBe('passed');
    expect(run({ kind: 'hasTrace', process: both, trace: [b, a, 1] }).status).toBe('passed');
    expect(run({ kind: 'hasTrace', process: both, trace: [a, 1] }).status).toBe('failed');
    const sync = f.genPar(f.eventSet([a]), [f.prefix(a, f.skip), f.prefix(a, f.prefix(b, f.skip))]);
    expect(run({ kind: 'hasTrace', process: sync, trace: [a, b, 1] }).status).toBe('passed');
    expect(run({ kind: 'deadlock', model: 'F', process: sync }).status).toBe('passed');
    // one side can never terminate: the composition waits for ever after a
    const stuck = f.genPar(f.eventSet([a]), [f.prefix(a, f.skip), f.prefix(a, f.stop)]);
    expect(run({ kind: 'deadlock', model: 'F', process: stuck })).toMatchObject({
      status: 'failed',
      counterexample: { trace: ['a'] },
    });
  });

  it('failures are stable failures: a divergent state refuses nothing', () => {
    const { f, a, run, rec } = setup();
    const P = f.hide(
      rec('P', (self) => f.prefix(a, self)),
      f.eventSet([a]),
    );
    expect(run({ kind: 'deadlock', model: 'F', process: P }).status).toBe('passed');
    expect(run({ kind: 'deadlock', model: 'FD', process: P })).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'divergence' },
    });
    // DIV refines every process in [F= only if it has no stable failures to add: STOP [F= DIV holds
    expect(run({ kind: 'refinement', model: 'F', spec: f.stop, impl: f.div }).status).toBe('passed');
    expect(run({ kind: 'refinement', model: 'FD', spec: f.stop, impl: f.div })).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'divergence' },
    });
  });
});

describe('refinement', () => {
  it('external and internal choice, both ways', () => {
    const { f, a, b, run } = setup();
    const ext = f.extChoice([f.prefix(a, f.stop), f.prefix(b, f.stop)]);
    const int = f.intChoice([f.prefix(a, f.stop), f.prefix(b, f.stop)]);
    for (const model of ['T', 'F', 'FD'] as const) {
      expect(run({ kind: 'refinement', model, spec: int, impl: ext }).status).toBe('passed');
    }
    expect(run({ kind: 'refinement', model: 'T', spec: ext, impl: int }).status).toBe('passed');
    const r = run({ kind: 'refinement', model: 'F', spec: ext, impl: int });
    expect(r).toMatchObject({ status: 'failed', counterexample: { kind: 'refusal', trace: [], refused: ['b'] } });
  });

  it('an extra event is a trace counterexample naming it', () => {
    const { f, a, b, run } = setup();
    const r = run({
      kind: 'refinement',
      model: 'T',
      spec: f.prefix(a, f.stop),
      impl: f.prefix(a, f.prefix(b, f.stop)),
    });
    expect(r).toMatchObject({ status: 'failed', counterexample: { kind: 'trace', trace: ['a'], event: 'b' } });
    expect(run({ kind: 'refinement', model: 'T', spec: f.stop, impl: f.skip })).toMatchObject({
      counterexample: { kind: 'trace', event: '✓' },
    });
    expect(run({ kind: 'refinement', model: 'F', spec: f.skip, impl: f.stop })).toMatchObject({
      counterexample: { kind: 'refusal' },
    });
  });

  it('hiding creates divergence: [FD= fails, [F= and [T= pass', () => {
    const { f, a, b, run, rec } = setup();
    const Q = rec('Q', (self) => f.prefix(b, self));
    const impl = f.hide(f.prefix(a, Q), f.eventSet([b]));
    const spec = f.prefix(a, f.stop);
    expect(run({ kind: 'refinement', model: 'T', spec, impl }).status).toBe('passed');
    expect(run({ kind: 'refinement', model: 'F', spec, impl }).status).toBe('passed');
    expect(run({ kind: 'refinement', model: 'FD', spec, impl })).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'divergence', trace: ['a'] },
    });
    expect(run({ kind: 'divergence', process: impl })).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'divergence', trace: ['a'] },
    });
  });

  it('the pipeline of N one-place buffers refines the N-place buffer in [FD=', () => {
    for (const N of [1, 2, 4]) {
      const p = pipeline(N);
      const r = runCheck(
        { kind: 'refinement', model: 'FD', spec: p.spec as Term, impl: p.system },
        { factory: p.factory, events: p.events },
      );
      expect(r).toMatchObject({ status: 'passed', states: 3 ** N });
    }
    // a 2-place buffer does not refine a 1-place one (it accepts a second input)
    const one = pipeline(1);
    const two = pipeline(2);
    expect(two.events.text(2)).toBe('c.0.0');
    const r = runCheck(
      { kind: 'refinement', model: 'T', spec: one.spec as Term, impl: one.system },
      { factory: one.factory, events: one.events },
    );
    expect(r.status).toBe('passed');
  });

  it('renaming maps events relationally', () => {
    const { f, a, b, c, run } = setup();
    const P = f.rename(f.prefix(a, f.stop), [
      [a, b],
      [a, c],
    ]);
    expect(run({ kind: 'hasTrace', process: P, trace: [b] }).status).toBe('passed');
    expect(run({ kind: 'hasTrace', process: P, trace: [c] }).status).toBe('passed');
    expect(run({ kind: 'hasTrace', process: P, trace: [a] })).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'no-trace', trace: [] },
    });
    expect(
      run({ kind: 'refinement', model: 'F', spec: f.extChoice([f.prefix(b, f.stop), f.prefix(c, f.stop)]), impl: P })
        .status,
    ).toBe('passed');
  });
});

describe('determinism', () => {
  it('internal choice between different events is nondeterministic; between equal ones it is not', () => {
    const { f, a, b, run } = setup();
    const same = f.intChoice([f.prefix(a, f.stop), f.prefix(a, f.stop)]);
    expect(run({ kind: 'determinism', model: 'F', process: same }).status).toBe('passed');
    const diff = f.intChoice([f.prefix(a, f.stop), f.prefix(b, f.stop)]);
    const r = run({ kind: 'determinism', model: 'FD', process: diff });
    // the first state of a shortest path (τ to a -> STOP) refuses b, which the process can also do after <>
    expect(r).toMatchObject({
      status: 'failed',
      counterexample: { kind: 'nondeterminism', trace: [], event: 'b', steps: 1 },
    });
  });

  it('sliding choice may refuse its left side; interrupt is deterministic here', () => {
    const { f, a, b, run } = setup();
    const slide = f.sliding(f.prefix(a, f.stop), f.prefix(b, f.stop));
    expect(run({ kind: 'determinism', model: 'F', process: slide })).toMatchObject({
      counterexample: { kind: 'nondeterminism', event: 'a' },
    });
    const intr = f.interrupt(f.prefix(a, f.stop), f.prefix(b, f.stop));
    expect(run({ kind: 'determinism', model: 'FD', process: intr }).status).toBe('passed');
    expect(run({ kind: 'hasTrace', process: intr, trace: [a, b] }).status).toBe('passed');
  });

  it('[FD] determinism fails on divergence, [F] ignores it', () => {
    const { f, a, run, rec } = setup();
    const P = f.extChoice([
      f.prefix(a, f.stop),
      f.hide(
        rec('R', (self) => f.prefix(a, self)),
        f.eventSet([a]),
      ),
    ]);
    expect(run({ kind: 'determinism', model: 'FD', process: P })).toMatchObject({
      counterexample: { kind: 'divergence' },
    });
    expect(run({ kind: 'determinism', model: 'F', process: P }).status).toBe('passed');
  });
});

describe('replicated operators and counterexample order', () => {
  it('||| i:{0..2} @ c.i -> STOP: 8 states, deadlock after c.0, c.1, c.2 (declaration order)', () => {
    const { f, e, run } = setup();
    const ids = [0, 1, 2].map((i) => e('d', i));
    const P = f.interleave(ids.map((x) => f.prefix(x, f.stop)));
    const r = run({ kind: 'deadlock', model: 'F', process: P });
    expect(r).toMatchObject({ status: 'failed', states: 8, counterexample: { trace: ['d.0', 'd.1', 'd.2'] } });
    if (r.status === 'failed')
      expect(r.counterexample.components.map((x) => x.trace)).toEqual([['d.0'], ['d.1'], ['d.2']]);
  });

  it('components report hidden events in their own traces', () => {
    const { f, a, b, run } = setup();
    const P = f.hide(
      f.genPar(f.eventSet([b]), [f.prefix(a, f.prefix(b, f.stop)), f.prefix(b, f.stop)]),
      f.eventSet([b]),
    );
    const r = run({ kind: 'deadlock', model: 'F', process: P });
    expect(r).toMatchObject({ status: 'failed', counterexample: { trace: ['a'] } });
    if (r.status === 'failed')
      expect(r.counterexample.components).toEqual([
        { name: 'a -> b -> STOP', trace: ['a', 'b'], state: 'STOP' },
        { name: 'b -> STOP', trace: ['b'], state: 'STOP' },
      ]);
  });
});

describe('budgets', () => {
  it('a state limit gives "limit", never "passed"', () => {
    const { f, e, run } = setup();
    const evs = [0, 1, 2, 3, 4, 5].map((i) => e('d', i));
    const P = f.interleave(evs.map((x) => f.prefix(x, f.skip)));
    expect(run({ kind: 'deadlock', model: 'F', process: P }).status).toBe('passed');
    expect(run({ kind: 'deadlock', model: 'F', process: P }, { maxStates: 10 })).toMatchObject({
      status: 'limit',
      reason: 'states',
    });
  });

  it('an aborted signal cancels; a clock gives progress and a time limit', () => {
    const { f, e, run } = setup();
    const evs = [...Array(14).keys()].map((i) => e('d', i));
    const P = f.interleave(evs.map((x) => f.prefix(x, f.skip)));
    expect(run({ kind: 'deadlock', model: 'F', process: P }, { signal: { aborted: true } })).toMatchObject({
      status: 'limit',
      reason: 'cancelled',
    });
    let now = 0;
    const seen: number[] = [];
    const r = run(
      { kind: 'deadlock', model: 'F', process: P },
      { clock: () => (now += 100), onProgress: (p: { states: number }) => seen.push(p.states), timeoutMs: 5_000 },
    );
    expect(r).toMatchObject({ status: 'limit', reason: 'time' });
    expect(seen.length).toBeGreaterThan(0);
  });
});
