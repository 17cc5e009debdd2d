/**
 * `csp backup FILE`: a one-file, consistent snapshot of the store (works while the
 * app is running). Secrets and the audit key are not in it.
 */
import type { Command } from 'commander';
import { backupStore } from '../../store';
import { openStore } from '../../store';
import { printJson, storeOptions, withStoreErrors } from './store-cli';

export function register(program: Command): void {
  program
    .command('backup')
    .description('write a one-file backup of the store (no secrets, no audit key)')
    .argument('<file>', 'backup file to create')
    .option('--force', 'overwrite FILE if it exists')
    .action((file: string, opts: { force?: boolean }, cmd: Command) =>
      withStoreErrors(async () => {
        const options = storeOptions(cmd);
        const store = openStore({ dataDir: options.dataDir, role: 'cli' });
        try {
          const info = await backupStore(store, file, { overwrite: opts.force === true });
          if (options.json) printJson(info);
          else
            process.stdout.write(
              `backup written to ${info.file}: ${info.bytes} bytes, schema ${info.schemaVersion}, ${info.workflows} workflows, ${info.runs} runs, audit head ${info.auditHead ? `${info.auditHead.seq} ${info.auditHead.hash}` : '(empty)'}\n`,
            );
        } finally {
          store.close();
        }
      }),
    );
}
