/**
 * History (sidebar): the versions of the open workflow, newest first. Every
 * save is a version; compare any with the current one, or restore it.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useHostQuery } from '../../../hooks';
import { EmptyState } from '../../../ui/EmptyState';
import { HistoryIcon } from '../../../ui/icons';
import { relativeTime } from '../../../ui/time';
import { useDocument } from '../../designer/document';
import { useSession } from '../session-store';
import { showDiff } from './DiffDialog';
import { restoreVersion } from './restore';

export function HistoryPanel(): ReactElement {
  const ref = useDocument((s) => s.ref);
  const lastSavedAt = useSession((s) => s.lastSavedAt);
  const history = useHostQuery('workflows.history', { id: ref?.workflowId ?? 1 }, { enabled: ref !== undefined });
  // Times are relative: refresh them when a save lands (the list itself refetches on its own).
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [lastSavedAt, history.dataUpdatedAt]);
  const header = (
    <header className="pane-header">
      <h2 className="pane-title">History</h2>
      {ref && <span className="pane-sub">{ref.name}</span>}
    </header>
  );
  if (!ref) {
    return (
      <div className="browser">
        {header}
        <EmptyState compact icon={<HistoryIcon size={28} />} title="No workflow open">
          Open a workflow to see its versions. Every save (autosave too) is a version you can compare with the current
          one and restore.
        </EmptyState>
      </div>
    );
  }
  const versions = history.data?.versions ?? [];
  const numberOf = (id: number | null): number | undefined => versions.find((v) => v.id === id)?.number;
  return (
    <div className="browser">
      {header}
      <div className="pane-body">
        {history.isError && <p className="error-text pad">Could not read the history: {history.error.message}</p>}
        {history.isPending && <p className="muted pad">Loading…</p>}
        <ol className="version-list" aria-label="Versions">
          {versions.map((v, i) => {
            const restored = numberOf(v.restoredFrom);
            return (
              <li key={v.id} className="version">
                <div className="version-head">
                  <strong>Version {v.number}</strong>
                  {i === 0 && <span className="tag">current</span>}
                  <span className="muted version-time">{relativeTime(v.savedAt, now)}</span>
                </div>
                {(v.label || restored !== undefined) && (
                  <div className="muted version-note">
                    {v.label}
                    {restored !== undefined && `restored from version ${restored}`}
                  </div>
                )}
                {i > 0 && (
                  <div className="version-actions">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Compare version ${v.number} with the current one`}
                      onClick={() => showDiff(v.id, v.number)}
                    >
                      Compare
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Restore version ${v.number}`}
                      onClick={() => void restoreVersion(v.id, v.number)}
                    >
                      Restore
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        {versions.length === 1 && (
          <p className="muted pad">
            One version so far. Each save adds one; autosave saves shortly after you stop editing.
          </p>
        )}
      </div>
    </div>
  );
}
