/**
 * The expression language of the `map` and `filter` built-in nodes
 * (user guide: docs/expressions.md). Data flows one way:
 *
 *     text ──parseExpression──▶ Expr ──evaluateExpression(env)──▶ Json
 *       └────checkExpression(names)──▶ ExprError[]   (editor markers, validate)
 *
 * Files: lexer.ts (tokens), parse.ts (tree, precedence, depth limit),
 * check.ts (names, functions, argument counts), evaluate.ts (values),
 * functions.ts (built-ins), values.ts (equality, truthiness, sizes), ast.ts
 * (types, limits). Pure: no I/O, no eval, no clock, no randomness.
 */
export type { Expr, ExprError, Json } from './ast';
export { EXPR_LIMITS } from './ast';
export type { Parsed } from './parse';
export { parseExpression } from './parse';
export { checkExpression } from './check';
export type { Env, Evaluated } from './evaluate';
export { evaluateExpression } from './evaluate';
export type { Builtin } from './functions';
export { BUILTINS } from './functions';
export { truthy } from './values';
