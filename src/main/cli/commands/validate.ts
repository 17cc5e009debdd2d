/**
 * `csp validate WORKFLOW.yaml`: every problem with line and column. Checks
 * the YAML, the schema, cross-references, and that the workflow compiles to
 * CSPm. Exit 0 valid, 1 invalid, 2 unreadable.
 */
import type { Command } from 'commander';
import { compileWorkflow, hasErrors } from '../../../engine/workflow';
import type { WorkflowDiagnostic } from '../../../engine/workflow';
import { formatDiagnostics, readWorkflowFile } from '../../workflows/files';
import { EXIT_NO, EXIT_OK, EXIT_USAGE } from '../exit-codes';

export function register(program: Command): void {
  program
    .command('validate')
    .description('validate a workflow file; every error with line:column')
    .argument('<workflow>', 'workflow YAML file')
    .action((file: string, _opts: unknown, cmd: Command) => {
      const json = cmd.optsWithGlobals<{ json?: boolean }>().json === true;
      const read = readWorkflowFile(file);
      if (read.kind === 'unreadable') {
        if (json) process.stdout.write(JSON.stringify({ file, valid: false, unreadable: read.message, diagnostics: [] }) + '\n');
        process.stderr.write(`csp: ${read.message}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      const diagnostics: WorkflowDiagnostic[] = [...read.result.diagnostics];
      if (read.result.workflow) {
        // Compilation finds what only the whole network shows (port type clashes, buffer explosions).
        const c = compileWorkflow(read.result.workflow);
        for (const d of c.diagnostics) if (!diagnostics.some((x) => x.code === d.code && x.path === d.path)) diagnostics.push(d);
      }
      const valid = !hasErrors(diagnostics);
      if (json) process.stdout.write(JSON.stringify({ file, valid, diagnostics }, null, 2) + '\n');
      else {
        if (diagnostics.length > 0) process.stderr.write(formatDiagnostics(diagnostics, file) + '\n');
        process.stdout.write(valid ? `${file}: valid\n` : `${file}: invalid (${diagnostics.filter((d) => d.severity === 'error').length} errors)\n`);
      }
      process.exitCode = valid ? EXIT_OK : EXIT_NO;
    });
}
