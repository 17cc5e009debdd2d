import { describe, expect, it } from 'vitest';
import type { Json } from './ast';
import { evaluateExpression } from './evaluate';
import type { Evaluated } from './evaluate';
import { parseExpression } from './parse';
import { truthy } from './values';

const msg: Json = {
  price: 10,
  qty: 3,
  name: 'Ada',
  ok: true,
  none: null,
  zero: 0,
  empty: '',
  items: [10, 20, { id: 'x' }],
  nested: { deep: { value: 42 } },
  'odd key': 'yes',
};

function run(text: string, env: Record<string, Json> = { msg }): Evaluated {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at column ${parsed.error.column}`);
  return evaluateExpression(parsed.expr, env);
}
function value(text: string, env?: Record<string, Json>): Json {
  const r = run(text, env);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
function error(text: string, env?: Record<string, Json>): string {
  const r = run(text, env);
  if (r.ok) throw new Error(`expected an error from ${text}, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('literals and names', () => {
  it('evaluates every literal form', () => {
    expect(value('42')).toBe(42);
    expect(value('1.5e2')).toBe(150);
    expect(value('"a\\tb"')).toBe('a\tb');
    expect(value('true')).toBe(true);
    expect(value('null')).toBe(null);
    expect(value('[1, "a", [null]]')).toEqual([1, 'a', [null]]);
    expect(value('{ a: 1, "b c": msg.qty, price: 2 }')).toEqual({ a: 1, 'b c': 3, price: 2 });
  });
  it('binds shorthand keys to names and lets a later key win', () => {
    expect(value('{ msg }', { msg: 7 })).toEqual({ msg: 7 });
    expect(value('{ a: 1, a: 2 }')).toEqual({ a: 2 });
  });
  it('reads bound names and reports unknown ones with their column', () => {
    expect(value('index', { index: 3 })).toBe(3);
    expect(error('msg.qty + count')).toBe("unknown name 'count' at column 11");
  });
});

describe('member access', () => {
  it('reads keys and indexes, giving null for what is missing', () => {
    expect(value('msg.nested.deep.value')).toBe(42);
    expect(value('msg["odd key"]')).toBe('yes');
    expect(value('msg.items[1]')).toBe(20);
    expect(value('msg.items[2].id')).toBe('x');
    expect(value('msg.missing')).toBe(null);
    expect(value('msg.items[3]')).toBe(null);
    expect(value('msg.items[-1]')).toBe(null);
    expect(value('msg.items[msg.qty - 2]')).toBe(20);
  });
  it('refuses access on null without ?. and names the key and column', () => {
    expect(error('msg.none.b')).toBe("cannot read 'b' of null (use '?.' to get null instead) at column 9");
    expect(error('msg.missing.b')).toBe("cannot read 'b' of null (use '?.' to get null instead) at column 12");
    expect(error('msg.none[0]')).toBe("cannot read [0] of null (use '?.[' to get null instead) at column 9");
  });
  it('gives null for the whole chain once ?. meets null, as JavaScript does', () => {
    expect(value('msg.none?.b')).toBe(null);
    expect(value('msg.none?.b.c.d')).toBe(null);
    expect(value('msg.none?.[0][1]')).toBe(null);
    expect(value('msg?.nested?.deep.value')).toBe(42);
    expect(error('(msg.none?.b).c')).toBe("cannot read 'c' of null (use '?.' to get null instead) at column 14");
  });
  it('does not evaluate the index of a skipped ?.[', () => {
    expect(value('msg.none?.[1 / 0]')).toBe(null);
  });
  it('checks index types and explains .length', () => {
    expect(error('msg.items["0"]')).toBe('array index must be an integer, got string at column 10');
    expect(error('msg.items[0.5]')).toBe('array index must be an integer, got number at column 10');
    expect(error('msg[1]')).toBe('object key must be a string, got number (convert with str(x)) at column 4');
    expect(error('msg.items.length')).toBe("'.length' is not supported on an array: use len(x) at column 10");
    expect(error('msg.name.length')).toBe("'.length' is not supported on a string: use len(x) at column 9");
    expect(error('msg.items.first')).toBe("cannot read 'first' of an array (use [index]) at column 10");
    expect(error('msg.price.x')).toBe("cannot read 'x' of a number at column 10");
    expect(error('msg.name[0]')).toBe('cannot index a string (use slice(s, i, i + 1)) at column 9');
    expect(error('msg.ok["x"]')).toBe('cannot read ["x"] of a boolean at column 7');
  });
  it('reads a key named length on an object', () => {
    expect(value('{ length: 5 }.length')).toBe(5);
  });
});

describe('arithmetic', () => {
  it('computes + - * / % on numbers', () => {
    expect(value('msg.price * 1.2')).toBe(12);
    expect(value('msg.price + msg.qty')).toBe(13);
    expect(value('msg.price - msg.qty')).toBe(7);
    expect(value('msg.price / 4')).toBe(2.5);
    expect(value('msg.price % 4')).toBe(2);
    expect(value('-7 % 3')).toBe(-1);
    expect(value('2 + 3 * 4 - 6 / 2')).toBe(11);
    expect(value('(2 + 3) * 4')).toBe(20);
  });
  it('applies unary minus, plus and not', () => {
    expect(value('-msg.price')).toBe(-10);
    expect(value('+msg.price')).toBe(10);
    expect(value('- -3')).toBe(3);
    expect(value('!msg.ok')).toBe(false);
    expect(value('!!msg.name')).toBe(true);
    expect(error('-msg.name')).toBe("unary '-' needs a number, got string (convert with num(x)) at column 1");
    expect(error('+msg.ok')).toBe("unary '+' needs a number, got boolean at column 1");
  });
  it('concatenates when either side of + is a string, other side by the str rule', () => {
    expect(value('"n=" + msg.qty')).toBe('n=3');
    expect(value('msg.qty + "!"')).toBe('3!');
    expect(value('"v:" + null + true')).toBe('v:nulltrue');
    expect(value('"list " + [1, "a"]')).toBe('list [1,"a"]');
    expect(value('"o " + { a: 1 }')).toBe('o {"a":1}');
    expect(value('1 + 2 + "x"')).toBe('3x');
  });
  it('refuses arithmetic on other types, naming both', () => {
    expect(error('msg.ok + 1')).toBe("'+' needs numbers or a string, got boolean and number at column 8");
    expect(error('msg.items * 2')).toBe("'*' needs numbers, got array and number at column 11");
    expect(error('"3" - 1')).toBe("'-' needs numbers, got string and number at column 5");
    expect(error('null / 1')).toBe("'/' needs numbers, got null and number at column 6");
  });
  it('reports division by zero and non-finite results at the operator', () => {
    expect(error('msg.price / msg.zero')).toBe('division by zero at column 11');
    expect(error('msg.price % 0')).toBe('division by zero at column 11');
    expect(error('0 / 0')).toBe('division by zero at column 3');
    expect(error('1e308 * 10')).toBe("result of '*' is not a finite number at column 7");
    expect(error('1e308 + 1e308')).toBe("result of '+' is not a finite number at column 7");
  });
});

describe('comparison and equality', () => {
  it('compares numbers with numbers and strings with strings', () => {
    expect(value('msg.price > 5')).toBe(true);
    expect(value('msg.price >= 10')).toBe(true);
    expect(value('msg.price < 10')).toBe(false);
    expect(value('msg.price <= 9')).toBe(false);
    expect(value('"apple" < "banana"')).toBe(true);
    expect(value('"B" < "a"')).toBe(true);
  });
  it('refuses mixed comparisons, naming both types', () => {
    expect(error('msg.price < "10"')).toBe("cannot compare number with string ('<') at column 11");
    expect(error('null >= 0')).toBe("cannot compare null with number ('>=') at column 6");
  });
  it('compares JSON structurally with all four equality operators, without coercion', () => {
    expect(value('msg.name == "Ada"')).toBe(true);
    expect(value('msg.name === "Ada"')).toBe(true);
    expect(value('msg.qty != 3')).toBe(false);
    expect(value('msg.qty !== "3"')).toBe(true);
    expect(value('1 == "1"')).toBe(false);
    expect(value('0 == false')).toBe(false);
    expect(value('null == msg.missing')).toBe(true);
    expect(value('[1, [2, { a: null }]] == [1, [2, { a: null }]]')).toBe(true);
    expect(value('{ a: 1, b: 2 } === { b: 2, a: 1 }')).toBe(true);
    expect(value('{ a: 1 } == { a: 1, b: null }')).toBe(false);
    expect(value('[1, 2] == [2, 1]')).toBe(false);
    expect(value('msg.items[2] == { id: "x" }')).toBe(true);
    expect(value('0 == -0')).toBe(true);
  });
});

describe('logic', () => {
  it('returns an operand from && and ||, as JavaScript does', () => {
    expect(value('msg.name && msg.qty')).toBe(3);
    expect(value('msg.empty && msg.qty')).toBe('');
    expect(value('msg.zero || "default"')).toBe('default');
    expect(value('msg.name || "default"')).toBe('Ada');
    expect(value('msg.none || msg.zero')).toBe(0);
  });
  it('short-circuits: the other side is not evaluated', () => {
    expect(value('false && 1 / 0')).toBe(false);
    expect(value('true || 1 / 0')).toBe(true);
    expect(value('1 ?? 1 / 0')).toBe(1);
    expect(value('true ? 1 : 1 / 0')).toBe(1);
    expect(value('false ? 1 / 0 : 2')).toBe(2);
  });
  it('replaces only null with ??', () => {
    expect(value('msg.none ?? 5')).toBe(5);
    expect(value('msg.missing ?? "x"')).toBe('x');
    expect(value('msg.zero ?? 5')).toBe(0);
    expect(value('msg.empty ?? 5')).toBe('');
  });
  it('chooses a ternary branch by truthiness', () => {
    expect(value('msg.qty > 2 ? "many" : "few"')).toBe('many');
    expect(value('msg.items ? 1 : 0')).toBe(1);
    expect(value('[] ? 1 : 0')).toBe(1);
    expect(value('{} ? 1 : 0')).toBe(1);
    expect(value('msg.empty ? 1 : 0')).toBe(0);
  });
  it('has JavaScript truthiness', () => {
    for (const falsy of [false, 0, -0, NaN, '', null]) expect(truthy(falsy)).toBe(false);
    const truthyValues: Json[] = [true, 1, -1, 'a', ' ', [], {}, [0], { a: null }];
    for (const yes of truthyValues) expect(truthy(yes)).toBe(true);
  });
});

describe('calls', () => {
  it('calls built-ins and reports unknown functions and wrong counts at the name', () => {
    expect(value('upper(msg.name) + len(msg.items)')).toBe('ADA3');
    expect(error('msg.qty + shout(msg.name)')).toBe("unknown function 'shout' at column 11");
    expect(error('len(1, 2)')).toBe('len expects 1 argument, got 2 at column 1');
    expect(error('  round()')).toBe('round expects 1 to 2 arguments, got 0 at column 3');
    expect(error('max()')).toBe('max expects at least 1 argument, got 0 at column 1');
    expect(error('upper(msg.qty)')).toBe('upper: expected a string, got number at column 1');
  });
});

describe('examples from the map and filter nodes', () => {
  it('map', () => {
    expect(value('{ id: msg.name, total: msg.price * msg.qty }')).toEqual({ id: 'Ada', total: 30 });
    expect(value('msg.name == "error" ? 1 : 0')).toBe(0);
  });
  it('filter', () => {
    expect(truthy(value('len(msg.items) > 0 && msg.ok'))).toBe(true);
    expect(truthy(value('msg.none?.flag ?? false'))).toBe(false);
  });
});
