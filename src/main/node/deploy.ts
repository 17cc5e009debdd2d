/**
 * nodes.deploy: one click puts a document of this studio on a node. This host
 * reads its stored content and, attached to the node with the token it keeps,
 * saves it as a new version of the node's document with the same name and kind
 * (history on the node keeps what was there), or imports it as a new one. The
 * page gets the node's document back and can open it there.
 */
import { ProtocolError } from '../../shared/protocol';
import type { Result } from '../../shared/protocol';
import type { Host } from '../host';
import { StoreError } from '../store';
import { RemoteNode } from './client/remote-node';
import type { KnownNodes, KnownNode } from './known-nodes';
import { publicEntry } from './known-nodes';

const ATTACH_TIMEOUT_MS = 8_000;
/** Version labels are unique per document: each deploy names its moment. */
const deployLabel = (): string => `deployed from a studio at ${new Date().toISOString()}`;

/** The local document to deploy: content and kind, or a protocol error naming what is wrong. */
function localDocument(host: Host, workflowId: number): Result<'workflows.get'> {
  try {
    return host.services.workflows.get(workflowId, false, false);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'NOT_FOUND')
      throw new ProtocolError('not_found', `no workflow ${workflowId} in this studio`);
    if (error instanceof StoreError) throw new ProtocolError('unavailable', error.message);
    throw error;
  }
}

/** Attaches to the node (pinned, with its token), runs `use`, detaches; unreachable nodes are said so. */
async function attached<T>(known: KnownNodes, node: KnownNode, use: (remote: RemoteNode) => Promise<T>): Promise<T> {
  let lastReason = 'no answer';
  const remote = new RemoteNode({
    url: node.url,
    token: node.token,
    pins: known.pins,
    connectTimeoutMs: ATTACH_TIMEOUT_MS,
    backoff: { initialMs: 500, maxMs: 2_000 },
    onStatus: (s) => {
      if (s.state === 'offline' || s.state === 'failed') lastReason = s.reason;
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      remote.start(),
      new Promise((_r, reject) => {
        timer = setTimeout(
          () => reject(new ProtocolError('unavailable', `cannot reach node ${node.label}: ${lastReason}`)),
          ATTACH_TIMEOUT_MS,
        );
      }),
    ]);
    return await use(remote);
  } catch (error) {
    if (error instanceof ProtocolError) {
      if (error.code === 'forbidden' || error.code === 'unauthorized')
        throw new ProtocolError(error.code, `node ${node.label} refused: ${error.message}`);
      throw error;
    }
    throw new ProtocolError(
      'unavailable',
      `cannot deploy to node ${node.label}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
    remote.close();
  }
}

export async function deployToNode(
  host: Host,
  known: KnownNodes,
  node: KnownNode,
  workflowId: number,
): Promise<Result<'nodes.deploy'>> {
  const local = localDocument(host, workflowId);
  const { name, kind } = local.workflow;
  const deployed = await attached(known, node, async (remote) => {
    const listed = await remote.request('workflows.list', { search: name, order: 'name', limit: 1000 });
    const same = listed.workflows.find((w) => w.name === name && w.kind === kind && w.deletedAt === null);
    if (same !== undefined) {
      const saved = await remote.request('workflows.save', {
        id: same.id,
        content: local.content,
        label: deployLabel(),
      });
      return { workflow: same, versionNumber: saved.version.number, created: false, changed: saved.created };
    }
    const imported = await remote.request('workflows.import', {
      text: local.content,
      format: kind === 'cspm' ? 'cspm' : 'yaml',
      as: kind === 'cspm' ? 'script' : 'workflow',
      name,
    });
    if (!imported.ok) {
      const first = imported.diagnostics[0];
      throw new ProtocolError(
        'invalid_params',
        `node ${node.label} refused ${name}: ${first !== undefined ? first.message : 'no reason given'}`,
      );
    }
    return { workflow: imported.workflow, versionNumber: imported.version?.number ?? 1, created: true, changed: true };
  });
  host.log.write(
    'info',
    'nodes',
    `deployed ${name} to node ${node.label} (${deployed.created ? 'new document' : `version ${deployed.versionNumber}`})`,
  );
  return { node: publicEntry(node), ...deployed };
}
