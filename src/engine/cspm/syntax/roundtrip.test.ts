/** Property tests: the parser never throws, and print ∘ parse is the identity on ASTs (spans aside). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse } from './parse';
import { printModule, printExpr } from './printer';
import { expressionArb, moduleArb } from './arbitrary';
import { check } from '../check/checker';

function strip(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, (k, v: unknown) => (k === 'span' || k === 'modelSpan' || k === 'text' ? undefined : v)),
  );
}

const cspmish = fc
  .array(
    fc.constantFrom(
      'channel',
      'datatype',
      'assert',
      'let',
      'within',
      'if',
      'then',
      'else',
      '->',
      '[]',
      '|~|',
      '[|',
      '|]',
      '{|',
      '|}',
      '<',
      '>',
      '<>',
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '[[',
      ']]',
      ',',
      '.',
      '?',
      '!',
      '@',
      '=',
      ':',
      ':[',
      '\n',
      '\n  ',
      'P',
      'x',
      'c',
      '1',
      '"f"',
      '--',
      '{-',
      '-}',
      '\\',
      '&',
      ';',
      '|||',
      '||',
      '..',
      'not',
      '#',
      '^',
      '[T=',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

describe('parser robustness', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parse(text);
        expect(Array.isArray(r.diagnostics)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on token soup, and the checker never throws on what it parses', () => {
    fc.assert(
      fc.property(cspmish, (text) => {
        const r = parse(text, { readFile: () => 'channel a' });
        const c = check(r.ast);
        expect(r.diagnostics.every((d) => d.span.line >= 1 && d.span.column >= 1)).toBe(true);
        expect(Array.isArray(c.diagnostics)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('print ∘ parse', () => {
  it('is the identity on generated expressions', () => {
    fc.assert(
      fc.property(expressionArb, (e) => {
        const text = `X = ${printExpr(e)}\n`;
        const r = parse(text);
        expect(r.diagnostics).toEqual([]);
        const d = r.ast.decls[0];
        expect(d?.kind).toBe('ValueDecl');
        expect(strip(d?.kind === 'ValueDecl' ? d.body : null)).toEqual(strip(e));
      }),
      { numRuns: 400 },
    );
  });

  it('is the identity on generated modules', () => {
    fc.assert(
      fc.property(moduleArb, (m) => {
        const r = parse(printModule(m));
        expect(r.diagnostics).toEqual([]);
        expect(strip(r.ast.decls)).toEqual(strip(m.decls));
      }),
      { numRuns: 300 },
    );
  });
});
