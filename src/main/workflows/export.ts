/**
 * Export of a workflow text as canonical YAML or as the CSPm script checks
 * run on: the one implementation behind `csp export` and `workflows.export`,
 * so both give the same bytes.
 *
 *  - yaml: the loaded workflow written by the engine's `saveWorkflowYaml` over
 *    the source text, so comments, key order and layout are kept and a valid
 *    current file comes back byte for byte (an older file is migrated, with
 *    the lowest version that holds its content);
 *  - cspm: the compiled script, only when the CSPm front end accepts it (its
 *    errors are reported at their YAML place instead).
 */
import { compileWorkflow, loadWorkflowYaml, saveWorkflowYaml, validateWorkflowText } from '../../engine/workflow';
import type { CompileResult, Workflow } from '../../engine/workflow';
import { fromWorkflow } from '../source/diagnostics';
import type { SourceDiagnostic } from '../source/diagnostics';

export type ExportFormat = 'yaml' | 'cspm';

export type ExportResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly workflow: Workflow;
      /** For cspm: the compilation (source map, assumptions, assertions, system). */
      readonly compiled?: CompileResult;
      /** Warnings (and, for cspm, the diagnostics of compilation). */
      readonly diagnostics: readonly SourceDiagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly SourceDiagnostic[] };

export function exportWorkflow(source: string, file: string, format: ExportFormat): ExportResult {
  const loaded = loadWorkflowYaml(source);
  const diagnostics = loaded.diagnostics.map((d) => fromWorkflow(d, file, source));
  if (!loaded.ok || loaded.workflow === undefined) return { ok: false, diagnostics };
  const workflow = loaded.workflow;
  if (format === 'yaml') return { ok: true, text: saveWorkflowYaml(workflow, source), workflow, diagnostics };
  // Load diagnostics are already in; add those of compilation and the CSPm front end.
  const checked = validateWorkflowText(source);
  for (const d of checked.diagnostics) if (d.code.startsWith('WF3')) diagnostics.push(fromWorkflow(d, file, source));
  const compiled = compileWorkflow(workflow);
  if (!checked.ok || compiled.cspm === '') return { ok: false, diagnostics };
  return { ok: true, text: compiled.cspm, workflow, compiled, diagnostics };
}

/** A file name for a document name: `Dining philosophers` → `dining-philosophers.yaml`. */
export function exportFileName(name: string, format: ExportFormat): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base === '' ? 'workflow' : base}.${format === 'yaml' ? 'yaml' : 'csp'}`;
}
