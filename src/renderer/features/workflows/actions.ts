/**
 * Browser actions on stored workflows: rename, duplicate, delete with undo.
 * Each says what happened in a toast; delete offers Undo there and on Ctrl+Z
 * while the toast shows.
 */
import { commandRegistry } from '../../commands';
import { queryClient } from '../../app/query-client';
import { hostRequest, invalidateMethods } from '../../hooks';
import { toastError, useToasts } from '../../state/toast-store';
import { useDocument } from '../designer/document';
import { isScriptOpen } from '../editor/script/open-script';
import { useScript } from '../editor/script/script-store';
import { forgetDocument, leaveCurrent, openWorkflow, showOpened } from './open';
import { useSession } from './session-store';

const LIST_METHODS = ['workflows.list', 'workflows.history'] as const;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function renameWorkflow(id: number, name: string): Promise<boolean> {
  const trimmed = name.trim();
  if (trimmed === '') return false;
  try {
    const open = useDocument.getState().ref?.workflowId === id || isScriptOpen(id);
    // The host writes the new name into the YAML as a new version: edits waiting must be in first.
    if (open && !(await leaveCurrent('Rename it'))) return false;
    const result = await hostRequest('workflows.rename', { id, name: trimmed });
    if (isScriptOpen(id)) useScript.getState().rename(result.workflow.name);
    if (open && useDocument.getState().ref?.workflowId === id) {
      useDocument.getState().rename(result.workflow.name);
      if (result.version) {
        const content = await hostRequest('workflows.version', { versionId: result.version.id });
        useSession.getState().set({ baseVersionId: result.version.id, savedText: content.content });
      }
    }
    await invalidateMethods(queryClient, LIST_METHODS);
    return true;
  } catch (error) {
    toastError(`Could not rename: ${message(error)}`);
    return false;
  }
}

export async function duplicateWorkflow(id: number): Promise<number | undefined> {
  try {
    const copy = await hostRequest('workflows.duplicate', { id });
    await invalidateMethods(queryClient, LIST_METHODS);
    useToasts.getState().show({
      kind: 'info',
      message: `Duplicated as "${copy.workflow.name}".`,
      action: { label: 'Open', run: () => void openWorkflow(copy.workflow.id) },
    });
    return copy.workflow.id;
  } catch (error) {
    toastError(`Could not duplicate: ${message(error)}`);
    return undefined;
  }
}

let undoRegistration: (() => void) | undefined;

export async function deleteWorkflow(id: number): Promise<boolean> {
  const wasOpen = useDocument.getState().ref?.workflowId === id || isScriptOpen(id);
  try {
    // Edits in flight go in first, so undoing the delete brings back exactly what was on screen.
    if (wasOpen && !(await leaveCurrent('Delete it'))) return false;
    const { workflow } = await hostRequest('workflows.delete', { id });
    if (wasOpen) forgetDocument();
    await invalidateMethods(queryClient, LIST_METHODS);
    offerUndo(workflow.id, workflow.name, wasOpen);
    return true;
  } catch (error) {
    toastError(`Could not delete: ${message(error)}`);
    return false;
  }
}

async function undelete(id: number, name: string, reopen: boolean): Promise<void> {
  undoRegistration?.();
  undoRegistration = undefined;
  try {
    await hostRequest('workflows.undelete', { id });
    await invalidateMethods(queryClient, LIST_METHODS);
    if (reopen && !useDocument.getState().ref && !isScriptOpen())
      await showOpened(await hostRequest('workflows.get', { id, diagnostics: false }));
    useToasts.getState().show({ kind: 'info', message: `Restored "${name}".` });
  } catch (error) {
    toastError(`Could not bring back "${name}": ${message(error)}`);
  }
}

/** A toast with Undo, and Ctrl+Z bound to the same while the toast shows. */
function offerUndo(id: number, name: string, reopen: boolean): void {
  undoRegistration?.();
  const toastId = useToasts.getState().show({
    kind: 'info',
    message: `Deleted "${name}".`,
    action: { label: 'Undo', run: () => void undelete(id, name, reopen) },
  });
  const unregister = commandRegistry.register([
    {
      id: 'workflows.undoDelete',
      title: `Undo Delete of "${name}"`,
      category: 'Workflows',
      keys: ['Mod+Z'],
      when: () => useToasts.getState().toasts.some((t) => t.id === toastId),
      run: () => {
        useToasts.getState().dismiss(toastId);
        return undelete(id, name, reopen);
      },
    },
  ]);
  undoRegistration = unregister;
  // Once the toast has gone, Ctrl+Z is the document's again.
  const off = useToasts.subscribe((s) => {
    if (s.toasts.some((t) => t.id === toastId)) return;
    off();
    if (undoRegistration === unregister) undoRegistration = undefined;
    unregister();
  });
}
