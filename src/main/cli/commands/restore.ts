/**
 * `csp restore FILE`: replaces the store with a backup. Refuses while a host runs on
 * the data folder; keeps the replaced database beside it; appends an audit entry
 * naming the head it replaced.
 */
import type { Command } from 'commander';
import { restoreStore } from '../../store';
import { printJson, storeOptions, withStoreErrors } from './store-cli';

export function register(program: Command): void {
  program
    .command('restore')
    .description('replace the store with a backup made by `csp backup` (the host must be stopped)')
    .argument('<file>', 'backup file')
    .action((file: string, _opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const result = restoreStore(options.dataDir, file);
        if (options.json) printJson(result);
        else {
          const h = result.replacedHead;
          process.stdout.write(
            `restored ${result.restored.file} (${result.restored.workflows} workflows, ${result.restored.runs} runs)\n` +
              `replaced audit head: ${h ? `${h.seq} ${h.hash}` : '(none)'}\n` +
              (result.previousFile ? `previous database kept at ${result.previousFile}\n` : ''),
          );
        }
      }),
    );
}
