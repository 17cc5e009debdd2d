/**
 * Running the open script's assertions on the host: all of them, or one; the
 * text on screen is checked (saved or not), so a verdict always matches what
 * is shown. Progress and verdicts arrive on the `check.events` stream
 * (ChecksFollower); cancelling leaves the undecided ones as errors.
 */
import { hostRequest } from '../../../hooks';
import { toastError } from '../../../state/toast-store';
import { scriptFileName } from '../script/script-diagnostics';
import { useScript } from '../script/script-store';
import { useScriptChecks } from './checks-store';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Checks every assertion (or only `index`); the built-in checks run when the script has none of its own. */
export async function runScriptChecks(index?: number): Promise<void> {
  const { ref, text, revision } = useScript.getState();
  if (!ref) return;
  const checks = useScriptChecks.getState();
  if (checks.status === 'running' && checks.checkId) await cancelScriptChecks();
  useScriptChecks.getState().starting(revision, index === undefined ? [] : [index]);
  try {
    const result = await hostRequest('check.run', {
      text,
      name: scriptFileName(ref.name),
      kind: 'cspm',
      ...(index !== undefined ? { assertion: index } : {}),
    });
    if (useScript.getState().ref?.id !== ref.id) return;
    useScriptChecks.getState().started(result);
  } catch (error) {
    useScriptChecks.getState().failed(message(error));
    toastError(`Could not start the check: ${message(error)}`);
  }
}

export async function cancelScriptChecks(): Promise<void> {
  const checkId = useScriptChecks.getState().checkId;
  if (!checkId) return;
  try {
    await hostRequest('check.cancel', { checkId });
  } catch (error) {
    toastError(`Could not cancel the check: ${message(error)}`);
  }
}

export function checksRunning(): boolean {
  const s = useScriptChecks.getState().status;
  return s === 'running' || s === 'starting';
}
