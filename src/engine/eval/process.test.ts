import { describe, expect, it } from 'vitest';
import { traces } from '../csp/test-helpers';
import { printTerm } from '../csp/print';
import { TAU } from '../csp/terms';
import { countStates, load, term } from './test-helpers';

function tracesOf(src: string, name: string, n = 4): Set<string> {
  const s = load(src);
  return traces(s.factory, s.events, term(s, name), n);
}

const CH = `channel a, b, i
channel c : {0..2}
channel d : {0..1}.{0..1}
datatype T = X | Y.{0..1}
channel t : T
`;

describe('prefix with inputs and outputs', () => {
  it('c!v, c?x, c?x:S and mixed c?x!y', () => {
    expect(tracesOf(CH + 'P = c!1 -> STOP', 'P')).toEqual(new Set(['', 'c.1']));
    expect(tracesOf(CH + 'P = c?x:{0, 1} -> d!x!x -> STOP', 'P', 2)).toEqual(
      new Set(['', 'c.0', 'c.1', 'c.0,d.0.0', 'c.1,d.1.1']),
    );
    expect(tracesOf(CH + 'P = c?x:{0, 2} -> STOP', 'P')).toEqual(new Set(['', 'c.0', 'c.2']));
    expect(tracesOf(CH + 'P = d?x!1 -> c!x -> STOP', 'P', 2)).toEqual(
      new Set(['', 'd.0.1', 'd.1.1', 'd.0.1,c.0', 'd.1.1,c.1']),
    );
  });

  it('an input restricted to no value offers nothing, after an output too: the prefix deadlocks', () => {
    expect(tracesOf(CH + 'P = d!0?y:{} -> STOP', 'P')).toEqual(new Set(['']));
    expect(tracesOf(CH + 'P = d?y:{} -> STOP', 'P')).toEqual(new Set(['']));
  });

  it('an input binds a whole constructor value, and the last input takes the rest of the event', () => {
    expect(tracesOf(CH + 'P = t?v -> (if v == (Y.1) then a -> STOP else STOP)', 'P', 2)).toEqual(
      new Set(['', 't.X', 't.Y.0', 't.Y.1', 't.Y.1,a']),
    );
    expect(tracesOf(CH + 'P = t?Y.n -> c!n -> STOP', 'P', 2)).toEqual(
      new Set(['', 't.Y.0', 't.Y.1', 't.Y.0,c.0', 't.Y.1,c.1']),
    );
    expect(tracesOf(CH + 'P = d?p -> (if p == (1.1) then a -> STOP else STOP)', 'P', 2)).toContain('d.1.1,a');
    // a dotted input pattern takes one field per part
    expect(tracesOf(CH + 'P = d?x.y -> c!(x + y) -> STOP', 'P', 2)).toEqual(
      new Set(['', 'd.0.0', 'd.0.1', 'd.1.0', 'd.1.1', 'd.0.0,c.0', 'd.0.1,c.1', 'd.1.0,c.1', 'd.1.1,c.2']),
    );
  });

  it('tuple channel types and tuple input patterns', () => {
    expect(
      tracesOf('channel c : ({0, 1}, Bool)\nP = c?(x, b) -> (if b then c!(x, false) -> STOP else STOP)', 'P', 2),
    ).toEqual(
      new Set([
        '',
        'c.(0, false)',
        'c.(0, true)',
        'c.(1, false)',
        'c.(1, true)',
        'c.(0, true),c.(0, false)',
        'c.(1, true),c.(1, false)',
      ]),
    );
  });

  it('guards: b & P is P when b holds, STOP otherwise', () => {
    expect(tracesOf(CH + 'P(n) = n > 0 & a -> P(n - 1)\nQ = P(2)', 'Q')).toEqual(new Set(['', 'a', 'a,a']));
  });
});

describe('operators', () => {
  it('binary operators build the matching terms', () => {
    const s = load(
      CH +
        `P = (a -> STOP [] b -> STOP) |~| (a -> SKIP ; b -> STOP)
Q = (a -> STOP) /\\ (i -> STOP)
R = (a -> STOP) [> (b -> STOP)
S = (a -> b -> STOP) [| {b} |] (b -> STOP)
U = (a -> STOP) [ {a} || {b} ] (b -> STOP)
V = (a -> b -> STOP) \\ {a}
W = (a -> STOP) [[ a <- b, a <- i ]]
channel e : {0, 1}
Z = (e?x -> STOP) [[ e <- d.0 ]]`,
    );
    const p = (n: string): string => {
      const t = term(s, n);
      return printTerm(t.node.op === 'call' ? t.node.unfold() : t, s.events);
    };
    expect(p('P')).toBe('((a -> STOP) [] (b -> STOP)) |~| ((a -> SKIP) ; (b -> STOP))');
    expect(p('Q')).toBe('(a -> STOP) /\\ (i -> STOP)');
    expect(p('R')).toBe('(a -> STOP) [> (b -> STOP)');
    expect(p('S')).toBe('(a -> b -> STOP) [| {b} |] (b -> STOP)');
    expect(p('U')).toBe('(a -> STOP) [{a} || {b}] (b -> STOP)');
    expect(p('V')).toBe('(a -> b -> STOP) \\ {a}');
    expect(p('W')).toBe('(a -> STOP) [[ a <- b, a <- i ]]');
    const z = term(s, 'Z');
    expect(s.semantics.initials(z).map((e) => s.events.text(e))).toEqual(['d.0.0', 'd.0.1']);
  });

  it('replicated operators', () => {
    const s = load(
      CH +
        `E = [] x : {0..2} @ c.x -> STOP
I = |~| x : {0, 1} @ c.x -> STOP
L = ||| x : {0, 1} @ c.x -> SKIP
G = [| {a} |] x : {0, 1} @ c.x -> a -> SKIP
A = || x : {0, 1} @ [{c.x, a}] c.x -> a -> SKIP
Q = ; x : <2, 0> @ c.x -> SKIP
Empty = ||| x : {} @ a -> SKIP`,
    );
    const tr = (n: string, k = 4): Set<string> => traces(s.factory, s.events, term(s, n), k);
    expect(tr('E')).toEqual(new Set(['', 'c.0', 'c.1', 'c.2']));
    expect(s.semantics.initials(term(s, 'I'))).toEqual([TAU]);
    expect(tr('L')).toEqual(new Set(['', 'c.0', 'c.1', 'c.0,c.1', 'c.1,c.0', 'c.0,c.1,✓', 'c.1,c.0,✓']));
    expect(tr('G')).toContain('c.0,c.1,a,✓');
    expect(tr('G')).not.toContain('c.0,a');
    expect(tr('A')).toContain('c.1,c.0,a,✓');
    expect(tr('A')).not.toContain('c.0,a');
    expect(tr('Q')).toEqual(new Set(['', 'c.2', 'c.2,c.0', 'c.2,c.0,✓']));
    expect(tr('Empty')).toEqual(new Set(['', '✓']));
  });

  it('RUN, CHAOS and compressions (terms of their own, with the behaviour of their operand)', () => {
    const s = load(
      CH +
        `R = RUN({a, b})
C = CHAOS({a})
N = normal(a -> b -> STOP)
assert N :[deadlock free]`,
    );
    expect(traces(s.factory, s.events, term(s, 'R'), 2)).toEqual(new Set(['', 'a', 'b', 'a,a', 'a,b', 'b,a', 'b,b']));
    expect(s.semantics.initials(term(s, 'C')).map((e) => s.events.text(e))).toEqual(['τ', 'a']);
    // the checker reduces a compressed component; everywhere else it behaves as its operand
    expect(printTerm(term(s, 'N'), s.events)).toBe('normal(a -> b -> STOP)');
    expect(traces(s.factory, s.events, term(s, 'N'), 3)).toEqual(new Set(['', 'a', 'a,b']));
    expect(s.diagnostics).toEqual([]);
  });
});

describe('recursion and laziness', () => {
  it('recursive parameterised processes unfold lazily (an unbounded counter still builds)', () => {
    const s = load(
      CH +
        `COUNT(n) = a -> COUNT(n + 1) [] (n > 0 & b -> COUNT(n - 1))
BOUNDED(n) = n < 3 & a -> BOUNDED(n + 1) [] (n > 0 & b -> BOUNDED(n - 1))`,
    );
    const t = term(s, 'COUNT', [0]);
    expect(s.semantics.initials(t).map((e) => s.events.text(e))).toEqual(['a']);
    expect(countStates(s.factory, term(s, 'BOUNDED', [0]))).toBe(4);
  });

  it('local process definitions in let are closures over their environment', () => {
    const s = load(
      CH +
        `P(n) = let Q = c.n -> Q within Q
S = P(1) ||| P(2)`,
    );
    expect(traces(s.factory, s.events, term(s, 'S'), 2)).toEqual(
      new Set(['', 'c.1', 'c.2', 'c.1,c.1', 'c.1,c.2', 'c.2,c.1', 'c.2,c.2']),
    );
    expect(countStates(s.factory, term(s, 'S'))).toBe(1);
  });
});

describe('assertions', () => {
  it('evaluates every assertion kind with its model (FD when none is written)', () => {
    const s = load(
      CH +
        `P = a -> P
assert P :[deadlock free [F]]
assert P :[divergence free]
assert P :[deterministic]
assert P [T= P
assert not P [FD= STOP
assert P :[has trace]: <a, a>`,
    );
    expect(s.assertions.map((a) => `${a.index}:${a.kind}:${a.model}:${a.negated}`)).toEqual([
      '1:deadlock:F:false',
      '2:divergence:FD:false',
      '3:determinism:FD:false',
      '4:refinement:T:false',
      '5:refinement:FD:true',
      '6:hasTrace:FD:false',
    ]);
    const last = s.assertions[5];
    expect(last?.ok && last.trace?.map((e) => s.events.text(e))).toEqual(['a', 'a']);
    expect(s.assertions[0]?.text).toBe('P :[deadlock free [F]]');
  });
});
