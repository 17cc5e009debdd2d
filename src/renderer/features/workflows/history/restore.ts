/**
 * Restore an old version: the host makes it current as a new version (history
 * is never rewritten); the open document takes it as one undoable change, so
 * Undo brings back what was on screen.
 */
import { queryClient } from '../../../app/query-client';
import { hostRequest, invalidateMethods } from '../../../hooks';
import { toastError, toastInfo } from '../../../state/toast-store';
import { useDocument } from '../../designer/document';
import { saveNow } from '../autosave';
import { showDiagnostics } from '../DiagnosticsDialog';
import { parseWorkflowYaml } from '../parse';
import { useSession } from '../session-store';

export async function restoreVersion(versionId: number, number: number): Promise<boolean> {
  const ref = useDocument.getState().ref;
  if (!ref) return false;
  // Edits waiting go in first, so they are a version too and Undo has them.
  if (!(await saveNow())) {
    toastError('The latest edits could not be saved, so nothing was restored (see the status bar).');
    return false;
  }
  try {
    const { version, content } = await hostRequest('workflows.restore', { versionId });
    const loaded = await parseWorkflowYaml(content);
    if (!loaded.ok || !loaded.workflow) {
      showDiagnostics({
        title: `Version ${number} cannot be shown on the canvas`,
        intro: 'It is current in the store again, but its YAML has errors:',
        fileName: ref.name,
        diagnostics: loaded.diagnostics,
      });
      return false;
    }
    if (useDocument.getState().ref?.workflowId !== ref.workflowId) return false;
    useSession.getState().set({ baseVersionId: version.id, savedText: content });
    useDocument.getState().apply({ type: 'workflow.replace', workflow: loaded.workflow });
    // The store takes the restored version's name for the record too; the document's reference follows.
    if (loaded.workflow.name !== ref.name) useDocument.getState().rename(loaded.workflow.name);
    await invalidateMethods(queryClient, ['workflows.history', 'workflows.list', 'workflows.diff']);
    toastInfo(`Restored version ${number} as version ${version.number}. Undo (Ctrl+Z) goes back to what you had.`);
    return true;
  } catch (error) {
    toastError(`Could not restore version ${number}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
