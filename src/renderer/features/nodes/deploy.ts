/**
 * One click from this studio to a node: the open document is saved, then the
 * studio's host copies it to the node (nodes.deploy, with the token it keeps),
 * and "Open on node" moves the workspace there and opens the node's copy, so
 * it runs, steps and checks with the same screens.
 */
import type { Result } from '../../../shared/protocol';
import type { NodeEntry } from '../../../shared/protocol/methods/nodes';
import { localHost, switchWorkspace } from '../../connection/workspace';
import { useConnection } from '../../state/connection-store';
import { useDocument } from '../designer/document';
import { useScript } from '../editor/script/script-store';
import { saveNow } from '../workflows/autosave';
import { openWorkflow } from '../workflows/open';

export type Deployed = Result<'nodes.deploy'>;

/** The document open in this studio (a workflow or a CSPm script), if any. */
export function openDocumentId(): number | undefined {
  return useDocument.getState().ref?.workflowId ?? useScript.getState().ref?.id;
}

/** Deploying sends a document of this studio: one must be open, and the workspace must be this studio. */
export function canDeploy(): boolean {
  return openDocumentId() !== undefined && useConnection.getState().workspace.kind === 'local';
}

export async function deployOpen(node: NodeEntry): Promise<Deployed> {
  const id = openDocumentId();
  if (id === undefined || useConnection.getState().workspace.kind !== 'local')
    throw new Error('open a workflow of this studio first');
  // What is on screen is what goes: pending edits are saved first.
  if (!(await saveNow())) throw new Error('the open workflow could not be saved, so it was not deployed');
  const client = await localHost();
  return client.request('nodes.deploy', { id: node.id, workflowId: id });
}

export function describeDeployed(d: Deployed): string {
  const what = d.workflow.kind === 'cspm' ? 'script' : 'workflow';
  const how = d.created
    ? `as a new ${what}`
    : d.changed
      ? `as version ${d.versionNumber} of its ${what}`
      : `(it already had this version, ${d.versionNumber})`;
  return `Deployed “${d.workflow.name}” to ${d.node.label} ${how}.`;
}

/** Resolves once the workspace's connection is up again (after a switch), or rejects after `ms`. */
function whenConnected(ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const ready = (): boolean => {
      const s = useConnection.getState();
      return s.status === 'connected' && s.client !== undefined && !s.client.closed;
    };
    if (ready()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error('the node did not answer in time'));
    }, ms);
    const off = useConnection.subscribe(() => {
      if (!ready()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** Moves the workspace to the node and opens its copy there; false when the user stayed. */
export async function openOnNode(d: Deployed): Promise<boolean> {
  const { node } = d;
  const workspace = useConnection.getState().workspace;
  if (workspace.kind !== 'node' || workspace.id !== node.id) {
    const moved = await switchWorkspace({
      kind: 'node',
      id: node.id,
      label: node.label,
      colour: node.colour,
      url: node.url,
    });
    if (!moved) return false;
  }
  await whenConnected();
  return openWorkflow(d.workflow.id);
}
