/** Bottom bar: host connection, mode and versions, data folder, shortcuts hint. */
import type { ReactElement } from 'react';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { useHostInfo } from '../hooks';
import { statusLabel, useConnection } from '../state/connection-store';
import { useUi } from '../state/ui-store';

const MODE_LABEL = { desktop: 'desktop', web: 'web mode', remote: 'remote node' } as const;

export function StatusBar({ onRetry }: { onRetry: () => void }): ReactElement {
  const status = useConnection((s) => s.status);
  const hello = useConnection((s) => s.hello);
  const transport = useConnection((s) => s.transport);
  const info = useHostInfo();
  const toggleHelp = useUi((s) => s.toggleHelp);
  const toggleOutput = useUi((s) => s.toggleOutput);
  const mode = hello?.host.mode;
  const live = status === 'connected';
  return (
    <footer className={`status-bar status-${status}`} role="status" aria-live="polite">
      <span className="status-item status-connection" title={`transport: ${transport}`}>
        <span className="status-dot" aria-hidden="true" />
        <span data-testid="connection-status">{statusLabel(status)}</span>
        {status === 'retrying' && (
          <button type="button" className="status-link" onClick={onRetry}>
            retry now
          </button>
        )}
      </span>
      {mode && (
        <span className="status-item" data-testid="host-mode">
          {MODE_LABEL[mode]}
        </span>
      )}
      {hello && (
        <span className="status-item" data-testid="host-version" title={`protocol ${hello.protocol} (UI speaks ${PROTOCOL_VERSION})`}>
          host {hello.host.version}
        </span>
      )}
      {live && info.data && (
        <span className={`status-item ${info.data.store.status === 'open' ? '' : 'status-warn'}`} title={info.data.store.status === 'open' ? info.data.store.path : info.data.store.message}>
          store {info.data.store.status === 'open' ? 'ready' : 'unavailable'}
        </span>
      )}
      <span className="status-spacer" />
      {info.data && (
        <span className="status-item status-muted" title="data folder">
          {info.data.dataDir}
        </span>
      )}
      <button type="button" className="status-item status-button" onClick={() => toggleOutput()} title="Output panel (Ctrl+J)">
        Output
      </button>
      <button type="button" className="status-item status-button" onClick={() => toggleHelp(true)} title="Keyboard shortcuts">
        <kbd className="kbd">?</kbd> Shortcuts
      </button>
    </footer>
  );
}
