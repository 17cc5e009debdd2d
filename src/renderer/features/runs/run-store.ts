/**
 * The one run the studio is debugging: the store every run view reads (the
 * canvas overlays, the run controls, the enabled events, the inspector, the
 * trace table and sequence chart, the charts).
 *
 * What it holds, and who writes it:
 *  - `run`: which run (its protocol `runId`, the stored run recording it, the
 *    workflow it is of, its seed). Set by `begin` after `run.start` /
 *    `run.open` / `run.fork`; `end` when it stops for good; `clear` forgets it.
 *  - `seq`: the step the run stands at. `lastSeq`: the last step of its record
 *    (after going back, `seq < lastSeq`: the later steps are still there, and
 *    stepping forward follows them).
 *  - `steps`: the newest steps in memory (at most MAX_STEPS, `steps[i].seq ===
 *    firstSeq + i`); older ones are read from the store (`run.trace` with
 *    `run.storeRunId`).
 *  - `processes`, `queues`: each process's state and the queue depths after
 *    step `statesSeq` (the host sends them after every command and at most four
 *    times a second in a free run).
 *  - `enabled`: what can happen next (valid while `enabledSeq === seq`).
 *  - `stop`: why the run last stopped (undefined while it runs).
 *  - `selectedSeq`: the step a view selected (the trace row, the canvas flash);
 *    it follows `seq` unless a view picks another one.
 *
 * `applyEvents` takes one batch of `run.events` (useStream hands one per
 * animation frame) and makes one `set`: a burst of thousands of steps costs
 * one render. Read it with narrow selectors (`useRun((s) => s.seq)`).
 */
import { create } from 'zustand';
import type { Result, StreamEvent } from '../../../shared/protocol';

export type RunEvent = StreamEvent<'run.events'>;
export type RunStep = NonNullable<Result<'run.step'>['step']>;
export type RunStop = Result<'run.step'>['stop'];

export type EnabledItem = Result<'run.enabled'>['enabled'][number];
export type ProcessState = Result<'run.state'>['processes'][number];
export type RecordState = NonNullable<Result<'run.state'>['record']>;
export type QueueDepth = Extract<RunEvent, { type: 'metrics' }>['queues'][number];
export type WaitFor = NonNullable<RunStop['waiting']>[number];

/** Steps kept in memory; a view needing older ones pages them from the store. */
export const MAX_STEPS = 5_000;

/** How the run began (the controls and the title say so). */
export type RunOrigin = 'start' | 'open' | 'fork' | 'counterexample';

export interface RunSession {
  readonly runId: string;
  /** The stored run recording it (a fork or a replay that left its record moves to a new one). */
  readonly storeRunId: number | undefined;
  /** The workflow it runs (`useDocument`'s ref.workflowId), when it runs one. */
  readonly workflowId: number | undefined;
  readonly seed: number;
  readonly origin: RunOrigin;
  /** Shown in the toolbar: "Dining philosophers · seed 1". */
  readonly label: string;
}

/**
 * idle: no run. starting: run.start is on its way. paused: stopped and able to
 * go on (or stopped for good: see `stop`). running: a free run is under way.
 * ended: run.stop was called (or the worker went away); the record stays readable.
 */
export type RunStatus = 'idle' | 'starting' | 'paused' | 'running' | 'ended';

export interface Metrics {
  readonly seq: number;
  readonly elapsedMs: number;
  readonly stepsPerSecond: number;
}

export interface RunState {
  run: RunSession | undefined;
  status: RunStatus;
  seq: number;
  lastSeq: number;
  firstSeq: number;
  steps: readonly RunStep[];
  processes: readonly ProcessState[];
  statesSeq: number;
  queues: readonly QueueDepth[];
  metrics: Metrics | undefined;
  enabled: readonly EnabledItem[];
  enabledSeq: number;
  stop: RunStop | undefined;
  record: RecordState | undefined;
  /** Where the run last left its record (a new timeline began after this step). */
  forkedAt: number | undefined;
  selectedSeq: number | undefined;
  /** Grows on every `begin`: views that cache per run compare it. */
  generation: number;

  begin(
    session: RunSession,
    started: {
      processes: readonly ProcessState[];
      enabled: readonly EnabledItem[];
      record?: RecordState | undefined;
      seq?: number;
    },
  ): void;
  setStatus(status: RunStatus): void;
  /** One batch of run.events, in order. */
  applyEvents(events: readonly RunEvent[]): void;
  /** After run.stepBack / run.goto: the run stands at `seq` (later steps stay as its record). */
  moveTo(seq: number): void;
  setEnabled(seq: number, enabled: readonly EnabledItem[]): void;
  setStopped(stop: RunStop): void;
  setRecord(record: RecordState | undefined): void;
  select(seq: number | undefined): void;
  end(): void;
  clear(): void;
}

const EMPTY = {
  run: undefined,
  status: 'idle' as RunStatus,
  seq: 0,
  lastSeq: 0,
  firstSeq: 1,
  steps: [] as readonly RunStep[],
  processes: [] as readonly ProcessState[],
  statesSeq: 0,
  queues: [] as readonly QueueDepth[],
  metrics: undefined,
  enabled: [] as readonly EnabledItem[],
  enabledSeq: -1,
  stop: undefined,
  record: undefined,
  forkedAt: undefined,
  selectedSeq: undefined,
};

type Window = Pick<RunState, 'steps' | 'firstSeq' | 'lastSeq'>;

/** The step window after `incoming` arrived (a step already kept replaces itself; a new timeline is cut first by truncateSteps). */
export function mergeSteps(window: Window, incoming: readonly RunStep[], max = MAX_STEPS): Window {
  if (incoming.length === 0) return window;
  let steps = window.steps.slice();
  let firstSeq = window.firstSeq;
  for (const step of incoming) {
    if (step.seq < firstSeq || steps.length === 0) {
      // Before the window (or nothing kept): start a new window here.
      steps = [step];
      firstSeq = step.seq;
      continue;
    }
    const at = step.seq - firstSeq;
    // The same step again (following the record after going back) replaces itself.
    if (at < steps.length) steps[at] = step;
    else if (at === steps.length) steps.push(step);
    else {
      // A gap (steps were skipped by the host): keep only what follows it.
      steps = [step];
      firstSeq = step.seq;
    }
  }
  if (steps.length > max) {
    const drop = steps.length - max;
    steps = steps.slice(drop);
    firstSeq += drop;
  }
  const last = steps[steps.length - 1];
  return { steps, firstSeq, lastSeq: Math.max(window.lastSeq, last ? last.seq : 0) };
}

/** The window without the steps after `seq`. */
export function truncateSteps(window: Window, seq: number): Window {
  if (window.lastSeq <= seq) return window;
  const keep = Math.max(0, seq - window.firstSeq + 1);
  return { steps: window.steps.slice(0, keep), firstSeq: window.firstSeq, lastSeq: seq };
}

/** The step `seq` if it is still in memory. */
export function stepAt(s: Pick<RunState, 'steps' | 'firstSeq'>, seq: number): RunStep | undefined {
  return s.steps[seq - s.firstSeq];
}

export const useRun = create<RunState>((set, get) => ({
  ...EMPTY,
  generation: 0,
  begin: (run, started) =>
    set({
      ...EMPTY,
      run,
      status: 'paused',
      generation: get().generation + 1,
      processes: started.processes,
      enabled: started.enabled,
      seq: started.seq ?? 0,
      enabledSeq: started.seq ?? 0,
      statesSeq: started.seq ?? 0,
      record: started.record,
      lastSeq: started.record?.length ?? started.seq ?? 0,
      firstSeq: (started.seq ?? 0) + 1,
    }),
  setStatus: (status) => set({ status, ...(status === 'running' ? { stop: undefined } : {}) }),
  applyEvents: (events) => {
    if (events.length === 0 || get().run === undefined) return;
    const s = get();
    let window: Window = { steps: s.steps, firstSeq: s.firstSeq, lastSeq: s.lastSeq };
    let { seq, processes, statesSeq, queues, metrics, stop, forkedAt, run } = s;
    let pending: RunStep[] = [];
    const flushSteps = (): void => {
      if (pending.length === 0) return;
      window = mergeSteps(window, pending);
      seq = pending[pending.length - 1]!.seq;
      pending = [];
    };
    for (const e of events) {
      switch (e.type) {
        case 'steps':
          pending.push(...e.steps);
          break;
        case 'forked':
          flushSteps();
          // A new timeline after e.seq: the old steps after it are no longer the record.
          window = truncateSteps(window, e.seq);
          seq = Math.min(seq, e.seq);
          forkedAt = e.seq;
          if (run && e.storeRunId !== undefined) run = { ...run, storeRunId: e.storeRunId };
          break;
        case 'states':
          flushSteps();
          processes = e.processes;
          statesSeq = e.seq;
          seq = e.seq;
          break;
        case 'metrics':
          queues = e.queues;
          metrics = { seq: e.seq, elapsedMs: e.elapsedMs, stepsPerSecond: e.stepsPerSecond };
          break;
        case 'explore':
          // An exploration's progress: the Explore panel's store takes it (RunServices).
          break;
        case 'stopped':
          flushSteps();
          // A stop from before where the run now stands is old news (the stream can lag behind a command's answer);
          // a plain 'steps' stop where the run already stopped for a reason (the host says so after any command) keeps the reason.
          if (e.stop.seq < seq) break;
          if (e.stop.reason === 'steps' && stop !== undefined && stop.seq === e.stop.seq) break;
          stop = e.stop;
          break;
      }
    }
    flushSteps();
    const follow = s.selectedSeq === undefined || s.selectedSeq === s.seq;
    set({
      ...window,
      seq,
      processes,
      statesSeq,
      queues,
      metrics,
      stop,
      forkedAt,
      run,
      ...(follow ? { selectedSeq: seq } : {}),
    });
  },
  moveTo: (seq) => {
    const s = get();
    const follow = s.selectedSeq === undefined || s.selectedSeq === s.seq;
    set({ seq, lastSeq: Math.max(s.lastSeq, seq), ...(follow ? { selectedSeq: seq } : {}) });
  },
  setEnabled: (seq, enabled) => set({ enabled, enabledSeq: seq }),
  setStopped: (stop) => set({ stop, status: get().status === 'ended' ? 'ended' : 'paused' }),
  setRecord: (record) => set({ record, ...(record?.forkedAt !== undefined ? { forkedAt: record.forkedAt } : {}) }),
  select: (selectedSeq) => set({ selectedSeq }),
  end: () => set({ status: 'ended' }),
  clear: () => set({ ...EMPTY }),
}));

/** True while a run is open (starting, paused or running): the canvas is read-only and tinted. */
export function isLive(status: RunStatus): boolean {
  return status === 'starting' || status === 'paused' || status === 'running';
}

/** Stops after which nothing more can happen in this run (going back or forking still can). */
export function isFinal(stop: RunStop | undefined): boolean {
  return (
    stop !== undefined &&
    (stop.reason === 'terminated' ||
      stop.reason === 'deadlock' ||
      stop.reason === 'divergence' ||
      stop.reason === 'error' ||
      stop.reason === 'violation')
  );
}
