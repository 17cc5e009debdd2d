/**
 * The CSPm front end's API: `parse(text, opts) → { ast, diagnostics }` and
 * `check(ast) → { module, diagnostics }`. Neither throws on user input.
 * The evaluator (src/engine/eval) consumes `CheckedModule`.
 */
export { parse, resolveIncludePath } from './syntax/parse';
export type { ParseOptions, ParseResult, FileReader } from './syntax/parse';
export { check, flattenIncludes } from './check/checker';
export type { CheckResult } from './check/checker';
export type { CheckedModule, SymbolInfo, SymbolKind, Occurrence, ScopeRegion } from './check/symbols';
export { formatType, prune } from './check/types';
export type { Type } from './check/types';
export { printModule, printExpr, printPattern, printDecl } from './syntax/printer';
export { flattenDot } from './check/infer';
export { patternVars } from './syntax/patterns';
export { forEachChild } from './syntax/visit';
export * from './diagnostics';
export type * from './syntax/ast';
export { loadScript, evaluate } from '../eval';
export type { LoadedScript, EvaluatedAssertion, FailedAssertion, EvaluateResult } from '../eval';

import { parse as parseText, type ParseOptions } from './syntax/parse';
import { check as checkAst, type CheckResult } from './check/checker';
import type { Module } from './syntax/ast';
import { sortDiagnostics, type Diagnostic } from './diagnostics';

/** Parse and check in one step; the module is returned even when there are errors (best effort). */
export function load(
  text: string,
  options: ParseOptions = {},
): { ast: Module; module: CheckResult['module']; diagnostics: Diagnostic[] } {
  const parsed = parseText(text, options);
  const checked = checkAst(parsed.ast);
  // A declaration the parser refused (broken, or a construct not supported yet) defines nothing: the
  // names it would have defined are not reported as undefined elsewhere, so its own error comes first.
  const broken = parsed.diagnostics.some((d) => d.severity === 'error');
  // The annotation rules FDR's parser applies are reported by the parser; the checker finds them again.
  const seen = new Set(parsed.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`));
  const checkDiagnostics = checked.diagnostics.filter(
    (d) => !(broken && d.code === 'CSP2001') && !seen.has(`${d.code} ${d.span.line}:${d.span.column}`),
  );
  return {
    ast: parsed.ast,
    module: checked.module,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...checkDiagnostics]),
  };
}
