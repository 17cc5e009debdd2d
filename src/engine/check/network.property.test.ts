/**
 * The compiled network is a cache of the one semantics: for random processes
 * mixing every operator (termination, hiding, renaming, the three parallels),
 * the states the checker explores are exactly the term-level states (the same
 * hash-consed terms), and the transitions agree event for event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builder, shapeArb, type Shape } from './arbitrary';
import type { Term } from '../csp/terms';
import { semanticsDiff } from './same-as-semantics';

function build(s: Shape) {
  const b = builder();
  return { ...b, term: b.build(s) };
}

/** The checker's states are exactly the term-level states of `term`, with the same transitions. */
function sameAsSemantics({ term, ...kit }: ReturnType<typeof build>): void {
  expect(semanticsDiff(kit, term)).toBeUndefined();
}

describe('network = term-level semantics', () => {
  it('same states (term ids) and the same transitions, for random processes', () => {
    fc.assert(
      fc.property(shapeArb(true), (s) => sameAsSemantics(build(s))),
      { numRuns: 300 },
    );
  });

  it('prioritise(P, <A1, …>) at the top: P compiled as a network, its transitions filtered by priority', () => {
    const levels = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }), { maxLength: 3 });
    fc.assert(
      fc.property(shapeArb(true), levels, (s, ls) => {
        const b = build(s);
        const ids = ls.map((l) => b.f.eventSet(l.map((i) => b.events[i] as number)));
        sameAsSemantics({ ...b, term: b.f.prioritise(b.term, ids) });
      }),
      { numRuns: 200 },
    );
  });

  it('P [| A |> Q and P /\\ Q: P compiled as a network gated by a mode, inside a parallel, hiding or alone', () => {
    const set = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });
    const context = fc.constantFrom('alone', 'interleaved', 'synchronised', 'hidden', 'nested');
    const op = fc.constantFrom('exception', 'interrupt');
    fc.assert(
      fc.property(shapeArb(true), shapeArb(true), shapeArb(true), set, context, op, (p, q, r, a, where, which) => {
        const b = builder();
        const { f } = b;
        const A = f.eventSet(a.map((i) => b.events[i] as number));
        const exc =
          which === 'exception' ? f.exception(b.build(p), A, b.build(q)) : f.interrupt(b.build(p), b.build(q));
        const other = b.build(r);
        const term =
          where === 'alone'
            ? exc
            : where === 'interleaved'
              ? f.interleave([exc, other])
              : where === 'synchronised'
                ? f.genPar(A, [other, exc])
                : where === 'hidden'
                  ? f.hide(exc, A)
                  : f.exception(f.interleave([exc, other]), f.eventSet([b.events[2] as number]), exc);
        sameAsSemantics({ ...b, term });
      }),
      { numRuns: 400 },
    );
  });

  it('P [> Q: P compiled as a network gated by a four-state mode, inside a parallel, hiding, an exception or alone', () => {
    const set = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });
    const context = fc.constantFrom('alone', 'interleaved', 'synchronised', 'hidden', 'nested', 'thrown');
    fc.assert(
      fc.property(
        shapeArb(true),
        shapeArb(true),
        shapeArb(true),
        shapeArb(true),
        set,
        context,
        (p1, p2, q, r, a, where) => {
          const b = builder();
          const { f } = b;
          const A = f.eventSet(a.map((i) => b.events[i] as number));
          // P is a parallel (a sequential P keeps the whole timeout one leaf)
          const timeout = f.sliding(f.genPar(A, [b.build(p1), b.build(p2)]), b.build(q));
          const other = b.build(r);
          const term =
            where === 'alone'
              ? timeout
              : where === 'interleaved'
                ? f.interleave([timeout, other])
                : where === 'synchronised'
                  ? f.genPar(A, [other, timeout])
                  : where === 'hidden'
                    ? f.hide(timeout, A)
                    : where === 'nested'
                      ? f.sliding(f.interleave([timeout, other]), timeout)
                      : f.exception(f.hide(timeout, A), f.eventSet([b.events[2] as number]), other);
          sameAsSemantics({ ...b, term });
        },
      ),
      { numRuns: 250 },
    );
  });

  it('prioritise(P, <A1, …>) below the top: P a network, its rules filtered by the levels of what P offers', () => {
    const set = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });
    const levels = fc.array(set, { maxLength: 3 });
    const context = fc.constantFrom('interleaved', 'synchronised', 'hidden', 'nested', 'timeout', 'renamed');
    fc.assert(
      fc.property(
        shapeArb(true),
        shapeArb(true),
        shapeArb(true),
        levels,
        levels,
        set,
        context,
        (p, q, r, l1, l2, a, where) => {
          const b = builder();
          const { f } = b;
          const sets = (ls: number[][]) => ls.map((l) => f.eventSet(l.map((i) => b.events[i] as number)));
          const A = f.eventSet(a.map((i) => b.events[i] as number));
          const inner = f.prioritise(f.genPar(A, [b.build(p), b.build(q)]), sets(l1));
          const other = b.build(r);
          const term =
            where === 'interleaved'
              ? f.interleave([inner, other])
              : where === 'synchronised'
                ? f.genPar(A, [other, inner])
                : where === 'hidden'
                  ? f.interleave([f.hide(inner, A), other])
                  : where === 'nested'
                    ? f.interleave([f.prioritise(f.hide(f.interleave([inner, other]), A), sets(l2)), other])
                    : where === 'timeout'
                      ? f.sliding(f.interleave([inner, other]), other)
                      : f.rename(f.interleave([inner, inner]), [[b.events[0] as number, b.events[1] as number]]);
          sameAsSemantics({ ...b, term });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('prioritisepo(P, …) anywhere: P a network, a rule dropped while one with an event above its own is enabled', () => {
    const set = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });
    const pairs = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), {
      maxLength: 3,
    });
    const context = fc.constantFrom('alone', 'interleaved', 'synchronised', 'hidden', 'nested');
    fc.assert(
      fc.property(
        shapeArb(true),
        shapeArb(true),
        shapeArb(true),
        pairs,
        set,
        set,
        context,
        (p, q, r, o, bt, a, where) => {
          const b = builder();
          const { f } = b;
          const ev = (i: number) => b.events[i] as number;
          // a strict order: no event above itself
          const order = o.filter(([x, y]) => x !== y).map(([x, y]) => [ev(x), ev(y)] as const);
          const A = f.eventSet(a.map(ev));
          const po = f.prioritisePo(f.genPar(A, [b.build(p), b.build(q)]), order, f.eventSet(bt.map(ev)));
          const other = b.build(r);
          const term =
            where === 'alone'
              ? po
              : where === 'interleaved'
                ? f.interleave([po, other])
                : where === 'synchronised'
                  ? f.genPar(A, [other, po])
                  : where === 'hidden'
                    ? f.interleave([f.hide(po, A), other])
                    : f.prioritise(f.interleave([po, other]), [A]);
          sameAsSemantics({ ...b, term });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a handler that comes back to its exception or interrupt (M = P [| A |> M, I = P /\\ b -> I) is still the semantics (one leaf)', () => {
    const b = builder();
    const { f } = b;
    const [a, bb, c] = b.events as [number, number, number];
    const A = f.eventSet([c]);
    const m: Term = f.call('M', [], () =>
      f.exception(f.interleave([f.prefix(a, f.prefix(c, f.stop)), f.prefix(bb, f.skip)]), A, m),
    );
    sameAsSemantics({ ...b, term: m });
    const i: Term = f.call('I', [], () => f.interrupt(f.prefix(a, f.stop), f.prefix(bb, i)));
    sameAsSemantics({ ...b, term: i });
  });
});
