export { catalogue, catalogueEntry } from './catalogue';
export type { CatalogueEntry, DiagnosticCode, Severity } from './catalogue';
export { makeDiagnostic, formatDiagnostic, formatTemplate, hasErrors, sortDiagnostics } from './diagnostic';
export type { Diagnostic, DiagnosticArgs, RelatedInformation } from './diagnostic';
