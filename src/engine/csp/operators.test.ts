/**
 * The operators beyond Roscoe's core set: linked parallel, exception,
 * synchronising external choice and interrupt, prioritise and prioritisepo.
 * Each is checked on small processes, and the linked parallel against its
 * textbook definition (rename both sides to a fresh event, synchronise on it,
 * hide it): the same traces.
 */
import { describe, expect, it } from 'vitest';
import { printTerm } from './print';
import { after, initials } from './semantics';
import { kit, reachable, traces } from './test-helpers';
import { TAU, TICK } from './terms';

describe('linked parallel', () => {
  it('synchronises linked events as τ and leaves the others free', () => {
    const { f, e } = kit();
    const [a, b, c, d] = [e('a'), e('b'), e('c'), e('d')];
    const P = f.prefix(a, f.prefix(b, f.stop));
    const Q = f.prefix(c, f.prefix(d, f.stop));
    const L = f.linkPar(P, Q, [[b, c]]);
    expect(initials(L)).toEqual([a]);
    const afterA = after(L, a)[0]!;
    expect(initials(afterA)).toEqual([TAU]);
    expect(initials(after(afterA, TAU)[0]!)).toEqual([d]);
  });

  it('blocks a linked event whose partner is not ready, on either side', () => {
    const { f, e } = kit();
    const [b, c] = [e('b'), e('c')];
    expect(initials(f.linkPar(f.prefix(b, f.stop), f.stop, [[b, c]]))).toEqual([]);
    expect(initials(f.linkPar(f.stop, f.prefix(c, f.stop), [[b, c]]))).toEqual([]);
    // the right side's event named like a left link is not linked on the right
    expect(initials(f.linkPar(f.stop, f.prefix(b, f.stop), [[b, c]]))).toEqual([b]);
  });

  it('has the traces of (P[[b <- x]] [| {x} |] Q[[c <- x]]) \\ {x}', () => {
    const { f, e, ev } = kit();
    const [a, b, c, d, x] = [e('a'), e('b'), e('c'), e('d'), e('x')];
    const P = f.extChoice([f.prefix(a, f.prefix(b, f.skip)), f.prefix(b, f.prefix(a, f.skip))]);
    const Q = f.prefix(c, f.extChoice([f.prefix(d, f.skip), f.prefix(c, f.skip)]));
    const linked = f.linkPar(P, Q, [[b, c]]);
    const textbook = f.hide(f.genPar(f.eventSet([x]), [f.rename(P, [[b, x]]), f.rename(Q, [[c, x]])]), f.eventSet([x]));
    expect(traces(f, ev, linked, 6)).toEqual(traces(f, ev, textbook, 6));
  });

  it('terminates when both sides have terminated', () => {
    const { f, e } = kit();
    const L = f.linkPar(f.skip, f.skip, [[e('b'), e('c')]]);
    const states = reachable(f, L);
    expect(states.some((s) => initials(s).includes(TICK))).toBe(true);
    expect(initials(L)).toEqual([TAU]);
  });

  it('prints back as CSPm', () => {
    const { f, e, ev } = kit();
    const L = f.linkPar(f.stop, f.prefix(e('c'), f.stop), [[e('b'), e('c')]]);
    expect(printTerm(L, ev)).toBe('STOP [b <-> c] (c -> STOP)');
  });
});

describe('exception', () => {
  it('behaves as P until P performs an event of A, then as Q', () => {
    const { f, e, ev } = kit();
    const [a, b, c] = [e('a'), e('b'), e('c')];
    const Q = f.prefix(c, f.stop);
    const X = f.exception(f.prefix(a, f.prefix(b, f.prefix(a, f.stop))), f.eventSet([b]), Q);
    expect(traces(f, ev, X, 4)).toEqual(new Set(['', 'a', 'a,b', 'a,b,c']));
    expect(printTerm(X, ev)).toBe('(a -> b -> a -> STOP) [| {b} |> (c -> STOP)');
  });

  it('passes ✓ through', () => {
    const { f, e } = kit();
    const X = f.exception(f.skip, f.eventSet([e('a')]), f.stop);
    expect(after(X, TICK)).toEqual([f.omega]);
  });
});

describe('synchronising external choice', () => {
  it('performs events of A on every side without resolving the choice', () => {
    const { f, e, ev } = kit();
    const [t, a, b] = [e('tock'), e('a'), e('b')];
    const P = f.prefix(t, f.prefix(a, f.stop));
    const Q = f.prefix(t, f.prefix(b, f.stop));
    const S = f.syncExtChoice(f.eventSet([t]), [P, Q]);
    expect(traces(f, ev, S, 3)).toEqual(new Set(['', 'tock', 'tock,a', 'tock,b']));
    // with A empty it is the external choice
    const E = f.syncExtChoice(f.emptySet, [P, Q]);
    expect(traces(f, ev, E, 2)).toEqual(traces(f, ev, f.extChoice([P, Q]), 2));
    expect(printTerm(S, ev)).toBe('(tock -> a -> STOP) [+ {tock} +] (tock -> b -> STOP)');
  });

  it('refuses an event of A that one side cannot perform', () => {
    const { f, e } = kit();
    const t = e('tock');
    const S = f.syncExtChoice(f.eventSet([t]), [f.prefix(t, f.stop), f.prefix(e('a'), f.stop)]);
    expect(initials(S)).toEqual([e('a')]);
  });
});

describe('synchronising interrupt', () => {
  it('synchronises events of A; the others of Q interrupt P', () => {
    const { f, e, ev } = kit();
    const [a, s, q] = [e('a'), e('s'), e('q')];
    const P = f.prefix(a, f.prefix(s, f.stop));
    const Q = f.prefix(s, f.prefix(q, f.stop));
    const I = f.syncInterrupt(P, f.eventSet([s]), Q);
    expect(traces(f, ev, I, 3)).toEqual(new Set(['', 'a', 'a,s', 'a,s,q']));
    expect(printTerm(I, ev)).toBe('(a -> s -> STOP) /+ {s} +\\ (s -> q -> STOP)');
  });
});

describe('prioritise', () => {
  it('offers an event only when no higher-priority event, τ or ✓ is possible', () => {
    const { f, e } = kit();
    const [a, b, c] = [e('a'), e('b'), e('c')];
    const P = f.extChoice([f.prefix(a, f.stop), f.prefix(b, f.stop), f.prefix(c, f.stop)]);
    expect(initials(f.prioritise(P, [f.eventSet([a]), f.eventSet([b])]))).toEqual([a, c]);
    expect(initials(f.prioritise(P, [f.emptySet, f.eventSet([b])]))).toEqual([a, b, c]);
    // τ ranks with the first set: tock waits for the τ (maximal progress)
    const T = f.extChoice([f.intChoice([f.prefix(a, f.stop)]), f.prefix(b, f.stop)]);
    expect(initials(f.prioritise(T, [f.emptySet, f.eventSet([b])]))).toEqual([TAU]);
  });

  it('prioritisepo follows the order, with τ above the non-maximal events', () => {
    const { f, e } = kit();
    const [a, b, c] = [e('a'), e('b'), e('c')];
    const P = f.extChoice([f.prefix(a, f.stop), f.prefix(b, f.stop), f.prefix(c, f.stop)]);
    const po = f.prioritisePo(P, [[a, b]], f.eventSet([b]));
    expect(initials(po)).toEqual([a, c]);
    const withTau = f.prioritisePo(
      f.extChoice([f.intChoice([f.stop]), f.prefix(b, f.stop), f.prefix(c, f.stop)]),
      [],
      f.eventSet([b]),
    );
    expect(initials(withTau)).toEqual([TAU, c]);
  });
});
