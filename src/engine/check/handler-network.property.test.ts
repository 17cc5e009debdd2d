/**
 * The right side of `[| A |>`, `/\` and `[>` compiled as a network (its own
 * parallels, hiding and renaming split into components), not one leaf: the
 * checker's states and transitions are still exactly the term semantics',
 * for random P and Q, Q written inline or as a call (the semantics keeps
 * `P' /\ Q` with the call until Q moves), alone or inside another operator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printTerm } from '../csp/print';
import { reachable } from '../csp/test-helpers';
import type { Term } from '../csp/terms';
import { builder, shapeArb } from './arbitrary';
import { Budget } from './budget';
import { exploreAll } from './property';
import { leafCount, semanticsDiff } from './same-as-semantics';
import { System } from './system';

const set = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });

describe('Q of an exception, interrupt or timeout as a network = term-level semantics', () => {
  it('same states (term ids) and transitions for random P and a Q made of parallels, hiding and renaming', () => {
    const op = fc.constantFrom('exception', 'interrupt', 'timeout');
    const qForm = fc.constantFrom('interleaved', 'synchronised', 'hidden', 'renamed', 'interrupted');
    // a sequential head before Q's network (crash -> RECOVERY), or around it (a choice, a τ, ✓ first)
    const head = fc.constantFrom('none', 'prefixed', 'chosen', 'internal', 'terminating');
    const where = fc.constantFrom('alone', 'interleaved', 'hidden', 'thrown');
    fc.assert(
      fc.property(
        fc.tuple(shapeArb(true), shapeArb(true), shapeArb(true), shapeArb(true), shapeArb(true)),
        fc.tuple(set, op, qForm, where, fc.boolean(), fc.boolean(), head),
        ([p1, p2, q1, q2, r], [a, which, form, context, pParallel, qCall, before]) => {
          const b = builder();
          const { f } = b;
          const ev = (i: number) => b.events[i] as number;
          const A = f.eventSet(a.map(ev));
          const [x, y] = [b.build(q1), b.build(q2)];
          const inner =
            form === 'interleaved'
              ? f.interleave([x, y])
              : form === 'synchronised'
                ? f.genPar(A, [x, y])
                : form === 'hidden'
                  ? f.hide(f.interleave([x, f.genPar(A, [y, x])]), A)
                  : form === 'renamed'
                    ? f.rename(f.genPar(A, [x, y]), [[ev(0), ev(1)]])
                    : f.interrupt(f.interleave([x, y]), f.prefix(ev(2), f.skip));
          const net =
            before === 'none'
              ? inner
              : before === 'prefixed'
                ? f.prefix(ev(2), inner)
                : before === 'chosen'
                  ? f.extChoice([f.prefix(ev(0), inner), f.prefix(ev(1), f.prefix(ev(2), inner)), f.skip])
                  : before === 'internal'
                    ? f.intChoice([f.prefix(ev(2), f.stop), f.prefix(ev(1), inner)])
                    : f.seq(f.prefix(ev(0), f.skip), inner);
          // written as a call, Q's canonical form is its body: the interrupt's "Q has moved" mode
          const Q: Term = qCall ? f.call('Q', [], () => net) : net;
          const P = pParallel ? f.genPar(A, [b.build(p1), b.build(p2)]) : b.build(p1);
          const node =
            which === 'exception' ? f.exception(P, A, Q) : which === 'interrupt' ? f.interrupt(P, Q) : f.sliding(P, Q);
          const other = b.build(r);
          const term =
            context === 'alone'
              ? node
              : context === 'interleaved'
                ? f.interleave([node, other])
                : context === 'hidden'
                  ? f.hide(node, A)
                  : f.exception(f.interleave([node, other]), f.eventSet([ev(2)]), node);
          expect(semanticsDiff(b, term)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('SYSTEM /\\ RECOVERY, SYSTEM [| {c} |> RECOVERY, SYSTEM [> RECOVERY, and with c -> RECOVERY: RECOVERY is split into its parallel components', () => {
    const b = builder();
    const { f } = b;
    const [a, bb, c] = b.events as [number, number, number];
    const loop = (e: number): Term => {
      const t: Term = f.call(`L${e}`, [], () => f.prefix(e, t));
      return t;
    };
    const system = f.interleave([f.prefix(a, f.prefix(c, f.stop)), loop(bb)]);
    const recovery = f.call('RECOVERY', [], () => f.interleave([loop(a), f.prefix(bb, f.skip), f.prefix(c, f.skip)]));
    for (const term of [
      f.interrupt(system, recovery),
      f.exception(system, f.eventSet([c]), recovery),
      f.sliding(system, recovery),
    ]) {
      // SYSTEM's two components and RECOVERY's three
      expect(leafCount(b, term)).toBe(5);
      expect(semanticsDiff(b, term)).toBeUndefined();
    }
    // crash -> RECOVERY: a head leaf (crash, then RECOVERY) gating RECOVERY's three components
    const crash = f.prefix(c, recovery);
    for (const term of [
      f.interrupt(system, crash),
      f.exception(system, f.eventSet([c]), crash),
      f.sliding(system, crash),
    ]) {
      expect(leafCount(b, term)).toBe(6);
      expect(semanticsDiff(b, term)).toBeUndefined();
    }
  });

  it('a Q whose states P also reaches (P [> Q with P = a -> STOP ||| b -> STOP, Q = STOP ||| b -> STOP): one state per term', () => {
    const b = builder();
    const { f } = b;
    const [a, bb, c] = b.events as [number, number, number];
    const p = f.interleave([f.prefix(a, f.stop), f.prefix(bb, f.stop)]);
    const q = f.interleave([f.stop, f.prefix(bb, f.stop)]);
    // after a, P is Q's initial term; after c, Q is P's: Q falls back to one leaf (and then to a one-leaf timeout)
    for (const term of [
      f.sliding(p, q),
      f.sliding(p, f.prefix(c, q)),
      f.interrupt(p, f.prefix(c, p)),
      f.sliding(q, f.interleave([p, f.stop])),
    ])
      expect(semanticsDiff(b, term)).toBeUndefined();
  });

  it("a handler over the leaf limit compiles as a network, and its states are the semantics'", () => {
    const b = builder();
    const { f } = b;
    const [a, bb, c] = b.events as [number, number, number];
    // COUNT(n): n steps of `a`, then STOP: 12 states; four interleaved: 12^4 = 20,736 states, one leaf of them over a limit of 100
    const count = (n: number): Term => (n === 0 ? f.stop : f.prefix(a, count(n - 1)));
    const recovery = f.interleave([count(11), count(11), count(11), f.prefix(c, count(11))]);
    const term = f.interrupt(f.interleave([f.prefix(bb, f.stop), f.prefix(c, f.stop)]), recovery);
    const limits = { maxLeafStates: 100, maxRules: 100_000 };
    const sys = System.compile(term, f, (t) => printTerm(t, b.ev), limits);
    exploreAll(sys, new Budget({ maxStates: 200_000 }));
    expect(sys.states).toBe(reachable(f, term).length);
    // the same handler as one leaf is refused
    expect(() => System.compile(f.prefix(a, recovery), f, (t) => printTerm(t, b.ev), limits)).toThrow(
      /more than 100 states/,
    );
  });
});
