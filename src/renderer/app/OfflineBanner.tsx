/** Shown above the views while the host is unreachable, so nobody mistakes stale UI for live data. */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useConnection } from '../state/connection-store';

export function OfflineBanner({ onRetry }: { onRetry: () => void }): ReactElement | null {
  const status = useConnection((s) => s.status);
  const lastError = useConnection((s) => s.lastError);
  const nextRetryAt = useConnection((s) => s.nextRetryAt);
  const workspace = useConnection((s) => s.workspace);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status !== 'retrying') return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [status]);
  if (status === 'connected' || status === 'connecting') return null;
  if (status === 'unauthorized') {
    return (
      <div className="banner banner-error" role="alert">
        <strong>The host restarted with a new access token.</strong> Open the URL it printed at start (it ends in{' '}
        <code className="inline-code">?token=…</code>) to reconnect.
      </div>
    );
  }
  const seconds = nextRetryAt ? Math.max(0, Math.ceil((nextRetryAt - now) / 1000)) : 0;
  return (
    <div className="banner banner-warn" role="alert">
      <strong>
        {workspace.kind === 'node' ? `Disconnected from node ${workspace.label}.` : 'Disconnected from the host.'}
      </strong>{' '}
      Retrying{seconds > 0 ? ` in ${seconds}s` : ' now'}…
      {lastError && <span className="banner-detail"> ({lastError})</span>}
      <button type="button" className="banner-button" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
