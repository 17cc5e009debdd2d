/** Token kinds of the CSPm lexer. Punctuation and keywords use their own text as the kind. */
import type { Span } from './ast';

export const KEYWORDS = [
  'channel', 'datatype', 'nametype', 'subtype', 'assert', 'include', 'transparent', 'external',
  'if', 'then', 'else', 'let', 'within', 'not', 'and', 'or', 'true', 'false',
  'module', 'exports', 'endmodule', 'timed', 'instance', 'print',
] as const;
export type Keyword = (typeof KEYWORDS)[number];
const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);
export function isKeyword(s: string): s is Keyword {
  return keywordSet.has(s);
}

/** Longest first, so the lexer can take the first match. */
export const PUNCTUATION = [
  '[FD=', '[T=', '[F=', '[R=', '[V=',
  '|~|', '|||', '<->',
  '[|', '|]', '{|', '|}', '[[', ']]', '[]', '[>', '/\\', '->', '<-', '<>', '<=', '>=', '==', '!=',
  '..', '::', ':[', '||', '@@', '|>',
  '(', ')', '{', '}', '[', ']', '<', '>', '=', '+', '-', '*', '/', '%', '^', '#', ',', '.',
  ':', '?', '!', '$', '@', '&', '\\', '|', ';', '_',
] as const;
export type Punctuation = (typeof PUNCTUATION)[number];

export type TokenKind = 'int' | 'ident' | 'string' | 'char' | 'eof' | Keyword | Punctuation;

export interface Token {
  readonly kind: TokenKind;
  /** Source text (for strings: the decoded contents; for ints: the digits). */
  readonly text: string;
  readonly span: Span;
  /** True when no other token precedes it on its line: drives the layout rule. */
  readonly firstOnLine: boolean;
}

/** Monaco-friendly classification used by editor highlighting. */
export type TokenClass = 'keyword' | 'identifier' | 'number' | 'string' | 'operator' | 'delimiter' | 'comment';
