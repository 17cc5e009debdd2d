/**
 * `csp export WORKFLOW.yaml --to cspm|yaml [-o FILE]`: the workflow as the
 * CSPm script checks run on (docs/workflow-semantics.md), or as canonical YAML (migrated to
 * the current version). `--json` prints the CSPm with its source map and
 * assumptions.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compileWorkflow, formatDiagnostic, saveWorkflowYaml, validateWorkflowText } from '../../../engine/workflow';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { loadWorkflowInput } from './workflow-input';

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
      const input = loadWorkflowInput(file);
      if (!input.ok) {
        process.exitCode = input.exit;
        return;
      }
      let text: string;
      let payload: unknown;
      if (opts.to === 'yaml') {
        text = saveWorkflowYaml(input.workflow);
        payload = { format: 'yaml', text };
      } else {
        // Never hand out a script the CSPm front end rejects: its errors are reported at their YAML place instead.
        const checked = validateWorkflowText(input.text);
        // (Load diagnostics were printed while reading; add those of compilation and the CSPm front end.)
        for (const d of checked.diagnostics) if (d.code.startsWith('WF3')) process.stderr.write(formatDiagnostic(d, file) + '\n');
        const c = compileWorkflow(input.workflow);
        if (!checked.ok || c.cspm === '') {
          process.exitCode = EXIT_USAGE;
          return;
        }
        text = c.cspm;
        payload = { format: 'cspm', text, sourceMap: c.sourceMap, assumptions: c.assumptions, assertions: c.assertions, system: c.system };
      }
      const output = json ? JSON.stringify(payload, null, 2) + '\n' : text;
      if (opts.output) writeFileSync(opts.output, output);
      else process.stdout.write(output);
      process.exitCode = EXIT_OK;
    });
}
