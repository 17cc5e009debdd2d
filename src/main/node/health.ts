/**
 * GET /health: one JSON object a person or a load balancer can read, and what
 * the studio's node list shows (version, uptime, runs, load).
 */
import { cpus, loadavg } from 'node:os';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import type { Host } from '../host';

export interface NodeHealth {
  /** ok, or degraded when the store could not be opened (runs still work, nothing is recorded). */
  readonly status: 'ok' | 'degraded';
  readonly name: string;
  readonly version: string;
  readonly protocol: string;
  readonly mode: string;
  readonly instanceId: string;
  readonly uptimeSeconds: number;
  readonly runs: { readonly active: number };
  readonly checks: { readonly active: number };
  readonly sessions: number;
  readonly load: { readonly one: number; readonly five: number; readonly fifteen: number; readonly cpus: number };
  readonly memory: { readonly rssBytes: number };
  readonly tls: boolean;
  readonly store: string;
}

export function health(host: Host, o: { startedAt: number; checksActive: number; tls: boolean }): NodeHealth {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  const store = host.storeStatus();
  return {
    status: store.status === 'open' ? 'ok' : 'degraded',
    name: host.name,
    version: host.version,
    protocol: PROTOCOL_VERSION,
    mode: host.mode,
    instanceId: host.instanceId,
    uptimeSeconds: Math.round((Date.now() - o.startedAt) / 1000),
    runs: { active: host.services.runs.activeCount },
    checks: { active: o.checksActive },
    sessions: host.sessionCount,
    load: { one, five, fifteen, cpus: cpus().length },
    memory: { rssBytes: process.memoryUsage.rss() },
    tls: o.tls,
    store: store.status === 'open' ? 'open' : `unavailable: ${store.message}`,
  };
}
