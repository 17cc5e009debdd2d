import { describe, expect, it } from 'vitest';
import { load, show, valueOf } from './test-helpers';

function values(src: string, names: string[]): Record<string, string> {
  const s = load(src);
  return Object.fromEntries(names.map((n) => [n, show(s, n)]));
}

describe('integers and booleans', () => {
  it('arithmetic, comparisons, if, and/or/not', () => {
    const v = values(
      `a = 7 / 2
b = (-7) / 2
c = (-1) % 5
d = 2 * 3 + 4 - 1
e = if 3 < 4 and not (2 == 3) then 1 else 0
f = true or (1 / 0 == 1)
g = -(3)`,
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    );
    expect(v).toEqual({ a: '3', b: '-4', c: '4', d: '9', e: '1', f: 'true', g: '-3' });
  });
});

describe('sets and sequences', () => {
  it('enumerations, ranges, comprehensions and the set built-ins', () => {
    const v = values(
      `S = {3, 1, 2, 1}
R = {0..3}
C = {x * x | x <- R, x > 0}
U = union(S, {9})
I = inter(R, S)
D = diff(R, S)
M = member(2, S)
K = card(R)
E = empty({})
UU = Union({{1}, {2, 3}})
II = Inter({{1, 2}, {2, 3}})
P = Set({1, 2})
Q = seq({2, 1})
T = set(<3, 3, 1>)`,
      ['S', 'R', 'C', 'U', 'I', 'D', 'M', 'K', 'E', 'UU', 'II', 'P', 'Q', 'T'],
    );
    expect(v).toEqual({
      S: '{1, 2, 3}',
      R: '{0, 1, 2, 3}',
      C: '{1, 4, 9}',
      U: '{1, 2, 3, 9}',
      I: '{1, 2, 3}',
      D: '{0}',
      M: 'true',
      K: '4',
      E: 'true',
      UU: '{1, 2, 3}',
      II: '{2}',
      P: '{{}, {1}, {1, 2}, {2}}',
      Q: '<1, 2>',
      T: '{1, 3}',
    });
  });

  it('sequences: ranges, comprehension, ^ # length head tail concat null elem', () => {
    const v = values(
      `s = <0..3>
c = <x + 1 | x <- s, x != 2>
j = <1> ^ <2, 3>
n = #s
l = length(<>)
h = head(s)
t = tail(s)
cc = concat(<<1>, <>, <2, 3>>)
nu = null(<>)
el = elem(3, s)`,
      ['s', 'c', 'j', 'n', 'l', 'h', 't', 'cc', 'nu', 'el'],
    );
    expect(v).toEqual({
      s: '<0, 1, 2, 3>',
      c: '<1, 2, 4>',
      j: '<1, 2, 3>',
      n: '4',
      l: '0',
      h: '0',
      t: '<1, 2, 3>',
      cc: '<1, 2, 3>',
      nu: 'true',
      el: 'true',
    });
  });
});

describe('functions, patterns, let, lambdas', () => {
  it('several clauses, first match wins; sequence, tuple and literal patterns', () => {
    const s = load(`sum(<>) = 0
sum(<x>^xs) = x + sum(xs)
last(xs^<x>) = x
fst((a, _)) = a
f(0) = 100
f(n) = n
fact(n) = if n == 0 then 1 else n * fact(n - 1)
curried(a)(b) = a - b
r1 = sum(<1, 2, 3>)
r2 = last(<1, 2, 3>)
r3 = fst((7, 8))
r4 = f(0)
r5 = f(5)
r6 = fact(10)
r7 = curried(10)(3)`);
    expect(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'].map((n) => show(s, n))).toEqual([
      '6',
      '3',
      '7',
      '100',
      '5',
      '3628800',
      '7',
    ]);
  });

  it('let … within, lambdas, and definitions in any order', () => {
    const s = load(`x = y + 1
y = let a = 2
        b(z) = z * a
    within b(10)
inc = \\ n @ n + 1
r = inc(x)
(p, q) = (1, 2)
pq = p + q`);
    expect(show(s, 'x')).toBe('21');
    expect(show(s, 'r')).toBe('22');
    expect(show(s, 'pq')).toBe('3');
  });
});

describe('datatypes, nametypes, channels and events', () => {
  const src = `datatype T = A | B.{0..1} | C.Bool
nametype N = {0..2}
channel a
channel c : N
channel d : T.{0, 1}
AllT = T
NN = N
cs = {| c |}
ds = {| d.B |}
ev = Events
isB(B.x) = x
isB(_) = -1
r1 = isB(B.1)
r2 = isB(A)`;

  it('a datatype is the set of its values; a nametype names a set', () => {
    const s = load(src);
    expect(show(s, 'AllT')).toBe('{A, B.0, B.1, C.false, C.true}');
    expect(show(s, 'NN')).toBe('{0, 1, 2}');
    expect(show(s, 'r1')).toBe('1');
    expect(show(s, 'r2')).toBe('-1');
  });

  it('productions {| c |} and {| d.B |}; Events lists every event', () => {
    const s = load(src);
    expect(show(s, 'cs')).toBe('{c.0, c.1, c.2}');
    expect(show(s, 'ds')).toBe('{d.B.0.0, d.B.0.1, d.B.1.0, d.B.1.1}');
    const all = valueOf(s, 'ev');
    expect(typeof all === 'object' && all.t === 'set' ? all.items.length : -1).toBe(1 + 3 + 5 * 2);
  });

  it('event ids follow declaration order', () => {
    const s = load(src);
    const texts = s.events.all().map((id) => s.events.text(id));
    expect(texts.slice(0, 5)).toEqual(['a', 'c.0', 'c.1', 'c.2', 'd.A.0']);
    expect(texts[texts.length - 1]).toBe('d.C.true.1');
  });
});
