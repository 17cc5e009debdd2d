/**
 * Bottom bar: host connection, the open document's save state and problems,
 * mode and versions, data folder. Items that do something are buttons.
 */
import type { ReactElement } from 'react';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { runCommand } from '../commands';
import { useDocument } from '../features/designer/document';
import { useScript } from '../features/editor/script/script-store';
import { useProblemCounts } from '../features/problems/problems-store';
import { saveNow } from '../features/workflows/autosave';
import { useSession } from '../features/workflows/session-store';
import type { SaveStatus } from '../features/workflows/session-store';
import { useHostInfo } from '../hooks';
import { statusLabel, useConnection } from '../state/connection-store';
import { useLayout } from '../state/layout-store';

const MODE_LABEL = { desktop: 'desktop', web: 'web mode', remote: 'remote node' } as const;

const SAVE_LABEL: Record<SaveStatus, string> = {
  saved: 'saved',
  pending: 'unsaved changes',
  saving: 'saving…',
  failed: 'save failed',
  conflict: 'changed elsewhere',
};

function SaveState(): ReactElement | null {
  const workflowOpen = useDocument((s) => s.ref !== undefined);
  const scriptOpen = useScript((s) => s.ref !== undefined);
  const open = workflowOpen || scriptOpen;
  const status = useSession((s) => s.status);
  const error = useSession((s) => s.error);
  if (!open) return null;
  if (status === 'failed' || status === 'conflict') {
    return (
      <button
        type="button"
        className="status-item status-button status-warn"
        data-testid="save-status"
        title={`${error ?? ''} — click to ${status === 'conflict' ? 'keep your version (overwrite)' : 'retry'}`}
        onClick={() => void saveNow({ overwrite: status === 'conflict' })}
      >
        {SAVE_LABEL[status]} · {status === 'conflict' ? 'keep mine' : 'retry'}
      </button>
    );
  }
  return (
    <span className="status-item" data-testid="save-status">
      {SAVE_LABEL[status]}
    </span>
  );
}

function ProblemCount(): ReactElement {
  const counts = useProblemCounts();
  return (
    <button
      type="button"
      className={`status-item status-button${counts.errors > 0 ? ' status-error' : ''}`}
      aria-label={`${counts.errors} errors, ${counts.warnings} warnings: show Problems`}
      title="Problems (Ctrl+Shift+M)"
      onClick={() => useLayout.getState().showPanel('problems')}
    >
      ⊗ {counts.errors} ⚠ {counts.warnings}
    </button>
  );
}

export function StatusBar({ onRetry }: { onRetry: () => void }): ReactElement {
  const status = useConnection((s) => s.status);
  const hello = useConnection((s) => s.hello);
  const transport = useConnection((s) => s.transport);
  const workspace = useConnection((s) => s.workspace);
  const info = useHostInfo();
  const mode = hello?.host.mode;
  const live = status === 'connected';
  return (
    <footer className={`status-bar status-${status}`} aria-label="Status bar">
      {workspace.kind === 'node' && (
        <span
          className="status-item status-remote"
          data-testid="workspace-label"
          style={{ background: workspace.colour }}
          title={`every action goes to the remote node ${workspace.url}`}
        >
          Remote: {workspace.label}
        </span>
      )}
      <span className="status-item status-connection" title={`transport: ${transport}`} role="status">
        <span className="status-dot" aria-hidden="true" />
        <span data-testid="connection-status">{statusLabel(status)}</span>
        {status === 'retrying' && (
          <button type="button" className="status-link" onClick={onRetry}>
            retry now
          </button>
        )}
      </span>
      <SaveState />
      <ProblemCount />
      <span className="status-spacer" />
      {mode && (
        <span className="status-item" data-testid="host-mode">
          {MODE_LABEL[mode]}
        </span>
      )}
      {hello && (
        <span
          className="status-item"
          data-testid="host-version"
          title={`protocol ${hello.protocol} (UI speaks ${PROTOCOL_VERSION})`}
        >
          host {hello.host.version}
        </span>
      )}
      {live && info.data && (
        <span
          className={`status-item ${info.data.store.status === 'open' ? '' : 'status-warn'}`}
          title={info.data.store.status === 'open' ? info.data.store.path : info.data.store.message}
        >
          store {info.data.store.status === 'open' ? 'ready' : 'unavailable'}
        </span>
      )}
      {info.data && (
        <span className="status-item status-muted" title="data folder">
          {info.data.dataDir}
        </span>
      )}
      <button
        type="button"
        className="status-item status-button"
        onClick={() => runCommand('help.shortcuts')}
        title="Keyboard shortcuts"
      >
        <kbd className="kbd">?</kbd> Shortcuts
      </button>
    </footer>
  );
}
