/**
 * `csp validate WORKFLOW.yaml`: every problem with line and column. Checks
 * the YAML, the schema, cross-references, that the workflow compiles, and
 * that the CSPm in its behaviours, contracts, declarations and assertions
 * parses and type-checks. Exit 0 valid, 1 invalid, 2 unreadable.
 */
import type { Command } from 'commander';
import { hasErrors, validateWorkflowText } from '../../../engine/workflow';
import { validationLimit } from '../../source/validate';
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
        if (json)
          process.stdout.write(
            JSON.stringify({ file, valid: false, unreadable: read.message, diagnostics: [] }) + '\n',
          );
        process.stderr.write(`csp: ${read.message}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      // Beyond the load: compilation (port type clashes, buffer explosions) and the CSPm in behaviours, contracts and assertions.
      const { diagnostics } = read.result.ok
        ? validateWorkflowText(read.text, { evaluationLimit: validationLimit() })
        : read.result;
      const valid = !hasErrors(diagnostics);
      if (json) process.stdout.write(JSON.stringify({ file, valid, diagnostics }, null, 2) + '\n');
      else {
        if (diagnostics.length > 0) process.stderr.write(formatDiagnostics(diagnostics, file) + '\n');
        const errors = diagnostics.filter((d) => d.severity === 'error').length;
        process.stdout.write(
          valid ? `${file}: valid\n` : `${file}: invalid (${errors} ${errors === 1 ? 'error' : 'errors'})\n`,
        );
      }
      process.exitCode = valid ? EXIT_OK : EXIT_NO;
    });
}
