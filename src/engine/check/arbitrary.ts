/**
 * fast-check generators of small random processes over three events, mixing
 * every operator the checker compiles (termination, hiding, renaming, the
 * three parallels, choices, `;`, `[>`), and their construction through a
 * factory. Test-only: imported from *.test.ts, so it may use fast-check.
 */
import fc from 'fast-check';
import type { Compression } from '../csp/compression';
import type { EventId, Term } from '../csp/terms';
import { kit, type Kit } from '../csp/test-helpers';

export type Shape =
  | { op: 'stop' | 'skip' | 'loopA' | 'div' }
  | { op: 'prefix'; e: number; next: Shape }
  | { op: 'ext' | 'int' | 'seq' | 'interleave' | 'sliding'; l: Shape; r: Shape }
  | { op: 'genPar'; sync: number[]; l: Shape; r: Shape }
  | { op: 'alphaPar'; al: number[]; ar: number[]; l: Shape; r: Shape }
  | { op: 'hide'; set: number[]; body: Shape }
  | { op: 'rename'; from: number; to: number; body: Shape }
  | { op: 'compress'; method: Compression; body: Shape };

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

/** The compressions that preserve every model. */
export const PRESERVING: readonly Compression[] = [
  'sbisim',
  'tau_loop_factor',
  'wbisim',
  'dbisim',
  'diamond',
  'normal',
  'lazynorm',
  'model_compress',
  'explicate',
  'lazyenumerate',
];

/** Random shapes with compressions of `methods` applied to random subprocesses (and, nested, to compressed ones). */
export function compressedShapeArb(methods: readonly Compression[]): fc.Arbitrary<Shape> {
  const wrap = (s: Shape): fc.Arbitrary<Shape> =>
    fc.oneof(
      fc.constant(s),
      fc.constantFrom(...methods).map((method): Shape => ({ op: 'compress', method, body: s })),
    );
  const go = (s: Shape): fc.Arbitrary<Shape> => {
    switch (s.op) {
      case 'stop':
      case 'skip':
      case 'loopA':
      case 'div':
        return wrap(s);
      case 'prefix':
        return go(s.next).chain((next) => wrap({ ...s, next }));
      case 'hide':
      case 'rename':
      case 'compress':
        return go(s.body).chain((body) => wrap({ ...s, body }));
      default:
        return fc.tuple(go(s.l), go(s.r)).chain(([l, r]) => wrap({ ...s, l, r }));
    }
  };
  return shapeArb(true).chain(go);
}

/** The same shape without its compressions. */
export function uncompressed(s: Shape): Shape {
  switch (s.op) {
    case 'stop':
    case 'skip':
    case 'loopA':
    case 'div':
      return s;
    case 'prefix':
      return { ...s, next: uncompressed(s.next) };
    case 'hide':
    case 'rename':
      return { ...s, body: uncompressed(s.body) };
    case 'compress':
      return uncompressed(s.body);
    default:
      return { ...s, l: uncompressed(s.l), r: uncompressed(s.r) };
  }
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
      case 'compress':
        return f.compress(x.method, go(x.body));
    }
  };
  return { ...k, events, build: go };
}

/**
 * "Menus": internal choices between external choices of prefixed
 * continuations (themselves menus, at most `depth` deep, or a random shape),
 * the processes that tell the revivals and refusal-testing models apart
 * from failures (which stable offers exist side by side, and which event
 * each offer leads to).
 */
export function menuArb(depth = 2): fc.Arbitrary<Shape> {
  const joinWith = (op: 'ext' | 'int', items: Shape[]): Shape =>
    items.slice(1).reduce<Shape>((l, r) => ({ op, l, r }), items[0] as Shape);
  const next: fc.Arbitrary<Shape> =
    depth <= 1
      ? fc.oneof(fc.constantFrom<Shape>({ op: 'stop' }, { op: 'skip' }, { op: 'div' }), shapeArb(true))
      : fc.oneof(fc.constantFrom<Shape>({ op: 'stop' }, { op: 'skip' }), menuArb(depth - 1), shapeArb(true));
  const offer = fc
    .array(fc.record({ op: fc.constant('prefix' as const), e: ev, next }), { minLength: 1, maxLength: 3 })
    .map((ps) => joinWith('ext', ps));
  return fc.array(offer, { minLength: 1, maxLength: 3 }).map((os) => joinWith('int', os));
}

type Prefix = { op: 'prefix'; e: number; next: Shape };

/**
 * A specification menu and an implementation made of its own offers, some
 * widened by prefixes borrowed from other offers: its traces and failures
 * stay the specification's (so [T= and [F= tend to pass), but an offer
 * widened by an event that no narrower offer of the specification has is a
 * revival the specification lacks, and a borrowed prefix that leads somewhere
 * else after a refusal is a refusal trace it lacks.
 */
export function menuPairArb(): fc.Arbitrary<[Shape, Shape]> {
  const next = fc.oneof(fc.constantFrom<Shape>({ op: 'stop' }, { op: 'skip' }), menuArb(1));
  const prefix: fc.Arbitrary<Prefix> = fc.record({ op: fc.constant('prefix' as const), e: ev, next });
  const offers = fc.array(fc.array(prefix, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });
  const join = (op: 'ext' | 'int', items: Shape[]): Shape =>
    items.slice(1).reduce<Shape>((l, r) => ({ op, l, r }), items[0] as Shape);
  return offers.chain((spec) => {
    const all = spec.flat();
    const branch = fc.record({
      base: fc.nat(spec.length - 1),
      borrowed: fc.uniqueArray(fc.nat(all.length - 1), { maxLength: 2 }),
    });
    return fc.array(branch, { minLength: 1, maxLength: 3 }).map((bs): [Shape, Shape] => {
      const impl = bs.map((b) =>
        join('ext', [...(spec[b.base] as Prefix[]), ...b.borrowed.map((i) => all[i] as Prefix)]),
      );
      return [
        join(
          'int',
          spec.map((o) => join('ext', o)),
        ),
        join('int', impl),
      ];
    });
  });
}
