/**
 * Evaluates a parsed expression over the caller's bound names. Never throws:
 * every failure comes back as `{ ok: false, error }` whose text ends with the
 * column it happened at. Reads go through own properties only, writes through
 * `setOwn`, so no prototype or global is ever reached. There are no loops in
 * the language, so evaluation visits each node at most once.
 */
import { EXPR_LIMITS } from './ast';
import type { BinaryOp, Expr, Json } from './ast';
import { BuiltinError, BUILTINS } from './functions';
import type { Builtin } from './functions';
import { deepEqual, getOwn, isObject, setOwn, jsonSize, TOO_LARGE, toStr, truthy, typeName } from './values';
import type { JsonObject, SizeCache } from './values';

export type Evaluated = { ok: true; value: Json } | { ok: false; error: string };
export type Env = Readonly<Record<string, Json>>;

/** Internal only: unwinds to `evaluateExpression`, which turns it into a result. */
class EvalFailure extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

/** A `?.` met null: the rest of its chain is skipped and the chain is null. */
const SKIPPED = Symbol('skipped');
type Link = Json | typeof SKIPPED;

export function evaluateExpression(expr: Expr, env: Env): Evaluated {
  let evaluator: Evaluator | undefined;
  try {
    evaluator = new Evaluator(env);
    return { ok: true, value: evaluator.value(expr) };
  } catch (e) {
    const column = evaluator?.at ?? expr.column;
    if (e instanceof EvalFailure) return { ok: false, error: `${e.message} at column ${e.column}` };
    // Input values (not the expression, which is bounded) may be nested deeper than the stack allows.
    if (e instanceof RangeError)
      return {
        ok: false,
        error: `a value is too deeply nested or too large to evaluate (${e.message}) at column ${column}`,
      };
    return { ok: false, error: `internal error: ${e instanceof Error ? e.message : String(e)} at column ${column}` };
  }
}

class Evaluator {
  /** Column of the node being applied, for failures that are not ours (a stack overflow on deep input data). */
  at: number | undefined;
  private readonly sizes: SizeCache = new WeakMap();

  constructor(private readonly env: Env) {}

  value(e: Expr): Json {
    this.at = e.column;
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'name':
        if (!Object.hasOwn(this.env, e.name)) throw new EvalFailure(`unknown name '${e.name}'`, e.column);
        return this.env[e.name] ?? null;
      case 'array':
        return this.fits(
          e.items.map((item) => this.value(item)),
          e.column,
        );
      case 'object': {
        const out: JsonObject = {};
        for (const entry of e.entries) setOwn(out, entry.key, this.value(entry.value));
        return this.fits(out, e.column);
      }
      case 'member':
      case 'index':
      case 'chain': {
        const v = this.link(e);
        return v === SKIPPED ? null : v;
      }
      case 'call':
        return this.call(e.name, e.args, e.column);
      case 'unary':
        return this.unary(e.op, this.value(e.operand), e.column);
      case 'binary': {
        const [left, right] = [this.value(e.left), this.value(e.right)];
        this.at = e.column;
        return this.binary(e.op, left, right, e.column);
      }
      case 'logical': {
        const left = this.value(e.left);
        if (e.op === '&&') return truthy(left) ? this.value(e.right) : left;
        if (e.op === '||') return truthy(left) ? left : this.value(e.right);
        return left === null ? this.value(e.right) : left;
      }
      case 'conditional':
        return truthy(this.value(e.test)) ? this.value(e.then) : this.value(e.otherwise);
    }
  }

  // ── member access ──

  /** One link of an access chain; SKIPPED travels up to the enclosing `chain` node. */
  private link(e: Expr): Link {
    if (e.kind === 'chain') {
      const v = this.link(e.expr);
      return v === SKIPPED ? null : v;
    }
    if (e.kind !== 'member' && e.kind !== 'index') return this.value(e);
    const object = this.link(e.object);
    if (object === SKIPPED || (object === null && e.optional)) return SKIPPED;
    return e.kind === 'member'
      ? this.member(object, e.property, e.column)
      : this.index(object, this.value(e.index), e.column);
  }

  private member(object: Json, property: string, column: number): Json {
    if (isObject(object)) return getOwn(object, property);
    const type = typeName(object);
    if (property === 'length' && (type === 'array' || type === 'string')) {
      throw new EvalFailure(`'.length' is not supported on ${article(type)}: use len(x)`, column);
    }
    const hint = type === 'array' ? ' (use [index])' : object === null ? " (use '?.' to get null instead)" : '';
    throw new EvalFailure(`cannot read '${property}' of ${article(type)}${hint}`, column);
  }

  private index(object: Json, key: Json, column: number): Json {
    if (Array.isArray(object)) {
      if (typeof key !== 'number' || !Number.isInteger(key))
        throw new EvalFailure(`array index must be an integer, got ${typeName(key)}`, column);
      return key >= 0 && key < object.length ? object[key]! : null;
    }
    if (isObject(object)) {
      if (typeof key !== 'string')
        throw new EvalFailure(`object key must be a string, got ${typeName(key)} (convert with str(x))`, column);
      return getOwn(object, key);
    }
    const type = typeName(object);
    if (type === 'string') throw new EvalFailure('cannot index a string (use slice(s, i, i + 1))', column);
    const hint = object === null ? " (use '?.[' to get null instead)" : '';
    throw new EvalFailure(
      `cannot read [${typeof key === 'string' ? JSON.stringify(key) : String(key)}] of ${article(type)}${hint}`,
      column,
    );
  }

  // ── operators ──

  private unary(op: '!' | '-' | '+', v: Json, column: number): Json {
    if (op === '!') return !truthy(v);
    if (typeof v !== 'number') {
      const hint = typeof v === 'string' ? ' (convert with num(x))' : '';
      throw new EvalFailure(`unary '${op}' needs a number, got ${typeName(v)}${hint}`, column);
    }
    return op === '-' ? -v : v;
  }

  private binary(op: BinaryOp, l: Json, r: Json, column: number): Json {
    switch (op) {
      case '==':
      case '===':
        return deepEqual(l, r);
      case '!=':
      case '!==':
        return !deepEqual(l, r);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compare(op, l, r, column);
      case '+':
        if (typeof l === 'string' || typeof r === 'string') return this.concat(l, r, column);
        return arithmetic(op, l, r, column);
      case '-':
      case '*':
      case '/':
      case '%':
        return arithmetic(op, l, r, column);
    }
  }

  private concat(l: Json, r: Json, column: number): string {
    const [a, b] = [toStr(l), toStr(r)];
    if (a.length + b.length + 2 > EXPR_LIMITS.maxValueSize) throw new EvalFailure(TOO_LARGE, column);
    return a + b;
  }

  // ── calls ──

  private call(name: string, argExprs: readonly Expr[], column: number): Json {
    const builtin = BUILTINS.get(name);
    if (!builtin) throw new EvalFailure(`unknown function '${name}'`, column);
    const arity = arityError(builtin, argExprs.length);
    if (arity) throw new EvalFailure(arity, column);
    const args = argExprs.map((a) => this.value(a));
    this.at = column;
    let result: Json;
    try {
      result = builtin.run(args);
    } catch (e) {
      if (e instanceof BuiltinError) throw new EvalFailure(`${name}: ${e.message}`, column);
      throw e;
    }
    if (typeof result === 'number' && !Number.isFinite(result))
      throw new EvalFailure(`${name}: result is not a finite number`, column);
    // Numbers and booleans are small; strings and containers may not be.
    if (typeof result === 'string' || (result !== null && typeof result === 'object')) {
      if (this.tooLarge(result)) throw new EvalFailure(`${name}: ${TOO_LARGE}`, column);
    }
    return result;
  }

  private tooLarge(v: Json): boolean {
    return jsonSize(v, this.sizes) > EXPR_LIMITS.maxValueSize;
  }

  private fits(v: Json, column: number): Json {
    if (this.tooLarge(v)) throw new EvalFailure(TOO_LARGE, column);
    return v;
  }
}

/** `len expects 1 argument, got 2`, or undefined when the count is right. Shared with the static check. */
export function arityError(b: Builtin, count: number): string | undefined {
  if (count >= b.minArgs && count <= b.maxArgs) return undefined;
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  const wanted =
    b.maxArgs === Infinity
      ? `at least ${plural(b.minArgs)}`
      : b.minArgs === b.maxArgs
        ? plural(b.minArgs)
        : `${b.minArgs} to ${plural(b.maxArgs)}`;
  return `${b.name} expects ${wanted}, got ${count}`;
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', l: Json, r: Json, column: number): number {
  if (typeof l !== 'number' || typeof r !== 'number') {
    const needs = op === '+' ? 'numbers or a string' : 'numbers';
    throw new EvalFailure(`'${op}' needs ${needs}, got ${typeName(l)} and ${typeName(r)}`, column);
  }
  if ((op === '/' || op === '%') && r === 0) throw new EvalFailure('division by zero', column);
  const v = op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
  if (!Number.isFinite(v)) throw new EvalFailure(`result of '${op}' is not a finite number`, column);
  return v;
}

function compare(op: '<' | '<=' | '>' | '>=', l: Json, r: Json, column: number): boolean {
  const numbers = typeof l === 'number' && typeof r === 'number';
  const strings = typeof l === 'string' && typeof r === 'string';
  if (!numbers && !strings)
    throw new EvalFailure(`cannot compare ${typeName(l)} with ${typeName(r)} ('${op}')`, column);
  const [a, b] = [l, r] as [number, number] | [string, string];
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function article(type: string): string {
  return type === 'null' ? 'null' : type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`;
}
