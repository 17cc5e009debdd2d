/**
 * What the Debugger tab says. The debugger itself (run controls, enabled events, messages in
 * flight, inspect, breakpoints) works on the canvas, and the trace in the panel's Trace tab; this
 * tab points there and starts a run. It used to promise that "stepping and breakpoints arrive with
 * the debugger", long after they had, and offered no way to start one. Pure.
 */
import type { RunStatus } from './run-store';

export interface DebuggerNoticeInput {
  readonly status: RunStatus;
  readonly seq: number;
  /** The run's label ("Dining philosophers · seed 1"), while there is a run. */
  readonly label: string | undefined;
  /** Whether a workflow is open (a run starts from the open workflow). */
  readonly hasWorkflow: boolean;
}

export interface DebuggerNotice {
  readonly title: string;
  readonly body: string;
  /** Which buttons make sense now. */
  readonly canStart: boolean;
  readonly showRun: boolean;
}

export function debuggerNotice(input: DebuggerNoticeInput): DebuggerNotice {
  const where = 'Its controls are above the canvas, the trace and the sequence chart in the Trace tab below.';
  if (input.status === 'starting') return { title: 'Starting the run…', body: where, canStart: false, showRun: true };
  if (input.status === 'paused' || input.status === 'running') {
    const what = input.label ?? 'The run';
    const state = input.status === 'running' ? `running (step ${input.seq})` : `paused at step ${input.seq}`;
    return { title: `${what}: ${state}`, body: where, canStart: false, showRun: true };
  }
  return {
    title: 'No run to show',
    body: input.hasWorkflow
      ? 'Run (F5) or Step (F10) the open workflow: the run is shown on the canvas, where you step, step back, fork, set breakpoints and inspect each process; its trace and sequence chart are in the Trace tab. Stored runs are in the Runs view.'
      : 'Open a workflow, then Run (F5) or Step (F10) it: the run is shown on the canvas, its trace and sequence chart in the Trace tab. Stored runs are in the Runs view.',
    canStart: input.hasWorkflow,
    showRun: false,
  };
}
