/**
 * What `csp check` and `check.run` check: a CSPm script (with its includes,
 * read relative to it) or a workflow YAML compiled to CSPm by the workflow
 * engine, whose source map later names nodes and edges in counterexamples.
 */
import { readFileSync, statSync } from 'node:fs';
import { compileWorkflow, hasErrors } from '../../engine/workflow';
import type { SourceMap } from '../../engine/workflow/source-map';
import { formatDiagnostics, readWorkflowFile } from '../workflows/files';

/** Largest script read (the same limit as workflow files). */
const MAX_SCRIPT_BYTES = 10 * 1024 * 1024;

export type CheckInput =
  | {
      readonly kind: 'script';
      readonly file: string;
      readonly text: string;
      /** Present for a workflow: how generated names map back to nodes and edges. */
      readonly sourceMap?: SourceMap;
      /** Statements every check of a workflow rests on (nodes without a contract, ...). */
      readonly assumptions: readonly string[];
    }
  /** The file cannot be checked at all: unreadable, or an invalid workflow. Messages are `file:line:col: ...` lines. */
  | { readonly kind: 'broken'; readonly file: string; readonly messages: readonly string[] };

export function isWorkflowPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function readCheckInput(path: string): CheckInput {
  if (isWorkflowPath(path)) {
    const read = readWorkflowFile(path);
    if (read.kind === 'unreadable') return { kind: 'broken', file: path, messages: [read.message] };
    const diags = [...read.result.diagnostics];
    if (read.result.workflow === undefined || hasErrors(diags)) {
      return { kind: 'broken', file: path, messages: formatDiagnostics(diags, path).split('\n') };
    }
    const compiled = compileWorkflow(read.result.workflow);
    if (hasErrors(compiled.diagnostics)) {
      return { kind: 'broken', file: path, messages: formatDiagnostics(compiled.diagnostics, path).split('\n') };
    }
    return { kind: 'script', file: path, text: compiled.cspm, sourceMap: compiled.sourceMap, assumptions: compiled.assumptions };
  }
  try {
    const st = statSync(path);
    if (!st.isFile()) return { kind: 'broken', file: path, messages: [`${path}: not a file`] };
    if (st.size > MAX_SCRIPT_BYTES) return { kind: 'broken', file: path, messages: [`${path}: larger than the 10 MB limit`] };
    return { kind: 'script', file: path, text: readFileSync(path, 'utf8'), assumptions: [] };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { kind: 'broken', file: path, messages: [`${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`] };
  }
}

/** Include reader for the engine: paths arrive already resolved against the including file. */
export function includeReader(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
