/**
 * Diagnostics are data, never exceptions: every phase returns a list of them.
 * The same objects feed Monaco markers, canvas badges and the CLI.
 */
import type { Span } from '../syntax/ast';
import { catalogue, type DiagnosticCode, type Severity } from './catalogue';

export interface RelatedInformation {
  readonly message: string;
  readonly span: Span;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInformation[];
}

export type DiagnosticArgs = Readonly<Record<string, string | number>>;

/** Fill a template's `{name}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function formatTemplate(template: string, args: DiagnosticArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = args[key];
    return value === undefined ? whole : String(value);
  });
}

export function makeDiagnostic(
  code: DiagnosticCode,
  span: Span,
  args: DiagnosticArgs = {},
  related?: readonly RelatedInformation[],
): Diagnostic {
  const entry = catalogue[code];
  const message = formatTemplate(entry.template, args);
  return related && related.length > 0
    ? { code, severity: entry.severity, message, span, related }
    : { code, severity: entry.severity, message, span };
}

/** `file:line:column: error CSP2001: undefined name 'x'` (the CLI's one-line form). */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.span.file}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}`;
  const rel = (d.related ?? []).map((r) => `\n  ${r.span.file}:${r.span.line}:${r.span.column}: ${r.message}`);
  return head + rel.join('');
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort by file, then position, then code: stable output for tests and the CLI. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.span.file.localeCompare(b.span.file) || a.span.offset - b.span.offset || a.code.localeCompare(b.code),
  );
}
