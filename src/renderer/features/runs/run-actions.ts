/**
 * Run controls as plain functions (the commands, toolbar buttons and panels
 * call these): start the open workflow, continue (at full speed or animated),
 * pause, step, step back, stop, restart with the same seed, fork from here,
 * fire one enabled item. Each calls the host's `run.*` method and brings the
 * run store up to date; fired steps, states and queue depths arrive on the
 * run.events stream (./RunServices.tsx follows it).
 */
import { saveWorkflowYaml } from '../../../engine/workflow';
import { hostRequest } from '../../hooks';
import { toastError } from '../../state/toast-store';
import { useDocument } from '../designer/document';
import { saveNow } from '../workflows/autosave';
import { useSession } from '../workflows/session-store';
import { syncBreakpoints } from './breakpoint-actions';
import { isFinal, isLive, useRun } from './run-store';
import type { RunOrigin, RunStop } from './run-store';
import { useRunUi } from './run-ui-store';

const say = (error: unknown): void => toastError(error instanceof Error ? error.message : String(error));

/** The run id while a run is open. */
function liveRun(): string | undefined {
  const s = useRun.getState();
  return s.run !== undefined && isLive(s.status) ? s.run.runId : undefined;
}

export const canStart = (): boolean => useDocument.getState().workflow !== undefined && !isBusy();
export const isBusy = (): boolean => useRun.getState().status === 'starting';
export const hasRun = (): boolean => liveRun() !== undefined;
export const isRunning = (): boolean => hasRun() && (useRun.getState().status === 'running' || animating());
/** Paused and able to take another step (not at a deadlock or the end). */
export const canStep = (): boolean => hasRun() && !isRunning() && !isFinal(useRun.getState().stop);
export const canStepBack = (): boolean => hasRun() && !isRunning() && useRun.getState().seq > 0;
export const canPause = (): boolean => isRunning();

/** Asks what can fire now and where the processes stand (after every command). */
async function refresh(runId: string): Promise<void> {
  // Where the processes stand is shown even if the enabled items cannot be read.
  const [enabled, state] = await Promise.allSettled([
    hostRequest('run.enabled', { runId }),
    hostRequest('run.state', { runId }),
  ]);
  const run = useRun.getState();
  if (run.run?.runId !== runId) return;
  if (state.status === 'fulfilled') {
    run.setRecord(state.value.record);
    run.applyEvents([{ type: 'states', seq: state.value.seq, processes: state.value.processes }]);
  }
  if (enabled.status === 'fulfilled') run.setEnabled(enabled.value.seq, enabled.value.enabled);
  const failed = [enabled, state].find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** An inject node's button: sends its configured message (or ends the node, `end`). */
export async function injectFrom(nodeId: string, end = false): Promise<void> {
  const runId = liveRun();
  if (runId === undefined) return;
  try {
    await hostRequest('run.inject', { runId, node: nodeId, ...(end ? { end: true } : {}) });
    await refresh(runId);
  } catch (error) {
    say(error);
  }
}

function stopped(runId: string, stop: RunStop): void {
  const run = useRun.getState();
  if (run.run?.runId !== runId) return;
  run.setStopped(stop);
}

/** Starts the open workflow at step 0 (paused), after saving pending edits so the run is of a stored version. */
export async function startRun(seed = useRunUi.getState().seed): Promise<string | undefined> {
  const doc = useDocument.getState();
  if (!doc.workflow || !doc.ref || isBusy()) return undefined;
  if (hasRun()) await stopRun();
  const saved = await saveNow();
  const { workflow, ref } = useDocument.getState();
  if (!workflow || !ref) return undefined;
  const session = useSession.getState();
  const versionId = saved ? session.baseVersionId : undefined;
  useRun.getState().setStatus('starting');
  try {
    const started = await hostRequest('run.start', {
      text: saveWorkflowYaml(workflow, session.savedText),
      name: ref.path.endsWith('.yaml') || ref.path.endsWith('.yml') ? ref.path : `${ref.name}.yaml`,
      kind: 'workflow',
      seed,
      ...(versionId !== undefined ? { workflowVersionId: versionId } : {}),
    });
    begin(started, { seed, origin: 'start', workflowId: ref.workflowId, label: ref.name });
    await syncBreakpoints(started.runId);
    void refresh(started.runId).catch(say);
    return started.runId;
  } catch (error) {
    useRun.getState().setStatus(useRun.getState().run ? 'ended' : 'idle');
    say(error);
    return undefined;
  }
}

function begin(
  started: {
    runId: string;
    storeRunId?: number | undefined;
    processes: Parameters<ReturnType<typeof useRun.getState>['begin']>[1]['processes'];
    enabled: Parameters<ReturnType<typeof useRun.getState>['begin']>[1]['enabled'];
    record?: Parameters<ReturnType<typeof useRun.getState>['begin']>[1]['record'];
    seq?: number;
  },
  how: { seed: number; origin: RunOrigin; workflowId: number | undefined; label: string },
): void {
  useRun.getState().begin(
    {
      runId: started.runId,
      storeRunId: started.storeRunId,
      workflowId: how.workflowId,
      seed: how.seed,
      origin: how.origin,
      label: `${how.label} · seed ${how.seed}`,
    },
    {
      processes: started.processes,
      enabled: started.enabled,
      ...(started.record ? { record: started.record } : {}),
      ...(started.seq !== undefined ? { seq: started.seq } : {}),
    },
  );
}

// ---------------------------------------------------------------- free runs

let animation: { cancelled: boolean } | undefined;
const animating = (): boolean => animation !== undefined;

/** Run (F5): starts when no run is open, else goes on, at the chosen speed, until a breakpoint or a stop. */
export async function runOrContinue(): Promise<void> {
  const runId = liveRun() ?? (await startRun());
  if (runId === undefined || isRunning()) return;
  const speed = useRunUi.getState().speed;
  if (speed === 0) return continueFull(runId);
  return animate(runId, speed);
}

/** Run to breakpoint: at full speed whatever the speed control says. */
export async function runToBreakpoint(): Promise<void> {
  const runId = liveRun() ?? (await startRun());
  if (runId === undefined || isRunning()) return;
  return continueFull(runId);
}

async function continueFull(runId: string): Promise<void> {
  useRun.getState().setStatus('running');
  try {
    const { stop } = await hostRequest('run.continue', { runId });
    stopped(runId, stop);
    await refresh(runId);
  } catch (error) {
    if (useRun.getState().run?.runId === runId) useRun.getState().setStatus('paused');
    say(error);
  }
}

/** An animated free run: one step at a time, `perSecond` a second, so the canvas can be watched. */
async function animate(runId: string, perSecond: number): Promise<void> {
  const me = { cancelled: false };
  animation = me;
  useRun.getState().setStatus('running');
  try {
    for (;;) {
      const { stop } = await hostRequest('run.continue', { runId, maxSteps: 1 });
      if (me.cancelled || useRun.getState().run?.runId !== runId) break;
      if (stop.reason !== 'steps') {
        stopped(runId, stop);
        break;
      }
      await new Promise((r) => setTimeout(r, 1000 / perSecond));
      if (me.cancelled) break;
    }
  } catch (error) {
    say(error);
  } finally {
    if (animation === me) animation = undefined;
    if (useRun.getState().run?.runId === runId) {
      if (useRun.getState().status === 'running') useRun.getState().setStatus('paused');
      await refresh(runId).catch(() => undefined);
    }
  }
}

/** Pause (F6): a free run stops at its next chunk; an animated one before its next step. */
export async function pauseRun(): Promise<void> {
  const runId = liveRun();
  if (runId === undefined) return;
  if (animation) {
    animation.cancelled = true;
    return;
  }
  await hostRequest('run.pause', { runId }).catch(say);
}

// ---------------------------------------------------------------- stepping

/** Step (F10): one seeded step (index undefined), or the enabled item `index`. */
export async function stepRun(index?: number): Promise<void> {
  const runId = liveRun();
  if (runId === undefined || isRunning()) return;
  try {
    const { stop } = await hostRequest('run.step', { runId, ...(index !== undefined ? { index } : {}) });
    stopped(runId, stop);
    await refresh(runId);
  } catch (error) {
    say(error);
  }
}

/**
 * Fires these enabled items one after the other (an explored path: each is
 * run.step's index and branch where the previous left the run), stopping early
 * if the run stops for good. Returns the steps taken.
 */
export async function stepPath(path: readonly { index: number; branch: number }[]): Promise<number> {
  const runId = liveRun();
  if (runId === undefined || isRunning()) return 0;
  let taken = 0;
  try {
    for (const { index, branch } of path) {
      const { stop } = await hostRequest('run.step', { runId, index, branch });
      taken++;
      stopped(runId, stop);
      if (isFinal(stop) || stop.reason === 'breakpoint') break;
    }
    await refresh(runId);
  } catch (error) {
    say(error);
    await refresh(runId).catch(() => undefined);
  }
  return taken;
}

/** Step back (Shift+F10): the run goes back one step; the later steps stay as its record. */
export async function stepBack(): Promise<void> {
  const runId = liveRun();
  if (runId === undefined || isRunning()) return;
  try {
    const { seq } = await hostRequest('run.stepBack', { runId });
    useRun.getState().moveTo(seq);
    useRun.getState().setStopped({ reason: 'paused', seq });
    await refresh(runId);
  } catch (error) {
    say(error);
  }
}

/** Goes to just after step `seq` (time travel from the trace or the timeline). */
export async function goToStep(seq: number): Promise<void> {
  const runId = liveRun();
  if (runId === undefined || isRunning()) return;
  try {
    const result = await hostRequest('run.goto', { runId, seq });
    useRun.getState().moveTo(result.seq);
    useRun.getState().setStopped({ reason: 'paused', seq: result.seq });
    await refresh(runId);
  } catch (error) {
    say(error);
  }
}

// ---------------------------------------------------------------- whole runs

/** Stop (Shift+F5): the run ends and its worker goes; the record stays in the store. */
export async function stopRun(): Promise<void> {
  const runId = liveRun();
  if (runId === undefined) return;
  if (animation) animation.cancelled = true;
  useRun.getState().end();
  await hostRequest('run.stop', { runId }).catch(say);
}

/** Restart: the same workflow and seed again from step 0, as a new run. */
export async function restartRun(): Promise<void> {
  const s = useRun.getState();
  const runId = liveRun();
  if (runId === undefined || !s.run) return;
  if (animation) animation.cancelled = true;
  try {
    const next = await hostRequest('run.restart', { runId });
    const session = s.run;
    await hostRequest('run.stop', { runId }).catch(() => undefined);
    const state = await hostRequest('run.state', { runId: next.runId });
    const enabled = await hostRequest('run.enabled', { runId: next.runId });
    begin(
      { runId: next.runId, storeRunId: next.storeRunId, processes: state.processes, enabled: enabled.enabled },
      { seed: session.seed, origin: session.origin, workflowId: session.workflowId, label: labelOf(session.label) },
    );
    await syncBreakpoints(next.runId);
  } catch (error) {
    say(error);
  }
}

/** Fork from here: a new run whose history is this run's steps up to now; the studio follows the fork. */
export async function forkRun(): Promise<void> {
  const s = useRun.getState();
  const runId = liveRun();
  if (runId === undefined || !s.run || isRunning()) return;
  try {
    const fork = await hostRequest('run.fork', { runId, seq: s.seq });
    const session = s.run;
    await hostRequest('run.stop', { runId }).catch(() => undefined);
    const state = await hostRequest('run.state', { runId: fork.runId });
    const enabled = await hostRequest('run.enabled', { runId: fork.runId });
    begin(
      {
        runId: fork.runId,
        storeRunId: fork.storeRunId,
        processes: state.processes,
        enabled: enabled.enabled,
        seq: fork.seq,
        ...(state.record ? { record: state.record } : {}),
      },
      { seed: session.seed, origin: 'fork', workflowId: session.workflowId, label: `${labelOf(session.label)} (fork)` },
    );
    await syncBreakpoints(fork.runId);
  } catch (error) {
    say(error);
  }
}

/** "Dining philosophers · seed 1 (fork)" → "Dining philosophers". */
function labelOf(label: string): string {
  return label.replace(/ · seed \d+.*$/, '');
}

/** Edit and re-run: the run stops and the canvas can be edited again; the next Run uses the same seed. */
export async function editAndRerun(): Promise<void> {
  const seed = useRun.getState().run?.seed;
  if (seed !== undefined) useRunUi.getState().setSeed(seed);
  await stopRun();
  useRun.getState().clear();
}

// ---------------------------------------------------------------- messages in flight

/**
 * Edits a message in flight (run.editMessage) while paused: `seq` is the step
 * the message was listed at. The edit is a step of its own (step back undoes
 * it). Returns the host's reason when it is refused (shown beside the editor,
 * not as a toast), undefined when done.
 */
export async function editMessageInFlight(
  message: { holder: string; index: number },
  seq: number,
  value: unknown,
): Promise<string | undefined> {
  const runId = liveRun();
  if (runId === undefined) return 'no run is open';
  if (isRunning()) return 'the run is running: pause it (F6) first';
  try {
    const { stop } = await hostRequest('run.editMessage', {
      runId,
      seq,
      holder: message.holder,
      index: message.index,
      value,
    });
    stopped(runId, stop);
    await refresh(runId);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
