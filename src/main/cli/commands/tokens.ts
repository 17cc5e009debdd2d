/**
 * `csp tokens create --name NAME --role viewer|operator|admin [--expires-in DAYS]`
 * `csp tokens list`
 * `csp tokens revoke NAME|ID`
 * Access tokens of the node on --data-dir (`csp serve`). A token is printed once,
 * when it is made; the store keeps only its hash. Changes take effect at once on a
 * running node (a revoked token's connections are closed within seconds).
 */
import type { Command } from 'commander';
import { NODE_ROLES } from '../../../shared/protocol/roles';
import type { TokenInfo } from '../../store';
import { printJson, storeOptions, withCliStore, withStoreErrors } from './store-cli';

const DAY_MS = 86_400_000;

function when(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function state(t: TokenInfo, now: number): string {
  if (t.revokedAt !== undefined) return 'revoked';
  if (t.expiresAt !== undefined && t.expiresAt <= now) return 'expired';
  return 'active';
}

export function register(program: Command): void {
  const tokens = program
    .command('tokens')
    .description("create, list and revoke the access tokens of this data folder's node (csp serve)");

  tokens
    .command('create')
    .description('make a token and print it (this is the only time it is shown)')
    .requiredOption('--name <name>', 'who or what holds it (unique)')
    .requiredOption(
      '--role <role>',
      `${NODE_ROLES.join(' | ')}: viewer reads; operator also runs, checks and deploys; admin may do everything`,
    )
    .option('--expires-in <days>', 'days until it stops working (default: never)')
    .action((opts: { name: string; role: string; expiresIn?: string }, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        let expiresAt: number | undefined;
        if (opts.expiresIn !== undefined) {
          const days = Number(opts.expiresIn);
          if (!Number.isFinite(days) || days <= 0) {
            process.stderr.write(
              `csp tokens: --expires-in must be a positive number of days, got ${JSON.stringify(opts.expiresIn)}\n`,
            );
            process.exitCode = 2;
            return;
          }
          expiresAt = Date.now() + days * DAY_MS;
        }
        const made = withCliStore(options, (store) =>
          store.tokens.create({ name: opts.name, role: opts.role, ...(expiresAt !== undefined ? { expiresAt } : {}) }),
        );
        if (options.json) printJson({ token: made.token, ...made.info });
        else {
          process.stdout.write(`${made.token}\n`);
          process.stderr.write(
            `token ${made.info.name} (${made.info.role}) created; it is shown only now: keep it somewhere safe\n`,
          );
        }
      }),
    );

  tokens
    .command('list')
    .description('the tokens, without their values')
    .action((_opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const list = withCliStore(options, (store) => store.tokens.list());
        const now = Date.now();
        if (options.json) return printJson(list.map((t) => ({ ...t, state: state(t, now) })));
        if (list.length === 0) {
          process.stdout.write('no tokens (csp tokens create --name NAME --role ROLE makes one)\n');
          return;
        }
        const rows = [
          ['id', 'name', 'role', 'state', 'created', 'expires', 'last used'],
          ...list.map((t) => [
            String(t.id),
            t.name,
            t.role,
            state(t, now),
            when(t.createdAt),
            when(t.expiresAt),
            when(t.lastUsedAt),
          ]),
        ];
        const widths = rows[0]!.map((_c, i) => Math.max(...rows.map((r) => r[i]!.length)));
        for (const r of rows)
          process.stdout.write(
            `${r
              .map((c, i) => c.padEnd(widths[i]!))
              .join('  ')
              .trimEnd()}\n`,
          );
      }),
    );

  tokens
    .command('revoke')
    .description('stop a token from working (a running node closes its connections)')
    .argument('<token>', "the token's name or id")
    .action((nameOrId: string, _opts: unknown, cmd: Command) =>
      withStoreErrors(() => {
        const options = storeOptions(cmd);
        const changed = withCliStore(options, (store) => store.tokens.revoke(nameOrId));
        if (options.json) printJson({ revoked: changed });
        else process.stdout.write(changed ? `revoked ${nameOrId}\n` : `${nameOrId} was already revoked\n`);
      }),
    );
}
