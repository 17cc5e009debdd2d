/**
 * The built-in functions, the only things an expression can call. Each checks
 * its argument types and says what it expected; the evaluator adds the
 * function name and column, checks the argument count beforehand and the
 * result (finite number, size limit) afterwards. Nothing here depends on time,
 * randomness or the host: the same arguments always give the same result.
 */
import { EXPR_LIMITS } from './ast';
import type { Json } from './ast';
import { deepEqual, getOwn, isObject, setOwn, TOO_LARGE, toStr, typeName } from './values';
import type { JsonObject } from './values';

/** A bad argument; the evaluator turns it into `name: message at column N`. */
export class BuiltinError extends Error {}

export interface Builtin {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** How to call it, for docs and editor completion. */
  readonly signature: string;
  readonly summary: string;
  readonly run: (args: readonly Json[]) => Json;
}

// ── argument readers: `n` is the 0-based position, named 1-based in messages ──

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
function arg(args: readonly Json[], n: number): Json {
  return args[n] ?? null;
}
function wrongType(args: readonly Json[], n: number, expected: string): BuiltinError {
  const got = typeName(arg(args, n));
  const which = args.length > 1 ? `${ORDINALS[n] ?? `argument ${n + 1}`} argument: ` : '';
  const hint = got === 'string' && expected.includes('number') ? ' (convert with num(x))' : '';
  return new BuiltinError(`${which}expected ${expected}, got ${got}${hint}`);
}
function str(args: readonly Json[], n: number): string {
  const v = arg(args, n);
  if (typeof v !== 'string') throw wrongType(args, n, 'a string');
  return v;
}
function num(args: readonly Json[], n: number): number {
  const v = arg(args, n);
  if (typeof v !== 'number') throw wrongType(args, n, 'a number');
  return v;
}
function int(args: readonly Json[], n: number): number {
  const v = arg(args, n);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(args, n, 'an integer number');
  return v;
}
function arr(args: readonly Json[], n: number): Json[] {
  const v = arg(args, n);
  if (!Array.isArray(v)) throw wrongType(args, n, 'an array');
  return v;
}
function obj(args: readonly Json[], n: number): JsonObject {
  const v = arg(args, n);
  if (!isObject(v)) throw wrongType(args, n, 'an object');
  return v;
}

/** `min(1, 2, 3)` or `min(list)`: the numbers either way. */
function numbers(args: readonly Json[], fn: string): number[] {
  const only = args[0];
  const list = args.length === 1 && Array.isArray(only) ? only : args;
  if (list.length === 0) throw new BuiltinError(`needs at least one number (${fn}() of nothing has no value)`);
  return list.map((v, i) => {
    if (typeof v !== 'number') throw new BuiltinError(`expected numbers, but item ${i + 1} is ${typeName(v)}`);
    return v;
  });
}

/** Rounds half up (towards +∞, like JavaScript's Math.round) at `digits` decimals, without binary drift (1.005 → 1.01). */
function roundTo(x: number, digits: number): number {
  const shift = (v: number, by: number): number => {
    const [mantissa, exponent = '0'] = String(v).split('e');
    return Number(`${mantissa}e${Number(exponent) + by}`);
  };
  return shift(Math.round(shift(x, digits)), -digits);
}

function ensureFits(length: number): void {
  if (length > EXPR_LIMITS.maxValueSize) throw new BuiltinError(TOO_LARGE);
}

const fn = (
  name: string,
  minArgs: number,
  maxArgs: number,
  signature: string,
  summary: string,
  run: (args: readonly Json[]) => Json,
): Builtin => ({
  name,
  minArgs,
  maxArgs,
  signature,
  summary,
  run,
});

const LIST: readonly Builtin[] = [
  fn('len', 1, 1, 'len(x)', 'length of a string, number of items of an array, number of keys of an object', (a) => {
    const v = arg(a, 0);
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    throw wrongType(a, 0, 'a string, array or object');
  }),
  fn('upper', 1, 1, 'upper(s)', 'the string in upper case', (a) => str(a, 0).toUpperCase()),
  fn('lower', 1, 1, 'lower(s)', 'the string in lower case', (a) => str(a, 0).toLowerCase()),
  fn('trim', 1, 1, 'trim(s)', 'the string without leading and trailing white space', (a) => str(a, 0).trim()),
  fn('str', 1, 1, 'str(x)', 'a string as it is; anything else as JSON text', (a) => toStr(arg(a, 0))),
  fn('num', 1, 1, 'num(x)', 'the number a string, boolean or number stands for', (a) => {
    const v = arg(a, 0);
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v !== 'string') throw wrongType(a, 0, 'a string, boolean or number');
    const n = v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(n)) throw new BuiltinError(`cannot read ${JSON.stringify(v.slice(0, 40))} as a number`);
    return n;
  }),
  fn('int', 1, 1, 'int(x)', 'the number without its fractional part (towards zero)', (a) => Math.trunc(num(a, 0))),
  fn('round', 1, 2, 'round(x, digits?)', 'rounded to `digits` decimals (default 0), halves up', (a) => {
    const digits = a.length > 1 ? int(a, 1) : 0;
    if (digits < -15 || digits > 15) throw new BuiltinError(`digits must be between -15 and 15, got ${digits}`);
    return roundTo(num(a, 0), digits);
  }),
  fn('floor', 1, 1, 'floor(x)', 'the largest integer not above x', (a) => Math.floor(num(a, 0))),
  fn('ceil', 1, 1, 'ceil(x)', 'the smallest integer not below x', (a) => Math.ceil(num(a, 0))),
  fn('abs', 1, 1, 'abs(x)', 'the absolute value', (a) => Math.abs(num(a, 0))),
  fn('min', 1, Infinity, 'min(a, b, …) or min(list)', 'the smallest number', (a) =>
    numbers(a, 'min').reduce((x, y) => Math.min(x, y)),
  ),
  fn('max', 1, Infinity, 'max(a, b, …) or max(list)', 'the largest number', (a) =>
    numbers(a, 'max').reduce((x, y) => Math.max(x, y)),
  ),
  fn('sum', 1, 1, 'sum(list)', 'the sum of an array of numbers (0 for [])', (a) => {
    const list = arr(a, 0);
    return list.length === 0 ? 0 : numbers([list], 'sum').reduce((x, y) => x + y, 0);
  }),
  fn('keys', 1, 1, 'keys(obj)', "the object's keys, in order", (a) => Object.keys(obj(a, 0))),
  fn('values', 1, 1, 'values(obj)', "the object's values, in key order", (a) => Object.values(obj(a, 0))),
  fn('has', 2, 2, 'has(obj, key)', 'whether the object has the key (or the array the index)', (a) => {
    const container = arg(a, 0);
    if (Array.isArray(container)) {
      const i = int(a, 1);
      return i >= 0 && i < container.length;
    }
    if (!isObject(container)) throw wrongType(a, 0, 'an object or an array');
    return Object.hasOwn(container, str(a, 1));
  }),
  fn('contains', 2, 2, 'contains(s, part) or contains(list, x)', 'substring test, or whether an item equals x', (a) => {
    const where = arg(a, 0);
    if (typeof where === 'string') return where.includes(str(a, 1));
    if (Array.isArray(where)) return where.some((item) => deepEqual(item, arg(a, 1)));
    throw wrongType(a, 0, 'a string or an array');
  }),
  fn('join', 1, 2, 'join(list, sep?)', 'the items as strings (str rule), separated by sep (default ",")', (a) => {
    const pieces = arr(a, 0).map(toStr);
    const sep = a.length > 1 ? str(a, 1) : ',';
    ensureFits(pieces.reduce((n, p) => n + p.length, 0) + sep.length * Math.max(0, pieces.length - 1));
    return pieces.join(sep);
  }),
  fn('split', 2, 2, 'split(s, sep)', 'the pieces of s between occurrences of sep ("" splits into characters)', (a) =>
    str(a, 0).split(str(a, 1)),
  ),
  fn(
    'slice',
    2,
    3,
    'slice(x, start, end?)',
    'part of a string or array; negative positions count from the end',
    (a) => {
      const v = arg(a, 0);
      const start = int(a, 1);
      const end = a.length > 2 ? int(a, 2) : undefined;
      if (typeof v === 'string' || Array.isArray(v)) return v.slice(start, end);
      throw wrongType(a, 0, 'a string or an array');
    },
  ),
  fn('startsWith', 2, 2, 'startsWith(s, prefix)', 'whether s begins with prefix', (a) =>
    str(a, 0).startsWith(str(a, 1)),
  ),
  fn('endsWith', 2, 2, 'endsWith(s, suffix)', 'whether s ends with suffix', (a) => str(a, 0).endsWith(str(a, 1))),
  fn('replace', 3, 3, 'replace(s, find, with)', 'every occurrence of find (plain text) replaced', (a) => {
    const [s, find, by] = [str(a, 0), str(a, 1), str(a, 2)];
    if (find === '') throw new BuiltinError('the text to find must not be empty');
    const parts = s.split(find);
    ensureFits(s.length + (parts.length - 1) * (by.length - find.length));
    return parts.join(by);
  }),
  fn('type', 1, 1, 'type(x)', '"null", "boolean", "number", "string", "array" or "object"', (a) => typeName(arg(a, 0))),
  fn('json', 1, 1, 'json(s)', 'the value the JSON text s stands for', (a) => parseJson(str(a, 0))),
  fn('merge', 1, Infinity, 'merge(a, b, …)', 'a new object with the keys of all, later ones winning (shallow)', (a) => {
    const out: JsonObject = {};
    a.forEach((_, i) => {
      const o = obj(a, i);
      for (const key of Object.keys(o)) setOwn(out, key, getOwn(o, key));
    });
    return out;
  }),
];

function parseJson(text: string): Json {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (e) {
    throw new BuiltinError(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  // JSON.parse reads 1e400 as Infinity, which is not JSON; walk without recursion so deep input cannot overflow.
  const stack: Json[] = [value];
  while (stack.length) {
    const v = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) throw new BuiltinError('invalid JSON: a number is out of range');
    // A loop, not push(...v): spreading a million items overflows the argument limit.
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (isObject(v)) for (const item of Object.values(v)) stack.push(item);
  }
  return value;
}

/** All built-ins by name (a Map, so `constructor` or `__proto__` are simply not found). */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(LIST.map((b) => [b.name, b]));
