/**
 * The parallel search (src/engine/check/parallel) with real helper threads:
 * every report (verdict, states, transitions, counterexample) is the one the
 * one-thread search gives, with 1 or 2 helpers (K = 2, 3 threads), passing
 * and failing, with divergence, and with the hash tables growing in the
 * middle of layers, on fixed scripts and on random processes (deadlock,
 * divergence, determinism, refinement in T, F, FD, V, VD; refusal testing
 * in parallel-refusal.test.ts); a
 * memory budget that runs out stops the check cleanly (CSP4007).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builder, menuPairArb, shapeArb } from '../../engine/check/arbitrary';
import { runCheck, type CheckAssertion } from '../../engine/check';
import { ThreadTeam } from './team';
import { reports, teamsClosedAfterAll } from './__fixtures__/reports';
import { butlerScript, pipelineScript } from '../../../bench/checker/models';

const SCRIPTS: Record<string, string> = {
  philosophers: `N = 4
channel thinks, sits, eats, getsup : {0..N-1}
channel picks, putsdown : {0..N-1}.{0..N-1}
PHIL(i) = thinks.i -> sits.i -> picks.i.i -> picks.i.(i+1)%N -> eats.i -> putsdown.i.(i+1)%N -> putsdown.i.i -> getsup.i -> PHIL(i)
FORK(i) = picks.i.i -> putsdown.i.i -> FORK(i) [] picks.(i-1)%N.i -> putsdown.(i-1)%N.i -> FORK(i)
SYSTEM = (||| i : {0..N-1} @ PHIL(i)) [| {| picks, putsdown |} |] (||| i : {0..N-1} @ FORK(i))
assert SYSTEM :[deadlock free [F]]
assert SYSTEM :[deadlock free [FD]]
assert SYSTEM \\ {| thinks, sits, eats, getsup |} :[divergence free]
`,
  divergence: `channel a, b, c, d, e
R = ((a -> b -> c -> STOP) \\ {a, b}) |~| (d -> e -> STOP)
L = a -> L
Q = (b -> (L \\ {a})) [] (c -> Q)
W = (Q ||| (d -> e -> SKIP)) ; W
assert R :[deadlock free [FD]]
assert R :[divergence free]
assert W :[divergence free]
assert W :[deadlock free [FD]]
assert W :[deadlock free [F]]
`,
  butler: butlerScript(4),
  pipeline: pipelineScript(8),
  // a module wrapped in the exception operator (compiled as a gated network), under tock priority
  exception: `external prioritise
channel tock, end
channel rd, wr : {0..3}
channel go : {0..1}
MEM(v) = rd!v -> MEM(v) [] wr?x -> MEM(x) [] tock -> MEM(v)
STM(i, n) = go!i -> rd?v -> wr!((v + n) % 4) -> tock -> STM(i, (n + 1) % 3) [] tock -> STM(i, n) [] end -> SKIP
BODY = (STM(0, 0) [| {tock, end} |] STM(1, 1)) [| {| rd, wr, tock |} |] MEM(0)
MODULE = prioritise((BODY \\ {| rd, wr |} [| {end} |> SKIP) \\ {end}, <{}, {tock}>)
assert MODULE :[deadlock free [F]]
assert BODY [| {end} |> STOP :[deadlock free [F]]
`,
};

const teams = teamsClosedAfterAll();

describe('parallel search', () => {
  it('gives the one-thread reports, with 1 and 2 helpers, the table growing mid-layer', () => {
    const one = new ThreadTeam(1, 2 ** 30, 64);
    const two = new ThreadTeam(2, 2 ** 30, 64);
    teams.push(one, two);
    for (const [name, text] of Object.entries(SCRIPTS)) {
      const alone = reports(text);
      expect(alone.length, name).toBeGreaterThan(0);
      expect(reports(text, one), name).toEqual(alone);
      expect(reports(text, two), name).toEqual(alone);
    }
    // the failing checks are really failing ones, with counterexamples
    const phil = reports(SCRIPTS.philosophers as string, two);
    expect(phil.map((a) => a.result)).toEqual(['failed', 'failed', 'passed']);
    expect(phil[0]?.counterexample).toMatchObject({ kind: 'deadlock', steps: 12 });
    const div = reports(SCRIPTS.divergence as string, two);
    expect(div[0]?.counterexample).toMatchObject({ kind: 'deadlock', trace: ['d', 'e'], steps: 3 });
    expect(div.slice(2).map((a) => a.counterexample?.kind)).toEqual(['divergence', 'divergence', undefined]);
    const exc = reports(SCRIPTS.exception as string, two);
    expect(exc.map((a) => a.result)).toEqual(['passed', 'failed']);
    expect(exc[1]?.counterexample).toMatchObject({ kind: 'deadlock', trace: ['end'] });
  }, 120_000);

  it('a memory budget that runs out is a clean CSP4007 error with the states explored, in both searches', () => {
    const team = new ThreadTeam(1, 200_000, 64);
    teams.push(team);
    const text = pipelineScript(10);
    for (const r of [reports(text, team, 200_000), reports(text, undefined, 200_000)]) {
      expect(r[0]).toMatchObject({ result: 'error', error: { code: 'CSP4007' } });
      expect(r[0]?.states).toBeGreaterThan(1000);
      expect(r[0]?.error?.message).toContain('memory limit reached');
    }
  }, 120_000);

  it('random processes: K = 1, 2 and 3 threads give the same refinement reports ([T=, [F=, [FD=)', () => {
    const two = new ThreadTeam(1, 2 ** 28, 4);
    const three = new ThreadTeam(2, 2 ** 28, 4);
    teams.push(two, three);
    fc.assert(
      fc.property(shapeArb(true), shapeArb(true), (x, y) => {
        const b = builder();
        const spec = b.build(x);
        const impl = b.build(y);
        for (const model of ['T', 'F', 'FD'] as const) {
          const a: CheckAssertion = { kind: 'refinement', model, spec, impl };
          const one = runCheck(a, { factory: b.f, events: b.ev });
          expect(runCheck(a, { factory: b.f, events: b.ev, team: two })).toEqual(one);
          expect(runCheck(a, { factory: b.f, events: b.ev, team: three })).toEqual(one);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('random processes: K = 1, 2 and 3 threads give the same deadlock, divergence and determinism reports', () => {
    const two = new ThreadTeam(1, 2 ** 28, 4);
    const three = new ThreadTeam(2, 2 ** 28, 4);
    teams.push(two, three);
    fc.assert(
      fc.property(shapeArb(true), (shape) => {
        const b = builder();
        const P = b.build(shape);
        const kinds: CheckAssertion[] = [
          { kind: 'deadlock', model: 'F', process: P },
          { kind: 'deadlock', model: 'FD', process: P },
          { kind: 'divergence', process: P },
          { kind: 'determinism', model: 'F', process: P },
          { kind: 'determinism', model: 'FD', process: P },
        ];
        for (const a of kinds) {
          const one = runCheck(a, { factory: b.f, events: b.ev });
          expect(runCheck(a, { factory: b.f, events: b.ev, team: two })).toEqual(one);
          expect(runCheck(a, { factory: b.f, events: b.ev, team: three })).toEqual(one);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('revivals ([V=, [VD=) are searched by the threads with the same reports', () => {
    const two = new ThreadTeam(1, 2 ** 28, 4);
    teams.push(two);
    fc.assert(
      fc.property(fc.oneof(menuPairArb(), fc.tuple(shapeArb(true), shapeArb(true))), ([x, y]) => {
        const b = builder();
        const spec = b.build(x);
        const impl = b.build(y);
        for (const model of ['V', 'VD'] as const) {
          const a: CheckAssertion = { kind: 'refinement', model, spec, impl };
          const one = runCheck(a, { factory: b.f, events: b.ev });
          expect(runCheck(a, { factory: b.f, events: b.ev, team: two })).toEqual(one);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
