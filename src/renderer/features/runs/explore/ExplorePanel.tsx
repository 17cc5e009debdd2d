/**
 * The Explore panel beside the canvas: limits (steps, states), Explore /
 * Cancel with live progress, what was found (deadlocks, divergences, errors:
 * each shown or replayed in the run), and a browser over the state graph —
 * a state's processes, the path from the start, the transitions out of it —
 * with Back and Export DOT. Everything is a button or a field: keyboard first.
 */
import type { FormEvent, ReactElement } from 'react';
import { useRun } from '../run-store';
import {
  browseBack,
  browseState,
  canExplore,
  cancelExplore,
  exploreFromHere,
  exportExploredDot,
  replayToState,
} from './explore-actions';
import { useExplore } from './explore-store';
import type { ExploredStateView, ExploreSummary } from './explore-store';
import './explore.css';

const n = (x: number): string => x.toLocaleString('en');
const plural = (x: number, word: string): string => `${n(x)} ${word}${x === 1 ? '' : 's'}`;

function Limits(): ReactElement {
  const limits = useExplore((s) => s.limits);
  const exploring = useExplore((s) => s.status === 'exploring');
  // Re-render when what enables Explore changes.
  useRun((s) => `${s.status}|${s.seq}`);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void exploreFromHere();
  };
  return (
    <form className="explore-limits" onSubmit={submit}>
      <label>
        Steps
        <input
          type="number"
          min={1}
          max={1000}
          aria-label="Steps to explore"
          value={limits.maxDepth}
          onChange={(e) => useExplore.getState().setLimits({ maxDepth: Number(e.target.value) })}
        />
      </label>
      <label>
        States
        <input
          type="number"
          min={1}
          max={100000}
          aria-label="States to keep at most"
          value={limits.maxStates}
          onChange={(e) => useExplore.getState().setLimits({ maxStates: Number(e.target.value) })}
        />
      </label>
      {exploring ? (
        <button type="button" className="run-control" onClick={() => void cancelExplore()}>
          Cancel
        </button>
      ) : (
        <button type="submit" className="run-control primary" disabled={!canExplore()}>
          Explore
        </button>
      )}
    </form>
  );
}

function Progress(): ReactElement | null {
  const status = useExplore((s) => s.status);
  const progress = useExplore((s) => s.progress);
  const error = useExplore((s) => s.error);
  if (status === 'failed')
    return (
      <div className="run-stop error" role="alert">
        {error}
      </div>
    );
  if (status !== 'exploring') return null;
  return (
    <div className="explore-progress" role="status" aria-label="Exploration progress">
      Exploring…{' '}
      {progress
        ? `${plural(progress.states, 'state')}, ${plural(progress.edges, 'transition')}, step +${progress.depth}`
        : 'starting'}
    </div>
  );
}

function Summary({ summary }: { summary: ExploreSummary }): ReactElement {
  const runSeq = useRun((s) => s.seq);
  return (
    <div className="explore-summary" role="status" aria-label="Exploration summary">
      From step {summary.seq}: {plural(summary.states, 'state')}, {plural(summary.edges, 'transition')} within{' '}
      {plural(summary.maxDepth, 'step')}
      {summary.cancelled ? ' (cancelled: what was found so far)' : ''}
      {summary.truncated ? `; stopped at the state limit, raise it to see more` : ''}.{' '}
      {summary.findings.length === 0
        ? 'No deadlock, divergence or error among them.'
        : `${plural(summary.findings.length, 'finding')}:`}
      {runSeq !== summary.seq ? (
        <span className="explore-stale">
          {' '}
          The run has moved to step {runSeq}; a replay goes back to step {summary.seq} first.
        </span>
      ) : null}
    </div>
  );
}

function Findings({ summary }: { summary: ExploreSummary }): ReactElement | null {
  if (summary.findings.length === 0) return null;
  return (
    <ul className="explore-findings" aria-label="Findings">
      {summary.findings.map((f) => (
        <li key={`${f.kind}:${f.state}`} className={`explore-finding ${f.kind}`}>
          <span>{f.message}</span>
          <span className="explore-buttons">
            <button
              type="button"
              className="run-control"
              aria-label={`Show the ${f.kind} at state ${f.state}`}
              onClick={() => void browseState(f.state)}
            >
              Show
            </button>
            <button
              type="button"
              className="run-control"
              aria-label={`Replay the ${f.kind} at state ${f.state} in the run`}
              onClick={() => void replayToState(f.state)}
            >
              Replay
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

const STATUS_WORDS: Record<ExploredStateView['state']['status'], string> = {
  open: 'explored',
  frontier: 'not explored further (at a limit)',
  deadlock: 'deadlock: nothing can happen',
  terminated: 'terminated',
  error: 'error',
};

function StateView({ view, components }: { view: ExploredStateView; components: readonly string[] }): ReactElement {
  const trail = useExplore((s) => s.trail);
  const { state, out, outCount, path } = view;
  const previous = trail[trail.length - 1];
  return (
    <section className="explore-state" aria-label={`State ${state.id}`}>
      <h3>
        State {state.id}{' '}
        <span className="explore-muted">
          · step +{state.depth} · {STATUS_WORDS[state.status]}
        </span>
      </h3>
      {state.error ? <p className="run-stop error">{state.error}</p> : null}
      <div className="explore-buttons">
        <button
          type="button"
          className="run-control"
          disabled={previous === undefined}
          aria-label={previous === undefined ? 'Back' : `Back to state ${previous}`}
          onClick={() => void browseBack()}
        >
          Back
        </button>
        <button
          type="button"
          className="run-control"
          disabled={state.id === 0}
          aria-label={`Replay to state ${state.id} in the run`}
          onClick={() => void replayToState(state.id)}
        >
          Replay to here
        </button>
      </div>
      {path.length > 0 ? (
        <>
          <h4>Path from the start</h4>
          <ol className="explore-path" aria-label="Path from the start">
            {path.map((e, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="explore-link"
                  aria-label={`Step ${i + 1}: ${e.event}, to state ${e.to}`}
                  onClick={() => void browseState(e.to)}
                >
                  <code>{e.event}</code>
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <h4>Processes</h4>
      <dl className="explore-terms">
        {components.map((c, i) => (
          <div key={c}>
            <dt>{c}</dt>
            <dd>
              <code aria-label={`Term of ${c} in state ${state.id}`}>{state.terms[i]}</code>
            </dd>
          </div>
        ))}
      </dl>
      <h4>{outCount === 0 ? 'No transitions out' : `${plural(outCount, 'transition')} out`}</h4>
      <ul className="explore-out" aria-label={`Transitions out of state ${state.id}`}>
        {out.map((e) => (
          <li key={`${e.index}:${e.branch}`}>
            <button
              type="button"
              className="explore-link"
              aria-label={`${e.event} to state ${e.to}`}
              onClick={() => void browseState(e.to)}
            >
              <code>{e.event}</code> → state {e.to}
              {e.silent ? <span className="explore-muted"> (silent)</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {out.length < outCount ? <p className="explore-muted">The first {n(out.length)} are listed.</p> : null}
    </section>
  );
}

export function ExplorePanel(): ReactElement {
  const status = useExplore((s) => s.status);
  const summary = useExplore((s) => s.summary);
  const viewing = useExplore((s) => s.viewing);
  return (
    <section className="explore-panel" role="region" aria-label="Explore from here">
      <header className="explore-header">
        <h2 className="run-enabled-title">Explore from here</h2>
        <button
          type="button"
          className="bp-remove"
          aria-label="Close Explore from here"
          title="Close"
          onClick={() => useExplore.getState().setShown(false)}
        >
          ×
        </button>
      </header>
      <p className="explore-muted">
        Every interleaving within the steps, from where the run stands: deadlocks, divergences, errors.
      </p>
      <Limits />
      <Progress />
      {status === 'done' && summary ? (
        <>
          <Summary summary={summary} />
          <Findings summary={summary} />
          <button type="button" className="run-control" onClick={() => void exportExploredDot()}>
            Export DOT
          </button>
          {viewing ? <StateView view={viewing} components={summary.components} /> : null}
        </>
      ) : null}
    </section>
  );
}
