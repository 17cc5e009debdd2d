import { describe, expect, it } from 'vitest';
import { after, initials, transitions } from './semantics';
import { kit, reachable, traces } from './test-helpers';
import { TAU, TICK, type Term } from './terms';
import { EvaluationError } from './errors';

describe('basic processes', () => {
  it('STOP has no transitions, SKIP does ✓ to Ω, DIV loops on τ', () => {
    const { f } = kit();
    expect(transitions(f.stop)).toEqual([]);
    expect(transitions(f.skip)).toEqual([{ event: TICK, target: f.omega }]);
    expect(transitions(f.omega)).toEqual([]);
    expect(transitions(f.div)).toEqual([{ event: TAU, target: f.div }]);
  });

  it('SKIP is not a deadlock: its only stable dead end comes after ✓', () => {
    const { f } = kit();
    expect(initials(f.skip)).toEqual([TICK]);
  });

  it('RUN offers every event forever; CHAOS may also τ to STOP or to any single offer', () => {
    const { f, e } = kit();
    const A = f.eventSet([e('a'), e('b')]);
    const run = f.run(A);
    expect(initials(run)).toEqual(A);
    expect(after(run, e('a'))).toEqual([run]);
    const chaos = f.chaos(A);
    expect(initials(chaos)).toEqual([TAU, ...A]);
    expect(after(chaos, TAU)).toEqual([f.stop, f.prefix(e('a'), chaos), f.prefix(e('b'), chaos)]);
    expect(after(chaos, e('b'))).toEqual([chaos]);
  });
});

describe('choice', () => {
  it('external choice is resolved by visible events but not by τ', () => {
    const { f, e } = kit();
    const a = e('a');
    const b = e('b');
    const P = f.extChoice([f.intChoice([f.prefix(a, f.stop), f.prefix(b, f.stop)]), f.prefix(b, f.skip)]);
    const trs = transitions(P);
    expect(trs.map((t) => t.event)).toEqual([TAU, TAU, b]);
    // after τ the choice is still there, with the left branch resolved internally
    const afterTau = after(P, TAU);
    expect(afterTau).toContain(f.extChoice([f.prefix(a, f.stop), f.prefix(b, f.skip)]));
    expect(after(P, b)).toEqual([f.skip]);
  });

  it('internal choice τs to each branch', () => {
    const { f, e } = kit();
    const P = f.intChoice([f.prefix(e('a'), f.stop), f.stop]);
    expect(initials(P)).toEqual([TAU]);
    expect(after(P, TAU).length).toBe(2);
  });

  it('sliding choice: visible events of the left resolve it, a τ goes to the right', () => {
    const { f, e } = kit();
    const a = e('a');
    const Q = f.prefix(e('b'), f.stop);
    const P = f.sliding(f.prefix(a, f.stop), Q);
    expect(initials(P)).toEqual([TAU, a]);
    expect(after(P, TAU)).toEqual([Q]);
    expect(after(P, a)).toEqual([f.stop]);
  });
});

describe('sequential composition and termination', () => {
  it("P ; Q hides P's ✓ as a τ to Q", () => {
    const { f, e, ev } = kit();
    const P = f.seq(f.prefix(e('a'), f.skip), f.prefix(e('b'), f.skip));
    const ts = traces(f, ev, P, 5);
    expect(ts).toContain('a,b,✓');
    expect([...ts].some((t) => t.startsWith('a,✓'))).toBe(false);
  });

  it('traces include ✓', () => {
    const { f, ev } = kit();
    expect(traces(f, ev, f.skip, 3)).toEqual(new Set(['', '✓']));
  });

  it('||| terminates only when both sides have', () => {
    const { f, e, ev } = kit();
    const P = f.interleave([f.prefix(e('a'), f.skip), f.skip]);
    const ts = traces(f, ev, P, 3);
    expect(ts).toContain('a,✓');
    expect(ts).not.toContain('✓');
    const done = f.interleave([f.omega, f.omega]);
    expect(transitions(done)).toEqual([{ event: TICK, target: f.omega }]);
  });

  it('[| A |] terminates when both do, synchronising on A', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const A = f.eventSet([a]);
    const P = f.genPar(A, [f.prefix(a, f.skip), f.prefix(e('b'), f.prefix(a, f.skip))]);
    expect(traces(f, ev, P, 4)).toEqual(new Set(['', 'b', 'b,a', 'b,a,✓']));
  });

  it('alphabetised parallel synchronises on the shared alphabet only', () => {
    const { f, e, ev } = kit();
    const a = e('a');
    const b = e('b');
    const c = e('c');
    const P = f.alphaPar(
      [f.prefix(a, f.prefix(b, f.skip)), f.prefix(b, f.prefix(c, f.skip))],
      [f.eventSet([a, b]), f.eventSet([b, c])],
    );
    expect(traces(f, ev, P, 4)).toEqual(new Set(['', 'a', 'a,b', 'a,b,c', 'a,b,c,✓']));
  });
});

describe('hiding, renaming, interrupt', () => {
  it('hiding turns events into τ, and can create divergence', () => {
    const { f, e } = kit();
    const a = e('a');
    const loop = f.call('L', [], () => f.prefix(a, loop));
    const H = f.hide(loop, f.eventSet([a]));
    expect(transitions(H)).toEqual([{ event: TAU, target: H }]);
  });

  it('renaming is relational: one event may become several', () => {
    const { f, e } = kit();
    const a = e('a');
    const b = e('b');
    const c = e('c');
    const R = f.rename(f.prefix(a, f.stop), [
      [a, b],
      [a, c],
    ]);
    expect(initials(R)).toEqual([b, c]);
  });

  it('interrupt: the right side takes over on its visible event; ✓ of the left ends it', () => {
    const { f, e } = kit();
    const a = e('a');
    const i = e('i');
    const P = f.interrupt(f.prefix(a, f.skip), f.prefix(i, f.stop));
    expect(initials(P)).toEqual([a, i]);
    expect(after(P, i)).toEqual([f.stop]);
    const P1 = after(P, a)[0] as Term;
    expect(after(P1, TICK)).toEqual([f.omega]);
  });
});

describe('calls', () => {
  it('unfolding a named process is not a τ', () => {
    const { f, e } = kit();
    const a = e('a');
    const P: Term = f.call('P', [], () => f.prefix(a, P));
    expect(transitions(P)).toEqual([{ event: a, target: P }]);
    expect(reachable(f, P).length).toBe(1);
  });

  it('a call to a parallel composition is the same state as the composition', () => {
    const { f, e } = kit();
    const a = e('a');
    const b = e('b');
    const A: Term = f.call('A', [], () => f.prefix(a, A));
    const B: Term = f.call('B', [], () => f.prefix(b, B));
    const SYS = f.call('SYS', [], () => f.interleave([A, B]));
    expect(reachable(f, SYS).length).toBe(1);
  });

  it('unguarded recursion is an EvaluationError, not a stack overflow', () => {
    const { f, e } = kit();
    const P: Term = f.call('P', [], () => f.extChoice([P, f.prefix(e('a'), f.stop)]));
    expect(() => transitions(P)).toThrow(EvaluationError);
    const Q: Term = f.call('Q', [], () => f.interleave([Q, f.stop]));
    expect(() => f.canon(Q)).toThrow(/unguarded recursion/);
  });
});
