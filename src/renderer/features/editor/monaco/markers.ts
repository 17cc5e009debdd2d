/** Language diagnostics as Monaco markers (severity, code, range, related places). */
import type { editor } from 'monaco-editor/editor';
import type { LanguageDiagnostic } from '../language/protocol';
import { monaco } from './setup';

export function toMarkers(model: editor.ITextModel, list: readonly LanguageDiagnostic[]): editor.IMarkerData[] {
  return list.map((d) => ({
    severity:
      d.severity === 'error'
        ? monaco.MarkerSeverity.Error
        : d.severity === 'warning'
          ? monaco.MarkerSeverity.Warning
          : monaco.MarkerSeverity.Info,
    message: d.message,
    code: d.code,
    source: 'CSPm',
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine,
    // An empty range would be invisible: mark at least one character.
    endColumn: d.endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn,
    ...(d.related
      ? {
          relatedInformation: d.related.map((r) => ({
            resource: model.uri,
            message: r.message,
            startLineNumber: r.line,
            startColumn: r.column,
            endLineNumber: r.endLine,
            endColumn: r.endColumn,
          })),
        }
      : {}),
  }));
}
