/**
 * The syntax tree of the expression language used by the `map` and `filter`
 * built-in nodes (docs/expressions.md). Every node keeps its place in the text
 * so that run-time errors can name a column.
 */

/** A JSON value: what expressions read (the bound names) and what they produce. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An error found before evaluation; `column` is 1-based in the expression text. */
export interface ExprError {
  message: string;
  column: number;
}

/** Where a node sits: `start`/`end` are 0-based offsets (end exclusive); `column` is the 1-based column errors blame. */
interface Place {
  readonly start: number;
  readonly end: number;
  readonly column: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '===' | '!==';
export type LogicalOp = '&&' | '||' | '??';
export type UnaryOp = '!' | '-' | '+';

export interface ObjectEntry {
  readonly key: string;
  readonly value: Expr;
}

export type Expr =
  | (Place & { readonly kind: 'literal'; readonly value: null | boolean | number | string })
  | (Place & { readonly kind: 'array'; readonly items: readonly Expr[] })
  | (Place & { readonly kind: 'object'; readonly entries: readonly ObjectEntry[] })
  | (Place & { readonly kind: 'name'; readonly name: string })
  /** `a.b` or `a?.b`; `column` is the column of the `.` or `?.`. */
  | (Place & { readonly kind: 'member'; readonly object: Expr; readonly property: string; readonly optional: boolean })
  /** `a[i]` or `a?.[i]`; `column` is the column of the `[` or `?.`. */
  | (Place & { readonly kind: 'index'; readonly object: Expr; readonly index: Expr; readonly optional: boolean })
  /**
   * The end of a chain of accesses that contains `?.` (ESTree's ChainExpression):
   * a null before a `?.` makes the whole chain null, as in JavaScript (`a?.b.c`).
   */
  | (Place & { readonly kind: 'chain'; readonly expr: Expr })
  /** A built-in function call; `column` is the column of the function name. */
  | (Place & { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] })
  /** `column` is the column of the operator. */
  | (Place & { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr })
  /** `column` is the column of the operator. */
  | (Place & { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr })
  | (Place & { readonly kind: 'logical'; readonly op: LogicalOp; readonly left: Expr; readonly right: Expr })
  /** `c ? a : b`; `column` is the column of the `?`. */
  | (Place & { readonly kind: 'conditional'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr });

/** The bounds every expression lives within (the brief's safety limits). */
export const EXPR_LIMITS = {
  /** Longest expression text, in characters. */
  maxLength: 4096,
  /** Deepest nesting of brackets, unary operators and conditionals. */
  maxDepth: 100,
  /** Largest value an expression may produce, measured as JSON text (string contents counted unescaped). */
  maxValueSize: 1024 * 1024,
} as const;
