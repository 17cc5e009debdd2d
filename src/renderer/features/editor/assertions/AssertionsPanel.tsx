/**
 * The open script's assertions, as the host lists them (`check.assertions`:
 * its own in file order, or the built-in checks when it has none), each with
 * a Run button and its verdict; Run all and Cancel; progress (states,
 * states/s) while a check runs; the counterexample of a failed one.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { AssertionReport } from '../../../../shared/protocol/methods/check';
import { useHostQuery } from '../../../hooks';
import { useLayout } from '../../../state/layout-store';
import { useReveal } from '../../../state/reveal-store';
import { scriptFileName } from '../script/script-diagnostics';
import { useScript } from '../script/script-store';
import { useSettledText } from '../script/use-settled-text';
import { useScriptChecks } from './checks-store';
import type { CheckProgress } from './checks-store';
import { Counterexample } from './Counterexample';
import { cancelScriptChecks, runScriptChecks } from './run-checks';

const count = new Intl.NumberFormat('en');

function progressText(p: CheckProgress): string {
  return `${count.format(p.states)} states · ${count.format(Math.round(p.statesPerSecond))} states/s · ${p.seconds.toFixed(1)} s`;
}

function verdictText(r: AssertionReport): string {
  const states = `${count.format(r.states)} states · ${r.seconds.toFixed(2)} s`;
  if (r.result === 'error') return r.error ? `error ${r.error.code}: ${r.error.message}` : 'error';
  return `${r.result} · ${states}`;
}

export function AssertionsPanel(): ReactElement {
  const ref = useScript((s) => s.ref);
  const revision = useScript((s) => s.revision);
  const text = useSettledText(400);
  const listed = useHostQuery(
    'check.assertions',
    { text, name: scriptFileName(ref?.name ?? 'script'), kind: 'cspm' },
    { enabled: ref !== undefined, staleTime: 60_000 },
  );
  // Keep the last list on screen while the next one loads.
  const [last, setLast] = useState(listed.data);
  useEffect(() => {
    if (listed.data) setLast(listed.data);
  }, [listed.data]);
  const checks = useScriptChecks();
  const running = checks.status === 'running' || checks.status === 'starting';
  const data = listed.data ?? last;
  const frontErrors = data?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const stale = checks.revision !== undefined && checks.revision !== revision;
  // Built-in checks run (and are listed) only when the script has no assertions of its own, as csp check does.
  const shown = data?.assertions.filter((a) => data.builtinsByDefault || a.builtin === undefined) ?? [];

  return (
    <section className="script-panel" aria-label="Assertions">
      <header className="script-panel-head">
        <h3>Assertions</h3>
        <span className="pane-spacer" />
        {running ? (
          <button type="button" className="button button-small" onClick={() => void cancelScriptChecks()}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={!data || data.assertions.length === 0 || frontErrors.length > 0}
            onClick={() => void runScriptChecks()}
          >
            Run all
          </button>
        )}
      </header>
      {data?.builtinsByDefault && data.assertions.length > 0 && (
        <p className="script-note">
          No assertions of its own: the built-in checks run (deadlock and divergence freedom of SYSTEM).
        </p>
      )}
      {frontErrors.length > 0 && (
        <p className="script-note script-error" role="alert">
          Nothing can be checked until{' '}
          {frontErrors.length === 1 ? 'the script’s error is' : `the script’s ${frontErrors.length} errors are`} fixed
          (see Problems).
        </p>
      )}
      {checks.errors.map((e, i) => (
        <p key={i} className="script-note script-error" role="alert">
          {e.line !== undefined ? `${e.line}:${e.column ?? 1} ` : ''}
          {e.message}
        </p>
      ))}
      {stale && <p className="script-note">The verdicts below are for an earlier version of the text.</p>}
      {data && shown.length === 0 && frontErrors.length === 0 && (
        <p className="script-note">
          This script has no assertions and no SYSTEM to check. Add one, e.g. <code>assert P :[deadlock free]</code>.
        </p>
      )}
      <ol className="assertion-list">
        {shown.map((a) => {
          const report = checks.reports[a.index];
          const progress = checks.progress[a.index];
          const inRun = running && (checks.indexes.length === 0 || checks.indexes.includes(a.index)) && !report;
          const state = report ? report.result : inRun ? 'running' : 'unchecked';
          return (
            <li
              key={a.index}
              className={`assertion-row assertion-${state}${checks.selected === a.index ? ' selected' : ''}`}
              aria-label={`Assertion ${a.index}: ${a.text}, ${state}`}
            >
              <span className={`verdict-dot verdict-${state}`} aria-hidden="true" />
              <button
                type="button"
                className="assertion-text"
                title="Show it in the script; its counterexample below"
                onClick={() => {
                  checks.select(a.index);
                  if (a.line !== undefined) {
                    useLayout.getState().setCentre('editor');
                    useReveal.getState().reveal({ kind: 'cspm', line: a.line, column: a.column ?? 1 });
                  }
                }}
              >
                {a.builtin ? <span className="tag">built-in</span> : null}
                <code>{a.text}</code>
              </button>
              <button
                type="button"
                className="icon-button run-one"
                aria-label={`Run assertion ${a.index}: ${a.text}`}
                title="Run this assertion"
                disabled={frontErrors.length > 0}
                onClick={() => void runScriptChecks(a.index)}
              >
                ▶
              </button>
              <div className="assertion-status" data-testid={`assertion-status-${a.index}`}>
                {report ? verdictText(report) : progress ? progressText(progress) : inRun ? 'checking…' : ''}
              </div>
            </li>
          );
        })}
      </ol>
      {checks.selected !== undefined && checks.reports[checks.selected]?.counterexample && (
        <Counterexample report={checks.reports[checks.selected]!} />
      )}
    </section>
  );
}
