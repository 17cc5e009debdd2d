/**
 * Built-ins that move messages inside the network: log sink, map, filter,
 * split, merge and buffer. Map and filter evaluate a small expression over
 * `msg` (docs/expressions.md): pure and bounded, so they need no sandbox and
 * no recording; an expression error fails the node with its column.
 */
import { evaluateExpression, parseExpression, truthy, type Expr, type Json } from '../../../engine/workflow/expr';
import { BuiltinCodeNode, type BuiltinContext, type BuiltinPort } from './base';

/** Last messages a log node keeps for the debugger. */
const LOG_KEEP = 20;

export class LogNode extends BuiltinCodeNode {
  private readonly last: unknown[] = [];
  constructor(
    ctx: BuiltinContext,
    private readonly label: string,
  ) {
    super(ctx);
  }
  protected receive(port: BuiltinPort, value: unknown): void {
    this.last.push(value);
    if (this.last.length > LOG_KEEP) this.last.shift();
    const from = this.inputs.length > 1 ? ` [${port.name}]` : '';
    this.ctx.log?.(`${this.label}${from}: ${value === null && port.bare ? '(event)' : JSON.stringify(value)}`);
  }
  protected override details(): Record<string, unknown> {
    return { last: [...this.last] };
  }
}

/** A message as it appears in an error: JSON, cut short (messages can be large). */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length <= 200 ? text : `${text.slice(0, 200)}… (${text.length} characters)`;
}

/**
 * A node that computes over each message with an expression, parsed once at
 * start (validation normally catches a bad one; if not, the node fails at once).
 */
abstract class ExpressionNode extends BuiltinCodeNode {
  private readonly expr: Expr | undefined;
  constructor(
    ctx: BuiltinContext,
    private readonly kind: 'map' | 'filter',
    text: string,
  ) {
    super(ctx);
    const parsed = parseExpression(text);
    if (parsed.ok) this.expr = parsed.expr;
    else this.fail(`${kind} expression, column ${parsed.error.column}: ${parsed.error.message}`);
  }
  /** The expression's value on `msg`, or undefined after failing the node with the reason. */
  protected valueOn(msg: unknown): Json | undefined {
    if (this.expr === undefined) return undefined;
    const r = evaluateExpression(this.expr, { msg: msg as Json });
    if (r.ok) return r.value;
    this.fail(`${this.kind} expression on ${brief(msg)}: ${r.error}`);
    return undefined;
  }
}

export class MapNode extends ExpressionNode {
  constructor(ctx: BuiltinContext, text: string) {
    super(ctx, 'map', text);
  }
  protected receive(_port: BuiltinPort, value: unknown): void {
    const out = this.valueOn(value);
    if (out !== undefined) this.send(this.outputs[0]!, out);
  }
}

export class FilterNode extends ExpressionNode {
  private dropped = 0;
  constructor(ctx: BuiltinContext, text: string) {
    super(ctx, 'filter', text);
  }
  protected receive(_port: BuiltinPort, value: unknown): void {
    const keep = this.valueOn(value);
    if (keep === undefined) return;
    if (truthy(keep)) this.send(this.outputs[0]!, value);
    else this.dropped++;
  }
  protected override details(): Record<string, unknown> {
    return { dropped: this.dropped };
  }
}

/** An array becomes one message per element, in order; anything else passes as one message (Node-RED's split). */
export class SplitNode extends BuiltinCodeNode {
  protected receive(_port: BuiltinPort, value: unknown): void {
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) {
      this.send(this.outputs[0]!, part);
      if (this.state === 'failed') return;
    }
  }
}

/** Whichever input is ready goes out next (fan-in with the order of arrival). */
export class MergeNode extends BuiltinCodeNode {
  protected receive(_port: BuiltinPort, value: unknown): void {
    this.send(this.outputs[0]!, value);
  }
}

/** A FIFO of at most `capacity` messages: takes input while not full, offers the oldest while not empty. */
export class BufferNode extends BuiltinCodeNode {
  constructor(
    ctx: BuiltinContext,
    private readonly capacity: number,
  ) {
    super(ctx);
  }
  protected override accepting(): boolean {
    return this.outbox.length < this.capacity;
  }
  protected override closesWhileBusy(): boolean {
    return true;
  }
  protected receive(_port: BuiltinPort, value: unknown): void {
    this.send(this.outputs[0]!, value);
  }
  protected override details(): Record<string, unknown> {
    return { capacity: this.capacity };
  }
}
