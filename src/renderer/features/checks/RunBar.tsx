/**
 * The top of the Checks view: Run all, or, while a check runs, what it is
 * doing (assertion, states, states/s, elapsed) and Cancel; afterwards a
 * summary of the verdicts and whether the document changed since.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { formatChord, runCommand } from '../../commands';
import { isMac } from '../../app/platform';
import { progressRate } from './describe';
import type { CheckView } from './model/check-view';
import type { RowState, RunHandle } from './model/row-state';

/** Re-renders every second while `on`, for elapsed times. */
function useTicking(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

interface Props {
  active: RunHandle | undefined;
  /** The running check is of another document (one check runs at a time). */
  elsewhere: boolean;
  view: CheckView | undefined;
  states: readonly RowState[];
  canRun: boolean;
  starting: boolean;
  nothingToCheck: boolean;
}

export function RunBar({ active, elsewhere, view, states, canRun, starting, nothingToCheck }: Props): ReactElement {
  const now = useTicking(active !== undefined);
  const decided = states.filter((s) => s.kind === 'decided' && !s.cancelled);
  const tally = (r: string): number => decided.filter((s) => s.kind === 'decided' && s.report.result === r).length;
  const stale = decided.some((s) => s.kind === 'decided' && s.stale);
  return (
    <div className="check-runbar">
      {active ? (
        <>
          <div className="check-progress" role="status" aria-live="polite" aria-label="Check progress">
            <span className="ck-spinner" aria-hidden="true" />
            <span>
              {elsewhere ? <>A check of another document is running. </> : null}
              {view?.progress ? (
                <>
                  Checking assertion {view.progress.index}
                  {active.indices.length > 1
                    ? ` (${active.indices.indexOf(view.progress.index) + 1} of ${active.indices.length})`
                    : ''}
                  : {progressRate(view.progress.progress)}
                </>
              ) : (
                <>
                  Checking{' '}
                  {active.indices.length === 1
                    ? `assertion ${active.indices[0]}`
                    : `${active.indices.length} assertions`}
                  …
                </>
              )}
              <span className="muted"> · {Math.max(0, Math.round((now - active.startedAt) / 1000))} s elapsed</span>
            </span>
          </div>
          <button
            type="button"
            className="button button-small button-danger"
            title={`Cancel the check (${formatChord('Mod+.', isMac)})`}
            onClick={() => runCommand('check.cancel')}
          >
            Cancel
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={!canRun || nothingToCheck}
            title={`Run all checks (${formatChord('Mod+Shift+Enter', isMac)})`}
            onClick={() => runCommand('check.runAll')}
          >
            {starting ? 'Starting…' : 'Run all'}
          </button>
          <span className="check-summary" role="status" aria-label="Check summary">
            {decided.length === 0
              ? 'Nothing checked yet.'
              : `${tally('passed')} passed, ${tally('failed')} failed${tally('error') > 0 ? `, ${tally('error')} errors` : ''}`}
            {stale ? ' · the document changed since' : ''}
          </span>
        </>
      )}
    </div>
  );
}
