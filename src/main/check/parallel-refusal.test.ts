/**
 * Refusal testing (`[R=`, `[RD=`) searched by real helper threads: with
 * K = 2 and 3 threads every report (verdict, states, transitions, the
 * counterexample with its refusals) is the one-thread report, on fixed
 * scripts (a refusal trace that only R sees, a divergence that only RD
 * sees, a passing butler) and on random processes, passing and failing,
 * divergent ones included. A specification whose normal form has a node with
 * more distinct acceptances than the steps' bit masks hold is searched by one
 * thread, and the report says so.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builder, menuPairArb, shapeArb } from '../../engine/check/arbitrary';
import { runCheck, type CheckAssertion } from '../../engine/check';
import { ONE_THREAD_REFUSAL_TESTING } from '../../engine/check/refinement';
import { ThreadTeam } from './team';
import { reports, teamsClosedAfterAll } from './__fixtures__/reports';
import { butlerScript } from '../../../bench/checker/models';

const REFUSALS = `channel a, b, c, d
S = (a -> b -> STOP [] c -> STOP) |~| a -> STOP
I = (a -> STOP [] c -> STOP) |~| a -> b -> STOP
L = d -> L
J = (a -> (L \\ {d})) |~| (c -> STOP)
assert S [R= I
assert S [RD= I
assert S [V= I
assert I [R= I
assert a -> STOP |~| c -> STOP [RD= J
assert (a -> DIV) |~| (c -> STOP) [RD= J
`;

const BUTLER = `${butlerScript(3)}
assert BSYSTEM [R= BSYSTEM
assert BSYSTEM [RD= BSYSTEM
assert SYSTEM [R= BSYSTEM
`;

const teams = teamsClosedAfterAll();

describe('refusal testing on K threads', () => {
  it('fixed scripts: K = 2 and 3 give the one-thread reports, refusals included', () => {
    const two = new ThreadTeam(1, 2 ** 28, 4);
    const three = new ThreadTeam(2, 2 ** 28, 4);
    teams.push(two, three);
    const alone = reports(REFUSALS);
    expect(alone.map((a) => a.result)).toEqual(['failed', 'failed', 'passed', 'passed', 'failed', 'passed']);
    expect(alone[0]?.counterexample).toMatchObject({ kind: 'trace', trace: ['a'], event: 'b', refusals: [['c']] });
    expect(alone[4]?.counterexample).toMatchObject({ kind: 'divergence', trace: ['a'] });
    for (const team of [two, three]) {
      const got = reports(REFUSALS, team);
      expect(got).toEqual(alone);
      for (const a of got) expect(a).not.toHaveProperty('notes');
    }
    const butler = reports(BUTLER);
    expect(butler.map((a) => a.result)).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(butler[3]?.counterexample).toMatchObject({ kind: 'refusal', refused: ['sits.2'] });
    expect(butler[3]?.counterexample?.refusals).toHaveLength(5);
    expect(reports(BUTLER, three)).toEqual(butler);
  }, 60_000);

  it('random processes (divergent ones too): K = 1, 2 and 3 threads give the same [R= and [RD= reports', () => {
    const two = new ThreadTeam(1, 2 ** 28, 4);
    const three = new ThreadTeam(2, 2 ** 28, 4);
    teams.push(two, three);
    fc.assert(
      fc.property(fc.oneof(menuPairArb(), fc.tuple(shapeArb(true), shapeArb(true))), ([x, y]) => {
        const b = builder();
        const spec = b.build(x);
        const impl = b.build(y);
        for (const model of ['R', 'RD'] as const) {
          const a: CheckAssertion = { kind: 'refinement', model, spec, impl };
          const one = runCheck(a, { factory: b.f, events: b.ev });
          expect(runCheck(a, { factory: b.f, events: b.ev, team: two })).toEqual(one);
          expect(runCheck(a, { factory: b.f, events: b.ev, team: three })).toEqual(one);
        }
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('a specification node with more than 32 acceptances containing one event is searched by one thread, which the report says', () => {
    const two = new ThreadTeam(1, 2 ** 28, 4);
    teams.push(two);
    const text = `channel e : {0..6}
SPEC = |~| S : Set({0..6}) @ ([] x : S @ e.x -> SPEC)
IMPL = e.0 -> e.1 -> IMPL
assert SPEC [R= IMPL
`;
    const alone = reports(text);
    expect(alone[0]?.result).toBe('passed');
    expect(reports(text, two)).toEqual([{ ...alone[0], notes: [ONE_THREAD_REFUSAL_TESTING] }]);
  }, 60_000);
});
