/** Token kinds of the CSPm lexer. Punctuation and keywords use their own text as the kind. */
import type { Span } from './ast';

export const KEYWORDS = [
  'channel',
  'datatype',
  'nametype',
  'subtype',
  'assert',
  'include',
  'transparent',
  'external',
  'if',
  'then',
  'else',
  'let',
  'within',
  'not',
  'and',
  'or',
  'true',
  'false',
  'module',
  'exports',
  'endmodule',
  'instance',
  'print',
] as const;
export type Keyword = (typeof KEYWORDS)[number];
const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);
export function isKeyword(s: string): s is Keyword {
  return keywordSet.has(s);
}

/** Longest first, so the lexer can take the first match. */
export const PUNCTUATION = [
  '[FD=',
  '[RD=',
  '[VD=',
  '[T=',
  '[F=',
  '[R=',
  '[V=',
  '|~|',
  '|||',
  '<->',
  '[|',
  '|]',
  '{|',
  '|}',
  '[[',
  ']]',
  '[]',
  '[>',
  '/\\',
  '->',
  '<-',
  '<>',
  '<=',
  '>=',
  '==',
  '!=',
  '..',
  '::',
  ':[',
  '||',
  '@@',
  '|>',
  '[+',
  '+]',
  '/+',
  '+\\',
  '|\\',
  '(|',
  '|)',
  '=>',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '#',
  ',',
  '.',
  ':',
  '?',
  '!',
  '$',
  '@',
  '&',
  '\\',
  '|',
  ';',
  '_',
] as const;
export type Punctuation = (typeof PUNCTUATION)[number];

export type TokenKind = 'int' | 'ident' | 'string' | 'char' | 'eof' | Keyword | Punctuation;

/**
 * A token. Positions are stored flat and the `span` object is built on demand:
 * a 10,000-line script has ~130k tokens and retaining a span object for each
 * doubled the lexer's cost in garbage collection.
 */
export class Token {
  constructor(
    readonly kind: TokenKind,
    /** Source text (for strings: the decoded contents; for ints: the digits). */
    readonly text: string,
    readonly file: string,
    readonly offset: number,
    readonly end: number,
    readonly line: number,
    readonly column: number,
    /** True when no other token precedes it on its line: drives the layout rule. */
    readonly firstOnLine: boolean,
  ) {}

  /** Tokens never span lines (strings stop at a newline; comments are not tokens). */
  get span(): Span {
    return {
      file: this.file,
      line: this.line,
      column: this.column,
      endLine: this.line,
      endColumn: this.column + (this.end - this.offset),
      offset: this.offset,
      end: this.end,
    };
  }

  /** A zero-width end-of-input token at this token's start (layout boundaries read as end of input). */
  eofHere(): Token {
    return new Token('eof', '', this.file, this.offset, this.offset, this.line, this.column, true);
  }
}

/** Monaco-friendly classification used by editor highlighting. */
export type TokenClass = 'keyword' | 'identifier' | 'number' | 'string' | 'operator' | 'delimiter' | 'comment';
