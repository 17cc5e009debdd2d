/**
 * FDR's built-ins beyond sets and sequences, evaluated on small scripts whose
 * `test…` booleans must all be true (libcspm's convention): strings,
 * characters and `show`, maps, relations, extensions and productions,
 * infinite sets, and the ordering operators on every type.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../cspm/syntax/parse';
import { loadScript } from './script';
import { evaluateTestBooleans } from './test-booleans';
import { load, show, valueOf } from './test-helpers';

/** The names of the `test…` booleans that are not true (with their error, if any). */
function falseTests(text: string): string[] {
  const { ast, diagnostics } = parse(text, { file: 'test.csp' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return evaluateTestBooleans(ast, loadScript(ast))
    .filter((t) => t.result !== 'true')
    .map((t) => `${t.name}: ${t.result}${t.error ? ` (${t.error.message})` : ''}`);
}

describe('strings and characters', () => {
  it('are sequences of characters, with patterns, escapes and show', () => {
    expect(
      falseTests(`
test1 = "ab" == <'a', 'b'>
test2 = #"héllo" == 5
test3 = let f('c') = 1 within f(head("cd")) == 1
test4 = let g("x") = true
            g(_) = false
        within g("x") and not g("y")
test5 = show(<1, 2>) == "<1, 2>"
test6 = show("q") == "\\"q\\""
test7 = head("\\n") == '\\n' and head("\\"") == '"' and '\\'' != 'a'
test8 = member('c', Char) and member("cd", Seq(Char))
test9 = 'a' < 'b'
`),
    ).toEqual([]);
  });
});

describe('maps', () => {
  it('build, look up, update, delete, compare and enumerate', () => {
    expect(
      falseTests(`
m = (| 1 => 10, 2 => 20 |)
test1 = mapLookup(m, 2) == 20 and mapMember(m, 1) and not mapMember(m, 3)
test2 = mapToList(mapUpdate(m, 1, 11)) == <(1, 11), (2, 20)>
test3 = mapFromList(<(2, 20), (1, 10)>) == m
test4 = mapToList(mapDelete(m, 1)) == <(2, 20)>
test5 = mapUpdateMultiple(emptyMap, <(1, 10), (2, 20)>) == m
test6 = (| 1 => 0 |) < (| 1 => 1 |) and (| |) <= m and not (m < m)
test7 = card(Map({0, 1}, {0, 1})) == 9 and member((| 0 => 1 |), Map({0, 1}, {0, 1}))
test8 = member((| 5 => true |), Map(Int, Bool))
`),
    ).toEqual([]);
  });
});

describe('relations', () => {
  it('transpose, images and mtransclose', () => {
    expect(
      falseTests(`
external transpose, relational_image, relational_inverse_image, mtransclose
R = {(0, 1), (0, 2), (3, 1)}
test1 = transpose(R) == {(1, 0), (2, 0), (1, 3)}
test2 = relational_image(R)(0) == {1, 2} and relational_image(R)(9) == {}
test3 = relational_inverse_image(R)(1) == {0, 3}
test4 = mtransclose({(1, 0), (2, 1), (5, 6)}, {0, 1, 2, 5, 6, 7}) == {(0, 1), (0, 2), (5, 6)}
`),
    ).toEqual([]);
  });
});

describe('extensions and productions', () => {
  it('complete dotted values of channels and datatypes', () => {
    expect(
      falseTests(`
datatype T = A.{0, 1} | B
channel c : {0..2}.Bool
channel d : T
test1 = extensions(A) == {0, 1}
test2 = productions(A) == {A.0, A.1} and productions(B) == {B}
test3 = extensions(c.1) == {false, true}
test4 = productions(c.2) == {c.2.false, c.2.true}
test5 = card(extensions(c)) == 6
test6 = productions(d.A) == {d.A.0, d.A.1}
`),
    ).toEqual([]);
  });
});

describe('infinite sets and ordering', () => {
  it('keeps Int, {n..} and Seq(S) symbolic', () => {
    expect(
      falseTests(`
test1 = member(5, {0..}) and not member(-1, {0..}) and member(-7, Int)
test2 = diff({1..}, {1}) == {2..} and diff({1..}, Int) == {}
test3 = {1} <= {0..} and {0..} >= {1..} and not ({1..} <= {0})
test4 = member(1, inter({0..}, {1, 2})) and card(inter({0..}, { -1, 1})) == 1
test5 = member(<1, 2>, Seq({1, 2})) and not member(<3>, Seq({1, 2}))
test6 = member({1, 2}, Set(Int)) and not empty(Int)
test7 = union({0..}, { -2}) != {0..} and member(-2, union({0..}, { -2}))
`),
    ).toEqual([]);
  });

  it('orders sequences by prefix, tuples lexicographically, sets by inclusion', () => {
    expect(
      falseTests(`
test1 = <1> < <1, 2> and not (<1> < <2>) and not (<2> < <1>) and <1> <= <1>
test2 = (1, 2) < (2, 1) and (2, 1) > (1, 2) and (1, 1) <= (1, 1)
test3 = {1} < {1, 2} and not ({1} < {2}) and {} <= {3}
test4 = false < true
`),
    ).toEqual([]);
  });

  it('refuses to enumerate an infinite set, saying where', () => {
    const s = load('xs = {x | x <- {0..}}\nn = card(Int)');
    expect(() => valueOf(s, 'xs')).toThrow(/CSP3005 infinite set \{0\.\.\} cannot be enumerated/);
    expect(() => valueOf(s, 'n')).toThrow(/CSP3005 infinite set Int/);
  });
});

describe('lazy sequences and lazy pattern bindings', () => {
  it('evaluates only the items a computation looks at', () => {
    expect(
      falseTests(`
zip(<>, _) = <>
zip(_, <>) = <>
zip(<x>^xs, <y>^ys) = <(x, y)>^zip(xs, ys)
test1 = head(<1..>) == 1
test2 = head(tail(tail(<x | x <- <0..>, x % 2 == 1>))) == 5
test3 = null(zip(<1..>, <>)) and zip(<1..>, <5, 6>) == <(1, 5), (2, 6)>
test4 = head(tail(tail(<1, 2> ^ <3..>))) == 3 and elem(7, <0..>)
loop = loop
(s, t) = (1, loop)
test5 = s + 1 == 2
`),
    ).toEqual([]);
  });

  it('refuses what needs the whole of an infinite sequence', () => {
    const s = load('n = #<1..>\nxs = {x | x <- <0..>}');
    expect(() => valueOf(s, 'n')).toThrow(/CSP3005 infinite set <1\.\.> cannot be enumerated/);
    expect(() => valueOf(s, 'xs')).toThrow(/CSP3005/);
  });
});

describe('error', () => {
  it('stops the evaluation with the script’s message', () => {
    const s = load('f(x) = if x > 0 then x else error("not positive: " ^ show(x))\nok = f(2)\nbad = f(-1)');
    expect(show(s, 'ok')).toBe('2');
    expect(() => valueOf(s, 'bad')).toThrow('CSP3018 error: not positive: -1');
  });
});
