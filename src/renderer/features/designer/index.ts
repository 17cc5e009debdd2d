/**
 * The designer feature (see README.md): what the workbench mounts, and the
 * document and diagnostics other features read.
 */
export { DesignerCanvas } from './canvas/DesignerCanvas';
export { Palette } from './palette/Palette';
export { PropertiesPanel } from './properties/PropertiesPanel';
export { DesignerServices } from './DesignerServices';
export { setCodeEditor } from './properties/CodeField';
export type { CodeEditorProps, CodeLanguage } from './properties/CodeField';
export { useDocument } from './document';
export type { DocumentRef, DocumentState, DocChange, Selection } from './document';
export { useDiagnostics } from './diagnostics';
export type { DesignerDiagnostic, DiagnosticTarget } from './diagnostics';
export { focusOf } from './reveal';
