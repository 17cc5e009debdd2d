/**
 * Time travel from a view: clicking a step of the trace (or of the sequence
 * chart) selects it in the run store and moves the run there with the run
 * controls' goToStep (run.goto, then what can fire and where the processes
 * stand), so the canvas, the inspector and every run view follow. A free run
 * is paused first. A run that has ended (or none) can only be looked at: the
 * step is selected.
 */
import { goToStep, isRunning, pauseRun } from '../run-actions';
import { isLive, useRun } from '../run-store';

export type GotoOutcome = 'moved' | 'selected';

/** Waits (briefly) for a paused free run to report its stop. */
async function settled(timeoutMs = 3000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (isRunning()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

export async function travelTo(seq: number): Promise<GotoOutcome> {
  const state = useRun.getState();
  state.select(seq);
  if (!state.run || !isLive(state.status)) return 'selected';
  if (isRunning()) {
    await pauseRun();
    if (!(await settled())) return 'selected';
  }
  const runId = state.run.runId;
  await goToStep(seq);
  const after = useRun.getState();
  if (after.run?.runId !== runId || after.seq !== seq) return 'selected';
  after.select(seq);
  return 'moved';
}
