/**
 * The state of one row of the checks panel: the newest run that covers its
 * assertion decides it. Unchecked, queued behind another assertion of the
 * run, being explored (with progress), decided (passed, failed, error, or
 * cancelled, and stale once the document changed since), or left undecided
 * by a run that ended early.
 */
import type { AssertionReport, CheckProgress, CheckView } from './check-view';
import { sameCheckedContent } from './content';
import type { CheckedContent } from './content';

/** Whether a run checked something other than `current` (computed once per run, not per row). */
export function staleRuns(runs: readonly RunHandle[], current: CheckedContent | undefined): ReadonlySet<string> {
  return new Set(
    runs.filter((r) => current === undefined || !sameCheckedContent(r.content, current)).map((r) => r.checkId),
  );
}

/** A check the person started: which document, which assertions, and what was checked. */
export interface RunHandle {
  readonly checkId: string;
  readonly docKey: string;
  readonly indices: readonly number[];
  readonly content: CheckedContent;
  /** ms since the epoch, from the client's clock (elapsed time while it runs). */
  readonly startedAt: number;
}

export type RowState =
  | { readonly kind: 'unchecked' }
  | { readonly kind: 'queued'; readonly checkId: string }
  | { readonly kind: 'running'; readonly checkId: string; readonly progress: CheckProgress | undefined }
  | {
      readonly kind: 'decided';
      readonly checkId: string;
      readonly report: AssertionReport;
      /** The document changed since this was checked. */
      readonly stale: boolean;
      /** Stopped by Cancel before it was decided (the host reports CSP4003). */
      readonly cancelled: boolean;
    }
  | { readonly kind: 'undecided'; readonly checkId: string; readonly reason: string };

/** Error code of an assertion stopped by cancellation. */
export const CANCELLED = 'CSP4003';

export function rowState(
  index: number,
  runs: readonly RunHandle[],
  views: ReadonlyMap<string, CheckView>,
  stale: ReadonlySet<string>,
): RowState {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i] as RunHandle;
    if (!run.indices.includes(index)) continue;
    const view = views.get(run.checkId);
    if (!view) return { kind: 'queued', checkId: run.checkId };
    const report = view.reports[index];
    if (report) {
      return {
        kind: 'decided',
        checkId: run.checkId,
        report,
        stale: stale.has(run.checkId),
        cancelled: report.result === 'error' && report.error?.code === CANCELLED,
      };
    }
    if (view.status === 'running') {
      return view.progress?.index === index
        ? { kind: 'running', checkId: run.checkId, progress: view.progress.progress }
        : { kind: 'queued', checkId: run.checkId };
    }
    const reason =
      view.status === 'cancelled'
        ? 'cancelled'
        : view.errors.length > 0
          ? 'not checked: the document has errors'
          : (view.message ?? 'not checked');
    return { kind: 'undecided', checkId: run.checkId, reason };
  }
  return { kind: 'unchecked' };
}

/** Whether any of these runs is still going. */
export function activeRun(runs: readonly RunHandle[], views: ReadonlyMap<string, CheckView>): RunHandle | undefined {
  return runs.find((r) => views.get(r.checkId)?.status === 'running');
}
