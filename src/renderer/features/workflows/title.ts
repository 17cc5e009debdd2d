/**
 * The window title names the open workflow and marks unsaved edits:
 * "Dining philosophers● — CSP Studio". Electron shows the page title as the
 * window title; a browser shows it on the tab.
 */
import { useEffect } from 'react';
import { useDocument } from '../designer/document';
import { useScript } from '../editor/script/script-store';

export const APP_TITLE = 'CSP Studio';

export function windowTitle(name: string | undefined, dirty: boolean): string {
  return name === undefined ? APP_TITLE : `${name}${dirty ? '●' : ''} — ${APP_TITLE}`;
}

export function useWindowTitle(): void {
  // The document's own name: a restored version or an edit may have changed it since it was opened.
  const workflowName = useDocument((s) => s.workflow?.name ?? s.ref?.name);
  const scriptName = useScript((s) => s.ref?.name);
  const name = workflowName ?? scriptName;
  const workflowDirty = useDocument((s) => s.revision !== s.savedRevision);
  const scriptDirty = useScript((s) => s.revision !== s.savedRevision);
  const dirty = workflowDirty || scriptDirty;
  useEffect(() => {
    document.title = windowTitle(name, dirty);
  }, [name, dirty]);
}
