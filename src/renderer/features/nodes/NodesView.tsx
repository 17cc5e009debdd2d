/**
 * The Nodes panel: add a remote node (URL + token, kept by the local host),
 * every node's status on one screen (version, uptime, runs, load), deploying
 * the open workflow to a node (then "Open on <node>"), and the workspace switch: "Use" moves every screen to the node, "Back to this studio"
 * returns. The node in use is marked with its colour here and in the status bar.
 */
import { useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { NodeEntry } from '../../../shared/protocol/methods/nodes';
import { localHost, switchWorkspace } from '../../connection/workspace';
import { useConnection } from '../../state/connection-store';
import { toastError } from '../../state/toast-store';
import { useDocument } from '../designer/document';
import { useScript } from '../editor/script/script-store';
import { deployOpen, describeDeployed, openOnNode } from './deploy';
import type { Deployed } from './deploy';
import { ViewFrame } from '../../ui/ViewFrame';
import { describeHealth, useNodes } from './use-nodes';
import type { NodeState } from './use-nodes';
import './nodes.css';

function AddNode({ onAdded }: { onAdded: () => Promise<void> }): ReactElement {
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const client = await localHost();
      await client.request('nodes.add', { url, token, ...(label.trim() !== '' ? { label: label.trim() } : {}) });
      setUrl('');
      setToken('');
      setLabel('');
      await onAdded();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="nodes-add" aria-label="Add a node" onSubmit={(e) => void submit(e)}>
      <input
        aria-label="Node URL"
        placeholder="wss://node.example:7420"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
      />
      <input
        aria-label="Node token"
        type="password"
        placeholder="token (csp tokens create)"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        required
        autoComplete="off"
      />
      <input
        aria-label="Node label"
        placeholder="label (optional)"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Attaching…' : 'Add node'}
      </button>
      {error !== undefined && (
        <p className="nodes-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** "Deploy open workflow" on a node's row, and what came of it with "Open on <node>". */
function DeployHere({ node, documentOpen }: { node: NodeEntry; documentOpen: boolean }): ReactElement {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Deployed | undefined>();
  const [error, setError] = useState<string | undefined>();
  const deploy = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await deployOpen(node));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={!documentOpen || busy}
        title={documentOpen ? 'copy the open workflow to this node' : 'open a workflow of this studio first'}
        onClick={() => void deploy()}
      >
        {busy ? 'Deploying…' : 'Deploy open workflow'}
      </button>
      {done !== undefined && (
        <div className="nodes-deployed" role="status">
          {describeDeployed(done)}{' '}
          <button
            type="button"
            onClick={() =>
              void openOnNode(done).catch((e: unknown) => toastError(e instanceof Error ? e.message : String(e)))
            }
          >
            Open on {node.label}
          </button>
        </div>
      )}
      {error !== undefined && (
        <p className="nodes-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function NodeRow({
  node,
  state,
  inUse,
  workspaceLocal,
  documentOpen,
  onRemoved,
}: {
  node: NodeEntry;
  state: NodeState | undefined;
  inUse: boolean;
  workspaceLocal: boolean;
  documentOpen: boolean;
  onRemoved: () => Promise<void>;
}): ReactElement {
  const status =
    state === undefined || state.kind === 'checking'
      ? 'checking…'
      : state.kind === 'online'
        ? `online · ${describeHealth(state.health)}`
        : `unreachable: ${state.reason}`;
  return (
    <li
      className={`nodes-row${inUse ? ' nodes-in-use' : ''}`}
      aria-label={`node ${node.label}`}
      style={{ borderLeftColor: node.colour }}
    >
      <div className="nodes-title">
        <span className="nodes-chip" style={{ background: node.colour }} aria-hidden="true" />
        <strong>{node.label}</strong>
        {inUse && <span className="nodes-badge">in use</span>}
      </div>
      <div className="nodes-url">{node.url}</div>
      <div className={`nodes-status nodes-${state?.kind ?? 'checking'}`} data-testid="node-status">
        {status}
      </div>
      {node.fingerprint !== undefined && (
        <div className="nodes-pin" title={node.fingerprint}>
          certificate pinned
        </div>
      )}
      <div className="nodes-actions">
        {!inUse && (
          <button
            type="button"
            title="every screen works on this node"
            onClick={() =>
              void switchWorkspace({ kind: 'node', id: node.id, label: node.label, colour: node.colour, url: node.url })
            }
          >
            Use this node
          </button>
        )}
        <button
          type="button"
          disabled={inUse}
          onClick={() =>
            void localHost()
              .then((c) => c.request('nodes.remove', { id: node.id }))
              .then(onRemoved)
          }
        >
          Remove
        </button>
        {workspaceLocal && <DeployHere node={node} documentOpen={documentOpen} />}
      </div>
    </li>
  );
}

export function NodesView(): ReactElement {
  const { nodes, states, error, refresh } = useNodes();
  const workspace = useConnection((s) => s.workspace);
  const workflowOpen = useDocument((s) => s.ref !== undefined);
  const scriptOpen = useScript((s) => s.ref !== undefined);
  const documentOpen = workflowOpen || scriptOpen;
  return (
    <ViewFrame title="Nodes" subtitle="csp serve, attached">
      <div className="nodes-workspace" role="status" aria-label="Workspace">
        {workspace.kind === 'local' ? (
          <span>Workspace: this studio</span>
        ) : (
          <>
            <span className="nodes-remote-label" style={{ background: workspace.colour }}>
              Remote: {workspace.label}
            </span>
            <button type="button" onClick={() => void switchWorkspace({ kind: 'local' })}>
              Back to this studio
            </button>
          </>
        )}
      </div>
      <AddNode onAdded={refresh} />
      {error !== undefined && (
        <p className="nodes-error" role="alert">
          {error}
        </p>
      )}
      {nodes.length === 0 ? (
        <p className="nodes-empty">
          No nodes yet. Start one with `csp serve`, make a token with `csp tokens create`, and add it above.
        </p>
      ) : (
        <ul className="nodes-list" aria-label="Cluster overview">
          {nodes.map((n) => (
            <NodeRow
              key={n.id}
              node={n}
              state={states.get(n.id)}
              inUse={workspace.kind === 'node' && workspace.id === n.id}
              workspaceLocal={workspace.kind === 'local'}
              documentOpen={documentOpen}
              onRemoved={refresh}
            />
          ))}
        </ul>
      )}
    </ViewFrame>
  );
}
