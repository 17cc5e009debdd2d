/**
 * The static check an editor or `csp validate` runs before anything is
 * evaluated: syntax (including method calls, refused by the parser), names
 * that are not bound, functions that do not exist, and calls with the wrong
 * number of arguments. Type errors depend on the message and are left to run
 * time.
 */
import type { Expr, ExprError } from './ast';
import { arityError } from './evaluate';
import { BUILTINS } from './functions';
import { parseExpression } from './parse';

/** JavaScript names people reach for, and what this language calls them. */
const RENAMED: Readonly<Record<string, string>> = {
  undefined: 'null',
  Number: 'num',
  String: 'str',
  parseFloat: 'num',
  parseInt: 'int(num(x))',
  length: 'len',
  size: 'len',
  toUpperCase: 'upper',
  toLowerCase: 'lower',
  includes: 'contains',
  toString: 'str',
};

export function checkExpression(text: string, names: readonly string[]): ExprError[] {
  const parsed = parseExpression(text);
  if (!parsed.ok) return [parsed.error];
  const errors: ExprError[] = [];
  walk(parsed.expr, (e) => {
    if (e.kind === 'name' && !names.includes(e.name))
      errors.push({ message: unknownName(e.name, names), column: e.column });
    if (e.kind !== 'call') return;
    const builtin = BUILTINS.get(e.name);
    if (!builtin) errors.push({ message: unknownFunction(e.name), column: e.column });
    const arity = builtin && arityError(builtin, e.args.length);
    if (arity) errors.push({ message: arity, column: e.column });
  });
  return errors;
}

function unknownName(name: string, names: readonly string[]): string {
  if (BUILTINS.has(name)) return `'${name}' is a function: call it, e.g. ${name}(x)`;
  const instead = Object.hasOwn(RENAMED, name) ? RENAMED[name] : closest(name, names);
  const known = names.length ? `; known names: ${names.join(', ')}` : '';
  return `unknown name '${name}'${instead ? ` (did you mean ${instead}?)` : ''}${known}`;
}

function unknownFunction(name: string): string {
  const instead = Object.hasOwn(RENAMED, name) ? RENAMED[name] : closest(name, [...BUILTINS.keys()]);
  return `unknown function '${name}'${instead ? ` (did you mean ${instead}?)` : ''}`;
}

/** The candidate within two edits of `name` (case-insensitive), if exactly one is nearest. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    row = next;
  }
  return row[b.length]!;
}

/** Visits every node, parents first, in text order. */
function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'literal':
    case 'name':
      return;
    case 'array':
      return e.items.forEach((x) => walk(x, visit));
    case 'object':
      return e.entries.forEach((x) => walk(x.value, visit));
    case 'member':
      return walk(e.object, visit);
    case 'index':
      walk(e.object, visit);
      return walk(e.index, visit);
    case 'chain':
      return walk(e.expr, visit);
    case 'call':
      return e.args.forEach((x) => walk(x, visit));
    case 'unary':
      return walk(e.operand, visit);
    case 'binary':
    case 'logical':
      walk(e.left, visit);
      return walk(e.right, visit);
    case 'conditional':
      walk(e.test, visit);
      walk(e.then, visit);
      return walk(e.otherwise, visit);
  }
}
