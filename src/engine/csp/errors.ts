/**
 * Errors raised while a term is unfolded lazily (a `call` body or a
 * `c?x -> P(x)` continuation is evaluated on first use, possibly deep inside a
 * check). They carry a diagnostic code (3xxx: evaluation) and the source
 * location, so the checker and the runtime report them like any other
 * diagnostic instead of crashing.
 */
/** A source range; the same shape as the CSPm AST's Span (1-based lines/columns, 0-based offsets). */
export interface ErrorSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly offset: number;
  readonly end: number;
}

export class EvaluationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly span?: ErrorSpan,
  ) {
    super(message);
    this.name = 'EvaluationError';
  }
}

/** Code of the "unguarded recursion" evaluation diagnostic (`P = P ||| Q`, `P = P [] a -> STOP`). */
export const UNGUARDED_RECURSION = 'CSP3010';

/** Code of the "unbounded recursion" evaluation diagnostic (`P(n) = P(n + 1)` unfolding forever). */
export const UNBOUNDED_RECURSION = 'CSP3007';
