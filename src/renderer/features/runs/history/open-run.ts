/**
 * Opening a stored run again (also after a reload or a restart): a run still
 * open in the host (left behind by a closed or reloaded page) is joined where
 * it stands (run.attach); any other, run.open gives a run at step 0 that
 * follows the record exactly, offline. It becomes
 * the run the studio debugs (the run store), so the trace, the sequence
 * chart, the canvas and the run controls all work on it. The workflow it ran
 * is opened first, so the canvas shows the replay.
 */
import { ProtocolError, type Result } from '../../../../shared/protocol';
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

/**
 * Joins the run still open in the host (`liveRunId`: a free run whose page was
 * closed or reloaded, which the host paused): it becomes the studio's run
 * where it stands, with its controls, trace and canvas, instead of a replay.
 * Undefined when it was stopped meanwhile (its record is then replayed).
 */
async function attachLiveRun(summary: RunSummary, liveRunId: string): Promise<string | undefined> {
  const current = useRun.getState();
  if (current.run?.runId === liveRunId && isLive(current.status)) return liveRunId;
  let attached: Result<'run.attach'>;
  try {
    attached = await hostRequest('run.attach', { storeRunId: summary.storeRunId });
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'not_found') return undefined;
    throw error;
  }
  if (current.run?.runId !== attached.runId) await endOpenRun();
  const run = useRun.getState();
  run.begin(
    {
      runId: attached.runId,
      storeRunId: attached.storeRunId,
      workflowId: summary.workflowId ?? undefined,
      seed: Number(summary.seed ?? 0),
      origin: 'start',
      label: runLongTitle(summary),
    },
    {
      processes: attached.processes,
      enabled: attached.enabled,
      seq: attached.seq,
      ...(attached.record ? { record: attached.record } : {}),
    },
  );
  // Driven by another window: the run goes on there, and its stop arrives on run.events.
  if (!attached.running) run.setStopped(attached.stop);
  useLayout.getState().showPanel('trace');
  return attached.runId;
}

/** Opens a stored run: joins it where it stands when it is still open in the host, else replays its record from step 0. */
export async function openStoredRun(summary: RunSummary): Promise<string> {
  if (summary.workflowId !== null && useDocument.getState().ref?.workflowId !== summary.workflowId) {
    // Opening the workflow may ask about unsaved edits; the run opens whatever the answer.
    await openWorkflow(summary.workflowId);
  }
  if (summary.liveRunId !== undefined) {
    const attached = await attachLiveRun(summary, summary.liveRunId);
    if (attached !== undefined) return attached;
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
