/**
 * Run-time data abstraction of JSON channels (docs/workflow-semantics.md#data-on-channels) and agent reply
 * routing: a payload is matched against an ordered list of JSON Schemas and
 * becomes the constructor of the first match (or the fallback), which is the
 * event the checker and the contract monitor see.
 *
 * The schemas use a documented subset of JSON Schema, interpreted here (the
 * engine cannot generate code at run time); a schema using anything else is
 * refused when the workflow is loaded (`unsupportedKeyword`), never silently
 * mis-matched.
 */
import type { AgentConfig, JsonChannel } from './model';

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', '$schema', '$id']);
const KEYWORDS = new Set([
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'anyOf',
  'allOf',
  'oneOf',
  'not',
]);

/** The path of the first keyword outside the supported subset (or a malformed one), or undefined. */
export function unsupportedKeyword(schema: unknown, path = ''): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return path === '' ? '(not an object)' : path;
  for (const [k, v] of Object.entries(schema as Schema)) {
    const here = path === '' ? k : `${path}.${k}`;
    if (ANNOTATIONS.has(k)) continue;
    if (!KEYWORDS.has(k)) return here;
    if (k === 'properties') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return here;
      for (const [p, s] of Object.entries(v as Schema)) {
        const bad = unsupportedKeyword(s, `${here}.${p}`);
        if (bad) return bad;
      }
    } else if (k === 'items' || k === 'not' || (k === 'additionalProperties' && typeof v !== 'boolean')) {
      const bad = unsupportedKeyword(v, here);
      if (bad) return bad;
    } else if (k === 'anyOf' || k === 'allOf' || k === 'oneOf') {
      if (!Array.isArray(v)) return here;
      for (let i = 0; i < v.length; i++) {
        const bad = unsupportedKeyword(v[i], `${here}[${i}]`);
        if (bad) return bad;
      }
    } else if (k === 'pattern') {
      if (typeof v !== 'string') return here;
      try {
        new RegExp(v, 'u');
      } catch {
        return here;
      }
    }
  }
  return undefined;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => equal((a as Schema)[k], (b as Schema)[k]));
}

/** Does `value` satisfy `schema` (the supported subset)? */
export function matchesSchema(schema: unknown, value: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object') return false;
  const s = schema as Schema;
  const t = typeOf(value);
  if (s['type'] !== undefined) {
    const types = Array.isArray(s['type']) ? (s['type'] as unknown[]) : [s['type']];
    if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) return false;
  }
  if ('const' in s && !equal(s['const'], value)) return false;
  if (Array.isArray(s['enum']) && !s['enum'].some((x) => equal(x, value))) return false;
  if (t === 'object') {
    const obj = value as Schema;
    if (Array.isArray(s['required']) && !s['required'].every((k) => typeof k === 'string' && k in obj)) return false;
    const props = (s['properties'] ?? {}) as Schema;
    for (const [k, sub] of Object.entries(props)) if (k in obj && !matchesSchema(sub, obj[k])) return false;
    if (s['additionalProperties'] !== undefined) {
      for (const k of Object.keys(obj))
        if (!(k in props) && !matchesSchema(s['additionalProperties'], obj[k])) return false;
    }
  }
  if (t === 'array') {
    const arr = value as unknown[];
    if (s['items'] !== undefined && !arr.every((x) => matchesSchema(s['items'], x))) return false;
    if (typeof s['minItems'] === 'number' && arr.length < s['minItems']) return false;
    if (typeof s['maxItems'] === 'number' && arr.length > s['maxItems']) return false;
  }
  if (t === 'number' || t === 'integer') {
    const n = value as number;
    if (typeof s['minimum'] === 'number' && n < s['minimum']) return false;
    if (typeof s['maximum'] === 'number' && n > s['maximum']) return false;
    if (typeof s['exclusiveMinimum'] === 'number' && n <= s['exclusiveMinimum']) return false;
    if (typeof s['exclusiveMaximum'] === 'number' && n >= s['exclusiveMaximum']) return false;
  }
  if (t === 'string') {
    const str = value as string;
    const len = [...str].length;
    if (typeof s['minLength'] === 'number' && len < s['minLength']) return false;
    if (typeof s['maxLength'] === 'number' && len > s['maxLength']) return false;
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(str)) return false;
  }
  if (Array.isArray(s['allOf']) && !s['allOf'].every((x) => matchesSchema(x, value))) return false;
  if (Array.isArray(s['anyOf']) && !s['anyOf'].some((x) => matchesSchema(x, value))) return false;
  if (Array.isArray(s['oneOf']) && s['oneOf'].filter((x) => matchesSchema(x, value)).length !== 1) return false;
  if (s['not'] !== undefined && matchesSchema(s['not'], value)) return false;
  return true;
}

/**
 * Why `value` does not satisfy `schema`, pointing at the first place that
 * fails (`$.items[2].price: ...`); undefined when it does.
 */
export function schemaMismatch(schema: unknown, value: unknown, path = '$'): string | undefined {
  if (matchesSchema(schema, value)) return undefined;
  const s = (schema !== null && typeof schema === 'object' ? schema : {}) as Schema;
  const t = typeOf(value);
  if (t === 'object') {
    const obj = value as Schema;
    for (const k of Array.isArray(s['required']) ? s['required'] : [])
      if (typeof k === 'string' && !(k in obj)) return `${path}: missing required property "${k}"`;
    for (const [k, sub] of Object.entries((s['properties'] ?? {}) as Schema))
      if (k in obj && !matchesSchema(sub, obj[k])) return schemaMismatch(sub, obj[k], `${path}.${k}`);
  }
  if (t === 'array' && s['items'] !== undefined) {
    const i = (value as unknown[]).findIndex((x) => !matchesSchema(s['items'], x));
    if (i >= 0) return schemaMismatch(s['items'], (value as unknown[])[i], `${path}[${i}]`);
  }
  const shown = (x: unknown, n: number): string => {
    const text = JSON.stringify(x) ?? String(x);
    return text.length > n ? `${text.slice(0, n)}…` : text;
  };
  return `${path}: ${shown(value, 80)} does not match ${shown(schema, 160)}`;
}

/**
 * The abstract value of a payload on a JSON channel: the constructor of the
 * first matching rule, else the fallback (default `Other`). Undefined for a
 * channel without abstraction (its events carry no data).
 */
export function abstractPayload(json: JsonChannel, payload: unknown): string | undefined {
  const rules = json.abstraction ?? [];
  if (rules.length === 0) return undefined;
  for (const r of rules) if (matchesSchema(r.match, payload)) return r.as;
  return json.fallback ?? 'Other';
}

/** The output port an agent's reply goes to: the first routing rule it matches, else `replyPort`. */
export function routeReply(agent: AgentConfig, reply: unknown): string | undefined {
  for (const r of agent.routing ?? []) if (matchesSchema(r.match, reply)) return r.port;
  return agent.replyPort;
}
