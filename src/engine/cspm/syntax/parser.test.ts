/** Parser unit tests: FDR4 precedences, layout of multi-line definitions, spans, recovery, includes. */
import { describe, it, expect } from 'vitest';
import { parse, resolveIncludePath } from './parse';
import { printExpr } from './printer';
import type { Decl, Expr } from './ast';

function body(src: string): Expr {
  const r = parse(`X = ${src}\n`);
  expect(r.diagnostics).toEqual([]);
  const d = r.ast.decls[0] as Decl;
  if (d.kind !== 'ValueDecl') throw new Error(`expected a value declaration, got ${d.kind}`);
  return d.body;
}

/** Fully parenthesised rendering, to read the tree's shape. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'Var':
      return e.name;
    case 'IntLit':
      return String(e.value);
    case 'Binary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'ProcBinary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'Unary':
      return `(${e.op} ${shape(e.operand)})`;
    case 'Dot':
      return `(${e.items.map(shape).join('.')})`;
    case 'Prefix':
      return `(${shape(e.event)}${e.fields.map((f) => (f.kind === 'OutputField' ? `!${shape(f.expr)}` : '?p')).join('')} -> ${shape(e.body)})`;
    case 'Guard':
      return `(${shape(e.cond)} & ${shape(e.body)})`;
    case 'Hide':
      return `(${shape(e.body)} \\ ${shape(e.set)})`;
    case 'GenPar':
      return `(${shape(e.left)} [|${shape(e.sync)}|] ${shape(e.right)})`;
    case 'App':
      return `${shape(e.fn)}(${e.args.map(shape).join(', ')})`;
    case 'If':
      return `(if ${shape(e.cond)} then ${shape(e.then)} else ${shape(e.else)})`;
    default:
      return printExpr(e);
  }
}

describe('precedence and associativity (FDR4 / libcspm table)', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['-x + y', '((- x) + y)'],
    ['-x * y', '(- (x * y))'],
    ['not a and b', '((not a) and b)'],
    ['not a == b', '(not (a == b))'],
    ['a or b and c', '(a or (b and c))'],
    ['#s + 1', '((# s) + 1)'],
    ['#s ^ t', '(# (s ^ t))'],
    ['c.x + 1', '(c.(x + 1))'],
    ['p == A.b', '((p == A).b)'],
    ['a.b.c', '(a.b.c)'],
    ['a -> b -> P', '(a -> (b -> P))'],
    ['a -> P [] b -> Q', '((a -> P) [] (b -> Q))'],
    ['P [] Q |~| R', '((P [] Q) |~| R)'],
    ['P |~| Q [] R', '(P |~| (Q [] R))'],
    ['a -> P ; Q', '((a -> P) ; Q)'],
    ['P ; Q [] R', '((P ; Q) [] R)'],
    ['P [> Q /\\ R', '((P [> Q) /\\ R)'],
    ['P /\\ Q [] R', '((P /\\ Q) [] R)'],
    ['P [| A |] Q ||| R', '((P [|A|] Q) ||| R)'],
    ['P ||| Q \\ A', '((P ||| Q) \\ A)'],
    ['P [] Q [| A |] R', '((P [] Q) [|A|] R)'],
    ['b & a -> P', '(b & (a -> P))'],
    ['x > 0 & P', '((x > 0) & P)'],
    ['c!x+1 -> P', '(c!(x + 1) -> P)'],
    ['c!x.y -> P', '(c!(x.y) -> P)'],
    ['if b then P else Q [] R', '(if b then P else (Q [] R))'],
    ['f(x)(y)', 'f(x)(y)'],
  ];
  for (const [src, want] of cases) {
    it(`${src}  ⇒  ${want}`, () => {
      expect(shape(body(src))).toBe(want);
    });
  }

  it('reads `>` inside a sequence literal as its end, and as a comparison inside brackets', () => {
    expect(body('<a, b>').kind).toBe('SeqEnum');
    const e = body('<(x > 1), y>');
    expect(e.kind === 'SeqEnum' && e.items[0]!.kind === 'Binary').toBe(true);
  });

  it('reads `<x>^s` patterns and `c?x:S` restrictions', () => {
    const r = parse('f(<x>^s) = x\nP = c?x:{0..1}!x -> STOP\n');
    expect(r.diagnostics).toEqual([]);
    const f = r.ast.decls[0]!;
    expect(f.kind === 'FunctionDecl' && f.clauses[0]!.params[0]![0]!.kind).toBe('PConcat');
    const p = r.ast.decls[1]!;
    expect(p.kind === 'ValueDecl' && p.body.kind === 'Prefix' && p.body.fields.map((x) => x.kind)).toEqual([
      'InputField',
      'OutputField',
    ]);
  });
});

describe('layout', () => {
  it('continues a definition on indented lines and after a pending operator', () => {
    const r = parse('P = a ->\nb -> STOP\n  [] c -> STOP\nQ = STOP\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.decls.map((d) => d.kind)).toEqual(['ValueDecl', 'ValueDecl']);
  });

  it('continues when the next line starts with a binary operator in column 1', () => {
    const r = parse('P = a -> STOP\n[] b -> STOP\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.decls).toHaveLength(1);
  });

  it('separates let-declarations by their own column', () => {
    const r = parse('P =\n  let\n    f(x) = x\n    g = f(1)\n      + 2\n  within g\n');
    expect(r.diagnostics).toEqual([]);
    const d = r.ast.decls[0]!;
    expect(d.kind === 'ValueDecl' && d.body.kind === 'Let' && d.body.decls.length).toBe(2);
  });

  it('ends a let block at a line left of its column, reporting the missing within there', () => {
    const r = parse('P = let x = 1\nQ = 2\n');
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([
      "CSP1004 2:1 expected 'within', found the next declaration (name 'Q' in column 1)",
    ]);
    expect(r.ast.decls.map((d) => (d.kind === 'ValueDecl' ? d.name.name : '?'))).toEqual(['Q']);
  });

  it('groups adjacent clauses of one function', () => {
    const r = parse('f(0) = 1\nf(n) = n\ng = 2\n');
    expect(r.ast.decls.map((d) => (d.kind === 'FunctionDecl' ? d.clauses.length : 0))).toEqual([2, 0]);
  });
});

describe('spans and recovery', () => {
  it('gives 1-based lines and columns with an exclusive end', () => {
    const r = parse('channel a\nP = a -> STOP\n', { file: 'm.csp' });
    const p = r.ast.decls[1]!;
    expect(p.span).toMatchObject({ file: 'm.csp', line: 2, column: 1, endLine: 2, endColumn: 14 });
  });

  it('reports every broken declaration and keeps the good ones', () => {
    const r = parse('P = a -> -> STOP\nQ = STOP\nR = (STOP\nS = SKIP\n');
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.line}`)).toEqual(['CSP1004@1', 'CSP1005@4']);
    expect(r.ast.decls.map((d) => (d.kind === 'ValueDecl' ? d.name.name : '?'))).toEqual(['Q', 'S']);
  });

  it('reports absurdly deep nesting as a diagnostic and keeps parsing', () => {
    const deep = 'X = ' + '('.repeat(50_000) + '1' + ')'.repeat(50_000) + '\nY = 2\n';
    const r = parse(deep);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CSP1004']);
    expect(r.ast.decls.map((d) => (d.kind === 'ValueDecl' ? d.name.name : '?'))).toEqual(['Y']);
  });

  it('keeps the assertion text for reports', () => {
    const r = parse('assert  P :[deadlock free [F]]\nassert not  Q [T= P\n');
    expect(r.ast.decls.map((d) => (d.kind === 'AssertDecl' ? d.text : ''))).toEqual([
      'P :[deadlock free [F]]',
      'not Q [T= P',
    ]);
  });
});

describe('include', () => {
  it('resolves paths relative to the including file', () => {
    expect(resolveIncludePath('/a/b/main.csp', 'lib.csp')).toBe('/a/b/lib.csp');
    expect(resolveIncludePath('/a/b/main.csp', '../c/lib.csp')).toBe('/a/c/lib.csp');
    expect(resolveIncludePath('main.csp', './x/y.csp')).toBe('x/y.csp');
  });

  it('splices the included declarations, with spans naming the included file', () => {
    const files: Record<string, string> = { '/p/lib.csp': 'channel a\n' };
    const r = parse('include "lib.csp"\nP = a -> STOP\n', { file: '/p/main.csp', readFile: (p) => files[p] });
    expect(r.diagnostics).toEqual([]);
    const inc = r.ast.decls[0]!;
    expect(inc.kind === 'IncludeDecl' && inc.decls[0]!.span.file).toBe('/p/lib.csp');
  });

  it('reports a reader that throws as a diagnostic', () => {
    const r = parse('include "x.csp"\n', {
      readFile: () => {
        throw new Error('permission denied');
      },
    });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['cannot include "x.csp": permission denied']);
  });
});
