/**
 * Time travel from a view: clicking a step of the trace (or of the sequence
 * chart) moves the run there with run.goto, so the canvas, the inspector and
 * every run view follow the run store's `seq`. A free run is paused first. A
 * run that has ended (or none) can only be looked at: the step is selected.
 */
import { hostRequest } from '../../../hooks';
import { useRun } from '../run-store';

export type GotoOutcome = 'moved' | 'selected';

export async function goToStep(seq: number): Promise<GotoOutcome> {
  const state = useRun.getState();
  state.select(seq);
  const run = state.run;
  if (!run || (state.status !== 'paused' && state.status !== 'running')) return 'selected';
  if (state.status === 'running') {
    await hostRequest('run.pause', { runId: run.runId });
    useRun.getState().setStatus('paused');
  }
  const { seq: at } = await hostRequest('run.goto', { runId: run.runId, seq });
  // The run may have been replaced while the call was under way.
  if (useRun.getState().run?.runId !== run.runId) return 'selected';
  useRun.getState().moveTo(at);
  useRun.getState().select(at);
  return 'moved';
}
