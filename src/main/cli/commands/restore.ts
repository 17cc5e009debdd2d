/**
 * `csp restore FILE [--accept-key FP]`: replaces the store with a backup. Refuses while a
 * host runs on the data folder; refuses (exit 1) a backup whose audit ledger does not
 * verify, or is signed with a key this installation does not know, unless the user
 * accepts that key; keeps the replaced database beside it; appends an audit entry
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
    .option(
      '--accept-key <fingerprint>',
      "accept a backup whose ledger is signed with this key (not this installation's)",
    )
    .action((file: string, opts: { acceptKey?: string }, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const result = restoreStore(
          options.dataDir,
          file,
          opts.acceptKey !== undefined ? { acceptKey: opts.acceptKey } : {},
        );
        if (options.json) printJson(result);
        else {
          const h = result.replacedHead;
          const k = result.keyAdopted;
          process.stdout.write(
            `restored ${result.restored.file} (${result.restored.workflows} workflows, ${result.restored.runs} runs)\n` +
              `replaced audit head: ${h ? `${h.seq} ${h.hash}` : '(none)'}\n` +
              (k
                ? `entry ${k.seq}: this installation's key ${k.to} now holds the ledger signed with ${k.from}\n`
                : '') +
              (result.previousFile ? `previous database kept at ${result.previousFile}\n` : ''),
          );
        }
      }),
    );
}
