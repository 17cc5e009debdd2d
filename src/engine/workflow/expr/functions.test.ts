import { describe, expect, it } from 'vitest';
import type { Json } from './ast';
import { evaluateExpression } from './evaluate';
import { BUILTINS } from './functions';
import { parseExpression } from './parse';

const msg: Json = {
  s: '  Hello World  ',
  n: 2.5,
  list: [3, 1, 2],
  words: ['a', 'b', 'c'],
  obj: { a: 1, b: 'x' },
  none: null,
};

function call(text: string): { ok: true; value: Json } | { ok: false; error: string } {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at column ${parsed.error.column}`);
  return evaluateExpression(parsed.expr, { msg });
}
function value(text: string): Json {
  const r = call(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
function error(text: string): string {
  const r = call(text);
  if (r.ok) throw new Error(`expected an error from ${text}, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('strings', () => {
  it('len, upper, lower, trim', () => {
    expect(value('len("héllo")')).toBe(5);
    expect(value('len(msg.list)')).toBe(3);
    expect(value('len(msg.obj)')).toBe(2);
    expect(value('len("")')).toBe(0);
    expect(error('len(5)')).toBe('len: expected a string, array or object, got number at column 1');
    expect(value('upper("abc")')).toBe('ABC');
    expect(value('lower("ABC")')).toBe('abc');
    expect(value('trim(msg.s)')).toBe('Hello World');
    expect(error('trim(null)')).toBe('trim: expected a string, got null at column 1');
  });
  it('startsWith, endsWith, contains', () => {
    expect(value('startsWith("report.pdf", "rep")')).toBe(true);
    expect(value('endsWith("report.pdf", ".pdf")')).toBe(true);
    expect(value('endsWith("report.pdf", ".doc")')).toBe(false);
    expect(value('contains("haystack", "st")')).toBe(true);
    expect(value('contains(msg.words, "b")')).toBe(true);
    expect(value('contains([{ a: 1 }], { a: 1 })')).toBe(true);
    expect(value('contains([1], "1")')).toBe(false);
    expect(error('startsWith("a", 1)')).toBe('startsWith: second argument: expected a string, got number at column 1');
    expect(error('contains(5, 1)')).toBe(
      'contains: first argument: expected a string or an array, got number at column 1',
    );
  });
  it('split, join, slice, replace', () => {
    expect(value('split("a,b,,c", ",")')).toEqual(['a', 'b', '', 'c']);
    expect(value('split("abc", "")')).toEqual(['a', 'b', 'c']);
    expect(value('join(msg.words)')).toBe('a,b,c');
    expect(value('join(msg.words, " - ")')).toBe('a - b - c');
    expect(value('join([1, null, "x", [2]], "|")')).toBe('1|null|x|[2]');
    expect(value('slice("abcdef", 1, 3)')).toBe('bc');
    expect(value('slice("abcdef", -2)')).toBe('ef');
    expect(value('slice(msg.list, 1)')).toEqual([1, 2]);
    expect(error('slice("abc", 0.5)')).toBe(
      'slice: second argument: expected an integer number, got number at column 1',
    );
    expect(value('replace("a.b.c", ".", "/")')).toBe('a/b/c');
    expect(value('replace("cost: $x", "$x", "$&$1")')).toBe('cost: $&$1');
    expect(error('replace("abc", "", "x")')).toBe('replace: the text to find must not be empty at column 1');
  });
});

describe('conversion and types', () => {
  it('str uses the str rule', () => {
    expect(value('str("a")')).toBe('a');
    expect(value('str(12.5)')).toBe('12.5');
    expect(value('str(null)')).toBe('null');
    expect(value('str(msg.obj)')).toBe('{"a":1,"b":"x"}');
  });
  it('num reads strings, booleans and numbers and refuses the rest', () => {
    expect(value('num(" 12.5 ")')).toBe(12.5);
    expect(value('num(true)')).toBe(1);
    expect(value('num(7)')).toBe(7);
    expect(error('num("12abc")')).toBe('num: cannot read "12abc" as a number at column 1');
    expect(error('num("")')).toBe('num: cannot read "" as a number at column 1');
    expect(error('num("1e400")')).toBe('num: cannot read "1e400" as a number at column 1');
    expect(error('num(null)')).toBe('num: expected a string, boolean or number, got null at column 1');
  });
  it('type names every JSON type', () => {
    expect(value('[type(null), type(true), type(1), type("s"), type([]), type({})]')).toEqual([
      'null',
      'boolean',
      'number',
      'string',
      'array',
      'object',
    ]);
  });
  it('json parses JSON text and reports invalid or out-of-range input', () => {
    expect(value('json("{\\"a\\": [1, 2]}")')).toEqual({ a: [1, 2] });
    expect(value('json("null")')).toBe(null);
    expect(error('json("{a: 1}")')).toMatch(/^json: invalid JSON: .* at column 1$/);
    expect(error('json("[1e400]")')).toBe('json: invalid JSON: a number is out of range at column 1');
  });
});

describe('numbers', () => {
  it('int, round, floor, ceil, abs', () => {
    expect(value('[int(2.7), int(-2.7)]')).toEqual([2, -2]);
    expect(error('int("3")')).toBe('int: expected a number, got string (convert with num(x)) at column 1');
    expect(value('[round(2.5), round(-2.5), round(2.4)]')).toEqual([3, -2, 2]);
    expect(value('round(1.005, 2)')).toBe(1.01);
    expect(value('round(3.14159, 3)')).toBe(3.142);
    expect(value('round(1234, -2)')).toBe(1200);
    expect(value('round(1e21, 2)')).toBe(1e21);
    expect(error('round(1, 1.5)')).toBe('round: second argument: expected an integer number, got number at column 1');
    expect(error('round(1, 16)')).toBe('round: digits must be between -15 and 15, got 16 at column 1');
    expect(value('[floor(-1.5), ceil(-1.5), abs(-3)]')).toEqual([-2, -1, 3]);
  });
  it('min, max over arguments or one array; sum over an array', () => {
    expect(value('min(3, 1, 2)')).toBe(1);
    expect(value('max(3, 1, 2)')).toBe(3);
    expect(value('min(msg.list)')).toBe(1);
    expect(value('max(msg.list)')).toBe(3);
    expect(value('max(5)')).toBe(5);
    expect(error('min([])')).toBe('min: needs at least one number (min() of nothing has no value) at column 1');
    expect(error('max(1, "2")')).toBe('max: expected numbers, but item 2 is string at column 1');
    expect(value('sum(msg.list)')).toBe(6);
    expect(value('sum([])')).toBe(0);
    expect(error('sum([1, null])')).toBe('sum: expected numbers, but item 2 is null at column 1');
    expect(error('sum([1e308, 1e308])')).toBe('sum: result is not a finite number at column 1');
  });
});

describe('objects', () => {
  it('keys, values, has', () => {
    expect(value('keys(msg.obj)')).toEqual(['a', 'b']);
    expect(value('values(msg.obj)')).toEqual([1, 'x']);
    expect(value('has(msg.obj, "a")')).toBe(true);
    expect(value('has(msg.obj, "toString")')).toBe(false);
    expect(value('has(msg.list, 2)')).toBe(true);
    expect(value('has(msg.list, 3)')).toBe(false);
    expect(error('keys(msg.list)')).toBe('keys: expected an object, got array at column 1');
    expect(error('has(5, "a")')).toBe('has: first argument: expected an object or an array, got number at column 1');
    expect(error('has(msg.obj, 1)')).toBe('has: second argument: expected a string, got number at column 1');
  });
  it('merge is shallow, later keys winning, and leaves its inputs alone', () => {
    expect(value('merge(msg.obj, { b: 2, c: { d: 1 } }, { c: 3 })')).toEqual({ a: 1, b: 2, c: 3 });
    expect(value('merge(msg.obj)')).toEqual({ a: 1, b: 'x' });
    expect(msg).toEqual({
      s: '  Hello World  ',
      n: 2.5,
      list: [3, 1, 2],
      words: ['a', 'b', 'c'],
      obj: { a: 1, b: 'x' },
      none: null,
    });
    expect(error('merge(msg.obj, null)')).toBe('merge: second argument: expected an object, got null at column 1');
  });
});

describe('the table', () => {
  it('has exactly the documented functions, each with a signature and a summary', () => {
    expect([...BUILTINS.keys()].sort()).toEqual(
      [
        'abs',
        'ceil',
        'contains',
        'endsWith',
        'floor',
        'has',
        'int',
        'join',
        'json',
        'keys',
        'len',
        'lower',
        'max',
        'merge',
        'min',
        'num',
        'replace',
        'round',
        'slice',
        'split',
        'startsWith',
        'str',
        'sum',
        'trim',
        'type',
        'upper',
        'values',
      ].sort(),
    );
    for (const b of BUILTINS.values()) {
      expect(b.signature.startsWith(`${b.name}(`)).toBe(true);
      expect(b.summary.length).toBeGreaterThan(0);
    }
  });
  it('gives the same result for the same arguments (no hidden state)', () => {
    const text = '[join(msg.words, "-"), round(msg.n), merge(msg.obj, { z: 1 }), split(msg.s, " ")]';
    expect(value(text)).toEqual(value(text));
  });
});
