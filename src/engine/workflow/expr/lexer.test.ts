import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer';

function tokens(text: string): string[] {
  const lexed = tokenize(text);
  if (!lexed.ok) throw new Error(`${lexed.error.message} at column ${lexed.error.column}`);
  return lexed.tokens.map((t) => `${t.kind}:${t.kind === 'number' ? String(t.value) : t.text}`);
}
function lexError(text: string): { message: string; column: number } {
  const lexed = tokenize(text);
  if (lexed.ok) throw new Error(`expected a lexing error for ${text}`);
  return lexed.error;
}

describe('numbers', () => {
  it('reads integers, decimals, exponents and a leading dot', () => {
    expect(tokens('12 3.25 1e3 2.5E-2 7e+1 .5')).toEqual([
      'number:12',
      'number:3.25',
      'number:1000',
      'number:0.025',
      'number:70',
      'number:0.5',
      'end:',
    ]);
  });
  it('refuses a dot without digits, an empty exponent, letters after a number, and overflow', () => {
    expect(lexError('1.')).toEqual({ message: "expected a digit after '.' in a number", column: 3 });
    expect(lexError('1e+')).toEqual({ message: 'expected a digit in the exponent of a number', column: 4 });
    expect(lexError('x + 12abc')).toEqual({ message: "unexpected 'a' after a number", column: 7 });
    expect(lexError('1e999').message).toBe('number 1e999 is too large');
  });
});

describe('strings', () => {
  it('reads both quotes and the JavaScript escapes', () => {
    expect(tokens(String.raw`'a\'b' "c\"d" "\n\t\\\u0041\u{1F600}\0"`)).toEqual([
      "string:a'b",
      'string:c"d',
      'string:\n\t\\A\u{1F600}\0',
      'end:',
    ]);
  });
  it('reports unterminated strings at the opening quote and unknown escapes at the backslash', () => {
    expect(lexError('x == "abc')).toEqual({ message: 'unterminated string', column: 6 });
    expect(lexError('"a\nb"')).toEqual({ message: 'unterminated string', column: 1 });
    expect(lexError(String.raw`"ab\q"`)).toEqual({ message: "unknown escape '\\q' in a string", column: 4 });
    expect(lexError(String.raw`"\u12"`)).toEqual({ message: "expected four hex digits after '\\u'", column: 2 });
  });
});

describe('punctuation', () => {
  it('takes the longest operator', () => {
    expect(tokens('a!==b===c<=d&&e??f?.g')).toEqual([
      'name:a',
      'punct:!==',
      'name:b',
      'punct:===',
      'name:c',
      'punct:<=',
      'name:d',
      'punct:&&',
      'name:e',
      'punct:??',
      'name:f',
      'punct:?.',
      'name:g',
      'end:',
    ]);
  });
  it('reads `?.5` as a conditional followed by a number, as JavaScript does', () => {
    expect(tokens('a?.5:1')).toEqual(['name:a', 'punct:?', 'number:0.5', 'punct::', 'number:1', 'end:']);
  });
  it('explains the JavaScript operators the language leaves out, at their column', () => {
    expect(lexError('a = 1')).toEqual({ message: "'=' is not supported (use '==' to compare)", column: 3 });
    expect(lexError('a & b').message).toContain("did you mean '&&'");
    expect(lexError('a | b').message).toContain("did you mean '||'");
    expect(lexError('2 ** 3')).toEqual({ message: "'**' is not supported", column: 3 });
    expect(lexError('x => x').message).toContain('functions');
    expect(lexError('[...a]').message).toContain('spread');
    expect(lexError('1--1').column).toBe(2);
    expect(lexError('`a`').message).toContain('template strings');
    expect(lexError('a # b')).toEqual({ message: "unexpected character '#'", column: 3 });
    expect(lexError('a @ b')).toEqual({ message: "unexpected character '@'", column: 3 });
  });

  it('reads $ in names, as JavaScript does (CSPm values in JSON use $c, $tuple, $set)', () => {
    expect(tokens('msg.$c')).toEqual(['name:msg', 'punct:.', 'name:$c', 'end:']);
  });
});
