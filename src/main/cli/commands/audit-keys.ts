/**
 * Key management of the audit ledger:
 *  - `csp audit rotate-key`: a new installation key, introduced by an entry the old key
 *    signs (with the new key's proof); the key file is replaced atomically after it.
 *  - `csp audit adopt-key --accept-key FP`: continue a ledger that is at another key
 *    (FP) under the installation key, recording that this key vouches for it.
 *  - `csp audit reanchor`: after an accepted loss of the last entries, record it and
 *    move the anchor to the current head.
 */
import type { Command } from 'commander';
import { printJson, storeOptions, withCliStore, withStoreErrors } from './store-cli';

export function registerKeyCommands(audit: Command): void {
  audit
    .command('rotate-key')
    .description('replace the audit key: the old key signs an entry naming the new one, then the key file is swapped')
    .action((_opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const result = withCliStore(options, (store) => ({
          ...store.audit.rotateKey(),
          keyFile: store.audit.headInfo().keyFile.path,
        }));
        if (options.json) printJson(result);
        else
          process.stdout.write(
            `rotated the audit key at entry ${result.entry.seq}: ${result.previous} -> ${result.next}\n` +
              `key file: ${result.keyFile}\nwrite down the new fingerprint and head: csp audit head\n`,
          );
      }),
    );

  audit
    .command('adopt-key')
    .description(
      "continue a ledger signed with another key under this installation's key (after checking it verifies under that key)",
    )
    .requiredOption('--accept-key <fingerprint>', 'the fingerprint of the key the ledger is signed with now')
    .action((opts: { acceptKey: string }, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const result = withCliStore(options, (store) => {
          // The accepted key must hold the chain as it is: adopting a broken chain would vouch for it.
          const report = store.audit.verify({ key: opts.acceptKey, ignoreAnchor: true });
          if (!report.ok) return { report, entry: undefined };
          return {
            report,
            entry: store.audit.adoptKey({ accept: opts.acceptKey, reason: 'adopted with csp audit adopt-key' }),
          };
        });
        if (!result.report.ok) {
          process.stderr.write(
            `csp: the ledger does not verify under key ${opts.acceptKey} (entry ${result.report.firstBroken?.seq}: ${result.report.firstBroken?.reason}); nothing was changed\n`,
          );
          process.exitCode = 1;
          return;
        }
        if (options.json) printJson(result.entry ?? null);
        else if (result.entry)
          process.stdout.write(
            `entry ${result.entry.seq}: the installation key now holds the ledger (it vouches for entries 1-${result.entry.seq - 1})\n`,
          );
        else process.stdout.write("the ledger is already at this installation's key; nothing to do\n");
      }),
    );

  audit
    .command('reanchor')
    .description('after an accepted loss of the last entries (e.g. a power cut): record it and anchor the current head')
    .action((_opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const result = withCliStore(options, (store) => store.audit.reanchor());
        if (options.json) printJson(result);
        else
          process.stdout.write(
            `entry ${result.entry.seq} records the re-anchoring` +
              (result.previous ? ` (the anchor named entry ${result.previous.seq} ${result.previous.hash})` : '') +
              '\n',
          );
      }),
    );
}
