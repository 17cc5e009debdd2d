/**
 * Full validation of a workflow file's text (`csp validate`, editor markers):
 * the YAML load, then compilation, then the compiled script through the CSPm
 * front end and evaluator. A CSPm error inside a behaviour, contract,
 * alphabet, the declarations or an assertion is placed back at its line and
 * column in the YAML through the source map.
 */
import { Scalar } from 'yaml';
import { load } from '../cspm';
import type { Diagnostic } from '../cspm/diagnostics';
import type { Module } from '../cspm/syntax/ast';
import { EvaluationError, loadScript } from '../eval';
import type { Workflow } from './model';
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
  /**
   * A time bound on evaluating the script, for validation on save and `csp validate` only
   * (checks and runs keep their own `--timeout`): a parameter such as N = 99999999 then ends
   * in one located error instead of freezing the host. The engine has no clock: the host gives one.
   */
  readonly evaluationLimit?: EvaluationLimit;
}

export interface EvaluationLimit {
  readonly ms: number;
  /**
   * Most units of evaluation work (items of a range, events of a channel, evaluated expressions,
   * transitions): a bound on memory too, as a range of 10^8 integers fills gigabytes within the time.
   */
  readonly units: number;
  /** Milliseconds since any fixed origin. */
  readonly clock: () => number;
}

/** The marker of the limit's error, so it is told apart from the script's own diagnostics. */
const TOO_LARGE = 'too large to validate here';

/** TermFactory.poll asks its limitCheck once per this many units of work. */
const UNITS_PER_CHECK = 1024;

/** A `limitCheck` for loadScript that throws an EvaluationError once `limit.ms` or `limit.units` are spent. */
function boundCheck(limit: EvaluationLimit): () => void {
  const deadline = limit.clock() + limit.ms;
  let units = 0;
  return () => {
    units += UNITS_PER_CHECK;
    if (units > limit.units) {
      const steps = limit.units.toLocaleString('en-US');
      throw new EvaluationError('CSP4002', `evaluating this needs more than ${steps} steps: ${TOO_LARGE}`);
    }
    if (limit.clock() <= deadline) return;
    const seconds = (limit.ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 });
    throw new EvaluationError('CSP4002', `evaluating this needs more than ${seconds} s: ${TOO_LARGE}`);
  };
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
      : [...front.diagnostics, ...evaluationDiagnostics(front.ast, options.evaluationLimit)];
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

/** The evaluator's diagnostics; past the limit, only the first place it stopped (every later one is an echo). */
function evaluationDiagnostics(ast: Module, limit: EvaluationLimit | undefined): readonly Diagnostic[] {
  if (limit === undefined) return loadScript(ast).diagnostics;
  const found = loadScript(ast, { limitCheck: boundCheck(limit) }).diagnostics;
  const first = found.find(isTooLarge);
  return first === undefined ? found : [first];
}

function isTooLarge(d: { readonly code: string; readonly message: string }): boolean {
  return d.code === 'CSP4002' && d.message.includes(TOO_LARGE);
}

/** The numeric parameters, largest first, with their YAML line: what usually makes a workflow too large. */
function largestParameters(workflow: Workflow, where: (path: string) => number | undefined): string {
  const numbers = Object.entries(workflow.parameters ?? {})
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 3);
  if (numbers.length === 0) return '';
  const text = numbers.map(([name, value]) => {
    const line = where(`parameters.${name}`);
    return `${name} = ${value}${line === undefined ? '' : ` at line ${line}`}`;
  });
  return ` (${text.join(', ')})`;
}

/** Load, compile and CSPm-check `text`; every diagnostic with line and column in the YAML. */
export function validateWorkflowText(text: string, options: CspmCheckOptions = {}): LoadResult {
  const { result: loaded, parsed } = loadWorkflowYamlDocument(text);
  if (!loaded.ok || !loaded.workflow || !parsed) return loaded;
  const compiled = compileWorkflow(loaded.workflow);
  const diagnostics: WorkflowDiagnostic[] = [...loaded.diagnostics];
  const { doc, counter } = parsed;
  const lines = text.split('\n');
  const lineOf = (path: string): number | undefined => {
    const node = nodeAt(doc, parsePath(path));
    return node?.range ? counter.linePos(node.range[0]).line : undefined;
  };
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
    const { inText, ...rest } = d;
    const plain = isTooLarge({ code: rest.message.slice(0, 7), message: rest.message })
      ? { ...rest, message: rest.message + largestParameters(loaded.workflow, lineOf) }
      : rest;
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
