/**
 * One diagnostic shape for everything the host reads: the engine's CSPm
 * `Diagnostic` (code, severity, message, span), which workflow diagnostics
 * join by getting a span in their YAML file and keeping their document path.
 * They stay data all the way to the edge: `toWire` for the protocol,
 * `formatForCli` for the terminal.
 */
import type { Diagnostic as CspmDiagnostic } from '../../engine/cspm';
import type { Span } from '../../engine/cspm/syntax/ast';
import { formatDiagnostic as formatCspm } from '../../engine/cspm';
import { formatDiagnostic as formatWorkflow } from '../../engine/workflow';
import type { WorkflowCode, WorkflowDiagnostic } from '../../engine/workflow';
import type { Diagnostic as WireDiagnostic } from '../../shared/protocol/methods/diagnostics';

/** The engine's Diagnostic, with any catalogue's code and, for workflows, the document path. */
export interface SourceDiagnostic extends Omit<CspmDiagnostic, 'code'> {
  /** CSPxxxx (CSPm), WFxxxx (workflow) or SRCxxxx (reading the file). */
  readonly code: string;
  /** Path in a workflow document (`processes[2].behaviour`); absent for CSPm. */
  readonly path?: string;
}

/** Codes of the reader itself. */
export const SRC = {
  unreadable: 'SRC1001',
  tooLarge: 'SRC1002',
} as const;

/** Offsets of each line start, for turning line:column into a span offset. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function pointSpan(file: string, line: number, column: number, text?: string): Span {
  const starts = text === undefined ? undefined : lineStarts(text);
  const offset = starts === undefined ? 0 : (starts[line - 1] ?? 0) + column - 1;
  return { file, line, column, endLine: line, endColumn: column, offset, end: offset };
}

/** A workflow diagnostic in the one shape: placed in `file` (1:1 when the loader could not place it). */
export function fromWorkflow(d: WorkflowDiagnostic, file: string, text?: string): SourceDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    span: pointSpan(file, d.line ?? 1, d.column ?? 1, text),
    ...(d.path !== '' ? { path: d.path } : {}),
  };
}

export function hostDiagnostic(code: string, file: string, message: string): SourceDiagnostic {
  return { code, severity: 'error', message, span: pointSpan(file, 1, 1) };
}

export function hasErrors(ds: readonly SourceDiagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** The protocol's flat shape (src/shared/protocol/methods/diagnostics.ts). */
export function toWire(d: SourceDiagnostic): WireDiagnostic {
  const s = d.span;
  const ranged = s.endLine !== s.line || s.endColumn !== s.column;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: s.file,
    ...(d.path !== undefined ? { path: d.path } : {}),
    line: s.line,
    column: s.column,
    ...(ranged ? { endLine: s.endLine, endColumn: s.endColumn } : {}),
    ...(d.related && d.related.length > 0
      ? {
          related: d.related.map((r) => ({
            message: r.message,
            file: r.span.file,
            line: r.span.line,
            column: r.span.column,
          })),
        }
      : {}),
  };
}

/** One line (plus related lines) as `csp` prints them: the CSPm form, or the workflow form with its path. */
export function formatForCli(d: SourceDiagnostic): string {
  if (d.code.startsWith('WF')) {
    return formatWorkflow(
      {
        code: d.code as WorkflowCode,
        severity: d.severity === 'info' ? 'warning' : d.severity,
        message: d.message,
        path: d.path ?? '',
        line: d.span.line,
        column: d.span.column,
      },
      d.span.file,
    );
  }
  if (d.code.startsWith('SRC')) return `${d.span.file}: ${d.message}`;
  return formatCspm(d as CspmDiagnostic);
}
