/**
 * What the client knows about one check run (one `check.run`): its status,
 * the reports decided so far, the newest progress, and why nothing was
 * checked when the source had errors. Built from the `check.run` answer,
 * then advanced by `check.events` (pure, so replays and reconnects are
 * plain re-application: a report already held is replaced, never doubled).
 * It lives in react-query's cache under the check's id (./queries.ts).
 */
import type { Result, StreamEvent } from '../../../../shared/protocol';

export type CheckStatus = Result<'check.result'>['status'];
export type AssertionReport = Result<'check.result'>['assertions'][number];
export type CheckProgress = Extract<StreamEvent<'check.events'>, { type: 'progress' }>['progress'];
export type CheckEvent = StreamEvent<'check.events'>;
type Started = Result<'check.run'>;

export interface CheckView {
  readonly checkId: string;
  readonly status: CheckStatus;
  /** The assertions this run checks (their indices). */
  readonly indices: readonly number[];
  /** Decided reports by assertion index. */
  readonly reports: Readonly<Record<number, AssertionReport>>;
  /** The newest progress, while an assertion is being explored. */
  readonly progress: { readonly index: number; readonly progress: CheckProgress } | undefined;
  /** Errors that stopped anything from being checked (syntax, types, an invalid workflow). */
  readonly errors: Started['errors'];
  readonly diagnostics: NonNullable<Started['diagnostics']>;
  /** Why a run ended the way it did ("the source has errors; nothing was checked"). */
  readonly message: string | undefined;
}

export function startedView(started: Started): CheckView {
  return {
    checkId: started.checkId,
    status: started.errors.length > 0 ? 'failed' : 'running',
    indices: started.assertions.map((a) => a.index),
    reports: {},
    progress: undefined,
    errors: started.errors,
    diagnostics: started.diagnostics ?? [],
    message: started.errors.length > 0 ? 'the source has errors; nothing was checked' : undefined,
  };
}

export function applyCheckEvents(view: CheckView, events: readonly CheckEvent[]): CheckView {
  let next = view;
  for (const e of events) {
    if (e.type === 'progress') {
      if (next.status === 'running') next = { ...next, progress: { index: e.index, progress: e.progress } };
    } else if (e.type === 'assertion') {
      const progress = next.progress?.index === e.report.index ? undefined : next.progress;
      next = { ...next, reports: { ...next.reports, [e.report.index]: e.report }, progress };
    } else {
      next = { ...next, status: e.status, progress: undefined, message: e.message ?? next.message };
    }
  }
  return next;
}

/** The view after `check.result` (a late subscriber, a reconnect, or a host that restarted and lost it). */
export function resultView(view: CheckView, result: Result<'check.result'>): CheckView {
  const reports: Record<number, AssertionReport> = { ...view.reports };
  for (const r of result.assertions) reports[r.index] = r;
  return {
    ...view,
    status: result.status,
    reports,
    progress: result.status === 'running' ? view.progress : undefined,
    message: result.message ?? view.message,
  };
}

/** The host no longer knows the check (it restarted, or forgot old checks): what was decided stays, the rest ends. */
export function lostView(view: CheckView): CheckView {
  if (view.status !== 'running') return view;
  return {
    ...view,
    status: 'failed',
    progress: undefined,
    message: 'the host no longer has this check (it restarted?)',
  };
}
