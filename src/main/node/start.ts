/**
 * Starting a node on a data folder: take the host (lock, store), apply the
 * listen policy, build the gate, metrics and server. Used by `csp serve` and
 * by tests that want a node in-process.
 */
import { randomBytes } from 'node:crypto';
import { HostStartError, bootstrapHost } from '../host';
import type { HostLog } from '../host';
import type { Host } from '../host';
import type { NodeConfig } from './config';
import { listenPlan } from './config';
import { NodeGate } from './gate';
import { NodeMetrics } from './metrics';
import { startNodeServer } from './server';
import type { NodeServer } from './server';

export interface StartNodeOptions {
  readonly config: NodeConfig;
  readonly dataDir: string;
  readonly version: string;
  readonly log?: HostLog;
  readonly idleTimeoutMs?: number;
}

export interface RunningNode {
  readonly host: Host;
  readonly server: NodeServer;
  readonly metrics: NodeMetrics;
  /** The token made for this launch (loopback node without stored tokens). */
  readonly launchToken?: string;
  readonly warnings: readonly string[];
  close(reason?: string): Promise<void>;
}

export async function startNode(o: StartNodeOptions): Promise<RunningNode> {
  const running = bootstrapHost({
    mode: 'remote',
    version: o.version,
    dataDir: o.dataDir,
    ...(o.log !== undefined ? { log: o.log } : {}),
    ...(o.idleTimeoutMs !== undefined ? { idleTimeoutMs: o.idleTimeoutMs } : {}),
    runPolicy: o.config.runPolicy,
  });
  const { host } = running;
  const store = host.store;
  try {
    const plan = listenPlan(o.config, store?.tokens.activeCount() ?? 0, o.dataDir);
    if (!plan.ok) throw new HostStartError(plan.reason);
    const launchToken = plan.launchToken ? `cspn_${randomBytes(32).toString('base64url')}` : undefined;
    const gate = new NodeGate({
      listenHost: o.config.host,
      allowHosts: o.config.allowHosts,
      allowOrigins: o.config.allowOrigins,
      authenticate: (token) => store?.tokens.authenticate(token) ?? { ok: false, reason: 'unknown' },
      ...(launchToken !== undefined ? { launchToken } : {}),
    });
    const metrics = new NodeMetrics();
    const unobserve = host.services.runs.observe({
      started: (runId, info) => metrics.runStarted(runId, info.processes),
      steps: (runId, steps) => metrics.steps(runId, steps),
      finished: (runId, outcome) => metrics.runFinished(runId, outcome),
      storeWrite: (seconds) => metrics.storeWrite(seconds),
    });
    let server: NodeServer;
    try {
      server = await startNodeServer({
        host,
        gate,
        metrics,
        listenHost: o.config.host,
        port: o.config.port,
        ...(o.config.tls !== undefined ? { tls: o.config.tls } : {}),
        rateLimit: o.config.rateLimit,
        ...(store !== undefined ? { audit: (entry) => void store.audit.append(entry) } : {}),
        tokenValid: (id) => store?.tokens.stillValid(id) ?? false,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new HostStartError(
        code === 'EADDRINUSE'
          ? `port ${o.config.port} is already in use on ${o.config.host}; choose another with --port`
          : code === 'EADDRNOTAVAIL'
            ? `${o.config.host} is not an address of this machine`
            : `cannot listen on ${o.config.host}:${o.config.port}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    for (const w of plan.warnings) host.log.write('warn', 'node', w);
    return {
      host,
      server,
      metrics,
      ...(launchToken !== undefined ? { launchToken } : {}),
      warnings: plan.warnings,
      close: async (reason = 'node stopped') => {
        unobserve();
        await server.close();
        running.close(reason);
      },
    };
  } catch (error) {
    running.close('node did not start');
    throw error;
  }
}
