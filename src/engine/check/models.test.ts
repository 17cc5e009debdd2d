/**
 * Hand-picked processes that tell FDR's models apart (docs/checker.md#models),
 * checked from CSPm text. Each expected verdict is derived in its comment
 * from the definitions: a failure (s, X) is a trace s with a refusal X of a
 * stable state after it; a revival (s, X, a) adds an event a that same state
 * accepts; a refusal trace records, before each event, what the state it was
 * performed from refused (or nothing when it was not stable).
 */
import { describe, expect, it } from 'vitest';
import { checkScript, type AssertionReport } from './script';

function check(defs: string, assertions: readonly string[]): AssertionReport[] {
  const text = `${defs}\n${assertions.map((a) => `assert ${a}`).join('\n')}\n`;
  const r = checkScript(text, { file: 'models.csp' });
  expect(r.errors).toEqual([]);
  return r.assertions;
}

const results = (rs: readonly AssertionReport[]): string[] => rs.map((r) => r.result);

describe('revivals [V= and [VD=', () => {
  // P1's stable states offer {a} and {a, b, c}; P2 adds a state offering {a, b}.
  // Failures: that state refuses only {c} (and subsets), which P1's a -> STOP
  // refuses too, and every trace is P1's: equal in F (and T).
  // Revivals: P2 has (<>, {c}, b): it refuses c and accepts b in one state.
  // P1's only state refusing c is a -> STOP, which cannot do b: P1 [V= P2
  // fails there. P1's revivals are all P2's (P2 keeps P1's states): P2 [V= P1 passes.
  const defs = `channel a, b, c
P1 = a -> STOP |~| (a -> STOP [] b -> STOP [] c -> STOP)
P2 = P1 |~| (a -> STOP [] b -> STOP)`;

  it('P1 and P2 are equal in F but not in V: P2 revives b while refusing c', () => {
    const rs = check(defs, ['P1 [F= P2', 'P2 [F= P1', 'P1 [T= P2', 'P2 [V= P1', 'P1 [V= P2', 'P1 [VD= P2']);
    expect(results(rs)).toEqual(['passed', 'passed', 'passed', 'passed', 'failed', 'failed']);
    for (const r of rs.slice(4)) {
      expect(r.counterexample).toMatchObject({ kind: 'revival', trace: [], event: 'b', refused: ['c'], steps: 1 });
    }
  });

  it('csp check says it in words the models share: refusal when no state refuses as much', () => {
    // a -> STOP |~| b -> STOP refuses {b} at the start; a -> STOP [] b -> STOP
    // cannot: T passes, F and V fail with a refusal (V contains F).
    const rs = check('channel a, b\nS = a -> STOP [] b -> STOP\nI = a -> STOP |~| b -> STOP', [
      'S [T= I',
      'S [F= I',
      'S [V= I',
      'S [R= I',
    ]);
    expect(results(rs)).toEqual(['passed', 'failed', 'failed', 'failed']);
    for (const r of rs.slice(1)) expect(r.counterexample).toMatchObject({ kind: 'refusal', refused: ['b'] });
  });

  it('divergence counts in VD only: a -> STOP |~| DIV refines a -> STOP in V, not in VD', () => {
    // DIV has no stable state, so it adds no failure or revival, and its trace <> is a -> STOP's.
    const rs = check('channel a\nS = a -> STOP\nI = a -> STOP |~| DIV', ['S [V= I', 'S [VD= I', 'DIV [VD= I']);
    expect(results(rs)).toEqual(['passed', 'failed', 'passed']);
    expect(rs[1]?.counterexample).toMatchObject({ kind: 'divergence', trace: [] });
  });
});

describe('refusal testing [R= and [RD=', () => {
  // S = (a -> b -> STOP [] c -> STOP) |~| a -> STOP and
  // I = (a -> STOP [] c -> STOP) |~| a -> b -> STOP.
  // Revivals: at <> both have stable states offering {a, c} and {a}; after <a>
  // both can be b -> STOP or STOP; after <a, b> and <c>, STOP: equal in V, F, T.
  // Refusal traces: I has <{c}, a, •, b> (its state refusing c does a, then b).
  // S's only state refusing c is a -> STOP, after which b cannot happen: S [R= I
  // fails with the trace violation b after a performed while refusing c.
  // S has <{c}, a, {b}> (that a -> STOP, then STOP refuses b), while I's state
  // refusing c leads to b -> STOP: I [R= S fails with the refusal of b.
  const defs = `channel a, b, c
S = (a -> b -> STOP [] c -> STOP) |~| a -> STOP
I = (a -> STOP [] c -> STOP) |~| a -> b -> STOP`;

  it('S and I are equal in V but not in R, either way', () => {
    const rs = check(defs, ['S [V= I', 'I [V= S', 'S [F= I', 'I [F= S', 'S [R= I', 'I [R= S', 'S [RD= I']);
    expect(results(rs)).toEqual(['passed', 'passed', 'passed', 'passed', 'failed', 'failed', 'failed']);
    expect(rs[4]?.counterexample).toMatchObject({ kind: 'trace', trace: ['a'], event: 'b', refusals: [['c']] });
    expect(rs[5]?.counterexample).toMatchObject({ kind: 'refusal', trace: ['a'], refused: ['b'], refusals: [['c']] });
    expect(rs[6]?.counterexample).toEqual(rs[4]?.counterexample);
  });

  it('a refusal is recorded only where the event left a stable state (null after one with a τ)', () => {
    // J's a leaves a stable state offering a and c, whose a leads to b -> STOP
    // or STOP: the refusal traces of S's left branch. K's a leaves a state with
    // a τ (the timeout of [>), so no refusal is observed before it: <•, a, •, b>,
    // which S has; after the timeout K is a -> STOP, S's right branch: S [R= K
    // passes. a -> STOP does not have <•, a, •, b>.
    const rs = check(`${defs}\nJ = a -> b -> STOP [] c -> STOP\nK = (a -> b -> STOP) [> (a -> STOP)`, [
      'S [R= J',
      'S [R= S',
      'I [R= I',
      'S [R= K',
      'a -> STOP [R= K',
    ]);
    expect(results(rs)).toEqual(['passed', 'passed', 'passed', 'passed', 'failed']);
    expect(rs[4]?.counterexample).toMatchObject({ kind: 'trace', trace: ['a'], event: 'b', refusals: [null] });
  });

  it('DIV below the specification allows anything in RD, not in R', () => {
    // After <a> S can only diverge: in RD anything goes; in R it has no stable
    // state, so I's b -> STOP refusing {a} is a refusal S lacks.
    const rs = check('channel a, b\nS = a -> DIV\nI = a -> b -> STOP', ['S [RD= I', 'S [R= I']);
    expect(results(rs)).toEqual(['passed', 'failed']);
    expect(rs[1]?.counterexample).toMatchObject({ kind: 'refusal', trace: ['a'], refused: [], refusals: [[]] });
  });
});

describe('termination: ✓ is treated as in the failures models (a state that can do ✓ refuses everything else)', () => {
  it('P [] SKIP = P [> SKIP in V and R; (a -> STOP [] SKIP) [V= SKIP; SKIP is not STOP', () => {
    // a -> STOP [] SKIP can terminate at once, so its one stable observation
    // at <> is "refuses Σ, accepts ✓": SKIP's own. With [> the start is
    // unstable and SKIP gives the same observation.
    const rs = check('channel a\nP = a -> STOP [] SKIP\nQ = a -> STOP [> SKIP', [
      'P [V= Q',
      'Q [V= P',
      'P [R= Q',
      'Q [R= P',
      'P [VD= SKIP',
      'P [RD= SKIP',
      'SKIP [V= STOP',
      'STOP [R= SKIP',
    ]);
    expect(results(rs)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'failed', 'failed']);
    expect(rs[6]?.counterexample).toMatchObject({ kind: 'refusal', refused: ['✓'] });
    expect(rs[7]?.counterexample).toMatchObject({ kind: 'trace', event: '✓' });
  });
});
