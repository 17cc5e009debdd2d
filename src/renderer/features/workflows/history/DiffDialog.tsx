/**
 * The difference between an old version and the current one: what changed in
 * the network (nodes, channels, edges, behaviours, assertions; moves apart)
 * and the text lines, with Restore at hand.
 */
import type { ReactElement } from 'react';
import { useHostQuery } from '../../../hooks';
import { useDialogs } from '../../../state/dialog-store';
import { Dialog } from '../../../ui/Dialog';
import { DiagnosticsList } from '../DiagnosticsDialog';
import { restoreVersion } from './restore';
import { StructuralDiff, TextDiff } from './DiffParts';

export function showDiff(versionId: number, number: number): void {
  useDialogs.getState().show((close) => (
    <Dialog
      title={`Version ${number} compared with the current version`}
      wide
      onClose={close}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              close();
              void restoreVersion(versionId, number);
            }}
          >
            Restore version {number}
          </button>
        </>
      }
    >
      <DiffBody versionId={versionId} />
    </Dialog>
  ));
}

function DiffBody({ versionId }: { versionId: number }): ReactElement {
  const diff = useHostQuery('workflows.diff', { fromVersionId: versionId });
  if (diff.isError) return <p className="error-text">Could not compute the difference: {diff.error.message}</p>;
  if (!diff.data) return <p className="muted">Comparing…</p>;
  const { structural, text, diagnostics, from, to } = diff.data;
  return (
    <div className="diff" aria-label="Differences">
      <p className="muted">
        From version {from.number} to version {to.number}
        {structural?.identical ? ': the network is the same (only formatting or layout differs).' : '.'}
      </p>
      {structural && !structural.identical && <StructuralDiff diff={structural} />}
      {diagnostics.length > 0 && <DiagnosticsList diagnostics={diagnostics} fileName="version" />}
      {text ? (
        <TextDiff hunks={text.hunks} />
      ) : (
        <p className="muted">The texts are too far apart for a line-by-line view.</p>
      )}
    </div>
  );
}
