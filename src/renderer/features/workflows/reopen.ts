/**
 * The studio opens where it was left: the workflow open at the last visit is
 * opened again once the host is connected (if it still exists), and the
 * setting follows every open and close.
 */
import { useEffect } from 'react';
import { ProtocolError } from '../../../shared/protocol';
import { hostRequest } from '../../hooks';
import { useConnection } from '../../state/connection-store';
import { useSettings } from '../../state/settings-store';
import { useDocument } from '../designer/document';
import { showOpened } from './open';
import { warmWorkflowParser } from './parse';

export function useReopenLastWorkflow(): void {
  const connected = useConnection((s) => s.status === 'connected');
  // The YAML parser's worker loads its code now, not when the first workflow opens.
  useEffect(() => warmWorkflowParser(), []);
  useEffect(
    () =>
      useDocument.subscribe((s, prev) => {
        if (s.ref?.workflowId !== prev.ref?.workflowId) useSettings.getState().setLastOpen(s.ref?.workflowId);
      }),
    [],
  );
  useEffect(() => {
    if (!connected) return;
    const id = useSettings.getState().lastOpenId;
    if (id === undefined || useDocument.getState().ref) return;
    let cancelled = false;
    hostRequest('workflows.get', { id, diagnostics: false })
      .then(async (opened) => {
        if (!cancelled && !useDocument.getState().ref && opened.workflow.deletedAt === null) await showOpened(opened);
      })
      .catch((error: unknown) => {
        // Deleted meanwhile (or by the CLI): start without it.
        if (error instanceof ProtocolError && error.code === 'not_found') useSettings.getState().setLastOpen(undefined);
      });
    return () => {
      cancelled = true;
    };
    // After a reconnect the document is still open, so nothing is reopened.
  }, [connected]);
}
