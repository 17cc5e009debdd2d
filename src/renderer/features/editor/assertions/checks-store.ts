/**
 * The latest check run of the open script: which assertions it checks, their
 * progress while they run (states, states/s) and their reports (verdict,
 * counterexample). It follows the host's `check.events` stream; the run
 * itself lives in the host. Reset when another script opens.
 */
import { create } from 'zustand';
import type { AssertionReport, CheckEvent } from '../../../../shared/protocol/methods/check';
import type { Result } from '../../../../shared/protocol';

export type CheckProgress = Extract<CheckEvent, { type: 'progress' }>['progress'];
export type RunStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ScriptChecksState {
  scriptId: number | undefined;
  checkId: string | undefined;
  status: RunStatus;
  /** Script revision the run checked (its text may have changed since). */
  revision: number | undefined;
  /** Assertion indexes this run checks. */
  indexes: readonly number[];
  progress: Readonly<Record<number, CheckProgress>>;
  reports: Readonly<Record<number, AssertionReport>>;
  /** Why the script could not be checked (syntax, type or declaration errors), or the run's own failure. */
  errors: readonly { message: string; line?: number; column?: number; code?: string }[];
  selected: number | undefined;
  reset(scriptId: number | undefined): void;
  starting(revision: number, indexes: readonly number[]): void;
  started(result: Result<'check.run'>): void;
  failed(message: string): void;
  apply(events: readonly CheckEvent[]): void;
  select(index: number | undefined): void;
}

const IDLE = {
  checkId: undefined,
  status: 'idle' as RunStatus,
  revision: undefined,
  indexes: [],
  progress: {},
  reports: {},
  errors: [],
};

export const useScriptChecks = create<ScriptChecksState>((set, get) => ({
  scriptId: undefined,
  selected: undefined,
  ...IDLE,
  reset: (scriptId) => set({ scriptId, selected: undefined, ...IDLE }),
  starting: (revision, indexes) =>
    set({
      ...IDLE,
      status: 'starting',
      revision,
      indexes,
      // Earlier verdicts of assertions not in this run stay on screen.
      reports: Object.fromEntries(Object.entries(get().reports).filter(([i]) => !indexes.includes(Number(i)))),
    }),
  started: (result) => {
    if (result.errors.length > 0) {
      set({
        status: 'failed',
        checkId: undefined,
        errors: result.errors.map((e) => ({ message: e.message, line: e.line, column: e.column, code: e.code })),
      });
      return;
    }
    set({ status: 'running', checkId: result.checkId, indexes: result.assertions.map((a) => a.index) });
  },
  failed: (message) => set({ status: 'failed', errors: [{ message }] }),
  apply: (events) => {
    let { progress, reports, status, errors } = get();
    for (const e of events) {
      if (e.type === 'progress') progress = { ...progress, [e.index]: e.progress };
      else if (e.type === 'assertion') {
        reports = { ...reports, [e.report.index]: e.report };
        const { [e.report.index]: _done, ...rest } = progress;
        progress = rest;
      } else {
        status = e.status === 'done' ? 'done' : e.status === 'cancelled' ? 'cancelled' : 'failed';
        progress = {};
        if (e.message && e.status === 'failed') errors = [...errors, { message: e.message }];
      }
    }
    set({ progress, reports, status, errors });
    // Show the first failure's counterexample without a click.
    if (get().selected === undefined) {
      const failed = Object.values(reports).find((r) => r.result === 'failed');
      if (failed) set({ selected: failed.index });
    }
  },
  select: (index) => set({ selected: index }),
}));
