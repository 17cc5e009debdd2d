/**
 * Full validation of a workflow file's text (`csp validate`, editor markers):
 * the YAML load, then compilation, then the compiled script through the CSPm
 * front end and evaluator. A CSPm error inside a behaviour, contract,
 * alphabet, the declarations or an assertion is placed back at its line and
 * column in the YAML through the source map.
 */
import { Scalar } from 'yaml';
import { load } from '../cspm';
import { loadScript } from '../eval';
import { compileWorkflow } from './compile';
import type { CompileResult } from './compile';
import { diag, hasErrors, WF } from './diagnostics';
import type { WorkflowDiagnostic } from './diagnostics';
import { bodyAt } from './source-map';
import { loadWorkflowYamlDocument } from './yaml-load';
import type { LoadResult } from './yaml-load';
import { nodeAt, parsePath } from './yaml-positions';

/** What validation does with the compiled CSPm. */
export interface CspmCheckOptions {
  /**
   * false: parse and type-check only, without evaluating the script. For a caller that
   * evaluates it anyway (a run builds its network from it) and validates again, in full,
   * only when that fails: evaluating a workflow's CSPm twice was a tenth of `csp run`'s start-up.
   */
  readonly evaluate?: boolean;
}

/** CSPm diagnostics of a compiled workflow, with the document path and the place inside the user's text. */
export function cspmDiagnostics(
  compiled: CompileResult,
  options: CspmCheckOptions = {},
): (WorkflowDiagnostic & { readonly inText?: { line: number; column: number } })[] {
  if (compiled.cspm === '') return [];
  const front = load(compiled.cspm, { file: 'workflow.csp' });
  const all =
    front.diagnostics.some((d) => d.severity === 'error') || options.evaluate === false
      ? front.diagnostics
      : [...front.diagnostics, ...loadScript(front.ast).diagnostics];
  return all
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => {
      const where = bodyAt(compiled.sourceMap, d.span.line, d.span.column);
      const severity = d.severity === 'error' ? 'error' : 'warning';
      if (!where)
        return diag(
          WF.cspm,
          '',
          `${d.code} ${d.message} (generated line ${d.span.line}, column ${d.span.column})`,
          severity,
        );
      return {
        ...diag(WF.cspm, where.path, `${d.code} ${d.message}`, severity),
        inText: { line: where.line, column: where.column },
      };
    });
}

/** Load, compile and CSPm-check `text`; every diagnostic with line and column in the YAML. */
export function validateWorkflowText(text: string, options: CspmCheckOptions = {}): LoadResult {
  const { result: loaded, parsed } = loadWorkflowYamlDocument(text);
  if (!loaded.ok || !loaded.workflow || !parsed) return loaded;
  const compiled = compileWorkflow(loaded.workflow);
  const diagnostics: WorkflowDiagnostic[] = [...loaded.diagnostics];
  const { doc, counter } = parsed;
  const lines = text.split('\n');
  for (const d of compiled.diagnostics) {
    if (diagnostics.some((x) => x.code === d.code && x.path === d.path)) continue;
    const node = nodeAt(doc, parsePath(d.path));
    const pos = node?.range ? counter.linePos(node.range[0]) : undefined;
    diagnostics.push(pos ? { ...d, line: pos.line, column: pos.col } : d);
  }
  const found = cspmDiagnostics(compiled, options);
  // Errors in generated text are almost always the echo of an error in the user's text; show those only when nothing else explains them.
  const placed = found.some((d) => d.inText !== undefined && d.severity === 'error');
  for (const d of found) {
    if (placed && d.inText === undefined) continue;
    const { inText, ...plain } = d;
    const node = d.path === '' ? undefined : nodeAt(doc, parsePath(d.path));
    if (!node?.range || !inText) {
      diagnostics.push({ ...plain, line: 1, column: 1 });
      continue;
    }
    const start = counter.linePos(node.range[0]);
    const block = node instanceof Scalar && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
    if (block) {
      // Content starts on the line after the indicator, at the block's indentation.
      const line = start.line + inText.line;
      const indent = /^ */.exec(lines[start.line] ?? '')?.[0].length ?? 0;
      diagnostics.push({ ...plain, line, column: indent + inText.column });
    } else {
      const quoted = node instanceof Scalar && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
      diagnostics.push({
        ...plain,
        line: start.line + inText.line - 1,
        column: (inText.line === 1 ? start.col + (quoted ? 1 : 0) : 1) + inText.column - 1,
      });
    }
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const ok = !hasErrors(diagnostics);
  return ok ? { ...loaded, diagnostics } : { ok: false, diagnostics, migrated: [] };
}
