/**
 * "Deploy Open Workflow to Node…": the known nodes, one button each; after a
 * deploy, what happened and "Open on <node>" to work on the copy there.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { NodeEntry } from '../../../shared/protocol/methods/nodes';
import { localHost } from '../../connection/workspace';
import { useDialogs } from '../../state/dialog-store';
import { useLayout } from '../../state/layout-store';
import { Dialog } from '../../ui/Dialog';
import { deployOpen, describeDeployed, openOnNode } from './deploy';
import type { Deployed } from './deploy';
import { toastError } from '../../state/toast-store';

function DeployBody({ close }: { close: () => void }): ReactElement {
  const [nodes, setNodes] = useState<readonly NodeEntry[] | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<Deployed | undefined>();
  useEffect(() => {
    localHost()
      .then((c) => c.request('nodes.list', {}))
      .then((r) => setNodes(r.nodes))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  const deploy = async (node: NodeEntry): Promise<void> => {
    setBusy(node.id);
    setError(undefined);
    try {
      setDone(await deployOpen(node));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  if (done !== undefined)
    return (
      <div className="nodes-deploy">
        <p className="dialog-text" role="status">
          {describeDeployed(done)}
        </p>
        <div className="nodes-actions">
          <button
            type="button"
            data-autofocus
            onClick={() => {
              close();
              openOnNode(done).catch((e: unknown) => toastError(e instanceof Error ? e.message : String(e)));
            }}
          >
            Open on {done.node.label}
          </button>
          <button type="button" onClick={close}>
            Stay here
          </button>
        </div>
      </div>
    );
  return (
    <div className="nodes-deploy">
      {nodes === undefined && error === undefined && <p className="dialog-text">Reading the nodes…</p>}
      {nodes !== undefined && nodes.length === 0 && (
        <p className="dialog-text">
          No nodes yet: add one in the Nodes view (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              close();
              useLayout.getState().showSidebar('nodes');
            }}
          >
            open it
          </button>
          ).
        </p>
      )}
      {nodes !== undefined && nodes.length > 0 && (
        <ul className="nodes-list" aria-label="Deploy to">
          {nodes.map((n) => (
            <li key={n.id} className="nodes-row" style={{ borderLeftColor: n.colour }}>
              <div className="nodes-title">
                <span className="nodes-chip" style={{ background: n.colour }} aria-hidden="true" />
                <strong>{n.label}</strong>
              </div>
              <div className="nodes-url">{n.url}</div>
              <div className="nodes-actions">
                <button type="button" disabled={busy !== undefined} onClick={() => void deploy(n)}>
                  {busy === n.id ? 'Deploying…' : `Deploy to ${n.label}`}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {error !== undefined && (
        <p className="nodes-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function showDeployDialog(): void {
  useDialogs.getState().show((close) => (
    <Dialog title="Deploy to a node" onClose={close}>
      <DeployBody close={close} />
    </Dialog>
  ));
}
