/**
 * `csp audit`: the store's signed, hash-chained audit ledger.
 *  - `verify [--key FP] [--head HASH]`: checks the chain against the pinned key (the key
 *    file, or FP), the anchor kept beside the key, and a head written down earlier;
 *    exit 0 when it holds, 1 naming the first bad entry.
 *  - `head`: the head's hash and the key's fingerprint, to write down elsewhere.
 *  - `log`: the entries.
 * Key management (rotate-key, adopt-key, reanchor) is in audit-keys.ts.
 */
import type { Command } from 'commander';
import type { VerifyReport } from '../../store';
import { EXIT_NO, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { registerKeyCommands } from './audit-keys';
import { printJson, storeOptions, withCliStore, withStoreErrors } from './store-cli';

function printReport(report: VerifyReport): void {
  const out: string[] = [];
  if (report.ok)
    out.push(
      `ok: ${report.entries} entries, head ${report.head ? `${report.head.seq} ${report.head.hash}` : '(empty)'}`,
    );
  else
    out.push(
      `broken at entry ${report.firstBroken?.seq}: ${report.firstBroken?.reason}`,
      `(${report.entries} entries before it verify)`,
    );
  if (report.pinned) out.push(`pinned key: ${report.pinned.fingerprint} (${report.pinned.source})`);
  if (report.headKey && report.headKey !== report.pinned?.fingerprint)
    out.push(`the ledger is now at key ${report.headKey}`);
  for (const k of report.keyChanges) {
    out.push(`key ${k.kind} at entry ${k.seq}: ${k.from} -> ${k.to}${k.reason ? ` (${k.reason})` : ''}`);
    if (k.kind !== 'rotated')
      out.push(`  entries before ${k.seq} are vouched for by key ${k.to} only, not by the key that signed them`);
  }
  if (report.anchor) out.push(`anchor: entry ${report.anchor.seq} ${report.anchor.hash} (${report.anchor.file})`);
  else if (report.entries > 0)
    out.push('anchor: none recorded; entries cut from the end cannot be detected without one (see `csp audit head`)');
  process.stdout.write(`${out.join('\n')}\n`);
}

export function register(program: Command): void {
  const audit = program.command('audit').description("the store's tamper-evident audit ledger");

  audit
    .command('verify')
    .description(
      'check the hash chain, the signatures and the key changes against the pinned key; names the first bad entry',
    )
    .option(
      '--key <fingerprint>',
      "pin this key instead of the key file's (a fingerprint from `csp audit head`, or a public key)",
    )
    .option('--head <hash>', 'a head hash written down earlier (`csp audit head`): the ledger must still contain it')
    .action((opts: { key?: string; head?: string }, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const report = withCliStore(options, (store) =>
          store.audit.verify({
            ...(opts.key !== undefined ? { key: opts.key } : {}),
            ...(opts.head !== undefined ? { head: opts.head } : {}),
          }),
        );
        if (options.json) printJson(report);
        else printReport(report);
        process.exitCode = report.ok ? EXIT_OK : EXIT_NO;
      }),
    );

  audit
    .command('head')
    .description("print the ledger head (seq, hash, time) and the key's fingerprint, to write down elsewhere")
    .action((_opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const info = withCliStore(options, (store) => store.audit.headInfo());
        if (options.json) {
          printJson(
            info.head
              ? { ...info.head, key: info.keyFingerprint, publicKey: info.publicKey, keyFile: info.keyFile }
              : null,
          );
          return;
        }
        if (!info.head) {
          process.stdout.write('(empty ledger)\n');
          return;
        }
        const lines = [
          `entry ${info.head.seq}  ${new Date(info.head.at).toISOString()}`,
          `hash  ${info.head.hash}`,
          `key   ${info.keyFingerprint}`,
        ];
        if (info.keyFile.fingerprint !== info.keyFingerprint)
          lines.push(
            `note: the key file ${info.keyFile.path} holds ${info.keyFile.fingerprint ? `key ${info.keyFile.fingerprint}` : 'no key'}`,
          );
        lines.push(`check later with: csp audit verify --key ${info.keyFingerprint} --head ${info.head.hash}`);
        process.stdout.write(`${lines.join('\n')}\n`);
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
          process.exitCode = EXIT_USAGE;
          return;
        }
        const entries = withCliStore(options, (store) => store.audit.list(after, limit));
        if (options.json) printJson(entries);
        else
          for (const e of entries)
            process.stdout.write(`${e.seq}\t${new Date(e.at).toISOString()}\t${e.actor}\t${e.action}\t${e.subject}\n`);
      }),
    );

  registerKeyCommands(audit);
}
