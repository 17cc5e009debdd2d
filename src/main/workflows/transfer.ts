/**
 * Import and export of documents for the studio (workflows.import/export).
 *
 * Import is all or nothing: YAML is validated in full (as `csp validate`) and
 * refused with its diagnostics on any error; CSPm becomes a workflow the way
 * `csp import` makes one (refused on any error), or is kept as a script as
 * written, errors and all: the editor is where a script's errors are fixed, as
 * FDR loads a script and lists what is wrong with it. Export of a workflow is exportWorkflow, the code of
 * `csp export`, so the bytes are the same.
 */
import { basename } from 'node:path';
import { importCspm, saveWorkflowYaml, validateWorkflowText } from '../../engine/workflow';
import { elkLayout } from './elk-layout';
import type { Params, Result } from '../../shared/protocol';
import type { DocumentKind } from '../store';
import { fromWorkflow, hasErrors, toWire } from '../source/diagnostics';
import type { SourceDiagnostic } from '../source/diagnostics';
import { validateSource } from '../source/validate';
import { UNTITLED_SCRIPT, withName } from './documents';
import { exportFileName, exportWorkflow } from './export';
import type { ExportFormat } from './export';

export type Imported =
  | {
      readonly ok: true;
      readonly kind: DocumentKind;
      readonly name: string;
      readonly content: string;
      readonly diagnostics: readonly SourceDiagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly SourceDiagnostic[] };

/** The file name without folders and extension, as a default document name. */
function stem(fileName: string): string {
  return basename(fileName.replace(/\\/g, '/')).replace(/\.(csp|ya?ml)$/i, '');
}

export function importDocument(p: Params<'workflows.import'>): Imported {
  const file = p.fileName ?? (p.format === 'yaml' ? 'workflow.yaml' : 'script.csp');
  if (p.format === 'yaml') {
    const checked = validateWorkflowText(p.text);
    const diagnostics = checked.diagnostics.map((d) => fromWorkflow(d, file, p.text));
    if (!checked.ok || checked.workflow === undefined || hasErrors(diagnostics)) return { ok: false, diagnostics };
    const name = p.name ?? checked.workflow.name;
    // The text is stored as written (comments and all); only a new name is written into it.
    return { ok: true, kind: 'workflow', name, content: withName('workflow', p.text, name), diagnostics };
  }
  const name = p.name ?? (p.fileName !== undefined ? stem(p.fileName) : UNTITLED_SCRIPT);
  if (p.as === 'script') {
    // Stored even with errors (typing one into a stored script saves it too); they come back with it.
    const diagnostics = validateSource(p.text, 'cspm', file);
    return { ok: true, kind: 'cspm', name, content: p.text, diagnostics };
  }
  // A dropped script has no folder on the host to read includes from.
  const result = importCspm(p.text, { file, name, readFile: () => undefined, layout: elkLayout });
  const diagnostics = result.diagnostics.map((d) => fromWorkflow(d, file, p.text));
  if (!result.ok || result.workflow === undefined || hasErrors(diagnostics)) return { ok: false, diagnostics };
  return { ok: true, kind: 'workflow', name, content: saveWorkflowYaml(result.workflow), diagnostics };
}

export interface ExportSource {
  readonly kind: DocumentKind;
  readonly name: string;
  /** Name used in diagnostics. */
  readonly file: string;
  readonly content: string;
}

export function exportDocument(doc: ExportSource, format: ExportFormat): Result<'workflows.export'> {
  const fileName = exportFileName(doc.name, format);
  if (doc.kind === 'cspm') {
    if (format === 'cspm') return { ok: true, format, text: doc.content, fileName };
    const result = importCspm(doc.content, {
      file: doc.file,
      name: doc.name,
      readFile: () => undefined,
      layout: elkLayout,
    });
    if (!result.ok || result.workflow === undefined)
      return { ok: false, diagnostics: result.diagnostics.map((d) => toWire(fromWorkflow(d, doc.file, doc.content))) };
    return { ok: true, format, text: saveWorkflowYaml(result.workflow), fileName };
  }
  const exported = exportWorkflow(doc.content, doc.file, format);
  if (!exported.ok) return { ok: false, diagnostics: exported.diagnostics.map(toWire) };
  return { ok: true, format, text: exported.text, fileName };
}
