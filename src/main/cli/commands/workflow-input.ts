/**
 * Shared input handling of the workflow commands (export, validate, diff):
 * read a workflow file, print its diagnostics to stderr with line:column, and
 * tell the caller which exit status a failure deserves.
 */
import type { Workflow } from '../../../engine/workflow';
import { formatDiagnostics, readWorkflowFile } from '../../workflows/files';
import { EXIT_NO, EXIT_USAGE } from '../exit-codes';

export type WorkflowInput = { ok: true; workflow: Workflow; text: string } | { ok: false; exit: number };

/**
 * Loads `path`. Unreadable files exit 2; an invalid workflow exits `invalidExit`
 * (validate: 1, "the answer is no"; converters: 2, a broken input).
 */
export function loadWorkflowInput(path: string, invalidExit: number = EXIT_USAGE, quiet = false): WorkflowInput {
  const read = readWorkflowFile(path);
  if (read.kind === 'unreadable') {
    if (!quiet) process.stderr.write(`csp: ${read.message}\n`);
    return { ok: false, exit: EXIT_USAGE };
  }
  const { result } = read;
  if (!quiet && result.diagnostics.length > 0) process.stderr.write(formatDiagnostics(result.diagnostics, path) + '\n');
  if (!result.ok || !result.workflow) return { ok: false, exit: invalidExit };
  return { ok: true, workflow: result.workflow, text: read.text };
}

export { EXIT_NO, EXIT_USAGE };
