/**
 * Opening and leaving a CSPm script document. A stored document of kind
 * `cspm` opens here (from the Workflows list, File › Open CSPm Script…, a
 * dropped .csp file, or on start when it was open last), in the Editor view,
 * as written: nothing converts it into a workflow.
 */
import type { Result } from '../../../../shared/protocol';
import { queryClient } from '../../../app/query-client';
import { invalidateMethods } from '../../../hooks';
import { confirm } from '../../../state/dialog-store';
import { useLayout } from '../../../state/layout-store';
import { useSettings } from '../../../state/settings-store';
import { useDocument } from '../../designer/document';
import { useSession } from '../../workflows/session-store';
import { saveScriptNow } from './script-save';
import { useScript } from './script-store';

type Opened = Pick<Result<'workflows.get'>, 'workflow' | 'content' | 'version'>;

/** Shows a stored script in the editor (the open workflow, if any, was left by the caller's guard). */
export function openScriptDocument(opened: Opened): boolean {
  const { workflow: summary, content, version } = opened;
  useDocument.getState().close();
  useSession.getState().reset({ baseVersionId: version?.id, savedText: content, status: 'saved' });
  useScript.getState().open({ id: summary.id, name: summary.name, path: summary.path }, content);
  useSettings.getState().setLastOpen(summary.id);
  useLayout.getState().setCentre('editor');
  void invalidateMethods(queryClient, ['workflows.list', 'workflows.history']);
  return true;
}

export function isScriptOpen(id?: number): boolean {
  const ref = useScript.getState().ref;
  return ref !== undefined && (id === undefined || ref.id === id);
}

/** Makes sure the script's edits are stored before it goes; false when the person chose to stay. */
export async function leaveScript(action: string): Promise<boolean> {
  const ref = useScript.getState().ref;
  if (!ref) return true;
  if (await saveScriptNow()) return true;
  const { status, error } = useSession.getState();
  return confirm({
    title: 'Unsaved changes',
    message:
      status === 'conflict'
        ? `"${ref.name}" was changed elsewhere since you opened it, so your edits were not saved. ${action} anyway and lose them?`
        : `Your latest edits to "${ref.name}" could not be saved${error ? ` (${error})` : ''}. ${action} anyway and lose them?`,
    confirmLabel: 'Discard my edits',
    cancelLabel: 'Stay',
    danger: true,
  });
}

/** Closes the script (after `leaveScript`, or because it was deleted). */
export function closeScriptDocument(): void {
  if (!useScript.getState().ref) return;
  useScript.getState().close();
  useSession.getState().reset();
  useSettings.getState().setLastOpen(undefined);
}
