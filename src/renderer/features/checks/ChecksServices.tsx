/**
 * What checks need while the workbench is up, whichever views are showing:
 * the commands, one `check.events` follower per running check (so a check
 * keeps being followed while its panel is hidden), and the canvas highlight
 * of the selected counterexample step.
 */
import { useEffect, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useStream } from '../../hooks';
import './checks.css';
import { useCanvas } from '../designer/canvas/canvas-store';
import { useDocument } from '../designer/document';
import { showFirstFailure } from './actions';
import { useCheckCommands } from './commands';
import { applyCheckEvents } from './model/check-view';
import type { CheckView } from './model/check-view';
import { rowState } from './model/row-state';
import type { RunHandle } from './model/row-state';
import { counterexampleSteps } from './model/counterexample';
import { currentSource, useSourceKey } from './source';
import { useCounterexample } from './state/counterexample-store';
import { runsOf, useCheckRuns } from './state/runs-store';
import { refreshView, updateView, useCheckViews } from './state/views';

function RunFollower({ checkId }: { checkId: string }): null {
  useStream(
    { stream: 'check.events', runId: checkId },
    {
      onEvents: (batch) => {
        updateView(checkId, (v) =>
          applyCheckEvents(
            v,
            batch.map((e) => e.data),
          ),
        );
        for (const { data } of batch)
          if (data.type === 'assertion' && data.report.result === 'failed')
            showFirstFailure(checkId, data.report.index);
      },
      // Missed events, a host that restarted, or a failed subscription: ask where the check stands.
      onGap: () => refreshView(checkId),
      onReset: () => refreshView(checkId),
      onError: () => refreshView(checkId),
    },
  );
  return null;
}

/**
 * The canvas lights the element of the selected counterexample step, and
 * nothing once it is unselected. Only a highlight set here is cleared here:
 * another feature's (a run's current event) is left alone.
 */
function useCounterexampleHighlight(): void {
  useEffect(() => {
    let ours: number | undefined;
    const clearOurs = (): void => {
      const canvas = useCanvas.getState();
      if (ours !== undefined && canvas.highlight?.seq === ours) canvas.setHighlight(undefined);
      ours = undefined;
    };
    const apply = (): void => {
      const { counterexample, step, source } = useCounterexample.getState();
      const at =
        counterexample && step !== undefined && step > 0 && source?.docKey === currentSource()?.key
          ? counterexampleSteps(counterexample, useDocument.getState().workflow)[step - 1]
          : undefined;
      if (!at || (at.nodes.length === 0 && at.edges.length === 0)) {
        clearOurs();
        return;
      }
      const canvas = useCanvas.getState();
      canvas.setHighlight({ nodes: at.nodes, edges: at.edges, label: `step ${at.step} · ${at.event}` });
      ours = useCanvas.getState().highlight?.seq;
    };
    const off = useCounterexample.subscribe((s, prev) => {
      if (s.step !== prev.step || s.counterexample !== prev.counterexample) apply();
    });
    return () => {
      off();
      clearOurs();
    };
  }, []);
}

/** Leaving a document leaves its counterexample too. */
function useForgetOnSwitch(): void {
  const key = useSourceKey();
  useEffect(() => {
    const shown = useCounterexample.getState().source;
    if (shown && shown.docKey !== key) useCounterexample.getState().clear();
  }, [key]);
}

/** The counterexample store holds the selected check's counterexample, when it has one. */
function useSelectedCounterexample(runs: readonly RunHandle[], views: ReadonlyMap<string, CheckView>): void {
  const selected = useCheckRuns((s) => s.selected);
  useEffect(() => {
    const state = selected ? rowState(selected.index, runsOf(runs, selected.docKey), views, NONE) : undefined;
    const ce = state?.kind === 'decided' ? state.report.counterexample : undefined;
    if (selected && state?.kind === 'decided' && ce)
      useCounterexample
        .getState()
        .show({ docKey: selected.docKey, checkId: state.checkId, index: selected.index, text: state.report.text }, ce);
    else if (useCounterexample.getState().counterexample) useCounterexample.getState().clear();
  }, [selected, runs, views]);
}

const NONE: ReadonlySet<string> = new Set();

export function ChecksServices(): ReactElement {
  useCheckCommands();
  useCounterexampleHighlight();
  useForgetOnSwitch();
  const runs = useCheckRuns((s) => s.runs);
  // Observing every view keeps it in the cache while its check runs, whatever is on screen.
  const views = useCheckViews(runs);
  useSelectedCounterexample(runs, views);
  const running = useMemo(() => runs.filter((r) => views.get(r.checkId)?.status === 'running'), [runs, views]);
  return (
    <>
      {running.map((r) => (
        <RunFollower key={r.checkId} checkId={r.checkId} />
      ))}
    </>
  );
}
