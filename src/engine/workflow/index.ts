/** Public surface of the workflow model (see README.md). */
export * from './model';
export * from './diagnostics';
export { migrate, MIGRATIONS } from './migrations';
export type { Migration, MigrationResult } from './migrations';
export { validateWorkflow, lookupPort, fullPortType } from './validate';
export { loadWorkflowYaml, parseWorkflow, MAX_WORKFLOW_BYTES, MAX_ALIAS_COUNT } from './yaml-load';
export type { LoadResult } from './yaml-load';
export { saveWorkflowYaml, toPlain } from './yaml-save';
export { diffWorkflows, formatDiff, sameData } from './diff';
export type { WorkflowDiff, RecordDiff, ChangedRecord } from './diff';
export { cspIdentifier, NameAllocator } from './names';
export { compileWorkflow, DEFAULT_BUFFER_STATE_LIMIT } from './compile';
export type { CompileOptions, CompileResult, CompiledAssertion } from './compile';
export { lookupName, rangeAt } from './source-map';
export type { SourceMap, SourceEntry, LineRange } from './source-map';
export { declaredNames, checkTypeText } from './types';
