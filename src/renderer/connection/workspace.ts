/**
 * Which host the workspace talks to. Local: this studio's host (`/ws`, or IPC
 * in the desktop app). A node: the same protocol relayed by the local host on
 * `/nodes/<id>/ws`, or in the desktop app by the main process on the window's
 * IPC line (`node:<id>`); the host keeps the node's token and certificate pin,
 * the page never sees them. Switching closes the open document, forgets cached
 * host data and reconnects; every screen then works against the node.
 * Node management (nodes.*) always goes to the local host, on a connection of
 * its own, so the Nodes panel keeps working while the workspace is remote.
 */
import type { BridgeTarget } from '../../shared/bridge';
import type { ProtocolClient } from '../../shared/protocol';
import { ProtocolClient as Client } from '../../shared/protocol';
import { queryClient } from '../app/query-client';
import { closeDocument } from '../features/workflows/open';
import { useConnection } from '../state/connection-store';
import type { Workspace } from '../state/connection-store';
import type { Connector } from './connection';
import { ipcTransport, webSocketTransport } from './transports';

let connector: Connector | undefined;
let local: Promise<ProtocolClient> | undefined;

export function setWorkspaceConnector(c: Connector): void {
  connector = c;
}

/** The protocol endpoint of a workspace, for the page at `location`. */
export function workspaceUrl(location: Location, workspace: Workspace): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const path = workspace.kind === 'node' ? `/nodes/${encodeURIComponent(workspace.id)}/ws` : '/ws';
  return `${scheme}//${location.host}${path}`;
}

/** What the desktop app's IPC line of a workspace connects to. */
export function workspaceTarget(workspace: Workspace): BridgeTarget {
  return workspace.kind === 'node' ? `node:${workspace.id}` : 'local';
}

/** A connection to this studio's own host, whatever the workspace is. */
export function localHost(): Promise<ProtocolClient> {
  const state = useConnection.getState();
  if (state.workspace.kind === 'local') {
    if (state.client !== undefined && !state.client.closed) return Promise.resolve(state.client);
    if (state.transport === 'ipc') return Promise.reject(new Error('not connected to the host yet'));
  }
  const cached = local;
  if (cached !== undefined) {
    return cached.then((c) => {
      if (!c.closed) return c;
      local = undefined;
      return localHost();
    });
  }
  const opening = (async () => {
    const bridge = window.csp;
    const transport =
      state.transport === 'ipc' && bridge !== undefined
        ? ipcTransport(bridge, 'local', 'local')
        : await webSocketTransport(workspaceUrl(window.location, { kind: 'local' }));
    const client = new Client(transport);
    await client.hello(['ui'], { name: 'studio-nodes', version: '0' });
    return client;
  })();
  local = opening;
  opening.catch(() => (local = undefined));
  return opening;
}

/** Moves the workspace; false when the user kept an unsaved document open. */
export async function switchWorkspace(target: Workspace): Promise<boolean> {
  if (connector === undefined) return false;
  if (!(await closeDocument())) return false;
  useConnection.getState().set({ workspace: target });
  queryClient.clear();
  connector.restart();
  return true;
}
