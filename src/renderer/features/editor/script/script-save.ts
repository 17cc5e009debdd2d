/**
 * Saving the open script: every edit schedules a save after the autosave
 * quiet time of the settings; Ctrl+S saves at once. One request at a time,
 * the newest text wins, `baseVersionId` guards against overwriting a version
 * saved elsewhere. The save status lives in the workflows feature's session
 * store (one document is open at a time), so the status bar and the
 * unsaved-changes guard read it as for a workflow.
 */
import { ProtocolError } from '../../../../shared/protocol';
import { queryClient } from '../../../app/query-client';
import { hostRequest, invalidateMethods } from '../../../hooks';
import { useConnection } from '../../../state/connection-store';
import { useSettings } from '../../../state/settings-store';
import { useToasts } from '../../../state/toast-store';
import { useSession } from '../../workflows/session-store';
import { scriptDirty, useScript } from './script-store';

let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | undefined;

function schedule(): void {
  clearTimeout(timer);
  if (useSession.getState().status !== 'conflict') useSession.getState().set({ status: 'pending' });
  timer = setTimeout(() => void saveScriptNow(), useSettings.getState().autosaveDelayMs);
}

/** Saves the script's edits now; resolves true when the store holds what is on screen. */
export async function saveScriptNow(options: { overwrite?: boolean } = {}): Promise<boolean> {
  clearTimeout(timer);
  while (inFlight) await inFlight;
  if (!useScript.getState().ref || !scriptDirty()) {
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
  const { ref, text, revision } = useScript.getState();
  if (!ref) return true;
  const session = useSession.getState();
  session.set({ status: 'saving' });
  try {
    const base = overwrite ? undefined : session.baseVersionId;
    const result = await hostRequest('workflows.save', {
      id: ref.id,
      content: text,
      ...(base !== undefined ? { baseVersionId: base } : {}),
    });
    if (useScript.getState().ref?.id !== ref.id) return true;
    useScript.getState().markSaved(revision);
    const more = useScript.getState().revision !== revision;
    useSession.getState().set({
      baseVersionId: result.version.id,
      savedText: text,
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
    if (conflict && first)
      useToasts.getState().show({
        kind: 'error',
        message: `"${ref.name}" was saved elsewhere since you opened it, so your edits are not saved. Keep mine overwrites that version.`,
        action: { label: 'Keep mine', run: () => void saveScriptNow({ overwrite: true }) },
      });
    return false;
  }
}

/** Starts saving the script as it is edited; returns the function that stops it. */
export function startScriptAutosave(): () => void {
  const offScript = useScript.subscribe((s, prev) => {
    if (s.ref?.id !== prev.ref?.id) {
      clearTimeout(timer);
      return;
    }
    if (s.revision !== prev.revision && scriptDirty(s)) schedule();
  });
  const offConnection = useConnection.subscribe((s, prev) => {
    if (s.status === 'connected' && prev.status !== 'connected' && useSession.getState().status === 'failed')
      void saveScriptNow();
  });
  return () => {
    clearTimeout(timer);
    offScript();
    offConnection();
  };
}
