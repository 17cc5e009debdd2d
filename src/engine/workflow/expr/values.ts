/**
 * Operations on JSON values shared by the evaluator and the built-in
 * functions: type names, truthiness, deep equality, the `str` rule, the size
 * measure behind the 1 MB limit, and a property write that cannot reach a
 * prototype (a key `__proto__` becomes an ordinary own key).
 */
import { EXPR_LIMITS } from './ast';
import type { Json } from './ast';

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function typeName(v: Json): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

export type JsonObject = { [k: string]: Json };

export function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JavaScript truthiness: false, 0, NaN, "" and null are falsy; every array and object is truthy. */
export function truthy(v: Json): boolean {
  if (v === null || v === false || v === '') return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return true;
}

/** Structural equality on JSON: no coercion; object key order does not matter; 0 equals -0. */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]!));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k]!, b[k]!));
  }
  return false;
}

/** The `str` rule: strings as they are, everything else as JSON text. */
export function toStr(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Reads an own property only: `constructor`, `__proto__`, `toString` are missing keys unless the data has them. */
export function getOwn(obj: JsonObject, key: string): Json {
  return Object.hasOwn(obj, key) ? obj[key]! : null;
}

/** Writes an own, enumerable property; assigning `__proto__` this way never changes the prototype. */
export function setOwn(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sizes of the containers already measured during one evaluation, so a value reached twice costs nothing. */
export type SizeCache = WeakMap<object, number>;

/**
 * Length of `v` as JSON text, counting string contents without escapes (a
 * close, cheap measure: strings by length, containers once each). The cache
 * lives for one evaluation only: the caller may change its values between
 * evaluations.
 */
export function jsonSize(v: Json, cache: SizeCache): number {
  if (v === null) return 4;
  switch (typeof v) {
    case 'boolean':
      return v ? 4 : 5;
    case 'number':
      return String(v).length;
    case 'string':
      return v.length + 2;
    default:
      break;
  }
  const known = cache.get(v);
  if (known !== undefined) return known;
  let size = 2;
  if (Array.isArray(v)) {
    for (const item of v) size += jsonSize(item, cache) + 1;
  } else {
    for (const key of Object.keys(v)) size += key.length + 4 + jsonSize(v[key]!, cache);
  }
  cache.set(v, size);
  return size;
}

export const TOO_LARGE = `value is larger than ${EXPR_LIMITS.maxValueSize / (1024 * 1024)} MB`;
