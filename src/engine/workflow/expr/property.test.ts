/**
 * Property: on the JavaScript subset the language shares (numbers, booleans,
 * arithmetic, comparison, equality, logic, ?:, ??), an expression gives what
 * JavaScript gives. Trees are generated well-typed (numbers where numbers
 * belong) so JavaScript never coerces; they are printed with the fewest
 * parentheses JavaScript's precedence allows, plus some redundant ones, so
 * the parser's precedence is tested too. JavaScript (`new Function`, in this
 * test only) is the oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from './ast';
import { checkExpression } from './check';
import { evaluateExpression } from './evaluate';
import { parseExpression } from './parse';

type Op = '+' | '-' | '*' | '/' | '%' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '===' | '!==' | '&&' | '||' | '??';
type Tree =
  | { t: 'lit'; v: number | boolean | null }
  | { t: 'var'; name: string }
  | { t: 'un'; op: '-' | '+' | '!'; x: Tree; parens: boolean }
  | { t: 'bin'; op: Op; l: Tree; r: Tree; parens: boolean }
  | { t: 'cond'; c: Tree; a: Tree; b: Tree; parens: boolean };

const NUMBER_VARS = ['a', 'b', 'c'];
const BOOLEAN_VARS = ['p', 'q'];

/** Trees of each type; `depth` bounds the size. */
function trees(depth: number): { num: fc.Arbitrary<Tree>; bool: fc.Arbitrary<Tree> } {
  const numLeaf = fc.oneof(
    fc.integer({ min: 0, max: 9 }).map((v): Tree => ({ t: 'lit', v })),
    fc.constantFrom(...NUMBER_VARS).map((name): Tree => ({ t: 'var', name })),
  );
  const boolLeaf = fc.oneof(
    fc.boolean().map((v): Tree => ({ t: 'lit', v })),
    fc.constantFrom(...BOOLEAN_VARS).map((name): Tree => ({ t: 'var', name })),
  );
  if (depth === 0) return { num: numLeaf, bool: boolLeaf };
  const sub = trees(depth - 1);
  const parens = fc.boolean();
  const anyTyped = fc.oneof(sub.num, sub.bool);
  const num: fc.Arbitrary<Tree> = fc.oneof(
    { arbitrary: numLeaf, weight: 2 },
    fc
      .tuple(fc.constantFrom('-' as const, '+' as const), sub.num, parens)
      .map(([op, x, p]): Tree => ({ t: 'un', op, x, parens: p })),
    fc
      .tuple(fc.constantFrom<Op>('+', '-', '*', '/', '%', '&&', '||', '??'), sub.num, sub.num, parens)
      .map(([op, l, r, p]): Tree => ({ t: 'bin', op, l, r, parens: p })),
    fc.tuple(sub.num, parens).map(([r, p]): Tree => ({ t: 'bin', op: '??', l: { t: 'lit', v: null }, r, parens: p })),
    fc.tuple(anyTyped, sub.num, sub.num, parens).map(([c, a, b, p]): Tree => ({ t: 'cond', c, a, b, parens: p })),
  );
  const bool: fc.Arbitrary<Tree> = fc.oneof(
    { arbitrary: boolLeaf, weight: 2 },
    fc.tuple(anyTyped, parens).map(([x, p]): Tree => ({ t: 'un', op: '!', x, parens: p })),
    fc
      .tuple(fc.constantFrom<Op>('<', '<=', '>', '>=', '==', '!=', '===', '!=='), sub.num, sub.num, parens)
      .map(([op, l, r, p]): Tree => ({ t: 'bin', op, l, r, parens: p })),
    fc
      .tuple(fc.constantFrom<Op>('==', '!=', '===', '!==', '&&', '||'), sub.bool, sub.bool, parens)
      .map(([op, l, r, p]): Tree => ({ t: 'bin', op, l, r, parens: p })),
    fc.tuple(anyTyped, sub.bool, sub.bool, parens).map(([c, a, b, p]): Tree => ({ t: 'cond', c, a, b, parens: p })),
  );
  return { num, bool };
}

// JavaScript's precedence (higher binds tighter).
const PRECEDENCE: Record<Op, number> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '==': 6,
  '!=': 6,
  '===': 6,
  '!==': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};
const COND = 0;
const UNARY = 12;
const precedenceOf = (t: Tree): number =>
  t.t === 'bin' ? PRECEDENCE[t.op] : t.t === 'cond' ? COND : t.t === 'un' ? UNARY : 99;

/** The fewest parentheses JavaScript needs (plus the tree's redundant ones); `??` never sits unparenthesised next to && or ||. */
function print(t: Tree): string {
  const text = printBare(t);
  return t.t !== 'lit' && t.t !== 'var' && t.parens ? `(${text})` : text;
}
function printBare(t: Tree): string {
  const wrap = (child: Tree, needs: boolean): string =>
    needs && !(child.t !== 'lit' && child.t !== 'var' && child.parens) ? `(${print(child)})` : print(child);
  switch (t.t) {
    case 'lit':
      return String(t.v);
    case 'var':
      return t.name;
    case 'un': {
      const operand = wrap(t.x, precedenceOf(t.x) < UNARY);
      return `${t.op}${/^[-+]/.test(operand) ? ' ' : ''}${operand}`;
    }
    case 'bin': {
      const p = PRECEDENCE[t.op];
      const mixesCoalesce = (child: Tree): boolean =>
        child.t === 'bin' &&
        (t.op === '??') !== (child.op === '??') &&
        [t.op, child.op].every((o) => o === '??' || o === '&&' || o === '||');
      const left = wrap(t.l, precedenceOf(t.l) < p || mixesCoalesce(t.l));
      const right = wrap(t.r, precedenceOf(t.r) <= p || mixesCoalesce(t.r));
      return `${left} ${t.op} ${right}`;
    }
    case 'cond':
      return `${wrap(t.c, precedenceOf(t.c) <= COND)} ? ${print(t.a)} : ${print(t.b)}`;
  }
}

/** Every subtree, fully parenthesised, to ask JavaScript which intermediate values are not finite. */
function subtrees(t: Tree): Tree[] {
  switch (t.t) {
    case 'lit':
    case 'var':
      return [t];
    case 'un':
      return [t, ...subtrees(t.x)];
    case 'bin':
      return [t, ...subtrees(t.l), ...subtrees(t.r)];
    case 'cond':
      return [t, ...subtrees(t.c), ...subtrees(t.a), ...subtrees(t.b)];
  }
}

const NAMES = [...NUMBER_VARS, ...BOOLEAN_VARS];
function javascript(text: string, env: Record<string, Json>): unknown {
  // The oracle: JavaScript itself, on the same text. Test code only.
  const f = new Function(...NAMES, `"use strict"; return (${text});`) as (...args: unknown[]) => unknown;
  return f(...NAMES.map((n) => env[n]));
}
const notFinite = (v: unknown): boolean => typeof v === 'number' && !Number.isFinite(v);

const env = fc.record({
  a: fc.integer({ min: -5, max: 5 }),
  b: fc.integer({ min: -5, max: 5 }),
  c: fc.integer({ min: -5, max: 5 }),
  p: fc.boolean(),
  q: fc.boolean(),
});

describe('agreement with JavaScript', () => {
  const { num, bool } = trees(4);
  it('gives the value JavaScript gives, or an arithmetic error exactly where JavaScript leaves the finite numbers', () => {
    fc.assert(
      fc.property(fc.oneof(num, bool), env, (tree, bound) => {
        const text = print(tree);
        const expected = javascript(text, bound);
        fc.pre(!notFinite(expected));
        const parsed = parseExpression(text);
        if (!parsed.ok) throw new Error(`did not parse ${text}: ${parsed.error.message} at ${parsed.error.column}`);
        const got = evaluateExpression(parsed.expr, bound);
        if (got.ok) {
          expect(
            Object.is(got.value, expected),
            `${text} gave ${String(got.value)}, JavaScript ${String(expected)}`,
          ).toBe(true);
          return;
        }
        // JavaScript carries NaN/Infinity through and may drop it later (NaN < 1 is false); the language stops there.
        expect(got.error).toMatch(/^(division by zero|result of '.' is not a finite number) at column \d+$/);
        expect(
          subtrees(tree).some((s) => notFinite(javascript(print({ ...s, parens: true } as Tree), bound))),
          text,
        ).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
  it('prints trees that need no parentheses without them (the printer really tests precedence)', () => {
    const leaf = (name: string): Tree => ({ t: 'var', name });
    const sum: Tree = {
      t: 'bin',
      op: '+',
      l: leaf('a'),
      r: { t: 'bin', op: '*', l: leaf('b'), r: leaf('c'), parens: false },
      parens: false,
    };
    expect(print(sum)).toBe('a + b * c');
    const cond: Tree = {
      t: 'cond',
      c: leaf('p'),
      a: sum,
      b: { t: 'cond', c: leaf('q'), a: leaf('a'), b: leaf('b'), parens: false },
      parens: false,
    };
    expect(print(cond)).toBe('p ? a + b * c : q ? a : b');
    expect(
      print({
        t: 'bin',
        op: '-',
        l: leaf('a'),
        r: { t: 'bin', op: '-', l: leaf('b'), r: leaf('c'), parens: false },
        parens: false,
      }),
    ).toBe('a - (b - c)');
  });
});

/** Plain JSON all the way down: finite numbers, no undefined, arrays and plain objects only. */
function isJson(v: unknown): boolean {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every(isJson);
}

describe('robustness on arbitrary input', () => {
  const TOKENS = [
    'msg',
    '.',
    '?.',
    '[',
    ']',
    '(',
    ')',
    '{',
    '}',
    ',',
    ':',
    '?',
    '??',
    '&&',
    '||',
    '!',
    '-',
    '+',
    '*',
    '/',
    '%',
    '<',
    '==',
    '!==',
    '0',
    '1.5',
    '"s"',
    "'\\n'",
    'null',
    'true',
    'len',
    'upper',
    'merge',
    'json',
    'x',
    '__proto__',
    'constructor',
    '=',
    '#',
    '"',
    ' ',
    '\n',
  ];
  const message: Json = { a: 1, s: 'text', list: [1, 'two', null], o: { __proto__x: 1 }, n: null };
  it('parses, checks and evaluates any token soup without throwing, errors inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const parsed = parseExpression(text);
        const errors = checkExpression(text, ['msg']);
        for (const e of parsed.ok ? errors : [parsed.error, ...errors]) {
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeLessThanOrEqual(text.length + 1);
        }
        if (!parsed.ok) return;
        const r = evaluateExpression(parsed.expr, { msg: message });
        if (r.ok) expect(isJson(r.value), JSON.stringify(r.value)).toBe(true);
        else expect(r.error).toMatch(/ at column \d+$/);
      }),
      { numRuns: 3000 },
    );
  });
});
