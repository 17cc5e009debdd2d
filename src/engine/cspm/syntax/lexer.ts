/**
 * CSPm lexer: text → tokens + diagnostics. Never throws. Comments (`--` to end
 * of line, nested `{- -}`) are skipped but reported to `onComment` so editor
 * highlighting can colour them.
 */
import type { Span } from './ast';
import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import { SourceMap } from './span';
import { PUNCTUATION, Token, isKeyword, type TokenKind } from './tokens';

export interface LexResult {
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
  readonly comments: Span[];
  readonly source: SourceMap;
}

const MAX_INT = 2147483647;

/** Punctuation grouped by first character, longest first: one small scan per token. */
const PUNCT_BY_CHAR = new Map<string, string[]>();
for (const p of PUNCTUATION) {
  const list = PUNCT_BY_CHAR.get(p[0]!) ?? [];
  list.push(p);
  PUNCT_BY_CHAR.set(p[0]!, list);
}

// Character classes on UTF-16 codes: the lexer's inner loops avoid 1-char strings.
function isIdentStartCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPartCode(c: number): boolean {
  return isIdentStartCode(c) || (c >= 48 && c <= 57) || c === 39;
}
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** FDR's escapes in string and character literals: `\n`, `\r`, `\t`; any other escaped character stands for itself. */
function unescape(c: string): string {
  return c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c;
}

export function lex(text: string, file: string): LexResult {
  const source = new SourceMap(file, text);
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const comments: Span[] = [];
  let i = 0;
  let lineHasToken = false;
  const n = text.length;
  // Line bookkeeping done while scanning (tokens never span lines), cheaper than a lookup per token.
  let line = 1;
  let lineStart = 0;

  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const tokenText = value ?? (kind === 'ident' || kind === 'int' ? text.slice(start, end) : kind);
    tokens.push(new Token(kind, tokenText, file, start, end, line, start - lineStart + 1, !lineHasToken));
    lineHasToken = true;
  };
  const newline = (at: number): void => {
    line++;
    lineStart = at + 1;
    lineHasToken = false;
  };

  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      newline(i);
      i++;
      continue;
    }
    if (code === 32 || code === 9 || code === 13 || code === 12 || code === 11) {
      i++;
      continue;
    }
    if (isIdentStartCode(code)) {
      const start = i;
      while (i < n && isIdentPartCode(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      if (word === '_') push('_', start, i);
      else if (isKeyword(word)) push(word, start, i);
      else {
        // `M::x` written without spaces is one qualified name (module scope); `x :: T` is a type annotation.
        while (
          text.charCodeAt(i) === 58 &&
          text.charCodeAt(i + 1) === 58 &&
          i + 2 < n &&
          isIdentStartCode(text.charCodeAt(i + 2))
        ) {
          i += 2;
          while (i < n && isIdentPartCode(text.charCodeAt(i))) i++;
        }
        push('ident', start, i);
      }
      continue;
    }
    if (isDigitCode(code)) {
      const start = i;
      while (i < n && isDigitCode(text.charCodeAt(i))) i++;
      const digits = text.slice(start, i);
      if (Number(digits) > MAX_INT)
        diagnostics.push(makeDiagnostic('CSP1011', source.span(start, i), { text: digits }));
      push('int', start, i);
      continue;
    }
    const c = text[i]!;
    if (c === '-' && text[i + 1] === '-') {
      const start = i;
      while (i < n && text[i] !== '\n') i++;
      comments.push(source.span(start, i));
      continue;
    }
    if (c === '{' && text[i + 1] === '-') {
      const start = i;
      let depth = 0;
      while (i < n) {
        if (text[i] === '\n') newline(i);
        if (text[i] === '{' && text[i + 1] === '-') {
          depth++;
          i += 2;
        } else if (text[i] === '-' && text[i + 1] === '}') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      comments.push(source.span(start, i));
      if (depth > 0) diagnostics.push(makeDiagnostic('CSP1003', source.span(start, start + 2)));
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      let value = '';
      let closed = false;
      while (i < n && text[i] !== '\n') {
        const d = text[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < n && text[i + 1] !== '\n') {
          value += unescape(text[i + 1]!);
          i += 2;
        } else {
          value += d;
          i++;
        }
      }
      if (!closed) diagnostics.push(makeDiagnostic('CSP1002', source.span(start, i)));
      push('string', start, i, value);
      continue;
    }
    if (c === "'") {
      // `'c'`, `'\''`, `'\n'`; a character outside the BMP takes two UTF-16 units.
      const escaped = text[i + 1] === '\\';
      const at = i + (escaped ? 2 : 1);
      const cp = text.codePointAt(at);
      const close = at + (cp !== undefined && cp > 0xffff ? 2 : 1);
      if (cp !== undefined && cp !== 10 && text[close] === "'") {
        const ch = String.fromCodePoint(cp);
        push('char', i, close + 1, escaped ? unescape(ch) : ch);
        i = close + 1;
        continue;
      }
    }
    let matched: string | undefined;
    for (const p of PUNCT_BY_CHAR.get(c) ?? []) {
      // `(|` opens a map only before white space (as in FDR): `(|~| x:S @ P)` and `(|| ...)` are not maps.
      if (p === '(|' && !/\s/.test(text[i + 2] ?? '')) continue;
      if (text.startsWith(p, i)) {
        matched = p;
        break;
      }
    }
    if (matched) {
      push(matched as TokenKind, i, i + matched.length);
      i += matched.length;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    diagnostics.push(makeDiagnostic('CSP1001', source.span(i, i + width), { char: text.slice(i, i + width) }));
    i += width;
  }
  const endPos = source.position(n);
  tokens.push(new Token('eof', '', file, n, n, endPos.line, endPos.column, true));
  return { tokens, diagnostics, comments, source };
}
