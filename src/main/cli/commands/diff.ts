/**
 * `csp diff A.yaml B.yaml`: structural diff (nodes, edges, behaviours added,
 * removed, changed, moved only). Exit 0 when the workflows are the same, 1
 * when they differ (as diff(1) does), 2 when either file is unreadable or invalid.
 */
import type { Command } from 'commander';
import { diffWorkflows, formatDiff } from '../../../engine/workflow';
import { EXIT_NO, EXIT_OK } from '../exit-codes';
import { loadWorkflowInput } from './workflow-input';

export function register(program: Command): void {
  program
    .command('diff')
    .description('structural diff of two workflows: nodes, edges, behaviours added, removed, changed, moved only')
    .argument('<a>', 'first workflow YAML file')
    .argument('<b>', 'second workflow YAML file')
    .action((a: string, b: string, _opts: unknown, cmd: Command) => {
      const json = cmd.optsWithGlobals<{ json?: boolean }>().json === true;
      const left = loadWorkflowInput(a);
      const right = loadWorkflowInput(b);
      if (!left.ok || !right.ok) {
        process.exitCode = !left.ok ? left.exit : (right as { exit: number }).exit;
        return;
      }
      const d = diffWorkflows(left.workflow, right.workflow);
      if (json) process.stdout.write(JSON.stringify({ a, b, ...d }, null, 2) + '\n');
      else process.stdout.write(formatDiff(d).join('\n') + '\n');
      process.exitCode = d.identical ? EXIT_OK : EXIT_NO;
    });
}
