/**
 * CSPm lexer: text → tokens + diagnostics. Never throws. Comments (`--` to end
 * of line, nested `{- -}`) are skipped but reported to `onComment` so editor
 * highlighting can colour them.
 */
import type { Span } from './ast';
import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import { SourceMap } from './span';
import { PUNCTUATION, isKeyword, type Token, type TokenKind } from './tokens';

export interface LexResult {
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
  readonly comments: Span[];
  readonly source: SourceMap;
}

const MAX_INT = 2147483647;

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c === "'";
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function lex(text: string, file: string): LexResult {
  const source = new SourceMap(file, text);
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const comments: Span[] = [];
  let i = 0;
  let lineHasToken = false;
  const n = text.length;

  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    tokens.push({ kind, text: value ?? text.slice(start, end), span: source.span(start, end), firstOnLine: !lineHasToken });
    lineHasToken = true;
  };

  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      lineHasToken = false;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
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
    if (isDigit(c)) {
      const start = i;
      while (i < n && isDigit(text[i]!)) i++;
      const digits = text.slice(start, i);
      if (Number(digits) > MAX_INT) diagnostics.push(makeDiagnostic('CSP1011', source.span(start, i), { text: digits }));
      push('int', start, i);
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(text[i]!)) i++;
      const word = text.slice(start, i);
      if (word === '_') push('_', start, i);
      else push(isKeyword(word) ? word : 'ident', start, i);
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
        if (d === '\\' && i + 1 < n) {
          value += text[i + 1];
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
    if (c === "'" && i + 2 < n && text[i + 2] === "'") {
      push('char', i, i + 3, text[i + 1]);
      i += 3;
      continue;
    }
    let matched: string | undefined;
    for (const p of PUNCTUATION) {
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
  tokens.push({ kind: 'eof', text: '', span: source.span(n, n), firstOnLine: true });
  return { tokens, diagnostics, comments, source };
}
