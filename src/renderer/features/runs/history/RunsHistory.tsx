/**
 * Runs (sidebar): the stored runs of the open workflow (every run when none
 * is open), newest first, with outcome, steps, duration, seed and workflow
 * version. Open one to inspect it (a replay at step 0, exact, from the store),
 * Replay plays it to the end, and two ticked runs can be compared.
 */
import { useState } from 'react';
import type { ReactElement } from 'react';
import type { RunSummary } from '../../../../shared/protocol/methods/run';
import { useHostQuery } from '../../../hooks';
import { useLayout } from '../../../state/layout-store';
import { toastError } from '../../../state/toast-store';
import { relativeTime } from '../../../ui/time';
import { VirtualList } from '../../../ui/VirtualList';
import { useDocument } from '../../designer/document';
import { useRun } from '../run-store';
import { useTraceUi } from '../trace/trace-ui-store';
import { failed, runFacts, runLongTitle } from './describe';
import { openStoredRun, replayToEnd } from './open-run';
import './history.css';

const say = (e: unknown): void => toastError(e instanceof Error ? e.message : String(e));

async function open(run: RunSummary, replay: boolean): Promise<void> {
  try {
    useTraceUi.getState().setCompare(undefined);
    const runId = await openStoredRun(run);
    if (replay) await replayToEnd(runId);
  } catch (e) {
    say(e);
  }
}

function RunItem(props: {
  run: RunSummary;
  now: number;
  ticked: boolean;
  onTick(on: boolean): void;
  openHere: boolean;
}): ReactElement {
  const { run } = props;
  const title = `Run ${run.storeRunId}`;
  return (
    <div className={`run-item${props.openHere ? ' open' : ''}`} title={runLongTitle(run)}>
      <div className="run-item-head">
        <input
          type="checkbox"
          aria-label={`Select ${title} to compare`}
          checked={props.ticked}
          onChange={(e) => props.onTick(e.target.checked)}
        />
        <strong>{title}</strong>
        {run.label && <span className="muted run-item-label">{run.label}</span>}
        <span className="muted run-item-time">{relativeTime(run.startedAt, props.now)}</span>
      </div>
      <div className={`run-item-facts${failed(run) ? ' failed' : ''}`}>{runFacts(run).join(' · ')}</div>
      <div className="run-item-actions">
        <button
          type="button"
          className="link-button"
          aria-label={`Open ${title}`}
          disabled={!run.replayable}
          title={
            run.replayable ? 'Open it at step 0 and follow its record' : 'Recorded without its source: not replayable'
          }
          onClick={() => void open(run, false)}
        >
          Open
        </button>
        <button
          type="button"
          className="link-button"
          aria-label={`Replay ${title}`}
          disabled={!run.replayable}
          onClick={() => void open(run, true)}
        >
          Replay
        </button>
      </div>
    </div>
  );
}

export function RunsHistory(): ReactElement {
  const ref = useDocument((s) => s.ref);
  const openStore = useRun((s) => s.run?.storeRunId);
  const list = useHostQuery(
    'run.list',
    { limit: 200, ...(ref ? { workflowId: ref.workflowId } : {}) },
    { refetchInterval: 3000 },
  );
  const [ticked, setTicked] = useState<readonly number[]>([]);
  const runs = list.data?.runs ?? [];
  const now = list.dataUpdatedAt || Date.now();
  const chosen = ticked.map((id) => runs.find((r) => r.storeRunId === id)).filter((r): r is RunSummary => !!r);
  const compare = (): void => {
    const [a, b] = chosen;
    if (!a || !b) return;
    // Older first, so "A" is the run the other is compared with.
    const [older, newer] = a.storeRunId < b.storeRunId ? [a, b] : [b, a];
    useTraceUi.getState().setCompare({ a: older, b: newer });
    useLayout.getState().showPanel('trace');
  };
  return (
    <div className="browser runs-history">
      <header className="pane-header">
        <h2 className="pane-title">Runs</h2>
        <span className="pane-sub">{ref ? ref.name : 'all workflows'}</span>
      </header>
      <div className="runs-compare-bar">
        <button
          type="button"
          className="button button-small"
          disabled={chosen.length !== 2}
          onClick={compare}
          title="Tick two runs to compare their traces step by step"
        >
          Compare selected
        </button>
        <span className="muted">{chosen.length === 2 ? 'two runs ticked' : 'tick two runs to compare'}</span>
      </div>
      <div className="pane-body runs-body">
        {list.isError && <p className="error-text pad">Could not read the runs: {list.error.message}</p>}
        {list.isPending && <p className="muted pad">Loading…</p>}
        {list.isSuccess && runs.length === 0 && (
          <p className="muted pad">
            No runs yet{ref ? ` of ${ref.name}` : ''}. Every run is recorded: start one (F5) and it is listed here.
          </p>
        )}
        <VirtualList
          items={runs}
          rowHeight={68}
          label="Runs"
          keyOf={(r) => String(r.storeRunId)}
          renderRow={(r) => (
            <RunItem
              run={r}
              now={now}
              openHere={openStore === r.storeRunId}
              ticked={ticked.includes(r.storeRunId)}
              onTick={(on) =>
                setTicked((t) =>
                  on
                    ? [...t.filter((x) => x !== r.storeRunId), r.storeRunId].slice(-2)
                    : t.filter((x) => x !== r.storeRunId),
                )
              }
            />
          )}
        />
      </div>
    </div>
  );
}
