/**
 * The Check result tab (bottom panel): the selected check's verdict in full —
 * what was checked, the statistics, the assumptions it rests on, the error
 * and its place, or the counterexample — with copy and export.
 */
import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { formatChord, runCommand } from '../../commands';
import { isMac } from '../../app/platform';
import { useLayout } from '../../state/layout-store';
import { useReveal } from '../../state/reveal-store';
import type { RevealTarget } from '../../state/reveal-store';
import { CheckIcon } from '../../ui/icons';
import { useDocument } from '../designer/document';
import { describeLocation, revealTargetOf } from '../problems/reveal-target';
import { runChecks } from './actions';
import { CounterexampleView } from './CounterexampleView';
import { progressText, stateText, statsShown } from './describe';
import type { AssertionReport } from './model/check-view';
import { errorPlace } from './model/error-place';
import type { ErrorPlace } from './model/error-place';
import { rowState, staleRuns } from './model/row-state';
import { checkRows } from './model/rows';
import type { CheckRow } from './model/rows';
import { useCheckSource } from './source';
import { useAssertions } from './state/assertions';
import { runsOf, useCheckRuns } from './state/runs-store';
import { useCheckViews } from './state/views';
import { VerdictIcon, verdictKind } from './VerdictIcon';

function Note({ children }: { children: ReactElement | string }): ReactElement {
  return (
    <div className="panel-note" role="note" aria-label="Check result">
      <CheckIcon size={18} />
      <div>{children}</div>
    </div>
  );
}

/** Where an assertion is written, as a place to reveal. */
function placeOf(row: CheckRow): RevealTarget | undefined {
  if (row.path === undefined) return undefined;
  const node = /^processes\[(\d+)\]/.exec(row.path);
  const id = node ? useDocument.getState().workflow?.processes[Number(node[1])]?.id : undefined;
  return { kind: id ? 'node' : 'field', path: row.path, ...(id ? { id } : {}) };
}

function reveal(target: RevealTarget): void {
  useLayout.getState().setCentre('canvas');
  useReveal.getState().reveal(target);
}

type CheckErrorInfo = NonNullable<AssertionReport['error']>;

/** The error that kept a check from a verdict, and where it is: in the person's text when the source map knows. */
function CheckError({
  error,
  inText,
  assertion,
}: {
  error: CheckErrorInfo;
  inText: ErrorPlace | undefined;
  assertion: RevealTarget | undefined;
}): ReactElement {
  const workflow = useDocument((s) => s.workflow);
  const at = inText ? { code: error.code, severity: 'error' as const, message: error.message, ...inText } : undefined;
  const target = at ? revealTargetOf(at, workflow) : assertion;
  return (
    <div className="check-error" role="alert">
      <strong>{error.code}</strong> {error.message}
      {at ? <span className="muted"> · in {describeLocation(at, workflow)}</span> : null}
      {target ? (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => reveal(target)}>
            {at ? 'show where' : 'show the assertion'}
          </button>
        </>
      ) : (
        <span className="muted">
          {' '}
          (line {error.line}, column {error.column} of the generated CSPm)
        </span>
      )}
    </div>
  );
}

export function CheckResultPanel(): ReactElement {
  const source = useCheckSource();
  const workflow = useDocument((s) => s.workflow);
  const listed = useAssertions(source);
  const allRuns = useCheckRuns((s) => s.runs);
  const selected = useCheckRuns((s) => s.selected);
  const runs = useMemo(() => runsOf(allRuns, source?.key), [allRuns, source?.key]);
  const views = useCheckViews(runs);
  const content = source?.content;
  const stale = useMemo(() => staleRuns(runs, content), [runs, content]);
  const rows = useMemo(() => (listed.data ? checkRows(listed.data.assertions, workflow) : []), [listed.data, workflow]);
  const shownIndex = selected?.docKey === source?.key ? selected?.index : undefined;
  const shown = shownIndex === undefined ? undefined : rowState(shownIndex, runs, views, stale);
  const shownError = shown?.kind === 'decided' ? shown.report.error : undefined;
  // Compiling is only worth it for an error on screen.
  const errorIn = useMemo(() => (shownError ? errorPlace(workflow, shownError) : undefined), [shownError, workflow]);

  if (!source) return <Note>Open a workflow, then run its checks from the Checks view.</Note>;
  const index = shownIndex;
  const row = rows.find((r) => r.index === index);
  if (index === undefined || !row) {
    return (
      <Note>
        {`Select a check in the Checks view (${formatChord('Mod+5', isMac)}) to see its verdict here: the states explored, what it assumes, and for a failure the events that lead to it, in node and edge names.`}
      </Note>
    );
  }
  const state = rowState(index, runs, views, stale);
  const kind = verdictKind(state);
  const place = placeOf(row);
  const report = state.kind === 'decided' ? state.report : undefined;
  return (
    <div className="check-result" role="region" aria-label="Check result">
      <header className="check-result-head">
        <VerdictIcon kind={kind} />
        <div className="check-result-title">
          <div>
            <span className="check-index">{row.index}</span>
            <code>{row.text}</code>
            {row.origin === 'builtin' ? <span className="tag tag-builtin">built-in: {row.title}</span> : null}
          </div>
          <div className={`check-result-verdict ckv-${kind}`}>
            {stateText(state)}
            {report && !(state.kind === 'decided' && state.cancelled) ? (
              <span className="muted"> · {statsShown(report)}</span>
            ) : null}
            {state.kind === 'decided' && state.stale ? (
              <span className="tag tag-stale" title="The document changed since this was checked: run it again">
                changed since
              </span>
            ) : null}
          </div>
        </div>
        <div className="check-result-actions">
          {place ? (
            <button type="button" className="button button-small" onClick={() => reveal(place)}>
              Show assertion
            </button>
          ) : null}
          <button
            type="button"
            className="button button-small"
            disabled={state.kind === 'running' || state.kind === 'queued'}
            onClick={() => void runChecks([index])}
            title={`Run this check (${formatChord('Mod+Enter', isMac)})`}
          >
            {state.kind === 'unchecked' ? 'Run' : 'Run again'}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={!report}
            onClick={() => runCommand('check.copyResult')}
          >
            Copy
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={!report}
            onClick={() => runCommand('check.exportText')}
          >
            Export text
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={!report}
            onClick={() => runCommand('check.exportJson')}
          >
            Export JSON
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={report?.result !== 'failed'}
            onClick={() => runCommand('check.exportCsp')}
            title="The workflow's CSPm with the failed assertion and a :[has trace]: assertion that replays the counterexample, for FDR"
          >
            Export .csp
          </button>
        </div>
      </header>
      <div className="check-result-body">
        {state.kind === 'running' && state.progress ? (
          <p className="pad" role="status">
            Exploring: {progressText(state.progress)}
          </p>
        ) : null}
        {report?.result === 'error' && report.error && !(state.kind === 'decided' && state.cancelled) ? (
          <CheckError
            error={report.error}
            inText={state.kind === 'decided' && !state.stale ? errorIn : undefined}
            assertion={place}
          />
        ) : null}
        {report && report.assumptions.length > 0 ? (
          <section className="check-assumed" aria-label="Assumptions">
            <h3 className="check-section-title">This verdict assumes</h3>
            <ul className="check-assumptions">
              {report.assumptions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {report?.result === 'passed' && report.assumptions.length === 0 ? (
          <p className="pad muted">It holds, and rests on no assumption: every node was checked as written.</p>
        ) : null}
        {report?.counterexample ? <CounterexampleView ce={report.counterexample} /> : null}
      </div>
    </div>
  );
}
