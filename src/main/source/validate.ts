/**
 * Every diagnostic of a text, without checking anything: for a workflow what
 * `csp validate` reports (YAML, schema, references, compilation, and the CSPm
 * inside it placed at its YAML line and column); for a script what the CSPm
 * front end and the evaluator report (syntax, types, declarations, assertions).
 */
import { outlineScript } from '../../engine/check/script';
import { validateWorkflowText } from '../../engine/workflow';
import { fromWorkflow } from './diagnostics';
import type { SourceDiagnostic } from './diagnostics';
import { includeReader } from './reader';
import type { SourceKind } from './reader';

export function validateSource(text: string, kind: SourceKind, file: string): SourceDiagnostic[] {
  if (kind === 'workflow') return validateWorkflowText(text).diagnostics.map((d) => fromWorkflow(d, file, text));
  return [...outlineScript(text, file, includeReader).diagnostics];
}
