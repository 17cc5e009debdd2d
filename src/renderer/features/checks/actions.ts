/**
 * What the person does with checks: run all or some of the open document's
 * assertions (on the text on screen, unsaved edits included; the host checks
 * in a worker thread, never the UI), cancel, and copy or export a verdict.
 */
import { useDocument } from '../designer/document';
import { download } from '../workflows/transfer/export';
import { hostRequest } from '../../hooks';
import { useLayout } from '../../state/layout-store';
import { toastError, toastInfo } from '../../state/toast-store';
import { writeClipboard } from '../designer/clipboard/system';
import { startedView } from './model/check-view';
import type { AssertionReport } from './model/check-view';
import { activeRun } from './model/row-state';
import type { RunHandle } from './model/row-state';
import { checkRows } from './model/rows';
import { compileWorkflow } from '../../../engine/workflow';
import { counterexampleScript } from './model/fdr-script';
import { exportBaseName, reportJson, reportText } from './model/text';
import { currentSource, sourceText } from './source';
import { fetchAssertions } from './state/assertions';
import { runsOf, useCheckRuns } from './state/runs-store';
import { seedView, viewKey } from './state/views';
import { queryClient } from '../../app/query-client';
import type { CheckView } from './model/check-view';

function knownViews(runs: readonly RunHandle[]): Map<string, CheckView> {
  const map = new Map<string, CheckView>();
  for (const r of runs) {
    const v = queryClient.getQueryData<CheckView>(viewKey(r.checkId));
    if (v) map.set(r.checkId, v);
  }
  return map;
}

/** The check still running, if any (one runs at a time). */
export function runningCheck(): RunHandle | undefined {
  const runs = useCheckRuns.getState().runs;
  return activeRun(runs, knownViews(runs));
}

export function canRun(): boolean {
  return currentSource() !== undefined && !useCheckRuns.getState().starting && runningCheck() === undefined;
}

/** The selected row's assertion index, when it belongs to the open document. */
export function selectedIndex(): number | undefined {
  const selected = useCheckRuns.getState().selected;
  return selected && selected.docKey === currentSource()?.key ? selected.index : undefined;
}

/**
 * Checks the open document: every listed assertion ('all'), or the given
 * ones. Resolves once the host has started (or refused); verdicts arrive on
 * the check's stream.
 */
export async function runChecks(scope: 'all' | readonly number[]): Promise<void> {
  const source = currentSource();
  if (!source || !canRun()) return;
  const store = useCheckRuns.getState();
  store.setStarting(true);
  try {
    const listed = await fetchAssertions(source);
    const rows = checkRows(listed.assertions, source.content);
    const indices = scope === 'all' ? rows.map((r) => r.index) : scope;
    const broken = listed.diagnostics.some((d) => d.severity === 'error');
    if (indices.length === 0 && !broken) {
      toastInfo(`"${source.title}" has nothing to check.`);
      return;
    }
    const started = await hostRequest('check.run', {
      text: sourceText(source),
      name: source.fileName,
      kind: source.kind,
      builtins: 'include',
      workers: 1,
      ...(indices.length > 0 ? { assertions: [...indices] } : {}),
    });
    seedView(startedView(started));
    const selected = useCheckRuns.getState().selected;
    const first = indices[0] ?? started.assertions[0]?.index;
    // The result tab follows the run: select its first assertion unless one of its assertions is selected.
    if (first !== undefined && (selected?.docKey !== source.key || !indices.includes(selected.index)))
      store.select({ docKey: source.key, index: first });
    store.add({
      checkId: started.checkId,
      docKey: source.key,
      indices: indices.length > 0 ? [...indices] : started.assertions.map((a) => a.index),
      content: source.content,
      startedAt: Date.now(),
    });
    if (started.errors.length > 0) useLayout.getState().showSidebar('checks');
  } catch (error) {
    toastError(`Could not start the check: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    useCheckRuns.getState().setStarting(false);
  }
}

export function runSelected(): Promise<void> {
  const index = selectedIndex();
  return index === undefined ? Promise.resolve() : runChecks([index]);
}

export async function cancelCheck(): Promise<void> {
  const run = runningCheck();
  if (!run) return;
  try {
    await hostRequest('check.cancel', { checkId: run.checkId });
  } catch (error) {
    toastError(`Could not cancel the check: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The decided report of the selected row, with the document it belongs to. */
export function selectedReport(): { report: AssertionReport; title: string } | undefined {
  const source = currentSource();
  const index = selectedIndex();
  if (!source || index === undefined) return undefined;
  const runs = runsOf(useCheckRuns.getState().runs, source.key);
  const views = knownViews(runs);
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i] as RunHandle;
    if (!run.indices.includes(index)) continue;
    const report = views.get(run.checkId)?.reports[index];
    return report ? { report, title: source.title } : undefined;
  }
  return undefined;
}

export async function copyReport(): Promise<void> {
  const selected = selectedReport();
  if (!selected) return;
  const text = reportText(selected.report, selected.title, useDocument.getState().workflow);
  const ok = await writeClipboard(text);
  toastInfo(ok ? 'Copied the check result.' : 'Copied inside the studio only: the browser refused the clipboard.');
}

export function exportReport(format: 'text' | 'json' | 'csp'): void {
  const selected = selectedReport();
  if (!selected) return;
  const workflow = useDocument.getState().workflow;
  const base = exportBaseName(selected.title, selected.report.index);
  if (format === 'text') download(reportText(selected.report, selected.title, workflow), `${base}.txt`, 'text/plain');
  else if (format === 'json')
    download(reportJson(selected.report, selected.title, workflow), `${base}.json`, 'application/json');
  else if (workflow) {
    // The workflow's CSPm as generated now, the failed assertion and its counterexample, for FDR.
    const script = counterexampleScript(compileWorkflow(workflow).cspm, selected.title, selected.report);
    download(script, `${base}.csp`, 'text/plain');
  }
}

const shownFailure = new Set<string>();

/**
 * The first failure of a run is selected and its counterexample shown in the
 * Check result tab (once per run: later failures wait for the person).
 */
export function showFirstFailure(checkId: string, index: number): void {
  if (shownFailure.has(checkId)) return;
  shownFailure.add(checkId);
  const run = useCheckRuns.getState().runs.find((r) => r.checkId === checkId);
  if (!run || run.docKey !== currentSource()?.key) return;
  useCheckRuns.getState().select({ docKey: run.docKey, index });
  const layout = useLayout.getState();
  layout.showPanel('checks');
  // Room for the events and the components (the person can make it smaller again).
  if (layout.panelHeight < FAILURE_PANEL_HEIGHT) layout.resize('panel', FAILURE_PANEL_HEIGHT);
}

const FAILURE_PANEL_HEIGHT = 300;
