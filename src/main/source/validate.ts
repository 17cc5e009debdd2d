/**
 * Every diagnostic of a text, without checking anything: for a workflow what
 * `csp validate` reports (YAML, schema, references, compilation, and the CSPm
 * inside it placed at its YAML line and column); for a script what the CSPm
 * front end and the evaluator report (syntax, types, declarations, assertions).
 */
import { outlineScript } from '../../engine/check/script';
import { validateWorkflowText, type EvaluationLimit } from '../../engine/workflow';
import { fromWorkflow } from './diagnostics';
import type { SourceDiagnostic } from './diagnostics';
import { includeReader } from './reader';
import type { SourceKind } from './reader';

/**
 * How long validation may evaluate a workflow's CSPm. It runs on the host's thread (on save,
 * on open, `workflows.validate`), so a huge parameter (N = 99999999) must end in an error, not
 * a frozen host. A 1000-philosopher table takes about 2 s on a loaded machine. Checks and runs
 * are not bounded by it (they have `--timeout`).
 */
export const VALIDATION_EVALUATION_MS = 5000;

/** And units of work (a bound on memory): that table takes 0.15 million, a range of 10 million integers 10 million. */
export const VALIDATION_EVALUATION_UNITS = 10_000_000;

export const validationLimit = (): EvaluationLimit => ({
  ms: VALIDATION_EVALUATION_MS,
  units: VALIDATION_EVALUATION_UNITS,
  clock: () => performance.now(),
});

export function validateSource(text: string, kind: SourceKind, file: string): SourceDiagnostic[] {
  if (kind === 'workflow')
    return validateWorkflowText(text, { evaluationLimit: validationLimit() }).diagnostics.map((d) =>
      fromWorkflow(d, file, text),
    );
  return [...outlineScript(text, file, includeReader).diagnostics];
}
