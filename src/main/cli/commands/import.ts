/**
 * `csp import FILE.csp --to yaml [-o FILE]`: a CSPm script whose system is a
 * parallel composition, as a workflow (nodes, edges, buses, layout). Files
 * the script includes are read relative to it. Exit 2 when the script is
 * broken or its system cannot be drawn faithfully.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, importCspm, MAX_WORKFLOW_BYTES, saveWorkflowYaml } from '../../../engine/workflow';
import { elkLayout } from '../../workflows/elk-layout';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';

export function register(program: Command): void {
  program
    .command('import')
    .description('convert a CSPm script to a workflow (stdout unless -o)')
    .argument('<script>', 'CSPm script (.csp)')
    .requiredOption('--to <format>', 'yaml')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--name <name>', 'workflow name (default: the file name)')
    .action((file: string, opts: { to: string; output?: string; name?: string }, cmd: Command) => {
      const json = cmd.optsWithGlobals<{ json?: boolean }>().json === true;
      if (opts.to !== 'yaml') {
        process.stderr.write(`csp import: --to must be yaml, got "${opts.to}"\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      let text: string;
      try {
        if (statSync(file).size > MAX_WORKFLOW_BYTES) throw new Error('larger than the 10 MB limit');
        text = readFileSync(file, 'utf8');
      } catch (e) {
        process.stderr.write(
          `csp: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`,
        );
        process.exitCode = EXIT_USAGE;
        return;
      }
      const readFile = (path: string): string | undefined => {
        try {
          return readFileSync(resolve(path), 'utf8');
        } catch {
          return undefined;
        }
      };
      const result = importCspm(text, {
        file,
        readFile,
        name: opts.name ?? basename(file).replace(/\.csp$/, ''),
        layout: elkLayout,
      });
      for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d, file) + '\n');
      if (!result.ok || !result.workflow) {
        process.exitCode = EXIT_USAGE;
        return;
      }
      const yaml = saveWorkflowYaml(result.workflow);
      const output = json
        ? JSON.stringify({ format: 'yaml', text: yaml, workflow: result.workflow }, null, 2) + '\n'
        : yaml;
      if (opts.output) writeFileSync(opts.output, output);
      else process.stdout.write(output);
      process.exitCode = EXIT_OK;
    });
}
