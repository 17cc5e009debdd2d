/** Checker unit tests: inferred types, polymorphism, module contents for the evaluator, diagnostics with related spans. */
import { describe, it, expect } from 'vitest';
import { load, formatType } from '../index';

function typesOf(src: string): Record<string, string> {
  const r = load(src);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return Object.fromEntries(
    [...r.module.symbols].map(([n, s]) => [n, s.kind === 'datatype' ? 'datatype' : formatType(s.type)]),
  );
}

describe('type inference', () => {
  it('types channels with dotted fields and datatype constructors', () => {
    const t = typesOf('datatype T = A | B.{0..3} | C.Bool.T\nchannel c : {0..3}.T\nchannel d\n');
    expect(t).toMatchObject({ A: 'T', B: 'Int => T', C: 'Bool => T => T', c: 'Int => T => Event', d: 'Event' });
  });

  it('reads `{||}` as an empty set of events or of datatype values, as its use needs', () => {
    const t = typesOf(
      'datatype T = A | B\nchannel c : T\nE = {||}\nP = c?x:{||} -> STOP [| {||} |] STOP\nnametype N = {| |}\nQ = c?x:N -> STOP\n',
    );
    expect(t).toMatchObject({ P: 'Proc', Q: 'Proc' });
    expect(t.E).toMatch(/^\{[a-z]\}$/);
  });

  it('generalises top-level functions (let-polymorphism) and infers mutual recursion together', () => {
    const t = typesOf(
      'id(x) = x\npair = (id(1), id(true))\neven(0) = true\neven(n) = odd(n - 1)\nodd(0) = false\nodd(n) = even(n - 1)\n',
    );
    expect(t).toMatchObject({ id: '(a) -> a', pair: '(Int, Bool)', even: '(Int) -> Bool', odd: '(Int) -> Bool' });
  });

  it('types processes with parameters, inputs and comprehensions', () => {
    const t = typesOf('channel c : {0..3}\nP(n) = c?x:{y | y <- {0..3}, y < n} -> P(x)\nS = {| c.i | i <- {0..1} |}\n');
    expect(t).toMatchObject({ P: '(Int) -> Proc', S: '{Event}' });
  });

  it('lets a nested constructor take the following fields (`c.B.1`)', () => {
    const r = load('datatype T = A | B.{0..3}\nchannel c : T.Bool\nP = c.B.1.true -> c!A!false -> c?B.x?y -> STOP\n');
    expect(r.diagnostics).toEqual([]);
  });

  it('accepts a last input or output that covers the remaining fields, and dotted constructor values', () => {
    const r = load(
      'datatype Msg = M.{0..1}\nchannel pass, out : Msg.Bool\nP = pass?x -> out!x -> out.x -> P\nS = {M.0.true}\n',
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('treats a name that is a constructor as a constant in patterns', () => {
    const r = load('datatype T = A | B\nf(A) = 1\nf(x) = 2\n');
    const f = r.module.symbols.get('f')!;
    expect(formatType(f.type)).toBe('(T) -> Int');
  });

  it('is permissive about dotted values it cannot type precisely', () => {
    const r = load('nametype Pair = {0..1}.{0..1}\nchannel c : Pair\nP = c.0.1 -> c?x -> STOP\n');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('diagnostics', () => {
  it('reports `c!true` on `channel c : {0..3}` at the value', () => {
    const r = load('channel c : {0..3}\nP = c!true -> STOP\n');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'CSP2004',
      message: 'type mismatch: expected Int, found Bool',
      span: { line: 2, column: 7, endColumn: 11 },
    });
  });

  it('links a duplicate definition to the first one', () => {
    const r = load('P = STOP\nP = SKIP\n', { file: 'd.csp' });
    expect(r.diagnostics[0]).toMatchObject({
      code: 'CSP2002',
      related: [{ message: 'first defined here', span: { line: 1, column: 1 } }],
    });
  });

  it('suggests a near name for an undefined one', () => {
    const r = load('channel thinks\nP = think -> STOP\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual(["undefined name 'think'; did you mean 'thinks'?"]);
  });

  it('names the function and both counts in an arity error', () => {
    const r = load('f(x, y) = x + y\nA = f(1)\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual(["'f' takes 2 argument(s) but is given 1"]);
  });
});

describe('module for the evaluator', () => {
  it('lists channels in declaration order, assertions, transparent functions and resolves every name', () => {
    const r = load(
      'transparent normal\nchannel b, a\nchannel c : {0..1}\nP = a -> normal(P)\nassert P :[deadlock free]\n',
    );
    expect(r.module.channels.map((c) => `${c.name}#${c.index}`)).toEqual(['b#0', 'a#1', 'c#2']);
    expect(r.module.assertions).toHaveLength(1);
    expect([...r.module.transparent]).toEqual(['normal']);
    const p = r.module.symbols.get('P')!;
    expect(p.kind).toBe('value');
    expect(p.decl?.kind).toBe('ValueDecl');
    const uses = r.module.occurrences.filter((o) => o.symbol === p && !o.isDefinition);
    expect(uses.map((u) => `${u.span.line}:${u.span.column}`)).toEqual(['4:17', '5:8']);
  });
});
