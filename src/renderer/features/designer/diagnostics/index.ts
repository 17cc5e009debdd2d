/** Diagnostics of the open workflow (see ../README.md): computed in a worker, read by badges, panels and Problems. */
export { analyseWorkflow, byTarget, targetKey, targetOf } from './analyse';
export type { DesignerDiagnostic, DiagnosticTarget } from './analyse';
export { useDiagnostics, useDiagnosticsSync, useTargetDiagnostics } from './store';
export type { DiagnosticsState } from './store';
