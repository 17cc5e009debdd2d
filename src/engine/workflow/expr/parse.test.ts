import { describe, expect, it } from 'vitest';
import type { Expr } from './ast';
import { EXPR_LIMITS } from './ast';
import { parseExpression } from './parse';

/** The tree as fully parenthesised text, to see what binds to what. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'name':
      return e.name;
    case 'array':
      return `[${e.items.map(shape).join(', ')}]`;
    case 'object':
      return `{${e.entries.map((x) => `${x.key}: ${shape(x.value)}`).join(', ')}}`;
    case 'member':
      return `${shape(e.object)}${e.optional ? '?.' : '.'}${e.property}`;
    case 'index':
      return `${shape(e.object)}${e.optional ? '?.' : ''}[${shape(e.index)}]`;
    case 'chain':
      return `chain(${shape(e.expr)})`;
    case 'call':
      return `${e.name}(${e.args.map(shape).join(', ')})`;
    case 'unary':
      return `(${e.op}${shape(e.operand)})`;
    case 'binary':
    case 'logical':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'conditional':
      return `(${shape(e.test)} ? ${shape(e.then)} : ${shape(e.otherwise)})`;
  }
}
function tree(text: string): string {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(`${parsed.error.message} at column ${parsed.error.column}`);
  return shape(parsed.expr);
}
function parseError(text: string): { message: string; column: number } {
  const parsed = parseExpression(text);
  if (parsed.ok) throw new Error(`expected a parse error, got ${shape(parsed.expr)}`);
  return parsed.error;
}

describe('precedence and associativity (as in JavaScript)', () => {
  it('orders the binary levels', () => {
    expect(tree('a || b && c == d < e + f * g')).toBe('(a || (b && (c == (d < (e + (f * g))))))');
    expect(tree('a * b + c < d == e && f || g')).toBe('((((((a * b) + c) < d) == e) && f) || g)');
  });
  it('is left-associative within a level and right-associative for ?:', () => {
    expect(tree('a - b - c')).toBe('((a - b) - c)');
    expect(tree('a / b % c * d')).toBe('(((a / b) % c) * d)');
    expect(tree('a ? b : c ? d : e')).toBe('(a ? b : (c ? d : e))');
    expect(tree('a ? b ? c : d : e')).toBe('(a ? (b ? c : d) : e)');
  });
  it('binds unary operators tighter than binary ones and member access tighter still', () => {
    expect(tree('-a * b')).toBe('((-a) * b)');
    expect(tree('!a.b && - -c')).toBe('((!a.b) && (-(-c)))');
    expect(tree('-a.b[0]')).toBe('(-a.b[0])');
  });
  it('puts ?? below || and refuses to mix them without parentheses', () => {
    expect(tree('a ?? b ?? c')).toBe('((a ?? b) ?? c)');
    expect(tree('(a || b) ?? c')).toBe('((a || b) ?? c)');
    expect(tree('a ?? (b && c)')).toBe('(a ?? (b && c))');
    expect(tree('a ?? b == c')).toBe('(a ?? (b == c))');
    expect(parseError('a || b ?? c')).toEqual({
      message: "'??' cannot be mixed with '&&' or '||' without parentheses",
      column: 8,
    });
    expect(parseError('a ?? b && c').column).toBe(8);
  });
  it('parses the ternary branches as full expressions', () => {
    expect(tree('a ? b || c : d ?? e')).toBe('(a ? (b || c) : (d ?? e))');
  });
});

describe('literals, access and calls', () => {
  it('reads arrays and objects, with trailing commas, quoted and numeric keys and shorthand', () => {
    expect(tree('[1, "x", true, null, [],]')).toBe('[1, "x", true, null, []]');
    expect(tree('{ a: 1, "b c": 2, c, 1.50: 3, }')).toBe('{a: 1, b c: 2, c: c, 1.5: 3}');
    expect(tree('{}')).toBe('{}');
  });
  it('builds access chains and marks the ones with ?.', () => {
    expect(tree('a.b[c].d')).toBe('a.b[c].d');
    expect(tree('a?.b.c')).toBe('chain(a?.b.c)');
    expect(tree('a?.[0]?.b')).toBe('chain(a?.[0]?.b)');
    expect(tree('(a?.b).c')).toBe('chain(a?.b).c');
    expect(tree('a.true.null')).toBe('a.true.null');
  });
  it('reads calls by name with any number of arguments', () => {
    expect(tree('len(x)')).toBe('len(x)');
    expect(tree('max(1, 2, a + b,)')).toBe('max(1, 2, (a + b))');
    expect(tree('f()')).toBe('f()');
  });
  it('keeps the column of the operator or name that errors will blame', () => {
    const parsed = parseExpression('x  +  y.z');
    expect(parsed.ok && parsed.expr.kind === 'binary' && [parsed.expr.column, parsed.expr.right.column]).toEqual([
      4, 8,
    ]);
  });
});

describe('syntax errors, each with its column', () => {
  it('reports empty, unfinished and trailing input', () => {
    expect(parseError('')).toEqual({ message: 'expression is empty', column: 1 });
    expect(parseError('   ')).toEqual({ message: 'expression is empty', column: 1 });
    expect(parseError('1 +')).toEqual({ message: 'unexpected end of expression', column: 4 });
    expect(parseError('(1 + 2')).toEqual({ message: "expected ')' to close '(', found end of expression", column: 7 });
    expect(parseError('1 2')).toEqual({ message: 'unexpected number 2', column: 3 });
    expect(parseError('a ? b')).toEqual({
      message: "expected ':' after the 'then' branch of '?', found end of expression",
      column: 6,
    });
    expect(parseError('a.1')).toEqual({ message: 'unexpected number .1', column: 2 });
    expect(parseError('a. + b')).toEqual({ message: "expected a property name after '.', found '+'", column: 4 });
    expect(parseError('[1,,2]')).toEqual({ message: 'empty element in an array (remove the extra comma)', column: 4 });
    expect(parseError('{ [k]: 1 }')).toEqual({ message: 'computed keys ([...]: v) are not supported', column: 3 });
    expect(parseError('{ "a" }')).toEqual({ message: 'expected \':\' after the key "a"', column: 7 });
    expect(parseError('{ true }').column).toBe(8);
  });
  it('refuses method calls and suggests the built-in function', () => {
    expect(parseError('msg.name.toUpperCase()')).toEqual({
      message: 'methods are not supported (.toUpperCase): write upper(msg.name) instead',
      column: 9,
    });
    expect(parseError('msg.tags.includes("x")').message).toBe(
      'methods are not supported (.includes): write contains(msg.tags, "x") instead',
    );
    expect(parseError('msg.a.frobnicate(1)').message).toBe(
      'methods are not supported (.frobnicate): call a built-in function instead, e.g. f(msg.a, 1)',
    );
    expect(parseError('Object.keys(msg)')).toEqual({
      message: 'Object.keys is not available: write keys(msg)',
      column: 1,
    });
    expect(parseError('Math.max(a, b)').message).toBe('Math.max is not available: write max(a, b)');
    expect(parseError('JSON.parse(s)').message).toBe('JSON.parse is not available: write json(s)');
    expect(parseError('f(1)(2)')).toEqual({ message: 'only built-in functions can be called, by name', column: 5 });
    expect(parseError('a?.(1)').message).toBe('only built-in functions can be called, by name');
  });
  it('explains JavaScript words the language does not have', () => {
    expect(parseError('typeof x')).toEqual({ message: "'typeof' is not supported (use type(x))", column: 1 });
    expect(parseError('"a" in msg')).toEqual({ message: "'in' is not supported (use has(obj, key))", column: 5 });
    expect(parseError('new Date()').message).toBe("'new' is not supported");
  });
});

describe('limits', () => {
  it(`refuses text longer than ${EXPR_LIMITS.maxLength} characters`, () => {
    expect(tree('1' + ' '.repeat(EXPR_LIMITS.maxLength - 1))).toBe('1');
    expect(parseError('1' + ' '.repeat(EXPR_LIMITS.maxLength))).toEqual({
      message: 'expression is longer than 4096 characters',
      column: 4097,
    });
  });
  it(`allows ${EXPR_LIMITS.maxDepth} levels of nesting and names the bracket that goes one deeper`, () => {
    const depth = EXPR_LIMITS.maxDepth;
    expect(tree('('.repeat(depth) + '1' + ')'.repeat(depth))).toBe('1');
    expect(parseError('('.repeat(depth + 1) + '1' + ')'.repeat(depth + 1))).toEqual({
      message: 'expression is nested too deeply (more than 100 levels)',
      column: depth + 1,
    });
    expect(parseError('['.repeat(2000)).column).toBe(depth + 1);
    expect(parseError('-'.repeat(1) + ' -'.repeat(depth)).column).toBe(2 * depth + 1);
    expect(parseError('a?'.repeat(depth + 1) + '1' + ':1'.repeat(depth + 1)).column).toBe(2 * depth + 2);
  });
  it('answers 10,000 open parentheses with an error, not a stack overflow', () => {
    const error = parseError('('.repeat(10_000));
    expect(error.message).toMatch(/longer than|nested too deeply/);
    expect(parseError('('.repeat(4000)).message).toBe('expression is nested too deeply (more than 100 levels)');
  });
  it('parses long flat chains (no nesting) up to the length limit', () => {
    const sum = Array.from({ length: 2000 }, () => '1').join('+');
    expect(sum.length).toBeLessThanOrEqual(EXPR_LIMITS.maxLength);
    expect(parseExpression(sum).ok).toBe(true);
  });
});
