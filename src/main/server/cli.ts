/**
 * `npm run web -- [--port P] [--data-dir DIR] [--token T]`: the host in web
 * mode. Runs built (out/node/<build>/web.js, started by scripts/web.mjs), like
 * the command line. Prints the URL (with the per-launch token) on stdout;
 * diagnostics go to stderr. Exit 2 on bad usage, a busy port or a data folder
 * held by another host.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunningHost } from '../host';
import { packageRoot } from '../package-root';
import type { WebServer } from './server';

const root = packageRoot(import.meta.url);

function fail(message: string): never {
  process.stderr.write(`csp web: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
      'renderer-dir': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const port = args.port === undefined ? 0 : Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be an integer 0..65535, got ${JSON.stringify(args.port)}`);
if (args.token !== undefined && !/^[\w-]{16,128}$/.test(args.token))
  fail('--token must be 16-128 characters of [A-Za-z0-9_-]');
const rendererDir = resolve(args['renderer-dir'] ?? join(root, 'out', 'renderer'));
if (!existsSync(join(rendererDir, 'index.html'))) {
  process.stderr.write(
    `csp web: no built renderer in ${rendererDir}; run "npm run build" first (the protocol still works)\n`,
  );
}
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

// Loaded only after the arguments are valid: bad usage answers at once.
const { HostLog, bootstrapHost, HostStartError } = await import('../host');
const { startWebServer } = await import('./server');

const log = new HostLog(
  undefined,
  undefined,
  args.quiet ? undefined : (e) => process.stderr.write(`[${e.level}] ${e.source}: ${e.message}\n`),
);
let running: RunningHost;
try {
  running = bootstrapHost({
    mode: 'web',
    version,
    log,
    ...(args['data-dir'] ? { dataDir: resolve(args['data-dir']) } : {}),
  });
} catch (error) {
  if (error instanceof HostStartError) fail(error.message);
  throw error;
}

let server: WebServer;
try {
  server = await startWebServer({
    host: running.host,
    port,
    rendererDir,
    ...(args.token ? { token: args.token } : {}),
  });
} catch (error) {
  running.close();
  const code = (error as { code?: string }).code;
  fail(
    code === 'EADDRINUSE'
      ? `port ${port} is already in use; choose another with --port`
      : `cannot listen: ${String(error)}`,
  );
}

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  running.host.log.write('info', 'host', `stopping (${signal})`);
  void server.close().then(() => {
    running.close('host stopped');
    process.exit(0);
  });
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
// The ready line comes after the handlers: a signal sent as soon as it is read must stop the host cleanly.
process.stdout.write(`CSP Studio web mode: ${server.url}\n`);
