/**
 * Breakpoints of a network run. Event and state breakpoints are decided once
 * per event id / term id and cached (events and terms are immutable), so a
 * free run with breakpoints set stays fast. Deadlock, error, divergence and
 * contract breakpoints name outcomes the run stops at anyway; they are kept so
 * the client sees which breakpoint was hit.
 */
import type { EventTable } from '../../csp/events';
import { printTerm } from '../../csp/print';
import type { Term } from '../../csp/terms';
import type { Value } from '../../csp/values';
import { evaluateExpression, parseExpression, truthy, type Expr, type Json } from '../../workflow/expr';
import { eventJson } from './json-values';

/** A test on the n-th field of an event's value (`c.a.b`: field 0 is a, 1 is b). */
export interface FieldTest {
  readonly field: number;
  readonly op: '==' | '!=' | '<' | '<=' | '>' | '>=';
  /** Compared with the field: numbers and booleans directly, anything else by its CSPm text. */
  readonly value: number | boolean | string;
}

export type BreakpointSpec =
  | {
      readonly kind: 'event';
      readonly pattern: string;
      readonly where?: readonly FieldTest[];
      /**
       * An expression over `msg` (docs/expressions.md): the JSON payload the event carries, or
       * the event's data as JSON (docs/workflow-semantics.md#data-on-channels). The breakpoint hits when it is truthy; an
       * expression that fails on a message (a missing field) does not hit.
       */
      readonly payload?: string;
    }
  | { readonly kind: 'state'; readonly process: string; readonly pattern: string }
  | { readonly kind: 'deadlock' }
  | { readonly kind: 'error' }
  | { readonly kind: 'divergence' }
  | { readonly kind: 'contract' };

export interface Breakpoint {
  readonly id: string;
  readonly spec: BreakpointSpec;
  enabled: boolean;
}

/** `*` matches any run of characters; everything else is literal. Whole-text match. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function fieldsOf(v: Value | undefined): readonly Value[] {
  if (v !== undefined && typeof v === 'object' && v.t === 'dot') return v.items.slice(1);
  return [];
}

function compare(a: Value, t: FieldTest, show: (v: Value) => string): boolean {
  const left: number | boolean | string = typeof a === 'number' || typeof a === 'boolean' ? a : show(a);
  const right = t.value;
  switch (t.op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

export class BreakpointSet {
  private readonly list: Breakpoint[] = [];
  /** Per breakpoint id: 1 = no, 2 = yes, by event id or term id. */
  private readonly cache = new Map<string, Uint8Array | Map<number, boolean>>();
  private nextId = 1;
  /** Parsed payload expressions by breakpoint id. */
  private readonly exprs = new Map<string, Expr>();

  constructor(
    private readonly events: EventTable,
    private readonly show: (v: Value) => string,
  ) {}

  get size(): number {
    return this.list.length;
  }

  all(): readonly Breakpoint[] {
    return this.list;
  }

  add(spec: BreakpointSpec, id?: string): Breakpoint {
    if (spec.kind === 'event' || spec.kind === 'state') globToRegExp(spec.pattern); // validate early
    let expr: Expr | undefined;
    if (spec.kind === 'event' && spec.payload !== undefined) {
      const parsed = parseExpression(spec.payload);
      if (!parsed.ok)
        throw new RangeError(`breakpoint payload condition, column ${parsed.error.column}: ${parsed.error.message}`);
      expr = parsed.expr;
    }
    const bp: Breakpoint = { id: id ?? `bp${this.nextId++}`, spec, enabled: true };
    if (this.list.some((b) => b.id === bp.id)) throw new RangeError(`a breakpoint with id "${bp.id}" exists already`);
    this.list.push(bp);
    if (expr !== undefined) this.exprs.set(bp.id, expr);
    return bp;
  }

  update(id: string, changes: { enabled?: boolean }): Breakpoint {
    const bp = this.list.find((b) => b.id === id);
    if (bp === undefined) throw new RangeError(`no breakpoint "${id}"`);
    if (changes.enabled !== undefined) bp.enabled = changes.enabled;
    return bp;
  }

  remove(id: string): void {
    const i = this.list.findIndex((b) => b.id === id);
    if (i < 0) throw new RangeError(`no breakpoint "${id}"`);
    this.list.splice(i, 1);
    this.cache.delete(id);
    this.exprs.delete(id);
  }

  /** The first enabled event breakpoint the event (with the JSON payload it carried, if any) hits. */
  hitByEvent(event: number, payload?: unknown): Breakpoint | undefined {
    for (const bp of this.list) {
      if (!bp.enabled || bp.spec.kind !== 'event') continue;
      let c = this.cache.get(bp.id) as Uint8Array | undefined;
      if (c === undefined || c.length <= event) {
        const bigger = new Uint8Array(Math.max(event + 1, this.events.size));
        if (c !== undefined) bigger.set(c);
        c = bigger;
        this.cache.set(bp.id, c);
      }
      if (c[event] === 0) c[event] = this.matchEvent(bp.spec, event) ? 2 : 1;
      if (c[event] !== 2) continue;
      const expr = this.exprs.get(bp.id);
      if (expr === undefined) return bp;
      // The payload test depends on the message, not only on the event: evaluated every time.
      const msg = (payload !== undefined ? payload : eventJson(this.events, event)) as Json;
      const r = evaluateExpression(expr, { msg });
      if (r.ok && truthy(r.value)) return bp;
    }
    return undefined;
  }

  /** The first enabled state breakpoint on `process` that its new state hits. */
  hitByState(process: string, term: Term): Breakpoint | undefined {
    for (const bp of this.list) {
      if (!bp.enabled || bp.spec.kind !== 'state' || bp.spec.process !== process) continue;
      let c = this.cache.get(bp.id) as Map<number, boolean> | undefined;
      if (c === undefined) this.cache.set(bp.id, (c = new Map()));
      let hit = c.get(term.id);
      if (hit === undefined) {
        hit = globToRegExp(bp.spec.pattern).test(printTerm(term, this.events));
        c.set(term.id, hit);
      }
      if (hit) return bp;
    }
    return undefined;
  }

  /** The first enabled breakpoint of an outcome kind. */
  hitByOutcome(kind: 'deadlock' | 'error' | 'divergence' | 'contract'): Breakpoint | undefined {
    return this.list.find((b) => b.enabled && b.spec.kind === kind);
  }

  hasStateBreakpoints(): boolean {
    return this.list.some((b) => b.enabled && b.spec.kind === 'state');
  }

  private matchEvent(spec: Extract<BreakpointSpec, { kind: 'event' }>, event: number): boolean {
    if (event < 2) return false;
    if (!globToRegExp(spec.pattern).test(this.events.text(event))) return false;
    const fields = fieldsOf(this.events.value(event));
    for (const t of spec.where ?? []) {
      const f = fields[t.field];
      if (f === undefined || !compare(f, t, this.show)) return false;
    }
    return true;
  }
}
