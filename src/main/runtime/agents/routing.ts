/**
 * Where an agent's reply goes, decided by the reply itself and never guessed:
 * a tool call names its port; otherwise the reply (JSON for structured output)
 * goes to the first routing rule whose JSON Schema it matches, else to the
 * node's replyPort, else it is an error. Also the per-run token/cost budget.
 */
import type { ChatReply } from './provider';

type Schema = Record<string, unknown>;

/** The JSON Schema subset routing needs: type, const, enum, required, properties, items, bounds, anyOf/oneOf/allOf/not. */
export function matches(value: unknown, schema: Schema): boolean {
  const t = schema.type;
  if (t !== undefined) {
    const types = Array.isArray(t) ? (t as string[]) : [t as string];
    if (!types.some((x) => typeOk(value, x))) return false;
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) return false;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (Array.isArray(schema.required) && !schema.required.every((k) => typeof k === 'string' && k in o)) return false;
    const props = schema.properties as Record<string, Schema> | undefined;
    if (props !== undefined) for (const [k, s] of Object.entries(props)) if (k in o && !matches(o[k], s)) return false;
  }
  if (Array.isArray(value) && schema.items !== undefined && !value.every((v) => matches(v, schema.items as Schema)))
    return false;
  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => matches(value, s as Schema))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => matches(value, s as Schema))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => matches(value, s as Schema)).length !== 1) return false;
  if (schema.not !== undefined && matches(value, schema.not as Schema)) return false;
  return true;
}

function typeOk(v: unknown, t: string): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return Number.isInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    default:
      return false;
  }
}

export interface Routing {
  readonly ports: readonly string[];
  readonly rules?: readonly { readonly port: string; readonly match: Schema }[];
  readonly replyPort?: string;
  /** Structured output was requested: the content must be JSON. */
  readonly structured: boolean;
}

export type Routed =
  | { readonly ok: true; readonly port: string; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

export function routeReply(reply: ChatReply, r: Routing): Routed {
  if (reply.toolCall !== undefined) {
    if (!r.ports.includes(reply.toolCall.port))
      return {
        ok: false,
        error: `the model called tool "${reply.toolCall.port}", which is not an output port (${r.ports.join(', ')})`,
      };
    return { ok: true, port: reply.toolCall.port, value: reply.toolCall.arguments };
  }
  let value: unknown = reply.content;
  if (r.structured || (r.rules !== undefined && r.rules.length > 0)) {
    try {
      value = JSON.parse(reply.content ?? '');
    } catch {
      if (r.structured)
        return {
          ok: false,
          error: `the reply is not the JSON the schema asks for: ${JSON.stringify((reply.content ?? '').slice(0, 80))}`,
        };
    }
  }
  for (const rule of r.rules ?? []) if (matches(value, rule.match)) return { ok: true, port: rule.port, value };
  if (r.replyPort !== undefined) return { ok: true, port: r.replyPort, value };
  return { ok: false, error: 'the reply matches no routing rule and the node has no replyPort' };
}

export interface BudgetOptions {
  readonly maxTokens?: number;
  readonly maxCost?: number;
  /** Prices per 1,000 tokens (for cost accounting). */
  readonly promptPricePer1k?: number;
  readonly completionPricePer1k?: number;
}

/** Tokens and cost of one run; `add` says when the budget is spent (the run stops there). */
export class UsageMeter {
  promptTokens = 0;
  completionTokens = 0;
  cost = 0;
  constructor(private readonly b: BudgetOptions = {}) {}

  add(usage: ChatReply['usage']): string | undefined {
    this.promptTokens += usage.promptTokens;
    this.completionTokens += usage.completionTokens;
    this.cost +=
      (usage.promptTokens * (this.b.promptPricePer1k ?? 0) +
        usage.completionTokens * (this.b.completionPricePer1k ?? 0)) /
      1000;
    const tokens = this.promptTokens + this.completionTokens;
    if (this.b.maxTokens !== undefined && tokens > this.b.maxTokens)
      return `the run used ${tokens} tokens, over its budget of ${this.b.maxTokens}`;
    if (this.b.maxCost !== undefined && this.cost > this.b.maxCost)
      return `the run cost ${this.cost.toFixed(4)}, over its budget of ${this.b.maxCost}`;
    return undefined;
  }
}
