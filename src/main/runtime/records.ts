/**
 * Runtime steps → the store's RunEventRecord (docs/store.md). A step's
 * channel is the head of its event (`picks.1.2` is on `picks`); τ and ✓ have
 * none. Virtual time is the run's (ms, moved by timers: docs/workflow-semantics.md#steps-and-time).
 * The record keeps everything a replay needs: the branch taken, the payload,
 * and the outside values the step consumed (a deliver step's result is its payload).
 */
import type { RunEventRecord } from '../store/runs/records';
import type { StepInfo, StopInfo } from '../../engine/runtime/network/run';

export function channelOf(event: string): string | null {
  if (event === 'τ' || event === '✓' || event.startsWith('deliver ') || event.startsWith('edit ')) return null;
  return /^[A-Za-z_][A-Za-z0-9_']*/.exec(event)?.[0] ?? null;
}

export function toRecord(step: StepInfo, wallMs: number, of?: number): RunEventRecord {
  const kind =
    step.kind === 'tick'
      ? 'done'
      : step.kind === 'deliver' || step.kind === 'edit'
        ? step.kind
        : step.kind === 'tau' || step.hidden
          ? 'tau'
          : 'event';
  return {
    seq: step.seq,
    kind,
    event: step.event,
    channel: channelOf(step.event),
    processes: step.processes,
    hidden: step.hidden || step.kind === 'tau',
    ...(step.branch !== 0 || of !== undefined
      ? { choice: { branch: step.branch, ...(of !== undefined ? { of } : {}) } }
      : {}),
    ...(step.payload !== undefined ? { payload: step.payload } : {}),
    ...(step.outside !== undefined ? { outside: step.outside } : {}),
    wallMs,
    virtualTime: step.time ?? 0,
  };
}

/** The outcome as stored on the run row and printed by `csp run --json`. */
export function outcomeOf(stop: StopInfo): { outcome: string; details: Record<string, unknown> } {
  const details: Record<string, unknown> = { seq: stop.seq };
  if (stop.waiting !== undefined) details.waiting = stop.waiting;
  if (stop.error !== undefined) details.error = stop.error;
  if (stop.divergence !== undefined) details.divergence = stop.divergence;
  if (stop.breakpoint !== undefined) details.breakpoint = stop.breakpoint.id;
  if (stop.process !== undefined) details.process = stop.process;
  if (stop.violation !== undefined) details.violation = stop.violation;
  const outcome = stop.reason === 'steps' ? 'step-limit' : stop.reason;
  return { outcome, details };
}
