/**
 * Opening a stored run again (also after a reload or a restart): run.open
 * gives a run at step 0 that follows the record exactly, offline. It becomes
 * the run the studio debugs (the run store), so the trace, the sequence
 * chart, the canvas and the run controls all work on it. The workflow it ran
 * is opened first, so the canvas shows the replay.
 */
import type { RunSummary } from '../../../../shared/protocol/methods/run';
import { hostRequest } from '../../../hooks';
import { useLayout } from '../../../state/layout-store';
import { useDocument } from '../../designer/document';
import { openWorkflow } from '../../workflows/open';
import { isLive, useRun } from '../run-store';
import { runLongTitle } from './describe';

/** Ends the open run, if any (its record stays in the store). */
async function endOpenRun(): Promise<void> {
  const s = useRun.getState();
  if (!s.run || !isLive(s.status)) return;
  const { runId } = s.run;
  s.end();
  await hostRequest('run.stop', { runId }).catch(() => undefined);
}

/** Brings the run store up to date with where the run stands (states, enabled items, record). */
export async function refreshRun(runId: string): Promise<void> {
  const [enabled, state] = await Promise.all([
    hostRequest('run.enabled', { runId }),
    hostRequest('run.state', { runId }),
  ]);
  const run = useRun.getState();
  if (run.run?.runId !== runId) return;
  run.setEnabled(enabled.seq, enabled.enabled);
  run.setRecord(state.record);
  run.applyEvents([{ type: 'states', seq: state.seq, processes: state.processes }]);
}

export async function openStoredRun(summary: RunSummary): Promise<string> {
  if (summary.workflowId !== null && useDocument.getState().ref?.workflowId !== summary.workflowId) {
    // Opening the workflow may ask about unsaved edits; the run opens whatever the answer.
    await openWorkflow(summary.workflowId);
  }
  await endOpenRun();
  const opened = await hostRequest('run.open', { storeRunId: summary.storeRunId });
  useRun.getState().begin(
    {
      runId: opened.runId,
      storeRunId: opened.storeRunId,
      workflowId: summary.workflowId ?? undefined,
      seed: Number(summary.seed ?? 0),
      origin: 'open',
      label: `${runLongTitle(summary)} (replay)`,
    },
    { processes: opened.processes, enabled: opened.enabled, ...(opened.record ? { record: opened.record } : {}) },
  );
  useLayout.getState().showPanel('trace');
  return opened.runId;
}

/** Plays the opened record to its end at full speed (it stops there with record-end, or where the record stopped). */
export async function replayToEnd(runId: string): Promise<void> {
  const s = useRun.getState();
  if (s.run?.runId !== runId) return;
  const length = s.record?.length ?? s.lastSeq;
  s.setStatus('running');
  try {
    const { stop } = await hostRequest('run.continue', { runId, maxSteps: Math.max(1, length - s.seq) });
    if (useRun.getState().run?.runId === runId) useRun.getState().setStopped(stop);
    await refreshRun(runId);
  } catch (error) {
    if (useRun.getState().run?.runId === runId) useRun.getState().setStatus('paused');
    throw error;
  }
}
