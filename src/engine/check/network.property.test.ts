/**
 * The compiled network is a cache of the one semantics: for random processes
 * mixing every operator (termination, hiding, renaming, the three parallels),
 * the states the checker explores are exactly the term-level states (the same
 * hash-consed terms), and the transitions agree event for event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printTerm } from '../csp/print';
import type { EventId, Term } from '../csp/terms';
import { kit, reachable } from '../csp/test-helpers';
import { Budget } from './budget';
import { exploreAll } from './property';
import { SuccBuffer, System } from './system';

type Shape =
  | { op: 'stop' | 'skip' | 'loopA' }
  | { op: 'prefix'; e: number; next: Shape }
  | { op: 'ext' | 'int' | 'seq' | 'interleave'; l: Shape; r: Shape }
  | { op: 'genPar'; sync: number[]; l: Shape; r: Shape }
  | { op: 'alphaPar'; al: number[]; ar: number[]; l: Shape; r: Shape }
  | { op: 'hide'; set: number[]; body: Shape }
  | { op: 'rename'; from: number; to: number; body: Shape };

const ev = fc.integer({ min: 0, max: 2 });
const evSet = fc.uniqueArray(ev, { maxLength: 3 });

const shape: fc.Arbitrary<Shape> = fc.letrec<{ s: Shape }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Shape>({ op: 'stop' }, { op: 'skip' }, { op: 'loopA' }),
    fc.record({ op: fc.constant('prefix' as const), e: ev, next: tie('s') }),
    fc.record({ op: fc.constantFrom('ext' as const, 'int' as const, 'seq' as const, 'interleave' as const), l: tie('s'), r: tie('s') }),
    fc.record({ op: fc.constant('genPar' as const), sync: evSet, l: tie('s'), r: tie('s') }),
    fc.record({ op: fc.constant('alphaPar' as const), al: evSet, ar: evSet, l: tie('s'), r: tie('s') }),
    fc.record({ op: fc.constant('hide' as const), set: evSet, body: tie('s') }),
    fc.record({ op: fc.constant('rename' as const), from: ev, to: ev, body: tie('s') }),
  ),
})).s;

function build(s: Shape) {
  const k = kit();
  const { f, e } = k;
  const events: EventId[] = ['a', 'b', 'c'].map((n) => e(n));
  const id = (i: number): EventId => events[i] as EventId;
  const set = (xs: number[]) => f.eventSet(xs.map(id));
  const loop: Term = f.call('LOOP', [], () => f.prefix(id(0), loop));
  const go = (x: Shape): Term => {
    switch (x.op) {
      case 'stop':
        return f.stop;
      case 'skip':
        return f.skip;
      case 'loopA':
        return loop;
      case 'prefix':
        return f.prefix(id(x.e), go(x.next));
      case 'ext':
        return f.extChoice([go(x.l), go(x.r)]);
      case 'int':
        return f.intChoice([go(x.l), go(x.r)]);
      case 'seq':
        return f.seq(go(x.l), go(x.r));
      case 'interleave':
        return f.interleave([go(x.l), go(x.r)]);
      case 'genPar':
        return f.genPar(set(x.sync), [go(x.l), go(x.r)]);
      case 'alphaPar':
        return f.alphaPar([go(x.l), go(x.r)], [set(x.al), set(x.ar)]);
      case 'hide':
        return f.hide(go(x.body), set(x.set));
      case 'rename':
        return f.rename(go(x.body), [[id(x.from), id(x.to)]]);
    }
  };
  return { ...k, term: go(s) };
}

describe('network = term-level semantics', () => {
  it('same states (term ids) and the same transitions, for random processes', () => {
    fc.assert(
      fc.property(shape, (s) => {
        const { f, ev: table, term } = build(s);
        const sys = System.compile(term, f, (t) => printTerm(t, table));
        exploreAll(sys, new Budget({ maxStates: 100_000 }));
        const ids: number[] = [];
        for (let i = 0; i < sys.states; i++) ids.push(sys.termOf(i).id);
        const theirs = reachable(f, term).map((t) => t.id);
        expect(new Set(ids).size).toBe(sys.states);
        expect([...ids].sort((a, b) => a - b)).toEqual([...theirs].sort((a, b) => a - b));
        // transitions: same multiset of (event, target term) per state, up to duplicates
        const buf = new SuccBuffer();
        for (let i = 0; i < sys.states; i++) {
          const n = sys.successors(i, buf);
          const ours = new Set<string>();
          for (let k = 0; k < n; k++) ours.add(`${buf.events[k]}>${sys.termOf(buf.targets[k] as number).id}`);
          const semantic = new Set(f.semantics.transitions(sys.termOf(i)).map((t) => `${t.event}>${t.target.id}`));
          expect([...ours].sort()).toEqual([...semantic].sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});
