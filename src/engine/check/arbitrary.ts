/**
 * fast-check generators of small random processes over three events, mixing
 * every operator the checker compiles (termination, hiding, renaming, the
 * three parallels, choices, `;`, `[>`), and their construction through a
 * factory. Test-only: imported from *.test.ts, so it may use fast-check.
 */
import fc from 'fast-check';
import type { EventId, Term } from '../csp/terms';
import { kit, type Kit } from '../csp/test-helpers';

export type Shape =
  | { op: 'stop' | 'skip' | 'loopA' | 'div' }
  | { op: 'prefix'; e: number; next: Shape }
  | { op: 'ext' | 'int' | 'seq' | 'interleave' | 'sliding'; l: Shape; r: Shape }
  | { op: 'genPar'; sync: number[]; l: Shape; r: Shape }
  | { op: 'alphaPar'; al: number[]; ar: number[]; l: Shape; r: Shape }
  | { op: 'hide'; set: number[]; body: Shape }
  | { op: 'rename'; from: number; to: number; body: Shape };

const ev = fc.integer({ min: 0, max: 2 });
const evSet = fc.uniqueArray(ev, { maxLength: 3 });

/** Random process shapes; `withDiv` adds DIV as a leaf. */
export function shapeArb(withDiv = false): fc.Arbitrary<Shape> {
  const leaves: Shape[] = [
    { op: 'stop' },
    { op: 'skip' },
    { op: 'loopA' },
    ...(withDiv ? [{ op: 'div' } as Shape] : []),
  ];
  return fc.letrec<{ s: Shape }>((tie) => ({
    s: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom<Shape>(...leaves),
      fc.record({ op: fc.constant('prefix' as const), e: ev, next: tie('s') }),
      fc.record({
        op: fc.constantFrom('ext' as const, 'int' as const, 'seq' as const, 'interleave' as const, 'sliding' as const),
        l: tie('s'),
        r: tie('s'),
      }),
      fc.record({ op: fc.constant('genPar' as const), sync: evSet, l: tie('s'), r: tie('s') }),
      fc.record({ op: fc.constant('alphaPar' as const), al: evSet, ar: evSet, l: tie('s'), r: tie('s') }),
      fc.record({ op: fc.constant('hide' as const), set: evSet, body: tie('s') }),
      fc.record({ op: fc.constant('rename' as const), from: ev, to: ev, body: tie('s') }),
    ),
  })).s;
}

export interface Built extends Kit {
  /** The events a, b, c. */
  readonly events: readonly EventId[];
  readonly build: (s: Shape) => Term;
}

/** A fresh factory with events a, b, c and a builder of shapes into it. */
export function builder(): Built {
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
      case 'div':
        return f.div;
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
      case 'sliding':
        return f.sliding(go(x.l), go(x.r));
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
  return { ...k, events, build: go };
}
