/**
 * What an untrusted expression or message must never do: reach a prototype
 * or a global, change anything it reads, overflow the stack, or build an
 * unbounded value.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from './ast';
import { EXPR_LIMITS } from './ast';
import { checkExpression } from './check';
import { evaluateExpression } from './evaluate';
import type { Evaluated } from './evaluate';
import { parseExpression } from './parse';

function run(text: string, env: Record<string, Json>): Evaluated {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at column ${parsed.error.column}`);
  return evaluateExpression(parsed.expr, env);
}

describe('prototypes and globals', () => {
  const msg: Json = { a: 1 };
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'])(
    'treats %s as a missing key',
    (key) => {
      expect(run(`msg.${key}`, { msg })).toEqual({ ok: true, value: null });
      expect(run(`msg["${key}"]`, { msg })).toEqual({ ok: true, value: null });
      expect(run(`msg.${key}?.constructor`, { msg })).toEqual({ ok: true, value: null });
      expect(run(`has(msg, "${key}")`, { msg })).toEqual({ ok: true, value: false });
    },
  );
  it('does not reach array or string prototypes either', () => {
    expect(run('msg.list.constructor', { msg: { list: [] } })).toEqual({
      ok: false,
      error: "cannot read 'constructor' of an array (use [index]) at column 9",
    });
    expect(run('msg.s.constructor', { msg: { s: 'x' } })).toEqual({
      ok: false,
      error: "cannot read 'constructor' of a string at column 6",
    });
  });
  it('reads an own __proto__ key of the data as ordinary data', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}}') as Json;
    expect(run('msg.__proto__.polluted', { msg: data })).toEqual({ ok: true, value: true });
    expect(run('msg.polluted', { msg: data })).toEqual({ ok: true, value: null });
  });
  it('builds objects whose __proto__ key is plain data, never a prototype', () => {
    for (const text of [
      '{ "__proto__": { polluted: true } }',
      'merge({}, json("{\\"__proto__\\": {\\"polluted\\": true}}"))',
      '{ __proto__: msg }',
    ]) {
      const r = run(text, { msg: { polluted: true } });
      if (!r.ok) throw new Error(r.error);
      const made = r.value as Record<string, unknown>;
      expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
      expect(Object.keys(made)).toEqual(['__proto__']);
      expect(JSON.stringify(made)).toBe('{"__proto__":{"polluted":true}}');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('knows no globals or built-in objects, only the bound names and the functions', () => {
    for (const name of ['globalThis', 'window', 'process', 'require', 'eval', 'Function', 'constructor', 'this']) {
      expect(checkExpression(`${name}`, ['msg'])[0]?.message).toMatch(new RegExp(`^unknown name '${name}'`));
      expect(run(name, { msg: 1 })).toEqual({ ok: false, error: `unknown name '${name}' at column 1` });
    }
    expect(run('toString', {})).toEqual({ ok: false, error: "unknown name 'toString' at column 1" });
    expect(run('constructor(1)', {})).toEqual({ ok: false, error: "unknown function 'constructor' at column 1" });
    expect(run('__proto__(1)', {})).toEqual({ ok: false, error: "unknown function '__proto__' at column 1" });
  });
  it('never changes the values it reads', () => {
    const msg = { a: { b: [1, 2] }, c: 'x' };
    const before = JSON.stringify(msg);
    run('[merge(msg, { c: 1 }), { msg }, slice(msg.a.b, 0), values(msg), keys(msg)]', { msg });
    expect(JSON.stringify(msg)).toBe(before);
  });
});

describe('nesting', () => {
  it('answers deep input with an error, never a stack overflow', () => {
    const depths = [
      '('.repeat(10_000) + '1' + ')'.repeat(10_000),
      '('.repeat(4000),
      '[['.repeat(2000),
      '-'.repeat(1) + ' -'.repeat(2000) + '1',
    ];
    for (const text of depths) {
      const parsed = parseExpression(text);
      expect(parsed.ok).toBe(false);
      expect(checkExpression(text, ['msg'])).toHaveLength(1);
    }
  });
  it('evaluates the longest flat chains the length limit allows', () => {
    const sum = Array.from({ length: 2048 }, () => '1').join('+');
    expect(run(sum, {})).toEqual({ ok: true, value: 2048 });
    const chain = 'msg' + '.a'.repeat(2000);
    expect(chain.length).toBeLessThanOrEqual(EXPR_LIMITS.maxLength);
    expect(run(chain, { msg: {} })).toEqual({
      ok: false,
      error: "cannot read 'a' of null (use '?.' to get null instead) at column 6",
    });
  });
  it('reports, rather than throws, when a bound value is nested deeper than the stack', () => {
    const nest = (): Json => {
      let deep: Json = 0;
      for (let i = 0; i < 200_000; i++) deep = [deep];
      return deep;
    };
    const r = run('msg == other', { msg: nest(), other: nest() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^a value is too deeply nested or too large to evaluate \(.*\) at column 5$/);
  });
});

describe('value size', () => {
  const big = 'x'.repeat(600_000);
  it(`refuses to build values over ${EXPR_LIMITS.maxValueSize} characters of JSON`, () => {
    expect(run('msg + msg', { msg: big })).toEqual({ ok: false, error: 'value is larger than 1 MB at column 5' });
    expect(run('[msg, msg]', { msg: big })).toEqual({ ok: false, error: 'value is larger than 1 MB at column 1' });
    expect(run('{ a: msg, b: msg }', { msg: big })).toEqual({
      ok: false,
      error: 'value is larger than 1 MB at column 1',
    });
    expect(run('join(msg, "")', { msg: [big, big] })).toEqual({
      ok: false,
      error: 'join: value is larger than 1 MB at column 1',
    });
    expect(run('replace(msg, "x", "yy")', { msg: big })).toEqual({
      ok: false,
      error: 'replace: value is larger than 1 MB at column 1',
    });
    expect(run('merge({ a: msg }, { b: msg })', { msg: big })).toEqual({
      ok: false,
      error: 'merge: value is larger than 1 MB at column 1',
    });
    expect(run('split(msg, "")', { msg: big })).toEqual({
      ok: false,
      error: 'split: value is larger than 1 MB at column 1',
    });
    expect(run('str(msg)', { msg: [big, big] })).toEqual({
      ok: false,
      error: 'str: value is larger than 1 MB at column 1',
    });
  });
  it('allows values just under the limit and passes large inputs through untouched', () => {
    const r = run('msg + msg', { msg: 'x'.repeat(EXPR_LIMITS.maxValueSize / 2 - 1) });
    expect(r.ok && typeof r.value === 'string' && r.value.length).toBe(EXPR_LIMITS.maxValueSize - 2);
    const huge = 'z'.repeat(2 * EXPR_LIMITS.maxValueSize);
    expect(run('msg', { msg: huge })).toEqual({ ok: true, value: huge });
    expect(run('len(msg)', { msg: huge })).toEqual({ ok: true, value: huge.length });
  });
  it('measures values afresh on every evaluation (a caller may change a message between runs)', () => {
    const parsed = parseExpression('[msg, msg]');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const msg: { text: Json } = { text: 'small' };
    expect(evaluateExpression(parsed.expr, { msg }).ok).toBe(true);
    msg.text = big;
    expect(evaluateExpression(parsed.expr, { msg })).toEqual({
      ok: false,
      error: 'value is larger than 1 MB at column 1',
    });
  });
  it('stops join and replace before allocating an oversized string', () => {
    const list = Array.from({ length: 1000 }, () => 'w'.repeat(2000));
    expect(run('join(msg, msg[0])', { msg: list })).toEqual({
      ok: false,
      error: 'join: value is larger than 1 MB at column 1',
    });
  });
});
