/**
 * The Trace tab with a run: the toolbar (table or sequence chart, filters,
 * exports), the trace itself, and the selected step in full beside it.
 */
import { lazy, Suspense, useEffect } from 'react';
import type { ReactElement } from 'react';
import { toastError } from '../../../state/toast-store';
import { useRun } from '../run-store';
import { downloadTrace } from './exports';
import { travelTo } from './time-travel';
import { StepDetails } from './StepDetails';
import { TraceFilters } from './TraceFilters';
import { TraceTable } from './TraceTable';
import { useTraceUi } from './trace-ui-store';
import { useTraceSource } from './use-trace';
import type { TraceSource } from './use-trace';
import { downloadChartPng, downloadChartSvg } from './msc/export-chart';
import './trace.css';

const SequenceChart = lazy(() => import('./msc/SequenceChart'));

export function pick(seq: number): void {
  travelTo(seq).catch((e: unknown) =>
    toastError(`Could not go to step ${seq}: ${e instanceof Error ? e.message : String(e)}`),
  );
}

function Status({ source }: { source: TraceSource }): ReactElement {
  const seq = useRun((s) => s.seq);
  const lastSeq = useRun((s) => s.lastSeq);
  const status = useRun((s) => s.status);
  const label = useRun((s) => s.run?.label);
  const forkedAt = useRun((s) => s.forkedAt);
  const shown = source.filtered
    ? `${source.count}${source.more ? '+' : ''} matching step${source.count === 1 ? '' : 's'}`
    : `${lastSeq} step${lastSeq === 1 ? '' : 's'}`;
  return (
    <span className="trace-status" role="status" aria-label="Trace status">
      {label ? `${label} · ` : ''}at step {seq} · {shown}
      {status === 'running' ? ' · running' : ''}
      {forkedAt !== undefined ? ` · forked after step ${forkedAt}` : ''}
      {source.error ? ` · ${source.error}` : ''}
    </span>
  );
}

export function TraceView(): ReactElement {
  const filter = useTraceUi((s) => s.filter);
  const mode = useTraceUi((s) => s.mode);
  const setMode = useTraceUi((s) => s.setMode);
  const source = useTraceSource(filter);
  const selected = useRun((s) => s.selectedSeq);
  const generation = useRun((s) => s.generation);
  // Another run: follow it again, whatever was scrolled in the last one.
  useEffect(() => useTraceUi.getState().setFollow(true), [generation]);
  const row = selected !== undefined ? source.rowOfSeq(selected) : undefined;
  // A filter that matches nothing said so only as '0 matching steps' in the status, over an empty table.
  const noMatch = source.filtered && source.count === 0 && !source.more && source.error === undefined;
  return (
    <div className="trace-view">
      <div className="trace-toolbar" role="toolbar" aria-label="Trace tools">
        <div className="trace-modes" role="group" aria-label="Trace view">
          <button
            type="button"
            className="button button-small"
            aria-pressed={mode === 'table'}
            onClick={() => setMode('table')}
          >
            Table
          </button>
          <button
            type="button"
            className="button button-small"
            aria-pressed={mode === 'chart'}
            onClick={() => setMode('chart')}
          >
            Sequence chart
          </button>
        </div>
        <TraceFilters />
        <div className="trace-exports" role="group" aria-label="Export">
          {(['json', 'csv', 'mermaid'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="button button-small"
              aria-label={`Export the trace as ${f === 'mermaid' ? 'Mermaid' : f.toUpperCase()}`}
              onClick={() => void downloadTrace(source.storeRunId, f)}
            >
              {f === 'mermaid' ? 'Mermaid' : f.toUpperCase()}
            </button>
          ))}
          {mode === 'chart' && (
            <>
              <button
                type="button"
                className="button button-small"
                aria-label="Export the sequence chart as SVG"
                onClick={() => void downloadChartSvg()}
              >
                SVG
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label="Export the sequence chart as PNG"
                onClick={() => void downloadChartPng()}
              >
                PNG
              </button>
            </>
          )}
        </div>
        <Status source={source} />
      </div>
      <div className="trace-body">
        {noMatch ? (
          <p className="trace-no-match" role="note" aria-label="No matching steps">
            No step of this run matches the filter. Change it, or press Escape in a field to clear it.
          </p>
        ) : mode === 'table' ? (
          <TraceTable source={source} onPick={pick} />
        ) : (
          <Suspense fallback={<p className="trace-faint">Loading the chart…</p>}>
            <SequenceChart source={source} onPick={pick} />
          </Suspense>
        )}
        <StepDetails row={row} storeRunId={source.storeRunId} />
      </div>
    </div>
  );
}
