/** FDR's layout: line breaks (not indentation) separate declarations; `M::x` is one name, `x :: T` an annotation. */
import { describe, expect, it } from 'vitest';
import type { Expr } from './ast';
import { parse } from './parse';
import { printModule } from './printer';

const kinds = (text: string): string[] => {
  const r = parse(text, { file: 't.csp' });
  expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  return r.ast.decls.map((d) => d.kind);
};

describe('layout', () => {
  it('accepts top-level declarations and assertions with leading whitespace', () => {
    expect(kinds('  channel a\n  P = a -> STOP\n    assert P :[deadlock free]\n')).toEqual([
      'ChannelDecl',
      'ValueDecl',
      'AssertDecl',
    ]);
  });

  it('accepts a let continuation line indented less than the first definition', () => {
    const r = parse('P = let x = 1\n      y = 2\n    within x + y\nQ = 3\n', { file: 't.csp' });
    expect(r.diagnostics).toEqual([]);
    const p = r.ast.decls[0]!;
    expect(p.kind === 'ValueDecl' && p.body.kind === 'Let' && p.body.decls.length).toBe(2);
  });

  it('starts a declaration at a line that begins with `<` (a sequence pattern), not a comparison', () => {
    expect(kinds('s = <1, 2>\nt = s\n<a, b> = t\nu = a < b\n')).toEqual([
      'ValueDecl',
      'ValueDecl',
      'PatternDecl',
      'ValueDecl',
    ]);
  });

  it('continues after an alphabet bracket that ends a line', () => {
    expect(kinds('channel a, b\nP = a -> P [ {a} || {b} ]\n  b -> P\nQ = P\n')).toEqual([
      'ChannelDecl',
      'ValueDecl',
      'ValueDecl',
    ]);
  });

  it('reads M::x without spaces as one qualified name and x :: T as an annotation', () => {
    const r = parse('f :: (Int) -> Int\nf(x) = M::g(x)\n', { file: 't.csp' });
    expect(r.diagnostics).toEqual([]);
    const [ann, fn] = r.ast.decls;
    expect(ann?.kind).toBe('TypeAnnotationDecl');
    expect(fn?.kind === 'FunctionDecl' && fn.clauses[0]!.body.kind === 'App' && fn.clauses[0]!.body.fn).toMatchObject({
      kind: 'Var',
      name: 'M::g',
    });
  });

  it('prints modules, instances, annotations, subtypes and prints back to the same tree', () => {
    const text = [
      'module M(X, (a, b))',
      '  y = X',
      'exports',
      '  channel c : {0..1}',
      '  f, g :: (Eq t, Ord u) => ((t, u), <t>, {u}) -> (| t => u |)',
      '  h :: a =>* Event',
      '  k :: Int.Bool => Event',
      '  l :: () -> (Int) -> Int',
      // FDR's parser wants each annotation's definition in the same declarations
      '  f(p, s, t) = 0',
      '  g(p, s, t) = 0',
      '  h = c',
      '  k = c',
      '  l() = 0',
      'endmodule',
      'instance N = M(1, (2, 3))',
      'instance O = A::B',
      'datatype T = A | B.{0..2}',
      'subtype S = A | B.{1}',
      'print 1 + 2',
    ].join('\n');
    const first = parse(text, { file: 't.csp' });
    expect(first.diagnostics).toEqual([]);
    const again = parse(printModule(first.ast), { file: 't.csp' });
    expect(again.diagnostics).toEqual([]);
    const strip = (x: unknown): unknown =>
      JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'span' ? undefined : v)));
    expect(strip(again.ast.decls)).toEqual(strip(first.ast.decls));
  });

  it('refuses an empty module parameter list and a function type without parentheses, located', () => {
    const r = parse('module M()\nexports\nendmodule\nf :: Int -> Int\n', { file: 't.csp' });
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`)).toEqual([
      'CSP1004 1:10',
      'CSP1022 4:6',
    ]);
  });
});

describe('hiding precedence (FDR)', () => {
  const shape = (text: string): string => {
    const r = parse(`P = ${text}`, { file: 't.csp' });
    expect(r.diagnostics).toEqual([]);
    const d = r.ast.decls[0]!;
    if (d.kind !== 'ValueDecl') throw new Error('not a value');
    const e = d.body;
    const sides = (x: Expr): string =>
      x.kind === 'Hide'
        ? `hide(${sides(x.body)})`
        : x.kind === 'ProcBinary'
          ? `${x.op}(${sides(x.left)}, ${sides(x.right)})`
          : x.kind === 'GenPar'
            ? `par(${sides(x.left)}, ${sides(x.right)})`
            : x.kind;
    return sides(e);
  };

  it('reads P \\ A ||| Q as (P \\ A) ||| Q, for every binary process operator', () => {
    expect(shape('STOP \\ {} ||| STOP')).toBe('|||(hide(Var), Var)');
    expect(shape('STOP \\ {} [| {} |] STOP')).toBe('par(hide(Var), Var)');
    expect(shape('STOP \\ {} ; STOP')).toBe(';(hide(Var), Var)');
  });

  it('hides a whole composition written before the backslash', () => {
    expect(shape('STOP ||| STOP \\ {}')).toBe('hide(|||(Var, Var))');
  });
});
