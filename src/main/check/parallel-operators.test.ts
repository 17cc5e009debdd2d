/**
 * The parallel search on networks with a timeout `P [> Q` (its mode
 * component and the resets it writes) and a prioritise or prioritisepo below the top (the
 * rules' guards and the prio nodes' inner rules, sent to the helper threads
 * in the core's plain spec): with 1 and 2 helpers every report equals the
 * one-thread report, passing and failing.
 */
import { describe, expect, it } from 'vitest';
import { ThreadTeam } from './team';
import { reports, teamsClosedAfterAll } from './__fixtures__/reports';

const SCRIPT = `external prioritise, prioritisepo
channel tock, a, b, c, e
M1 = a -> tock -> M1 [] tock -> M1
M2 = b -> c -> tock -> M2 [] tock -> M2
CTRL = prioritise(M1 [| {tock} |] M2, <{}, {tock}>)
SYS = CTRL [| {tock} |] CTRL[[a <- e]]
TO = (M1 [| {tock} |] M2) [> (e -> STOP)
assert SYS :[deadlock free [F]]
assert SYS \\ {a, b, c, e} :[divergence free]
assert TO :[deadlock free [F]]
assert SYS [T= TO
assert prioritise(TO, <{a, b}, {tock}>) [| {tock} |] SYS :[deadlock free [FD]]
assert prioritisepo(SYS, {a, b, e}, {(a, e), (b, e)}, {a, b}) :[deadlock free [F]]
assert TO [T= prioritisepo(TO, {a, b, e, tock}, {(tock, a)}, {tock})
`;

const teams = teamsClosedAfterAll();

describe('parallel search with a timeout and a prioritise below the top', () => {
  it('gives the one-thread reports with 1 and 2 helpers', () => {
    const one = new ThreadTeam(1, 2 ** 28, 4);
    const two = new ThreadTeam(2, 2 ** 28, 4);
    teams.push(one, two);
    const alone = reports(SCRIPT);
    expect(alone.map((a) => a.result)).toEqual(['passed', 'passed', 'failed', 'passed', 'failed', 'passed', 'passed']);
    expect(alone[2]?.counterexample).toMatchObject({ kind: 'deadlock', trace: ['e'] });
    expect(alone[4]?.counterexample).toMatchObject({ kind: 'deadlock', trace: ['a', 'b', 'b', 'c', 'c', 'e', 'e'] });
    expect(reports(SCRIPT, one)).toEqual(alone);
    expect(reports(SCRIPT, two)).toEqual(alone);
  }, 60_000);
});
