/** Rows and progress in words, for the screen and for screen readers. */
import { describeFailure } from './model/counterexample';
import type { AssertionReport } from './model/check-view';
import { statsLine } from './model/text';
import type { CheckProgress } from './model/check-view';
import type { RowState } from './model/row-state';
import type { CheckRow } from './model/rows';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "12,345 states · 45,000 states/s". */
export function progressRate(p: CheckProgress): string {
  return `${count(p.states)} states · ${count(p.statesPerSecond)} states/s`;
}

/** "12,345 states · 45,000 states/s · 3.2 s" (the seconds this assertion has been searched). */
export function progressText(p: CheckProgress): string {
  return `${progressRate(p)} · ${p.seconds.toFixed(1)} s`;
}

/** The verdict part of a row: "failed: deadlock after 10 events", "checking: 1,234 states…", "not checked yet". */
export function stateText(state: RowState): string {
  switch (state.kind) {
    case 'unchecked':
      return 'not checked yet';
    case 'queued':
      return 'waiting to be checked';
    case 'running':
      return state.progress ? `checking: ${progressText(state.progress)}` : 'checking…';
    case 'undecided':
      return state.reason;
    case 'decided': {
      const r = state.report;
      if (state.cancelled) return 'cancelled before it was decided';
      if (r.result === 'error') return `error: ${r.error ? `${r.error.code} ${r.error.message}` : 'not decided'}`;
      if (r.result === 'failed') return r.counterexample ? `failed: ${describeFailure(r.counterexample)}` : 'failed';
      return 'passed';
    }
  }
}

/** Whether the verdict is the one the workflow documents (`expect:`); undefined when it says nothing or no verdict yet. */
export function asExpected(row: CheckRow, state: RowState): boolean | undefined {
  if (row.expect === undefined || state.kind !== 'decided' || state.cancelled) return undefined;
  const r = state.report.result;
  if (r === 'error') return undefined;
  return (r === 'passed') === (row.expect === 'pass');
}

/** The accessible name of a row: "Assertion 1, SYSTEM :[deadlock free [F]]: failed: deadlock after 10 events". */
export function rowLabel(row: CheckRow, state: RowState): string {
  const what = row.origin === 'builtin' ? `Built-in check ${row.index}, ${row.title ?? ''}` : `Assertion ${row.index}`;
  const stale = state.kind === 'decided' && state.stale ? ' (the document changed since)' : '';
  return `${what}, ${row.text}: ${stateText(state)}${stale}`;
}

/** The statistics for the screen: a number never wraps away from its unit in a narrow row. */
export function statsShown(r: Pick<AssertionReport, 'states' | 'transitions' | 'seconds'>): string {
  return statsLine(r).replace(/ (states|transitions|s)\b/g, '\u00a0$1');
}
