/**
 * `csp serve` options → a checked NodeConfig, and the listen policy:
 *  - a node on a non-loopback address needs at least one stored token, and TLS
 *    unless --insecure-no-tls (which is warned about at every start);
 *  - a loopback node with no stored token makes a token for this launch and
 *    prints it (like web mode), so even a local node is never open to every
 *    process on the machine.
 * Every problem is one sentence naming the option; nothing here throws a stack.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { egressEntryProblem } from '../runtime/egress';
import type { RunPolicy } from '../runtime/policy';
import { NODE_QUOTAS } from '../runtime/policy';
import { DEFAULT_SANDBOX_HEAP_BYTES, MIN_SANDBOX_HEAP_BYTES } from '../runtime/sandbox-heap';
import { isLoopback } from './gate';

export class ServeUsageError extends Error {
  override readonly name = 'ServeUsageError';
}

export interface ServeArgs {
  readonly host?: string;
  readonly port?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly insecureNoTls?: boolean;
  readonly allowHost?: readonly string[];
  readonly allowOrigin?: readonly string[];
  readonly rateLimit?: string;
  readonly sandboxMemory?: string;
  readonly egressAllow?: readonly string[];
  readonly quotaProcesses?: string;
  readonly quotaEvents?: string;
  readonly quotaLogBytes?: string;
  readonly quotaTokens?: string;
  readonly quotaCost?: string;
}

export interface NodeConfig {
  readonly host: string;
  readonly port: number;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer; readonly certFile: string };
  readonly insecureNoTls: boolean;
  readonly allowHosts: readonly string[];
  readonly allowOrigins: readonly string[];
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** What runs started on the node may do: script heap, egress, quotas. */
  readonly runPolicy: RunPolicy;
}

export const DEFAULT_PORT = 7420;
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function readPem(option: string, file: string): Buffer {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ServeUsageError(
      `${option} ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)}`,
    );
  }
  if (!data.toString('latin1').includes('-----BEGIN '))
    throw new ServeUsageError(`${option} ${file}: not a PEM file (expected a "-----BEGIN ..." block)`);
  return data;
}

export function nodeConfig(args: ServeArgs): NodeConfig {
  const host = args.host ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0 && !HOST_NAME.test(host))
    throw new ServeUsageError(`--host must be an IP address or a host name, got ${JSON.stringify(host)}`);
  const port = args.port === undefined ? DEFAULT_PORT : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ServeUsageError(`--port must be an integer 0..65535, got ${JSON.stringify(args.port)}`);
  if ((args.tlsCert === undefined) !== (args.tlsKey === undefined))
    throw new ServeUsageError('--tls-cert and --tls-key go together: give both or neither');
  if (args.tlsCert !== undefined && args.insecureNoTls === true)
    throw new ServeUsageError('--insecure-no-tls contradicts --tls-cert: choose one');
  const tls =
    args.tlsCert !== undefined && args.tlsKey !== undefined
      ? { cert: readPem('--tls-cert', args.tlsCert), key: readPem('--tls-key', args.tlsKey), certFile: args.tlsCert }
      : undefined;
  for (const h of args.allowHost ?? []) {
    if (isIP(h) === 0 && !HOST_NAME.test(h))
      throw new ServeUsageError(`--allow-host must be a host name or an IP address, got ${JSON.stringify(h)}`);
  }
  for (const o of args.allowOrigin ?? []) {
    if (!/^(https?|app):\/\/[^/\s]+$/.test(o))
      throw new ServeUsageError(
        `--allow-origin must be an origin like https://studio.example:8443 (scheme, host, port, no path), got ${JSON.stringify(o)}`,
      );
  }
  const rate = args.rateLimit === undefined ? 100 : Number(args.rateLimit);
  if (!Number.isFinite(rate) || rate < 1 || rate > 100_000)
    throw new ServeUsageError(
      `--rate-limit must be a number of requests per second 1..100000, got ${JSON.stringify(args.rateLimit)}`,
    );
  return {
    host,
    port,
    runPolicy: runPolicy(args),
    ...(tls !== undefined ? { tls } : {}),
    insecureNoTls: args.insecureNoTls === true,
    allowHosts: args.allowHost ?? [],
    allowOrigins: args.allowOrigin ?? [],
    rateLimit: { perSecond: rate, burst: rate * 2 },
  };
}

function count(
  option: string,
  text: string | undefined,
  fallback: number | undefined,
  integer = true,
): number | undefined {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new ServeUsageError(
      `${option} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

function runPolicy(args: ServeArgs): RunPolicy {
  const mib = count('--sandbox-memory', args.sandboxMemory, DEFAULT_SANDBOX_HEAP_BYTES / 1024 / 1024)!;
  if (mib * 1024 * 1024 < MIN_SANDBOX_HEAP_BYTES)
    throw new ServeUsageError(
      `--sandbox-memory must be at least ${MIN_SANDBOX_HEAP_BYTES / 1024 / 1024} (MiB), got ${mib}`,
    );
  for (const entry of args.egressAllow ?? []) {
    const problem = egressEntryProblem(entry);
    if (problem !== undefined) throw new ServeUsageError(`--egress-allow ${problem}`);
  }
  const maxTokens = count('--quota-tokens', args.quotaTokens, NODE_QUOTAS.maxTokens);
  const maxCost = count('--quota-cost', args.quotaCost, NODE_QUOTAS.maxCost, false);
  return {
    sandboxHeapBytes: mib * 1024 * 1024,
    egress: { allow: args.egressAllow ?? [] },
    quotas: {
      maxProcesses: count('--quota-processes', args.quotaProcesses, NODE_QUOTAS.maxProcesses)!,
      maxEvents: count('--quota-events', args.quotaEvents, NODE_QUOTAS.maxEvents)!,
      maxLogBytes: count('--quota-log-bytes', args.quotaLogBytes, NODE_QUOTAS.maxLogBytes)!,
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(maxCost !== undefined ? { maxCost } : {}),
    },
  };
}

export type ListenPlan =
  | { readonly ok: true; readonly launchToken: boolean; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Whether this config may listen, given how many usable tokens the store holds. */
export function listenPlan(config: NodeConfig, activeTokens: number, dataDir: string): ListenPlan {
  const local = isLoopback(config.host);
  const warnings: string[] = [];
  if (!local) {
    if (activeTokens === 0) {
      return {
        ok: false,
        reason: `refusing to listen on ${config.host}: this node has no access tokens; make one first with: csp tokens create --data-dir ${dataDir} --name NAME --role admin`,
      };
    }
    if (config.tls === undefined && !config.insecureNoTls) {
      return {
        ok: false,
        reason: `refusing to listen on ${config.host} without TLS: give --tls-cert FILE --tls-key FILE, or --insecure-no-tls on a network you trust`,
      };
    }
  }
  if (config.insecureNoTls) {
    warnings.push(
      `WARNING: --insecure-no-tls: tokens, workflows and traces cross the network in clear text; anyone on the path can read them and take over the node`,
    );
  }
  return { ok: true, launchToken: local && activeTokens === 0, warnings };
}
