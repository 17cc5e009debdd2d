import { describe, expect, it } from 'vitest';
import buffersCsp from './__fixtures__/buffers.csp?raw';
import philosophersCsp from './__fixtures__/philosophers.csp?raw';
import robochartCsp from './__fixtures__/robochart-module.csp?raw';
import { checkScript, type AssertionReport } from './script';

// the engine does no I/O, not even in its tests: fixtures come in through the bundler
const fixtures: Record<string, string> = {
  'philosophers.csp': philosophersCsp,
  'buffers.csp': buffersCsp,
  'robochart-module.csp': robochartCsp,
};
const fixture = (name: string): string => fixtures[name] ?? '';

function results(text: string, file = 'test.csp'): AssertionReport[] {
  const r = checkScript(text, { file });
  expect(r.errors).toEqual([]);
  return r.assertions;
}

describe('checking CSPm scripts', () => {
  it('a RoboChart-style module wrapped in [| {end} |> SKIP under prioritise: the same 626 states as term by term', () => {
    // 626 is the term-level count (the exception compiled as one leaf gives it too)
    const [deadlock, divergence] = results(fixture('robochart-module.csp'));
    expect(deadlock).toMatchObject({ result: 'passed', states: 626 });
    expect(divergence).toMatchObject({ result: 'passed', states: 626 });
  });

  it('dining philosophers: the deadlock, the butler, assert not', () => {
    const [plain, butler, div, not] = results(fixture('philosophers.csp'));
    expect(plain).toMatchObject({
      index: 1,
      text: 'SYSTEM :[deadlock free [F]]',
      result: 'failed',
      counterexample: { kind: 'deadlock' },
    });
    expect(plain?.counterexample?.trace).toHaveLength(15);
    expect(plain?.counterexample?.components.map((c) => c.name)).toEqual([
      'PHIL(0)',
      'PHIL(1)',
      'PHIL(2)',
      'PHIL(3)',
      'PHIL(4)',
      'FORK(0)',
      'FORK(1)',
      'FORK(2)',
      'FORK(3)',
      'FORK(4)',
    ]);
    expect(butler).toMatchObject({ result: 'passed', states: 15712 });
    expect(div).toMatchObject({ result: 'passed', states: 15712 });
    expect(not).toMatchObject({ result: 'passed' });
    expect(not?.counterexample).toBeUndefined();
  });

  it('buffers: pipeline refinement, determinism, has trace', () => {
    const r = results(fixture('buffers.csp'));
    expect(r.map((a) => a.result)).toEqual(['passed', 'passed', 'passed', 'passed', 'failed']);
    expect(r[0]?.states).toBe(81);
    expect(r[4]?.counterexample).toMatchObject({ kind: 'no-trace', trace: [], event: 'c.4.0' });
  });

  it('semantics facts from text', () => {
    const text = [
      'channel a, b',
      'P = a -> P',
      'assert SKIP :[deadlock free [F]]',
      'assert STOP :[deadlock free]',
      'assert (a -> SKIP) ; (b -> SKIP) :[has trace]: <a, b>',
      'assert (a -> SKIP ||| b -> SKIP) :[deadlock free]',
      'assert P \\ {a} :[divergence free]',
      'assert P \\ {a} :[deadlock free [F]]',
      'assert a -> STOP [] b -> STOP [F= a -> STOP |~| b -> STOP',
      'assert a -> STOP |~| b -> STOP [F= a -> STOP [] b -> STOP',
      'assert not a -> STOP [T= a -> b -> STOP',
      'assert (a -> STOP) [> (b -> STOP) :[deterministic [F]]',
      'assert (a -> STOP) [[ a <- b ]] :[has trace]: <b>',
    ].join('\n');
    const r = results(text);
    expect(r.map((a) => a.result)).toEqual([
      'passed',
      'failed',
      'passed',
      'passed',
      'failed',
      'passed',
      'failed',
      'passed',
      'passed',
      'failed',
      'passed',
    ]);
    expect(r[4]?.counterexample?.kind).toBe('divergence');
    expect(r[6]?.counterexample).toMatchObject({ kind: 'refusal', refused: ['b'] });
    expect(r[9]?.counterexample).toMatchObject({ kind: 'nondeterminism', event: 'a' });
  });

  it('a syntax error stops the script with a positioned diagnostic', () => {
    const r = checkScript('channel a\nP = a -> \nassert P :[deadlock free]', { file: 'bad.csp' });
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]?.span).toMatchObject({ file: 'bad.csp', line: expect.any(Number) as number });
    expect(r.assertions).toEqual([]);
  });

  it('an infinite channel type is a diagnostic, not a hang', () => {
    const r = checkScript('channel c : Int\nP = c?x -> P\nassert P :[deadlock free]', { file: 'inf.csp' });
    const problems = [...r.errors, ...r.assertions.filter((a) => a.result === 'error')];
    expect(problems.length).toBeGreaterThan(0);
  });

  it('--assert N checks one assertion; a state limit is an error, never a pass', () => {
    const only = checkScript(fixture('philosophers.csp'), { file: 'p.csp', only: 2 });
    expect(only.assertions.map((a) => a.index)).toEqual([2]);
    const limited = checkScript(fixture('philosophers.csp'), { file: 'p.csp', only: 2, budget: { maxStates: 1000 } });
    expect(limited.assertions[0]).toMatchObject({ result: 'error', error: { code: 'CSP4001' } });
  });
});

describe('counterexample paths when the divergence oracle explores ahead', () => {
  it('rebuilds the path to a deadlock found in the failures-divergences model (a finite source ending)', () => {
    // Found by the built-in nodes' tests: the [FD] deadlock check's τ-closure exploration adds
    // states out of breadth-first order, and the layered parent search used to throw "no parent".
    const text = `channel e1, e2
C = let C(k) = if k == 0 then SKIP else (|~| f : {| e1 |} @ f -> C(k - 1)) within C(2)
Q = let Q(k) = (k < 1 & e1 -> Q(k + 1)) [] (k > 0 & e2 -> Q(k - 1)) within Q(0)
L = e2 -> L
SYSTEM = C [ {|e1|} || {|e1,e2|} ] (Q [ {|e1,e2|} || {|e2|} ] L)
assert SYSTEM :[deadlock free]
`;
    const r = checkScript(text, { file: 'source-ends.csp' });
    expect(r.errors).toEqual([]);
    expect(r.assertions[0]!.result).toBe('failed');
    expect(r.assertions[0]!.counterexample?.trace).toEqual(['e1', 'e2', 'e1', 'e2']);
  });
});
