/**
 * Text → tokens. Stops at the first bad character with an error that names it
 * and its column; a few JavaScript constructs the language leaves out get a
 * hint instead of a bare "unexpected" (`=`, `++`, `=>`, `&`, `...`).
 */
import type { ExprError } from './ast';

export type TokenKind = 'number' | 'string' | 'name' | 'punct' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The punctuator or name text; for strings the decoded contents; for numbers the source text. */
  readonly text: string;
  readonly value?: number;
  /** 0-based offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export type Lexed = { ok: true; tokens: Token[] } | { ok: false; error: ExprError };

// Longest first: the scanner takes the first match.
const PUNCTUATORS = '=== !== == != <= >= && || ?? ?. ( ) [ ] { } , : . ? ! + - * / % < >'.split(' ');

/**
 * Constructs that are not in the language, with what to write instead. The
 * longer ones are tried before the punctuators they start with (`--` before
 * `-`); the single characters after them (`&` only when it is not `&&`).
 */
const UNSUPPORTED_LONG: readonly (readonly [string, string])[] = [
  ['...', "spread '...' is not supported (min and max also take one array)"],
  ['=>', 'functions (=>) are not supported'],
  ['**', "'**' is not supported"],
  ['++', "'++' is not supported"],
  ['--', "'--' is not supported (write '- -x' if you mean minus minus x)"],
];
const UNSUPPORTED_SHORT: Readonly<Record<string, string>> = {
  '&': "'&' is not supported (did you mean '&&'?)",
  '|': "'|' is not supported (did you mean '||'?)",
  '=': "'=' is not supported (use '==' to compare)",
  '`': 'template strings are not supported (use + to join strings)',
};

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '/': '/',
};

class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
// `$` as in JavaScript, so the CSPm-in-JSON keys of docs/workflow-semantics.md#data-on-channels read naturally: `msg.$c == "Hot"`.
const isNameStart = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z_$]$/.test(c);
const isNamePart = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_$]$/.test(c);

export function tokenize(text: string): Lexed {
  try {
    return { ok: true, tokens: scan(text) };
  } catch (e) {
    if (e instanceof LexError) return { ok: false, error: { message: e.message, column: e.offset + 1 } };
    throw e;
  }
}

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      const tok = scanNumber(text, i);
      tokens.push(tok);
      i = tok.end;
    } else if (c === '"' || c === "'") {
      const tok = scanString(text, i);
      tokens.push(tok);
      i = tok.end;
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (isNamePart(text[j])) j++;
      tokens.push({ kind: 'name', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const tok = scanPunctuator(text, i);
      tokens.push(tok);
      i = tok.end;
    }
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}

function scanNumber(text: string, start: number): Token {
  let j = start;
  while (isDigit(text[j])) j++;
  if (text[j] === '.') {
    j++;
    if (!isDigit(text[j])) throw new LexError("expected a digit after '.' in a number", j);
    while (isDigit(text[j])) j++;
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j++;
    if (text[j] === '+' || text[j] === '-') j++;
    if (!isDigit(text[j])) throw new LexError('expected a digit in the exponent of a number', j);
    while (isDigit(text[j])) j++;
  }
  if (isNamePart(text[j]) || text[j] === '.') throw new LexError(`unexpected '${text[j] ?? ''}' after a number`, j);
  const source = text.slice(start, j);
  const value = Number(source);
  if (!Number.isFinite(value)) throw new LexError(`number ${source} is too large`, start);
  return { kind: 'number', text: source, value, start, end: j };
}

function scanString(text: string, start: number): Token {
  const quote = text[start];
  let out = '';
  let j = start + 1;
  for (;;) {
    const c = text[j];
    if (c === undefined || c === '\n' || c === '\r') throw new LexError('unterminated string', start);
    if (c === quote) break;
    if (c !== '\\') {
      out += c;
      j++;
      continue;
    }
    const e = text[j + 1];
    if (e === 'u') {
      const { char, next } = scanUnicodeEscape(text, j);
      out += char;
      j = next;
    } else if (e !== undefined && ESCAPES[e] !== undefined && !(e === '0' && isDigit(text[j + 2]))) {
      out += ESCAPES[e];
      j += 2;
    } else {
      throw new LexError(`unknown escape '\\${e ?? ''}' in a string`, j);
    }
  }
  return { kind: 'string', text: out, start, end: j + 1 };
}

/** `\uXXXX` or `\u{X…}` starting at the backslash. */
function scanUnicodeEscape(text: string, at: number): { char: string; next: number } {
  const braced = /^\\u\{([0-9A-Fa-f]{1,6})\}/.exec(text.slice(at, at + 10));
  if (braced?.[1] !== undefined) {
    const code = parseInt(braced[1], 16);
    if (code > 0x10ffff) throw new LexError('unicode escape is beyond U+10FFFF', at);
    return { char: String.fromCodePoint(code), next: at + braced[0].length };
  }
  const plain = /^\\u([0-9A-Fa-f]{4})/.exec(text.slice(at, at + 6));
  if (plain?.[1] === undefined) throw new LexError("expected four hex digits after '\\u'", at);
  return { char: String.fromCharCode(parseInt(plain[1], 16)), next: at + 6 };
}

function scanPunctuator(text: string, start: number): Token {
  for (const [bad, hint] of UNSUPPORTED_LONG) if (text.startsWith(bad, start)) throw new LexError(hint, start);
  for (const p of PUNCTUATORS) {
    if (!text.startsWith(p, start)) continue;
    // `a?.5:1` is a conditional in JavaScript, not an optional access.
    if (p === '?.' && isDigit(text[start + 2])) continue;
    return { kind: 'punct', text: p, start, end: start + p.length };
  }
  const c = String.fromCodePoint(text.codePointAt(start) ?? 0);
  throw new LexError(UNSUPPORTED_SHORT[c] ?? `unexpected character '${c}'`, start);
}
