/**
 * Property tests over random terms: `after` and `initials` agree with
 * `transitions`, transitions are sorted and duplicate-free, and hash-consing
 * gives one term per structure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EvaluationError } from './errors';
import type { TermFactory } from './factory';
import { kit, TooManyStates, traces } from './test-helpers';
import type { EventId, Term } from './terms';

type Recipe =
  | { k: 'stop' | 'skip' | 'div' | 'self' }
  | { k: 'run' | 'chaos'; set: number[] }
  | { k: 'prefix'; e: number; next: Recipe }
  | { k: 'ext' | 'int' | 'interleave'; items: Recipe[] }
  | { k: 'seq' | 'interrupt' | 'sliding'; a: Recipe; b: Recipe }
  | { k: 'genPar'; set: number[]; items: Recipe[] }
  | { k: 'alphaPar'; sets: number[][]; items: Recipe[] }
  | { k: 'hide'; set: number[]; body: Recipe }
  | { k: 'rename'; pairs: [number, number][]; body: Recipe }
  | { k: 'loop'; body: Recipe };

const E = 4; // events e0..e3
const ev = fc.integer({ min: 0, max: E - 1 });
const evSet = fc.uniqueArray(ev, { maxLength: E });

const recipe: fc.Arbitrary<Recipe> = fc.letrec<{ r: Recipe }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Recipe>({ k: 'stop' }, { k: 'skip' }, { k: 'div' }, { k: 'self' }),
    fc.record({ k: fc.constantFrom('run' as const, 'chaos' as const), set: evSet }),
    fc.record({ k: fc.constant('prefix' as const), e: ev, next: tie('r') }),
    fc.record({
      k: fc.constantFrom('ext' as const, 'int' as const, 'interleave' as const),
      items: fc.array(tie('r'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      k: fc.constantFrom('seq' as const, 'interrupt' as const, 'sliding' as const),
      a: tie('r'),
      b: tie('r'),
    }),
    fc.record({
      k: fc.constant('genPar' as const),
      set: evSet,
      items: fc.array(tie('r'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({
      k: fc.constant('alphaPar' as const),
      sets: fc.tuple(evSet, evSet).map((x) => [...x]),
      items: fc.tuple(tie('r'), tie('r')).map((x) => [...x]),
    }),
    fc.record({ k: fc.constant('hide' as const), set: evSet, body: tie('r') }),
    fc.record({
      k: fc.constant('rename' as const),
      pairs: fc.array(fc.tuple(ev, ev), { maxLength: 3 }),
      body: tie('r'),
    }),
    fc.record({ k: fc.constant('loop' as const), body: tie('r') }),
  ),
})).r;

/**
 * The term of recipe `r`. A loop is named by where it stands in the recipe (`at`, the path of child
 * indices from the root), so building a recipe twice gives the same names whatever order the factory
 * unfolds calls in: a count of loops in building order differed when the first build's constructors
 * unfolded a call that the second found already made.
 */
function build(f: TermFactory, ids: EventId[], r: Recipe, self?: Term, at = 'L'): Term {
  const set = (xs: number[]): readonly EventId[] => f.eventSet(xs.map((x) => ids[x] as EventId));
  const go = (x: Recipe, i = 0): Term => build(f, ids, x, self, `${at}_${i}`);
  switch (r.k) {
    case 'stop':
      return f.stop;
    case 'skip':
      return f.skip;
    case 'div':
      return f.div;
    case 'self':
      return self ?? f.stop;
    case 'run':
      return f.run(set(r.set));
    case 'chaos':
      return f.chaos(set(r.set));
    case 'prefix':
      return f.prefix(ids[r.e] as EventId, go(r.next));
    case 'ext':
      return f.extChoice(r.items.map(go));
    case 'int':
      return f.intChoice(r.items.map(go));
    case 'interleave':
      return f.interleave(r.items.map(go));
    case 'seq':
      return f.seq(go(r.a, 0), go(r.b, 1));
    case 'interrupt':
      return f.interrupt(go(r.a, 0), go(r.b, 1));
    case 'sliding':
      return f.sliding(go(r.a, 0), go(r.b, 1));
    case 'genPar':
      return f.genPar(set(r.set), r.items.map(go));
    case 'alphaPar':
      return f.alphaPar(r.items.map(go), r.sets.map(set));
    case 'hide':
      return f.hide(go(r.body), set(r.set));
    case 'rename':
      return f.rename(
        go(r.body),
        r.pairs.map(([a, b]) => [ids[a] as EventId, ids[b] as EventId] as const),
      );
    case 'loop': {
      const call: Term = f.call(at, [], () => build(f, ids, r.body, call, `${at}_0`));
      return call;
    }
  }
}

function setup(r: Recipe): { f: TermFactory; t: Term } {
  const { f, e } = kit();
  const ids = Array.from({ length: E }, (_, i) => e(`e${i}`));
  return { f, t: build(f, ids, r) };
}

/** Up to `limit` states reachable from t; stops at evaluation errors (unguarded recursion). */
function explore(f: TermFactory, t: Term, limit: number): Term[] {
  const out: Term[] = [];
  const seen = new Set<number>();
  const queue = [t];
  while (queue.length > 0 && out.length < limit) {
    const s = queue.shift() as Term;
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push(s);
    try {
      for (const tr of f.semantics.transitions(s)) queue.push(tr.target);
    } catch (err) {
      if (!(err instanceof EvaluationError)) throw err;
    }
  }
  return out;
}

describe('semantics properties', () => {
  it('after and initials agree with transitions, which are sorted and unique', () => {
    fc.assert(
      fc.property(recipe, (r) => {
        let f: TermFactory;
        let start: Term;
        try {
          const built = setup(r);
          f = built.f;
          start = f.canon(built.t);
        } catch (err) {
          // unguarded recursion (`X = X ; P`) is reported, never a crash
          return err instanceof EvaluationError;
        }
        for (const s of explore(f, start, 60)) {
          let trs;
          try {
            trs = f.semantics.transitions(s);
          } catch (err) {
            expect(err).toBeInstanceOf(EvaluationError);
            continue;
          }
          for (let i = 1; i < trs.length; i++) {
            const a = trs[i - 1];
            const b = trs[i];
            expect(a && b && (a.event < b.event || (a.event === b.event && a.target.id < b.target.id))).toBe(true);
          }
          const init = f.semantics.initials(s);
          expect(init).toEqual([...new Set(trs.map((x) => x.event))]);
          for (let e = 0; e < E + 2; e++) {
            expect(f.semantics.after(s, e)).toEqual(trs.filter((x) => x.event === e).map((x) => x.target));
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('hash-consing: building the same structure twice gives the same term', () => {
    fc.assert(
      fc.property(recipe, (r) => {
        const { f, e } = kit();
        const ids = Array.from({ length: E }, (_, i) => e(`e${i}`));
        let a: Term;
        try {
          a = build(f, ids, r);
        } catch (err) {
          expect(err).toBeInstanceOf(EvaluationError);
          expect(() => build(f, ids, r)).toThrow(EvaluationError);
          return;
        }
        expect(build(f, ids, r)).toBe(a);
      }),
      { numRuns: 300 },
    );
  });
});

describe('algebraic laws (traces up to length 4)', () => {
  const law = (
    name: string,
    lhs: (f: TermFactory, p: Term, q: Term, ids: EventId[]) => Term,
    rhs: (f: TermFactory, p: Term, q: Term, ids: EventId[]) => Term,
  ) =>
    it(name, () => {
      fc.assert(
        fc.property(recipe, recipe, (rp, rq) => {
          const k = kit();
          const ids = Array.from({ length: E }, (_, i) => k.e(`e${i}`));
          let l: Term;
          let r: Term;
          try {
            const p = build(k.f, ids, rp);
            const q = build(k.f, ids, rq, undefined, 'M');
            l = lhs(k.f, p, q, ids);
            r = rhs(k.f, p, q, ids);
            // A small budget: random recursion can reach infinitely many states through τ
            // (`X = SKIP [|A|] (SKIP ; X)`); such cases are skipped, not explored.
            expect(traces(k.f, k.ev, l, 4, 500)).toEqual(traces(k.f, k.ev, r, 4, 500));
          } catch (err) {
            // unguarded recursion, or infinitely many states reachable by τ (`X = |~| [X ||| STOP]`)
            if (!(err instanceof EvaluationError) && !(err instanceof TooManyStates)) throw err;
          }
        }),
        { numRuns: 150 },
      );
    });

  law(
    'P [] STOP = P',
    (f, p) => f.extChoice([p, f.stop]),
    (_f, p) => p,
  );
  law(
    'P ||| Q = Q ||| P',
    (f, p, q) => f.interleave([p, q]),
    (f, p, q) => f.interleave([q, p]),
  );
  law(
    'SKIP ; P = P',
    (f, p) => f.seq(f.skip, p),
    (_f, p) => p,
  );
  law(
    'P [| {} |] Q = P ||| Q',
    (f, p, q) => f.genPar([], [p, q]),
    (f, p, q) => f.interleave([p, q]),
  );
  law(
    'P |~| Q has the traces of P [] Q',
    (f, p, q) => f.intChoice([p, q]),
    (f, p, q) => f.extChoice([p, q]),
  );
  law(
    '(P \\ A) \\ B = P \\ (A ∪ B)',
    (f, p, _q, ids) => f.hide(f.hide(p, f.eventSet([ids[0] as EventId])), f.eventSet([ids[1] as EventId])),
    (f, p, _q, ids) => f.hide(p, f.eventSet([ids[0] as EventId, ids[1] as EventId])),
  );
});
