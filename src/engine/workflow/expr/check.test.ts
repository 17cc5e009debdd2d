import { describe, expect, it } from 'vitest';
import { checkExpression } from './check';

describe('checkExpression', () => {
  it('accepts well-formed expressions over the given names', () => {
    expect(checkExpression('{ id: msg.id, total: msg.a + msg.b }', ['msg'])).toEqual([]);
    expect(checkExpression('index > 0 ? upper(msg.name) : lower(msg.name)', ['msg', 'index'])).toEqual([]);
  });
  it('returns the syntax error alone when the text does not parse', () => {
    expect(checkExpression('msg.a +', ['msg'])).toEqual([{ message: 'unexpected end of expression', column: 8 }]);
    expect(checkExpression('msg.name.toUpperCase()', ['msg'])).toEqual([
      { message: 'methods are not supported (.toUpperCase): write upper(msg.name) instead', column: 9 },
    ]);
  });
  it('reports every unknown name with its column, suggesting a close one', () => {
    expect(checkExpression('mgs.a + index', ['msg'])).toEqual([
      { message: "unknown name 'mgs' (did you mean msg?); known names: msg", column: 1 },
      { message: "unknown name 'index'; known names: msg", column: 9 },
    ]);
    expect(checkExpression('undefined', ['msg'])[0]?.message).toBe(
      "unknown name 'undefined' (did you mean null?); known names: msg",
    );
    expect(checkExpression('{ total }', ['msg'])[0]?.column).toBe(3);
    expect(checkExpression('msg', [])).toEqual([{ message: "unknown name 'msg'", column: 1 }]);
  });
  it('does not mistake keys or property names for names', () => {
    expect(checkExpression('{ other: msg.other, "x": msg?.x }', ['msg'])).toEqual([]);
  });
  it('says when a function is used without calling it', () => {
    expect(checkExpression('len', ['msg'])).toEqual([
      { message: "'len' is a function: call it, e.g. len(x)", column: 1 },
    ]);
  });
  it('reports unknown functions and wrong argument counts at the function name', () => {
    expect(checkExpression('msg.a + uper(msg.b)', ['msg'])).toEqual([
      { message: "unknown function 'uper' (did you mean upper?)", column: 9 },
    ]);
    expect(checkExpression('Number(msg.a)', ['msg'])).toEqual([
      { message: "unknown function 'Number' (did you mean num?)", column: 1 },
    ]);
    expect(checkExpression('toUpperCase(msg.name)', ['msg'])[0]?.message).toBe(
      "unknown function 'toUpperCase' (did you mean upper?)",
    );
    expect(checkExpression('frobnicate(msg)', ['msg'])).toEqual([
      { message: "unknown function 'frobnicate'", column: 1 },
    ]);
    expect(checkExpression('[len(), replace(msg.a, "x")]', ['msg'])).toEqual([
      { message: 'len expects 1 argument, got 0', column: 2 },
      { message: 'replace expects 3 arguments, got 2', column: 9 },
    ]);
  });
  it('looks inside every kind of node', () => {
    const errors = checkExpression('[a, { k: b }, c.d, e[f], g?.h, -i, j + k, l && m, n ? o : p, len(q)]', []);
    expect(errors.map((e) => e.message.slice(0, 17))).toEqual(
      'abcefgijklmnopq'.split('').map((n) => `unknown name '${n}'`),
    );
  });
});
