/**
 * Autosave: every applied edit (a new document revision) schedules a save
 * after the quiet time of the settings; Ctrl+S saves at once. Saves are
 * serialised: one request at a time, the newest revision wins. The text is
 * the engine's `saveWorkflowYaml(workflow, lastSavedText)`, so the file keeps
 * its comments and order; `baseVersionId` makes the host refuse a save over a
 * version someone else wrote (a conflict, resolved by the person).
 */
import { saveWorkflowYaml } from '../../../engine/workflow';
import { ProtocolError } from '../../../shared/protocol';
import { queryClient } from '../../app/query-client';
import { hostRequest, invalidateMethods } from '../../hooks';
import { useConnection } from '../../state/connection-store';
import { useSettings } from '../../state/settings-store';
import { useToasts } from '../../state/toast-store';
import { useDocument } from '../designer/document';
import { isScriptOpen } from '../editor/script/open-script';
import { saveScriptNow } from '../editor/script/script-save';
import { scriptDirty } from '../editor/script/script-store';
import { useSession } from './session-store';

let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | undefined;

function dirty(): boolean {
  const d = useDocument.getState();
  return d.workflow !== undefined && d.revision !== d.savedRevision;
}

function schedule(): void {
  clearTimeout(timer);
  if (useSession.getState().status !== 'conflict') useSession.getState().set({ status: 'pending' });
  timer = setTimeout(() => void saveNow(), useSettings.getState().autosaveDelayMs);
}

/**
 * Saves the open document now if it has unsaved edits; resolves true when the
 * store holds what is on screen. Waits for a save already under way first.
 */
export async function saveNow(options: { overwrite?: boolean } = {}): Promise<boolean> {
  // A CSPm script document saves its own way (same session store, same guard).
  if (isScriptOpen()) return saveScriptNow(options);
  clearTimeout(timer);
  while (inFlight) await inFlight;
  if (!dirty()) {
    if (useSession.getState().status === 'pending') useSession.getState().set({ status: 'saved' });
    return true;
  }
  if (useSession.getState().status === 'conflict' && !options.overwrite) return false;
  inFlight = saveOnce(options.overwrite ?? false);
  try {
    return await inFlight;
  } finally {
    inFlight = undefined;
  }
}

async function saveOnce(overwrite: boolean): Promise<boolean> {
  const doc = useDocument.getState();
  const session = useSession.getState();
  if (!doc.ref || !doc.workflow) return true;
  const { workflowId } = doc.ref;
  const revision = doc.revision;
  const content = saveWorkflowYaml(doc.workflow, session.savedText);
  session.set({ status: 'saving' });
  try {
    const base = overwrite ? undefined : session.baseVersionId;
    const result = await hostRequest('workflows.save', {
      id: workflowId,
      content,
      ...(base !== undefined ? { baseVersionId: base } : {}),
    });
    if (useDocument.getState().ref?.workflowId !== workflowId) return true;
    useDocument.getState().markSaved(revision);
    const more = useDocument.getState().revision !== revision;
    useSession.getState().set({
      baseVersionId: result.version.id,
      savedText: content,
      status: more ? 'pending' : 'saved',
      error: undefined,
      lastSavedAt: Date.now(),
    });
    if (more) schedule();
    void invalidateMethods(queryClient, ['workflows.list', 'workflows.history']);
    return !more;
  } catch (error) {
    const conflict = error instanceof ProtocolError && error.code === 'conflict';
    const message = error instanceof Error ? error.message : String(error);
    const first = useSession.getState().status !== (conflict ? 'conflict' : 'failed');
    useSession.getState().set({ status: conflict ? 'conflict' : 'failed', error: message });
    if (conflict && first) {
      useToasts.getState().show({
        kind: 'error',
        message: `"${doc.ref.name}" was saved elsewhere (another window or csp) since you opened it, so your edits are not saved. Keep mine overwrites that version; File › Revert to Stored Version takes it instead.`,
        action: { label: 'Keep mine', run: () => void saveNow({ overwrite: true }) },
      });
    }
    return false;
  }
}

/** Starts watching the document; returns the function that stops it. Mounted once by the workbench. */
export function startAutosave(): () => void {
  const offDoc = useDocument.subscribe((s, prev) => {
    if (s.ref?.workflowId !== prev.ref?.workflowId) {
      clearTimeout(timer);
      return;
    }
    if (s.revision !== prev.revision && s.revision !== s.savedRevision) schedule();
  });
  // A save that failed because the host was away is retried when it is back.
  const offConnection = useConnection.subscribe((s, prev) => {
    if (s.status === 'connected' && prev.status !== 'connected' && useSession.getState().status === 'failed')
      void saveNow();
  });
  return () => {
    clearTimeout(timer);
    offDoc();
    offConnection();
  };
}

/** Whether leaving now would lose edits: unsaved, being saved, or a failed save. */
export function hasUnsavedWork(): boolean {
  const status = useSession.getState().status;
  return (
    dirty() || (isScriptOpen() && scriptDirty()) || status === 'saving' || status === 'failed' || status === 'conflict'
  );
}
