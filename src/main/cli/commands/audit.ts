/**
 * `csp audit verify`: checks the audit ledger's hash chain and signatures; exit 0 when
 * intact, 1 with the first broken link otherwise. `csp audit head`: prints the head
 * (seq and hash) so it can be anchored elsewhere (a ticket, a commit, an e-mail).
 */
import type { Command } from 'commander';
import { EXIT_NO, EXIT_OK } from '../exit-codes';
import { printJson, storeOptions, withCliStore, withStoreErrors } from './store-cli';

export function register(program: Command): void {
  const audit = program.command('audit').description("the store's tamper-evident audit ledger");

  audit
    .command('verify')
    .description("check the whole ledger's hash chain and Ed25519 signatures; reports the first broken link")
    .action((_opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const report = withCliStore(options, (store) => store.audit.verify());
        if (options.json) printJson(report);
        else {
          if (report.ok) process.stdout.write(`ok: ${report.entries} entries, head ${report.head ? `${report.head.seq} ${report.head.hash}` : '(empty)'}\n`);
          else process.stdout.write(`broken at entry ${report.firstBroken?.seq}: ${report.firstBroken?.reason} (${report.entries} entries before it verify)\n`);
          for (const k of report.keyChanges) process.stdout.write(`note: signing key changed at entry ${k.seq} (now ${k.publicKey.slice(0, 16)}…)\n`);
          if (report.keyFile === 'missing' && report.entries > 0) process.stdout.write('note: the audit key file is missing; the next entry will record a new key\n');
          if (report.keyFile === 'differs-from-head') process.stdout.write('note: the audit key file does not match the key that signed the head\n');
        }
        process.exitCode = report.ok ? EXIT_OK : EXIT_NO;
      }),
    );

  audit
    .command('head')
    .description('print the ledger head (seq, hash, time) to anchor it elsewhere')
    .action((_opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const head = withCliStore(options, (store) => store.audit.head());
        if (options.json) printJson(head ?? null);
        else process.stdout.write(head ? `${head.seq} ${head.hash} ${new Date(head.at).toISOString()}\n` : '(empty ledger)\n');
      }),
    );

  audit
    .command('log')
    .description('list ledger entries, oldest first')
    .option('--after <seq>', 'start after this entry', '0')
    .option('--limit <n>', 'at most this many entries', '100')
    .action((opts: { after: string; limit: string }, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const after = Number.parseInt(opts.after, 10);
        const limit = Number.parseInt(opts.limit, 10);
        if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1) {
          process.stderr.write('csp: --after must be an integer >= 0 and --limit an integer >= 1\n');
          process.exitCode = 2;
          return;
        }
        const entries = withCliStore(options, (store) => store.audit.list(after, limit));
        if (options.json) printJson(entries);
        else for (const e of entries) process.stdout.write(`${e.seq}\t${new Date(e.at).toISOString()}\t${e.actor}\t${e.action}\t${e.subject}\n`);
      }),
    );
}
