/**
 * `csp export WORKFLOW.yaml --to cspm|yaml [-o FILE]`: the workflow as the
 * CSPm script checks run on (docs/workflow-semantics.md), or as canonical YAML (migrated to
 * the current version). `--json` prints the CSPm with its source map and
 * assumptions.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportWorkflow } from '../../workflows/export';
import { formatForCli } from '../../source/diagnostics';
import { readTextFile } from '../../source/reader';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';

export function register(program: Command): void {
  program
    .command('export')
    .description('convert a workflow to CSPm or canonical YAML (stdout unless -o)')
    .argument('<workflow>', 'workflow YAML file')
    .requiredOption('--to <format>', 'cspm or yaml')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((file: string, opts: { to: string; output?: string }, cmd: Command) => {
      const json = cmd.optsWithGlobals<{ json?: boolean }>().json === true;
      if (opts.to !== 'cspm' && opts.to !== 'yaml') {
        process.stderr.write(`csp export: --to must be cspm or yaml, got "${opts.to}"\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      const read = readTextFile(file);
      if (!read.ok) {
        process.stderr.write(`csp: ${formatForCli(read.diagnostic)}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      // The same code as the studio's workflows.export, so both give the same bytes.
      const result = exportWorkflow(read.text, file, opts.to);
      for (const d of result.diagnostics) process.stderr.write(formatForCli(d) + '\n');
      if (!result.ok) {
        process.exitCode = EXIT_USAGE;
        return;
      }
      const c = result.compiled;
      const payload =
        c === undefined
          ? { format: 'yaml', text: result.text }
          : {
              format: 'cspm',
              text: result.text,
              sourceMap: c.sourceMap,
              assumptions: c.assumptions,
              assertions: c.assertions,
              system: c.system,
            };
      const output = json ? JSON.stringify(payload, null, 2) + '\n' : result.text;
      if (opts.output) writeFileSync(opts.output, output);
      else process.stdout.write(output);
      process.exitCode = EXIT_OK;
    });
}
