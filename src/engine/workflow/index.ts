/** Public surface of the workflow model (see README.md). */
export * from './model';
export * from './diagnostics';
export { migrate, MIGRATIONS } from './migrations';
export type { Migration, MigrationResult } from './migrations';
export { validateWorkflow, lookupPort, fullPortType } from './validate';
export { loadWorkflowYaml, parseWorkflow, recordProblems, MAX_WORKFLOW_BYTES, MAX_ALIAS_COUNT } from './yaml-load';
export type { LoadResult } from './yaml-load';
export { saveWorkflowYaml, toPlain } from './yaml-save';
export { diffWorkflows, formatDiff, sameData } from './diff';
export type { WorkflowDiff, RecordDiff, ChangedRecord } from './diff';
export { cspIdentifier, NameAllocator } from './names';
export { compileWorkflow, DEFAULT_BUFFER_STATE_LIMIT } from './compile';
export type { CompileOptions, CompileResult, CompiledAssertion } from './compile';
export { lookupName, rangeAt } from './source-map';
export type { SourceMap, SourceEntry, LineRange } from './source-map';
export { declaredNames, checkTypeText, normalType } from './types';
export { parsePath } from './yaml-positions';
export { importCspm } from './import';
export {
  layoutRequest,
  layoutPositions,
  nodeHeight,
  LAYOUT_OPTIONS,
  NODE_WIDTH,
  NODE_HEADER,
  NODE_SUMMARY,
  PORT_ROW,
  PORTS_TOP,
  BUS_SIZE,
  busPortIn,
  busPortOut,
} from './layout';
export type { LayoutGraph, LayoutNode, LayoutEdge, LayoutPort, LayoutRunner } from './layout';
export type { ImportOptions, ImportResult } from './import';
export { workflowJsonSchema, workflowJsonSchemaText } from './json-schema';
export { abstractPayload, matchesSchema, routeReply, unsupportedKeyword } from './abstraction';
export { validateWorkflowText, cspmDiagnostics } from './validate-text';
export type { CspmCheckOptions, EvaluationLimit } from './validate-text';
export { bodyAt } from './source-map';
export type { BodySpan } from './source-map';
export { freshId, idBase } from './ids';
export type { IdKind } from './ids';
