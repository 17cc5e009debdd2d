/**
 * Checks (sidebar): the open document's own assertions and the built-in
 * checks, each with its verdict; run one or all, follow the progress,
 * cancel. Selecting a check shows its verdict and counterexample in the
 * Check result tab of the bottom panel.
 */
import { useMemo } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { useLayout } from '../../state/layout-store';
import { Code, EmptyState } from '../../ui/EmptyState';
import { CheckIcon } from '../../ui/icons';
import { useDocument } from '../designer/document';
import { useScript } from '../editor/script/script-store';
import { runChecks } from './actions';
import { CheckRowItem } from './CheckRowItem';
import { DocumentErrors } from './DocumentErrors';
import { activeRun, rowState, staleRuns } from './model/row-state';
import type { RowState } from './model/row-state';
import { checkRows } from './model/rows';
import type { CheckRow } from './model/rows';
import { RunBar } from './RunBar';
import { useCheckSource } from './source';
import type { CheckSource } from './source';
import { useAssertions } from './state/assertions';
import { runsOf, useCheckRuns } from './state/runs-store';
import { useCheckViews } from './state/views';

function Header({ source }: { source: CheckSource | undefined }): ReactElement {
  return (
    <header className="pane-header">
      <h2 className="pane-title">Checks</h2>
      {source && <span className="pane-sub">{source.title}</span>}
    </header>
  );
}

/** Arrow keys move between the rows' main buttons (the list's own navigation). */
function moveFocus(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.check-row-main')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[at + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export function ChecksView(): ReactElement {
  const source = useCheckSource();
  const scriptOpen = useScript((s) => s.ref !== undefined);
  const workflow = useDocument((s) => s.workflow);
  const listed = useAssertions(source);
  const allRuns = useCheckRuns((s) => s.runs);
  const selected = useCheckRuns((s) => s.selected);
  const starting = useCheckRuns((s) => s.starting);
  const runs = useMemo(() => runsOf(allRuns, source?.key), [allRuns, source?.key]);
  // Every run's view (not only this document's): one check runs at a time, whichever document it is of.
  const views = useCheckViews(allRuns);
  const content = source?.content;
  const stale = useMemo(() => staleRuns(runs, content), [runs, content]);
  const rows = useMemo(() => (listed.data ? checkRows(listed.data.assertions, workflow) : []), [listed.data, workflow]);
  const states = useMemo(
    () => new Map(rows.map((r) => [r.index, rowState(r.index, runs, views, stale)] as const)),
    [rows, runs, views, stale],
  );
  const active = activeRun(allRuns, views);

  if (!source) {
    return (
      <div className="browser">
        <Header source={undefined} />
        {scriptOpen ? (
          <EmptyState compact icon={<CheckIcon size={28} />} title="A CSPm script is open">
            Its assertions are listed and run in the inspector&apos;s Assertions (Run › Run All Assertions). This view
            checks workflows.
          </EmptyState>
        ) : (
          <EmptyState
            compact
            icon={<CheckIcon size={28} />}
            title="No workflow open"
            steps={[
              { label: 'Open a workflow:', hint: 'the Workflows view, or File › Open Example…' },
              { label: 'Every system gets the built-in checks:', hint: 'deadlock and divergence freedom, contracts' },
              { label: 'Add your own in the workflow:', hint: <Code>SPEC [FD= SYSTEM</Code> },
            ]}
          >
            The open workflow&apos;s assertions are listed here with their verdicts; run one or all, and a failed check
            shows its counterexample in node and edge names.
          </EmptyState>
        )}
      </div>
    );
  }

  const select = (index: number): void => {
    useCheckRuns.getState().select({ docKey: source.key, index });
    useLayout.getState().showPanel('checks');
  };
  const run = (index: number): void => void runChecks([index]);
  const canRun = !starting && active === undefined;
  const own = rows.filter((r) => r.origin === 'own');
  const builtins = rows.filter((r) => r.origin === 'builtin');
  const latest = runs.at(-1);
  const latestView = latest ? views.get(latest.checkId) : undefined;
  const diagnostics = listed.data?.diagnostics ?? [];
  const startErrors = latestView && !stale.has(latestView.checkId) ? latestView.diagnostics : [];
  const list = (items: readonly CheckRow[], label: string): ReactElement => (
    <ul className="check-list" aria-label={label} onKeyDown={moveFocus}>
      {items.map((row) => (
        <CheckRowItem
          key={row.index}
          row={row}
          state={states.get(row.index) ?? ({ kind: 'unchecked' } satisfies RowState)}
          selected={selected?.docKey === source.key && selected.index === row.index}
          canRun={canRun}
          onSelect={select}
          onRun={run}
        />
      ))}
    </ul>
  );
  const assumptions = [
    ...new Set([...states.values()].flatMap((s) => (s.kind === 'decided' && !s.stale ? s.report.assumptions : []))),
  ];
  return (
    <div className="browser checks-view">
      <Header source={source} />
      <RunBar
        active={active}
        elsewhere={active !== undefined && active.docKey !== source.key}
        view={active ? views.get(active.checkId) : undefined}
        states={[...states.values()]}
        canRun={canRun}
        starting={starting}
        nothingToCheck={rows.length === 0}
      />
      <div className="pane-body">
        {listed.isError && <p className="error-text pad">Could not list the checks: {listed.error.message}</p>}
        {listed.isPending && <p className="muted pad">Reading the checks…</p>}
        <DocumentErrors source={source} diagnostics={[...diagnostics, ...startErrors]} />
        {listed.data && rows.length === 0 && diagnostics.every((d) => d.severity !== 'error') && (
          <p className="muted pad">Nothing to check yet: the workflow has no processes.</p>
        )}
        {own.length > 0 && (
          <section className="check-section" aria-label="Assertions">
            <h3 className="check-section-title">Assertions of this workflow</h3>
            {list(own, 'Assertions')}
          </section>
        )}
        {builtins.length > 0 && (
          <section className="check-section" aria-label="Built-in checks">
            <h3 className="check-section-title">Built-in checks</h3>
            <p className="check-section-note muted">
              {own.length === 0
                ? 'No assertions of its own: these stand in, as csp check runs them by default.'
                : 'Every system gets these (csp check --builtins).'}
            </p>
            {list(builtins, 'Built-in checks')}
          </section>
        )}
        {assumptions.length > 0 && (
          <section className="check-section" aria-label="Assumptions">
            <h3 className="check-section-title">These verdicts assume</h3>
            <ul className="check-assumptions">
              {assumptions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
