/**
 * The known nodes and each one's health, from the local host (nodes.*),
 * refreshed every few seconds: the cluster overview's data.
 */
import { useCallback, useEffect, useState } from 'react';
import type { NodeEntry, NodeHealth } from '../../../shared/protocol/methods/nodes';
import { localHost } from '../../connection/workspace';

export type NodeState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'online'; readonly health: NodeHealth }
  | { readonly kind: 'unreachable'; readonly reason: string };

export interface NodesModel {
  readonly nodes: readonly NodeEntry[];
  readonly states: ReadonlyMap<string, NodeState>;
  readonly error: string | undefined;
  refresh(): Promise<void>;
}

const REFRESH_MS = 3_000;

export function useNodes(): NodesModel {
  const [nodes, setNodes] = useState<readonly NodeEntry[]>([]);
  const [states, setStates] = useState<ReadonlyMap<string, NodeState>>(new Map());
  const [error, setError] = useState<string | undefined>();

  const refresh = useCallback(async () => {
    try {
      const client = await localHost();
      const list = (await client.request('nodes.list', {})).nodes;
      setNodes(list);
      setError(undefined);
      const pairs = await Promise.all(
        list.map(async (n): Promise<[string, NodeState]> => {
          try {
            const h = await client.request('nodes.health', { id: n.id });
            return [
              n.id,
              h.reachable ? { kind: 'online', health: h.health } : { kind: 'unreachable', reason: h.reason },
            ];
          } catch (e) {
            return [n.id, { kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) }];
          }
        }),
      );
      setStates(new Map(pairs));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { nodes, states, error, refresh };
}

export function describeHealth(h: NodeHealth): string {
  const up = h.uptimeSeconds < 120 ? `${h.uptimeSeconds} s` : `${Math.round(h.uptimeSeconds / 60)} min`;
  const runs = `${h.runs.active} run${h.runs.active === 1 ? '' : 's'}`;
  const checks = h.checks.active > 0 ? `, ${h.checks.active} check${h.checks.active === 1 ? '' : 's'}` : '';
  return `v${h.version} · up ${up} · ${runs}${checks} · load ${h.load.one.toFixed(2)} on ${h.load.cpus} CPUs`;
}
