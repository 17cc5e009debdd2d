/**
 * "Run it for real": drives the runtime into a check's counterexample. A new
 * run of the open workflow fires the counterexample's events one by one
 * (hidden steps in between when the runtime needs them), following along in
 * the checks panel, and stops where the check said; then it shows why (a
 * deadlock draws its wait-for cycle). If the run cannot take an event, it
 * stops there and says which.
 */
import { hostRequest } from '../../hooks';
import { toastError } from '../../state/toast-store';
import { useCounterexample } from '../checks';
import { useDocument } from '../designer/document';
import { startRun } from './run-actions';
import { useRun } from './run-store';

/** Hidden steps tried before an event, at most (a CSP node's τ, a hidden channel). */
const MAX_HIDDEN = 64;

export function counterexampleForOpenWorkflow(): boolean {
  const { counterexample, source } = useCounterexample.getState();
  const id = useDocument.getState().ref?.workflowId;
  return counterexample !== undefined && id !== undefined && source?.docKey === `workflow:${id}`;
}

async function fire(runId: string, event: string): Promise<boolean> {
  for (let hidden = 0; hidden <= MAX_HIDDEN; hidden++) {
    const { enabled } = await hostRequest('run.enabled', { runId });
    const index = enabled.findIndex((e) => e.text === event && !e.hidden);
    if (index >= 0) {
      await hostRequest('run.step', { runId, index });
      return true;
    }
    const tau = enabled.findIndex((e) => e.hidden || e.kind === 'tau');
    if (tau < 0) return false;
    await hostRequest('run.step', { runId, index: tau });
  }
  return false;
}

export async function runCounterexampleForReal(): Promise<void> {
  if (!counterexampleForOpenWorkflow()) return;
  const trace = useCounterexample.getState().counterexample?.trace ?? [];
  const runId = await startRun();
  if (runId === undefined) return;
  try {
    for (const [i, event] of trace.entries()) {
      if (useRun.getState().run?.runId !== runId) return;
      if (!(await fire(runId, event))) {
        toastError(`The run cannot follow the counterexample at event ${i + 1} (${event}): it is not enabled there.`);
        break;
      }
      useCounterexample.getState().select(i + 1);
    }
    const [state, enabled] = await Promise.all([
      hostRequest('run.state', { runId }),
      hostRequest('run.enabled', { runId }),
    ]);
    const run = useRun.getState();
    if (run.run?.runId !== runId) return;
    run.applyEvents([{ type: 'states', seq: state.seq, processes: state.processes }]);
    run.setEnabled(enabled.seq, enabled.enabled);
    run.setStopped(state.stop);
  } catch (error) {
    toastError(error instanceof Error ? error.message : String(error));
  }
}
