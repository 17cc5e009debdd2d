/** Lexer: longest-match punctuation, nested comments, layout flags, positions. */
import { describe, it, expect } from 'vitest';
import { lex } from './lexer';

const kinds = (text: string): string[] =>
  lex(text, 't.csp')
    .tokens.map((t) => t.kind)
    .filter((k) => k !== 'eof');

describe('lexer', () => {
  it('takes the longest operator', () => {
    expect(kinds('[| |] |~| ||| || | [[ ]] [] [> <-> <- <> <= [FD= [T= :[ .. .')).toEqual([
      '[|',
      '|]',
      '|~|',
      '|||',
      '||',
      '|',
      '[[',
      ']]',
      '[]',
      '[>',
      '<->',
      '<-',
      '<>',
      '<=',
      '[FD=',
      '[T=',
      ':[',
      '..',
      '.',
    ]);
  });

  it('skips line comments and nested block comments, remembering where they are', () => {
    const r = lex('a -- note\n{- x {- y -} z -} b', 't.csp');
    expect(r.tokens.map((t) => t.text)).toEqual(['a', 'b', '']);
    expect(r.comments).toHaveLength(2);
    expect(r.diagnostics).toEqual([]);
  });

  it('marks the first token of each line and gives 1-based positions', () => {
    const r = lex('P = a\n  -> STOP\nQ', 't.csp');
    const t = r.tokens;
    expect(t.map((x) => x.firstOnLine)).toEqual([true, false, false, true, false, true, true]);
    expect(t[3]!.span).toMatchObject({ line: 2, column: 3, endLine: 2, endColumn: 5, offset: 8, end: 10 });
  });

  it('keeps identifiers with digits, underscores and primes, and keywords apart', () => {
    expect(lex("P' x_1 channel within _", 't.csp').tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      "ident:P'",
      'ident:x_1',
      'channel:channel',
      'within:within',
      '_:_',
      'eof:',
    ]);
  });

  it('reports stray characters, unterminated strings and comments without stopping', () => {
    const r = lex('a ~ b "open\n{- never closed', 't.csp');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CSP1001', 'CSP1002', 'CSP1003']);
    expect(r.tokens.map((t) => t.kind)).toEqual(['ident', 'ident', 'string', 'eof']);
  });
});
