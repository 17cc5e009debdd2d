/**
 * nodes.*: the remote nodes this host knows (known-nodes.ts). Adding a node
 * attaches to it once, so a wrong URL, token or certificate is said at once,
 * and pins its certificate on first use. Deploying copies a local document to
 * a node (deploy.ts).
 */
import { ProtocolError } from '../../shared/protocol';
import type { nodesMethods, NodeHealth } from '../../shared/protocol/methods/nodes';
import type { HandlerMap } from '../host/handlers/types';
import type { Host } from '../host';
import { parseNodeUrl } from './client/address';
import { RemoteNode } from './client/remote-node';
import { deployToNode } from './deploy';
import { KnownNodes, publicEntry } from './known-nodes';
import type { SecretSealer } from './secrets';
import type { KnownNode } from './known-nodes';

const ATTACH_TIMEOUT_MS = 8_000;
const byHost = new WeakMap<Host, KnownNodes>();
const sealers = new WeakMap<Host, SecretSealer>();

/** Tokens of this host's nodes are kept sealed by `sealer` (the desktop app's keychain); call before any nodes.*. */
export function sealNodeTokens(host: Host, sealer: SecretSealer): void {
  sealers.set(host, sealer);
  byHost.delete(host);
}

export function knownNodes(host: Host): KnownNodes {
  let known = byHost.get(host);
  if (known === undefined) byHost.set(host, (known = new KnownNodes(host.dataDir, sealers.get(host))));
  return known;
}

function healthOf(h: Awaited<ReturnType<RemoteNode['health']>>): NodeHealth {
  return {
    status: h.status,
    name: h.name,
    version: h.version,
    protocol: h.protocol,
    uptimeSeconds: h.uptimeSeconds,
    runs: { active: h.runs.active },
    checks: { active: h.checks.active },
    sessions: h.sessions,
    load: { ...h.load },
    memory: { rssBytes: h.memory.rssBytes },
    tls: h.tls,
  };
}

/** Attaches once (hello over the pinned connection), reads /health, detaches. */
async function probe(
  known: KnownNodes,
  url: string,
  token: string,
): Promise<{ health: NodeHealth; fingerprint?: string }> {
  let fingerprint: string | undefined;
  let lastReason = 'no answer';
  const node = new RemoteNode({
    url,
    token,
    pins: known.pins,
    connectTimeoutMs: ATTACH_TIMEOUT_MS,
    backoff: { initialMs: 500, maxMs: 2_000 },
    onStatus: (s) => {
      if (s.state === 'online' && s.pin !== undefined) fingerprint = s.pin.fingerprint;
      if (s.state === 'offline' || s.state === 'failed') lastReason = s.reason;
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      node.start(),
      new Promise((_r, reject) => {
        timer = setTimeout(
          () => reject(new ProtocolError('unavailable', `cannot reach the node at ${url}: ${lastReason}`)),
          ATTACH_TIMEOUT_MS,
        );
      }),
    ]);
    return { health: healthOf(await node.health()), ...(fingerprint !== undefined ? { fingerprint } : {}) };
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(
      'unavailable',
      `cannot attach to ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
    node.close();
  }
}

function find(known: KnownNodes, id: string): KnownNode {
  let node: KnownNode | undefined;
  try {
    node = known.get(id);
  } catch (error) {
    throw new ProtocolError('unavailable', error instanceof Error ? error.message : String(error));
  }
  if (node === undefined) throw new ProtocolError('not_found', `no node ${id} (nodes.list gives the known ones)`);
  return node;
}

export const nodesHandlers: HandlerMap<keyof typeof nodesMethods> = {
  'nodes.list': (_params, { host }) => ({ nodes: knownNodes(host).entries() }),
  'nodes.add': async ({ url, token, label }, { host }) => {
    try {
      parseNodeUrl(url);
    } catch (error) {
      throw new ProtocolError('invalid_params', `url: ${error instanceof Error ? error.message : String(error)}`);
    }
    const known = knownNodes(host);
    const { health, fingerprint } = await probe(known, url, token);
    const node = known.add(url, token, label ?? health.name, fingerprint);
    host.log.write('info', 'nodes', `added node ${node.label} at ${node.url}`);
    return { node: publicEntry(node), health };
  },
  'nodes.remove': ({ id }, { host }) => ({ ok: knownNodes(host).remove(id) }),
  'nodes.deploy': ({ id, workflowId }, { host }) => {
    const known = knownNodes(host);
    return deployToNode(host, known, find(known, id), workflowId);
  },
  'nodes.health': async ({ id }, { host }) => {
    const known = knownNodes(host);
    let node: KnownNode;
    try {
      node = find(known, id);
    } catch (error) {
      if (error instanceof ProtocolError && error.code === 'unavailable')
        return { reachable: false, reason: error.message };
      throw error;
    }
    const client = new RemoteNode({ url: node.url, token: node.token, pins: known.pins, connectTimeoutMs: 4_000 });
    try {
      return { reachable: true as const, health: healthOf(await client.health()) };
    } catch (error) {
      return { reachable: false as const, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      client.close();
    }
  },
};
