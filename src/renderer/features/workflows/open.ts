/**
 * Opening and leaving documents, with the unsaved-changes guard: before
 * another workflow replaces the open one, pending edits are saved; if that
 * fails, the person decides whether to discard them.
 */
import type { Result } from '../../../shared/protocol';
import { queryClient } from '../../app/query-client';
import { hostRequest, invalidateMethods } from '../../hooks';
import { confirm } from '../../state/dialog-store';
import { useLayout } from '../../state/layout-store';
import { toastError } from '../../state/toast-store';
import { useDocument } from '../designer/document';
import { closeScriptDocument, isScriptOpen, leaveScript, openScriptDocument } from '../editor/script/open-script';
import { saveNow } from './autosave';
import { showDiagnostics } from './DiagnosticsDialog';
import { parseWorkflowYaml } from './parse';
import { useSession } from './session-store';

type Opened = Pick<Result<'workflows.get'>, 'workflow' | 'content' | 'version'>;

/**
 * Makes sure the open document's edits are in the store before it goes.
 * Resolves false when the person chose to stay.
 */
export async function leaveCurrent(action: string): Promise<boolean> {
  if (isScriptOpen()) return leaveScript(action);
  const doc = useDocument.getState();
  if (!doc.ref) return true;
  if (await saveNow()) return true;
  const { status, error } = useSession.getState();
  return confirm({
    title: 'Unsaved changes',
    message:
      status === 'conflict'
        ? `"${doc.ref.name}" was changed elsewhere since you opened it, so your edits were not saved. ${action} anyway and lose them?`
        : `Your latest edits to "${doc.ref.name}" could not be saved${error ? ` (${error})` : ''}. ${action} anyway and lose them?`,
    confirmLabel: 'Discard my edits',
    cancelLabel: 'Stay',
    danger: true,
  });
}

/** Counts opens, so a workflow still being parsed when another document is opened is dropped. */
let opening = 0;

/**
 * Shows a stored document (from workflows.get/create/duplicate/import): a workflow on the canvas, a CSPm script in
 * the editor. A workflow's YAML is parsed in a worker; resolves false when it cannot be drawn or was overtaken.
 */
export async function showOpened(opened: Opened): Promise<boolean> {
  const { workflow: summary, content, version } = opened;
  const ticket = ++opening;
  if (summary.kind === 'cspm') return openScriptDocument(opened);
  const loaded = await parseWorkflowYaml(content);
  if (ticket !== opening) return false;
  if (!loaded.ok || !loaded.workflow) {
    showDiagnostics({
      title: `"${summary.name}" cannot be opened on the canvas`,
      intro:
        'The stored YAML has errors the canvas cannot draw. Fix them in the file (or restore an earlier version from History):',
      fileName: summary.name,
      diagnostics: loaded.diagnostics.map((d) => ({ ...d, file: summary.name })),
    });
    return false;
  }
  closeScriptDocument();
  useSession.getState().reset({ baseVersionId: version?.id, savedText: content, status: 'saved' });
  useDocument.getState().open({ workflowId: summary.id, path: summary.path, name: summary.name }, loaded.workflow);
  useLayout.getState().setCentre('canvas');
  void invalidateMethods(queryClient, ['workflows.list', 'workflows.history']);
  return true;
}

/** Opens a stored workflow by id (after the guard). */
export async function openWorkflow(id: number): Promise<boolean> {
  if (useDocument.getState().ref?.workflowId === id) {
    useLayout.getState().setCentre('canvas');
    return true;
  }
  if (isScriptOpen(id)) {
    useLayout.getState().setCentre('editor');
    return true;
  }
  if (!(await leaveCurrent('Open another workflow'))) return false;
  try {
    const opened = await hostRequest('workflows.get', { id, diagnostics: false });
    // For the canvas benchmark: the host's part ends here, the parse follows (see designer:open).
    performance.mark('workflow:fetched');
    return await showOpened(opened);
  } catch (error) {
    toastError(`Could not open the workflow: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** A new workflow (empty, or a copy of an example), opened. */
export async function createWorkflow(params: { example?: string; name?: string } = {}): Promise<Opened | undefined> {
  if (!(await leaveCurrent('Open the new workflow'))) return undefined;
  try {
    const created = await hostRequest('workflows.create', params);
    await showOpened(created);
    return created;
  } catch (error) {
    toastError(`Could not create the workflow: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Drops the edits on screen and shows the workflow as the store has it now (asks first when edits would be lost). */
export async function revertToStored(): Promise<boolean> {
  const ref = useDocument.getState().ref;
  if (!ref) return false;
  const dirty = useDocument.getState().revision !== useDocument.getState().savedRevision;
  if (dirty) {
    const yes = await confirm({
      title: 'Revert to the stored version',
      message: `Your edits to "${ref.name}" that are not saved will be lost.`,
      confirmLabel: 'Revert',
      danger: true,
    });
    if (!yes) return false;
  }
  try {
    return await showOpened(await hostRequest('workflows.get', { id: ref.workflowId, diagnostics: false }));
  } catch (error) {
    toastError(`Could not read the stored version: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Closes the open document (after the guard). */
export async function closeDocument(): Promise<boolean> {
  if (!(await leaveCurrent('Close it'))) return false;
  closeScriptDocument();
  useDocument.getState().close();
  useSession.getState().reset();
  return true;
}

/** Drops the open document without saving (it was deleted). */
export function forgetDocument(): void {
  closeScriptDocument();
  useDocument.getState().close();
  useSession.getState().reset();
}
