/** How a stored run is described in the runs list (pure, tested). */
import type { RunSummary } from '../../../../shared/protocol/methods/run';

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'running';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "deadlock", "terminated", "running", "interrupted" (the host went away), … */
export function outcomeOf(run: RunSummary): string {
  if (run.status === 'running') return 'running';
  if (run.status === 'interrupted') return 'interrupted';
  return run.outcome ?? 'finished';
}

/** Whether the outcome is a failure (drawn in the error colour, with a word, not colour alone). */
export function failed(run: RunSummary): boolean {
  return ['deadlock', 'divergence', 'error', 'violation', 'interrupted'].includes(outcomeOf(run));
}

/** "Run 7": how lists, buttons and the comparison name a stored run. */
export function runTitle(run: RunSummary): string {
  return `Run ${run.storeRunId}`;
}

/** "Run 7 · butler.yaml": with the label it was started with, where there is room. */
export function runLongTitle(run: RunSummary): string {
  return run.label ? `Run ${run.storeRunId} · ${run.label}` : `Run ${run.storeRunId}`;
}

/** The facts line: outcome, steps, duration, seed, version, fork parent. */
export function runFacts(run: RunSummary): string[] {
  const facts = [outcomeOf(run), `${run.steps.toLocaleString('en')} step${run.steps === 1 ? '' : 's'}`];
  // No duration yet: a running run says "running" once (it read "running · 88 steps · running"),
  // and an interrupted one is not called running.
  if (run.durationMs !== null) facts.push(formatDuration(run.durationMs));
  if (run.seed !== null) facts.push(`seed ${run.seed}`);
  if (run.workflowVersion !== null) facts.push(`version ${run.workflowVersion}`);
  if (run.parent) facts.push(`fork of run ${run.parent.storeRunId} at step ${run.parent.seq}`);
  return facts;
}
