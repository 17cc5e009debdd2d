/**
 * What the debugger needs while the workbench is up, whichever views show:
 * the run commands, the one `run.events` follower of the open run (batches
 * land in the run store once per animation frame), and the canvas in debug
 * mode: read-only document, tinted frame, and the run layer (node rings,
 * edge gauges and flashes, the wait-for cycle) recomputed at most once a frame.
 */
import { useEffect } from 'react';
import { compileWorkflow } from '../../../engine/workflow';
import type { SourceMap } from '../../../engine/workflow/source-map';
import { useStream } from '../../hooks';
import { useRunLayer } from '../designer/canvas/run-layer';
import { useDocument } from '../designer/document';
import { followBreakpointEdits } from './breakpoint-actions';
import { projectRun } from './canvas-overlay';
import type { Overlay } from './canvas-overlay';
import { stopRun } from './run-actions';
import { useRunCommands } from './run-commands';
import { isLive, stepAt, useRun } from './run-store';
import { useExplore } from './explore/explore-store';
import type { RunState } from './run-store';

const READ_ONLY =
  'the workflow is read-only while a run is open: Stop (Shift+F5) or Edit and Re-run (Alt+F5) to change it';

function statusWords(s: RunState): string {
  if (s.status === 'starting') return 'Starting';
  if (s.status === 'running') return 'Running';
  const stop = s.stop?.reason;
  if (stop === 'deadlock') return `Deadlock at step ${s.seq}`;
  if (stop === 'terminated') return `Finished at step ${s.seq}`;
  if (stop === 'breakpoint') return `Breakpoint at step ${s.seq}`;
  if (stop === 'error' || stop === 'violation') return `Failed at step ${s.seq}`;
  if (stop === 'waiting') return `Waiting at step ${s.seq}`;
  if (stop === 'record-end') return `End of the record at step ${s.seq}`;
  return `Paused at step ${s.seq}`;
}

function RunFollower({ runId }: { runId: string }): null {
  useStream(
    { stream: 'run.events', runId },
    {
      onEvents: (batch) => {
        if (useRun.getState().run?.runId !== runId) return;
        const events = batch.map((e) => e.data);
        useRun.getState().applyEvents(events);
        // An exploration's progress: only the newest of the batch matters.
        const progress = events.findLast((e) => e.type === 'explore');
        if (progress && useExplore.getState().runId === runId) useExplore.getState().progressed(progress);
      },
    },
  );
  return null;
}

/** The run layer follows the run store, once a frame at most; the document is read-only while a run is open. */
function useCanvasDebugMode(): void {
  useEffect(() => {
    let frame = 0;
    let map: SourceMap | undefined;
    let mapOf = -1;
    let previous: Overlay | undefined;
    const paint = (): void => {
      frame = 0;
      const s = useRun.getState();
      const layer = useRunLayer.getState();
      const doc = useDocument.getState();
      const live = s.run !== undefined && isLive(s.status);
      if (!live) {
        if (layer.active) layer.setActive(false);
        if (doc.readOnly !== undefined) doc.setReadOnly(undefined);
        previous = undefined;
        return;
      }
      if (doc.readOnly === undefined) doc.setReadOnly(READ_ONLY);
      const label = `${statusWords(s)} · ${s.run!.label}`;
      if (!layer.active) layer.setActive(true, label);
      else if (layer.label !== label) layer.setLabel(label);
      // The document cannot change during a run, so its source map is made once per run.
      if (mapOf !== s.generation && doc.workflow) {
        map = compileWorkflow(doc.workflow).sourceMap;
        mapOf = s.generation;
        previous = undefined;
      }
      if (!map) return;
      const overlay = projectRun(
        {
          sourceMap: map,
          processes: s.processes,
          enabled: s.enabledSeq === s.seq && s.status !== 'running' ? s.enabled : undefined,
          queues: s.queues,
          current: stepAt(s, s.seq),
          stop: s.status === 'running' ? undefined : s.stop,
        },
        previous,
      );
      if (overlay.nodes !== previous?.nodes || overlay.edges !== previous.edges)
        layer.show(overlay.nodes, overlay.edges);
      previous = overlay;
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    schedule();
    const off = useRun.subscribe(schedule);
    return () => {
      off();
      if (frame !== 0) cancelAnimationFrame(frame);
      useRunLayer.getState().setActive(false);
      useDocument.getState().setReadOnly(undefined);
    };
  }, []);
}

/** Opening or closing another workflow ends the run of the one before. */
function useStopOnSwitch(): void {
  const workflowId = useDocument((s) => s.ref?.workflowId);
  useEffect(() => {
    const run = useRun.getState();
    if (run.run && isLive(run.status) && run.run.workflowId !== workflowId) void stopRun();
  }, [workflowId]);
}

/** An exploration belongs to one run: a new run (restart, fork, another start) or none forgets it. */
function useForgetExplorationOfOldRuns(): void {
  const runId = useRun((s) => (s.run !== undefined && isLive(s.status) ? s.run.runId : undefined));
  useEffect(() => {
    const x = useExplore.getState();
    if (x.runId !== undefined && x.runId !== runId) x.reset();
  }, [runId]);
}

export function RunServices(): React.ReactElement | null {
  useRunCommands();
  useCanvasDebugMode();
  useStopOnSwitch();
  useEffect(() => followBreakpointEdits(), []);
  useForgetExplorationOfOldRuns();
  const runId = useRun((s) => (s.run !== undefined && isLive(s.status) ? s.run.runId : undefined));
  return runId !== undefined ? <RunFollower key={runId} runId={runId} /> : null;
}
