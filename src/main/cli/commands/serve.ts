/**
 * `csp serve [--host H] [--port P] [--tls-cert F --tls-key F] [--insecure-no-tls]
 *            [--allow-host NAME]... [--allow-origin ORIGIN]... [--rate-limit N]
 *            [--sandbox-memory MiB] [--egress-allow ENTRY]... [--quota-processes N] [--quota-events N]
 *            [--quota-log-bytes N] [--quota-tokens N] [--quota-cost X] [--json] [--quiet]`
 * Starts a node: the engine and the store of --data-dir behind the protocol on
 * WebSocket (/ws), with GET /health and GET /metrics (docs/remote-nodes.md).
 * Prints where it listens (and, on a loopback node without stored tokens, the
 * token made for this launch) on stdout; with --json one JSON line
 * `{ "url", "port", "health", "token"? }`. Runs until SIGINT or SIGTERM (exit 0).
 * Exit 2 on bad usage, a busy port, a data folder held by another host, or a
 * listen the policy refuses (non-loopback without tokens, or without TLS).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { HostLog, HostStartError } from '../../host';
import { ServeUsageError, nodeConfig } from '../../node/config';
import type { ServeArgs } from '../../node/config';
import { startNode } from '../../node/start';
import { packageRoot } from '../../package-root';
import { defaultDataDir } from '../../store';
import { EXIT_USAGE } from '../exit-codes';

interface ServeOptions extends ServeArgs {
  readonly json?: boolean;
  readonly dataDir?: string;
  readonly quiet?: boolean;
}

const collect = (value: string, list: string[] = []): string[] => [...list, value];

function fail(message: string): void {
  process.stderr.write(`csp serve: ${message}\n`);
  process.exitCode = EXIT_USAGE;
}

async function serve(o: ServeOptions): Promise<void> {
  let config;
  try {
    config = nodeConfig(o);
  } catch (error) {
    if (error instanceof ServeUsageError) return fail(error.message);
    throw error;
  }
  const dataDir = resolve(o.dataDir ?? defaultDataDir());
  const version = (
    JSON.parse(readFileSync(join(packageRoot(import.meta.url), 'package.json'), 'utf8')) as { version: string }
  ).version;
  const log = new HostLog(
    undefined,
    undefined,
    o.quiet === true ? undefined : (e) => process.stderr.write(`[${e.level}] ${e.source}: ${e.message}\n`),
  );
  let node;
  try {
    node = await startNode({ config, dataDir, version, log });
  } catch (error) {
    if (error instanceof HostStartError) return fail(error.message);
    throw error;
  }
  // Before the ready line: a supervisor may send SIGTERM the moment it reads that line, and a
  // signal before these handlers kills the node by default, with nothing closed cleanly.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    node.host.log.write('info', 'node', `stopping (${signal})`);
    void node.close('node stopped').then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`csp serve: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // The warning goes to stderr even with --quiet: it must be seen at every start.
  if (o.quiet === true) for (const w of node.warnings) process.stderr.write(`csp serve: ${w}\n`);
  const url = node.server.url;
  const health = `${url.startsWith('wss') ? 'https' : 'http'}${url.slice(url.indexOf(':'), -'/ws'.length)}/health`;
  if (o.json === true) {
    process.stdout.write(
      `${JSON.stringify({ url, port: node.server.port, health, dataDir, ...(node.launchToken !== undefined ? { token: node.launchToken } : {}) })}\n`,
    );
  } else {
    process.stdout.write(`CSP Studio node: ${url} (data ${dataDir})\n`);
    if (node.launchToken !== undefined) {
      process.stdout.write(
        `token for this launch (admin; make lasting ones with csp tokens create): ${node.launchToken}\n`,
      );
    }
  }
  // Runs until a signal: the listening server keeps the process alive.
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('start a node: the engine and store behind the protocol on WebSocket, for studios to attach to')
    .option('--host <address>', 'address to listen on (a non-loopback one needs tokens and TLS)', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '7420')
    .option('--tls-cert <file>', 'TLS certificate (PEM); with --tls-key')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--insecure-no-tls', 'allow a non-loopback listener without TLS (warned at every start)')
    .option(
      '--allow-host <name>',
      'another name clients use to reach this node (Host header); repeat for more',
      collect,
    )
    .option(
      '--allow-origin <origin>',
      'a browser origin allowed to connect (none by default); repeat for more',
      collect,
    )
    .option('--rate-limit <n>', 'requests per second one connection may make', '100')
    .option('--sandbox-memory <MiB>', "the most a run's scripts may take together (default 64)")
    .option(
      '--egress-allow <entry>',
      'a host name (*.suffix), address or CIDR block HTTP and agent nodes may reach although private; repeat for more',
      collect,
    )
    .option('--quota-processes <n>', 'processes a run may have (default 1000)')
    .option('--quota-events <n>', 'steps a run may take (default 10000000)')
    .option('--quota-log-bytes <n>', 'bytes of node log lines a run may write (default 16 MiB)')
    .option('--quota-tokens <n>', 'LLM tokens a run may use (default 1000000)')
    .option('--quota-cost <x>', 'LLM cost a run may spend (default: no cap)')
    .option('--quiet', 'no host log on stderr')
    .action((opts: ServeOptions, cmd: Command) =>
      serve({ ...opts, ...cmd.optsWithGlobals<{ json?: boolean; dataDir?: string }>() }),
    );
}
