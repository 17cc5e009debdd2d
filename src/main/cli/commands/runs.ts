/**
 * `csp runs`: the runs `csp run` (and the app) recorded in the store.
 *   list [--limit N] [--before ID]     newest first
 *   show ID [--after SEQ] [--limit N] [--channel C] [--process P] [--search TEXT]
 *   pin ID | unpin ID                  pinned runs survive retention
 *   delete ID                          refuses a running run
 *   usage                              files, totals, largest runs, retention policy
 *   retention [--max-bytes N|none] [--max-age-days N|none] [--apply]
 * Exit 0 ok; 1 when the run does not exist or delete is refused (the answer is "no");
 * 2 on bad usage (a non-numeric id, a bad size) or an unusable store.
 * Text output is for people (sizes like 1.6 kB); --json prints the store's objects with
 * raw numbers.
 */
import type { Command } from 'commander';
import { StoreError } from '../../store';
import type { DiskUsage, RetentionPolicy, Store } from '../../store';
import { EXIT_NO } from '../exit-codes';
import { printJson, storeOptions, withCliStore, withStoreErrors } from './store-cli';
import type { StoreCliOptions } from './store-cli';
import {
  capValue,
  eventLine,
  formatBytes,
  integerOption,
  iso,
  parseMaxAgeDays,
  parseMaxBytes,
  parseRunId,
  runState,
  table,
} from './runs-format';
import type { Cap } from './runs-format';

/** Like withStoreErrors, but a missing run is the answer "no" (exit 1), not bad usage. */
function withRunErrors(body: () => void): Promise<void> {
  return withStoreErrors(() => {
    try {
      body();
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'NOT_FOUND') throw error;
      process.stderr.write(`csp: ${error.message} (csp runs list shows the recorded runs)\n`);
      process.exitCode = EXIT_NO;
    }
  });
}

function withStore<T>(cmd: Command, body: (store: Store, options: StoreCliOptions) => T): T {
  const options = storeOptions(cmd);
  return withCliStore(options, (store) => body(store, options));
}

export function register(program: Command): void {
  const runs = program.command('runs').description('list, show, search, pin, delete and prune the recorded runs');
  registerList(runs);
  registerShow(runs);
  registerPin(runs);
  registerDelete(runs);
  registerUsage(runs);
  registerRetention(runs);
}

function registerList(runs: Command): void {
  runs
    .command('list')
    .description('the recorded runs, newest first')
    .option('--limit <n>', 'at most this many runs', integerOption('--limit', 1), 50)
    .option('--before <id>', 'only runs older than this id (the next page)', parseRunId)
    .action((opts: { limit: number; before?: number }, cmd: Command) =>
      withRunErrors(() =>
        withStore(cmd, (store, options) => {
          const list = store.runs.list({
            limit: opts.limit,
            ...(opts.before !== undefined ? { beforeId: opts.before } : {}),
          });
          if (options.json) return printJson(list);
          if (list.length === 0) return void process.stdout.write('(no runs recorded)\n');
          const header = ['id', 'started', 'label', 'mode', 'status', 'steps', 'size', 'pinned'];
          const rows = list.map((r) => [
            String(r.id),
            iso(r.startedAt),
            r.label ?? '-',
            r.mode,
            runState(r),
            String(r.eventCount),
            formatBytes(r.bytes),
            r.pinned ? 'pinned' : '',
          ]);
          process.stdout.write(table([header, ...rows]));
        }),
      ),
    );
}

interface ShowOptions {
  after?: number;
  limit: number;
  channel?: string;
  process?: string;
  search?: string;
}

function registerShow(runs: Command): void {
  runs
    .command('show')
    .description("a run's header and its events, one per line like csp run prints them")
    .argument('<id>', 'the run id (csp runs list)', parseRunId)
    .option('--after <seq>', 'events after this seq (the next page)', integerOption('--after', 0))
    .option('--limit <n>', 'at most this many events (1..1000)', integerOption('--limit', 1, 1000), 100)
    .option('--channel <name>', "only this channel's events")
    .option('--process <name>', 'only events this process takes part in')
    .option('--search <text>', 'only events whose name or payload contains these words (a phrase, any case)')
    .action((id: number, opts: ShowOptions, cmd: Command) =>
      withRunErrors(() =>
        withStore(cmd, (store, options) => {
          if (opts.search !== undefined && (opts.channel !== undefined || opts.process !== undefined)) {
            process.stderr.write(
              'csp: --search cannot be combined with --channel or --process; use one or the other\n',
            );
            process.exitCode = 2;
            return;
          }
          const run = store.runs.get(id);
          const after = opts.after !== undefined ? { afterSeq: opts.after } : {};
          const page =
            opts.search !== undefined
              ? store.runs.search.search(id, { text: opts.search, limit: opts.limit, ...after })
              : store.runs.query.page(id, {
                  limit: opts.limit,
                  ...after,
                  ...(opts.channel !== undefined ? { channel: opts.channel } : {}),
                  ...(opts.process !== undefined ? { process: opts.process } : {}),
                });
          if (options.json) return printJson({ run, ...page });
          const details = run.outcomeDetails !== null ? `  ${JSON.stringify(run.outcomeDetails)}` : '';
          process.stdout.write(
            `run ${run.id}  ${run.label ?? '-'}  ${run.mode}  seed ${run.seed ?? '-'}  ${runState(run)}${details}\n`,
          );
          process.stdout.write(
            `started ${iso(run.startedAt)}  ended ${iso(run.endedAt)}  ${run.eventCount} events  ${formatBytes(run.bytes)}${run.pinned ? '  pinned' : ''}\n`,
          );
          const width = String(run.lastSeq).length;
          for (const e of page.events) process.stdout.write(eventLine(e, width));
          if (page.events.length === 0) process.stdout.write('(no events match)\n');
          if (page.next !== null) process.stdout.write(`(more: --after ${page.next})\n`);
        }),
      ),
    );
}

function registerPin(runs: Command): void {
  for (const [name, pinned] of [
    ['pin', true],
    ['unpin', false],
  ] as const) {
    runs
      .command(name)
      .description(pinned ? 'keep a run: retention never deletes a pinned run' : 'let retention delete a run again')
      .argument('<id>', 'the run id (csp runs list)', parseRunId)
      .action((id: number, _opts: unknown, cmd: Command) =>
        withRunErrors(() =>
          withStore(cmd, (store, options) => {
            const run = store.runs.pin(id, pinned);
            if (options.json) printJson(run);
            else process.stdout.write(`run ${run.id} ${pinned ? 'pinned' : 'unpinned'}\n`);
          }),
        ),
      );
  }
}

function registerDelete(runs: Command): void {
  runs
    .command('delete')
    .description('delete a run and its events (recorded in the audit ledger); a running run is refused')
    .argument('<id>', 'the run id (csp runs list)', parseRunId)
    .action((id: number, _opts: unknown, cmd: Command) =>
      withRunErrors(() =>
        withStore(cmd, (store, options) => {
          // Checked here for a clear "no"; store.runs.delete checks 'running' again inside its transaction.
          // A run another live `csp run` is recording stays 'running' (the store checks its process).
          if (store.runs.get(id).status === 'running') {
            process.stderr.write(`csp: run ${id} is still running; stop it (or let it finish) before deleting it\n`);
            process.exitCode = EXIT_NO;
            return;
          }
          const run = store.runs.delete(id);
          if (options.json) printJson({ deleted: run.id, events: run.eventCount, bytes: run.bytes });
          else process.stdout.write(`deleted run ${run.id} (${run.eventCount} events, ${formatBytes(run.bytes)})\n`);
        }),
      ),
    );
}

function policyText(p: RetentionPolicy): string {
  const bytes = p.maxBytes != null ? formatBytes(p.maxBytes) : 'none';
  const age = p.maxAgeDays != null ? `${p.maxAgeDays} days` : 'none';
  return `retention: max bytes ${bytes}, max age ${age}${p.maxBytes == null && p.maxAgeDays == null ? ' (runs are kept until deleted)' : ''}\n`;
}

function usageText(u: DiskUsage, policy: RetentionPolicy): string {
  const files = table(u.files.map((f) => [f.name, formatBytes(f.bytes)]));
  const totals = `runs: ${u.runs.count} (${u.runs.pinned} pinned), ${u.runs.events} events, about ${formatBytes(u.runs.estimatedBytes)}\n`;
  const pages = `database pages: ${formatBytes(u.pageBytes)}, of which free ${formatBytes(u.freeBytes)}\n`;
  const largest =
    u.largestRuns.length === 0
      ? ''
      : 'largest runs:\n' +
        table(
          u.largestRuns.map((r) => [
            `  ${r.id}`,
            iso(r.startedAt),
            `${r.events} events`,
            formatBytes(r.estimatedBytes),
            r.pinned ? 'pinned' : '',
          ]),
        );
  return files + pages + totals + largest + policyText(policy);
}

function registerUsage(runs: Command): void {
  runs
    .command('usage')
    .description("the store's files and sizes, run totals, the largest runs and the retention policy")
    .action((_opts: unknown, cmd: Command) =>
      withRunErrors(() =>
        withStore(cmd, (store, options) => {
          const usage = store.diskUsage();
          const retention = store.retentionPolicy();
          if (options.json) printJson({ ...usage, retention });
          else process.stdout.write(usageText(usage, retention));
        }),
      ),
    );
}

interface RetentionOptions {
  maxBytes?: Cap;
  maxAgeDays?: Cap;
  apply?: boolean;
}

function registerRetention(runs: Command): void {
  runs
    .command('retention')
    .description(
      'show or set the retention caps; --apply deletes the runs beyond them now (pinned and running runs are kept)',
    )
    .option('--max-bytes <size>', 'cap on the runs\' estimated bytes: 500000, 800MB, 2GB, or "none"', parseMaxBytes)
    .option('--max-age-days <days>', 'delete finished runs older than this, or "none"', parseMaxAgeDays)
    .option('--apply', 'apply the (new) policy now and print what was deleted')
    .action((opts: RetentionOptions, cmd: Command) =>
      withRunErrors(() =>
        withStore(cmd, (store, options) => {
          const changing = opts.maxBytes !== undefined || opts.maxAgeDays !== undefined;
          if (changing) {
            // Only the caps given change; the store records the change in the audit ledger.
            const current = store.retentionPolicy();
            store.setRetentionPolicy({
              maxBytes: opts.maxBytes !== undefined ? capValue(opts.maxBytes) : (current.maxBytes ?? null),
              maxAgeDays: opts.maxAgeDays !== undefined ? capValue(opts.maxAgeDays) : (current.maxAgeDays ?? null),
            });
          }
          const policy = store.retentionPolicy();
          const applied = opts.apply === true ? store.applyRetention() : undefined;
          if (options.json) return printJson({ policy, changed: changing, ...(applied ? { applied } : {}) });
          process.stdout.write(policyText(policy));
          if (applied) {
            const which = applied.deletedRuns.length > 0 ? ` (${applied.deletedRuns.join(', ')})` : '';
            process.stdout.write(
              `deleted ${applied.deletedRuns.length} run(s)${which}, freed about ${formatBytes(applied.freedBytes)}\n`,
            );
          }
        }),
      ),
    );
}
