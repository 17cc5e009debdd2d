/**
 * Two stored runs side by side, step by step, with the first step where they
 * differ (run.compare: event, processes or payload) highlighted and scrolled
 * into view. Both traces are read from the store in pages as they scroll.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { Result } from '../../../../../shared/protocol';
import type { RunSummary } from '../../../../../shared/protocol/methods/run';
import { hostRequest } from '../../../../hooks';
import { runTitle } from '../../history/describe';
import { SeqPager } from '../pager';
import { payloadPreview } from '../rows';
import type { TraceRow } from '../rows';
import { useTraceUi } from '../trace-ui-store';
import { VirtualRows } from '../VirtualRows';
import type { VirtualRowsHandle } from '../VirtualRows';

const fetchTrace = (p: Parameters<typeof hostRequest<'run.trace'>>[1]): ReturnType<typeof hostRequest<'run.trace'>> =>
  hostRequest('run.trace', p);

type Comparison = Result<'run.compare'>;

function usePagerTicks(pagers: readonly SeqPager[]): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let frame: number | undefined;
    const offs = pagers.map((p) =>
      p.onChange(() => {
        frame ??= requestAnimationFrame(() => {
          frame = undefined;
          setTick((t) => t + 1);
        });
      }),
    );
    return () => {
      offs.forEach((off) => off());
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [pagers]);
  return tick;
}

function Cell({ row }: { row: TraceRow | undefined }): ReactElement {
  if (!row) return <span role="cell" className="trace-faint" />;
  const payload = payloadPreview(row);
  return (
    <span role="cell" className="compare-cell" title={`${row.event}  [${row.processes.join(', ')}]  ${payload}`}>
      <span className="trace-event">{row.event}</span>
      {payload && <span className="trace-payload"> {payload}</span>}
    </span>
  );
}

export function CompareView({ a, b }: { a: RunSummary; b: RunSummary }): ReactElement {
  const pagers = useMemo(
    () => [new SeqPager(fetchTrace, a.storeRunId), new SeqPager(fetchTrace, b.storeRunId)] as const,
    [a.storeRunId, b.storeRunId],
  );
  usePagerTicks(pagers);
  const [result, setResult] = useState<Comparison>();
  const [error, setError] = useState<string>();
  const list = useRef<VirtualRowsHandle>(null);
  useEffect(() => {
    let live = true;
    setResult(undefined);
    hostRequest('run.compare', { a: a.storeRunId, b: b.storeRunId })
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [a.storeRunId, b.storeRunId]);
  const at = result?.divergence?.seq;
  useEffect(() => {
    if (at !== undefined) list.current?.scrollToIndex(at - 1);
  }, [at]);
  const count = result ? Math.max(result.aSteps, result.bSteps) : 0;
  const [pa, pb] = pagers;
  const d = result?.divergence;
  const summary = error
    ? `Could not compare: ${error}`
    : !result
      ? 'Comparing…'
      : d
        ? `First divergence at step ${d.seq}: ${d.a?.event ?? '(ended)'} in ${runTitle(a)}, ${d.b?.event ?? '(ended)'} in ${runTitle(b)}`
        : `The same ${result.aSteps} steps`;
  return (
    <div className="trace-view compare-view">
      <div className="trace-toolbar" role="toolbar" aria-label="Comparison tools">
        <strong>
          {runTitle(a)} ↔ {runTitle(b)}
        </strong>
        <button
          type="button"
          className="button button-small"
          disabled={at === undefined}
          onClick={() => at !== undefined && list.current?.scrollToIndex(at - 1)}
        >
          Show the divergence
        </button>
        <span className="trace-status" role="status" aria-label="Comparison">
          {summary}
        </span>
        <button
          type="button"
          className="button button-small"
          onClick={() => useTraceUi.getState().setCompare(undefined)}
        >
          Close comparison
        </button>
      </div>
      <VirtualRows
        ref={list}
        label={`${runTitle(a)} compared with ${runTitle(b)}`}
        className="trace-table compare-table"
        count={count}
        rowHeight={24}
        rowCountForAria={count + 1}
        header={
          <div role="rowgroup" className="trace-head">
            <div role="row" className="trace-row compare-row">
              <span role="columnheader">Step</span>
              <span role="columnheader">{runTitle(a)}</span>
              <span role="columnheader">{runTitle(b)}</span>
            </div>
          </div>
        }
        renderRow={(index, style) => {
          const seq = index + 1;
          const diverges = seq === at;
          const after = at !== undefined && seq > at;
          return (
            <div
              key={seq}
              role="row"
              aria-rowindex={index + 2}
              aria-label={diverges ? `Step ${seq}: first divergence` : undefined}
              className={`trace-row compare-row${diverges ? ' divergence' : ''}${after ? ' after-divergence' : ''}`}
              style={style}
            >
              <span role="cell" className="trace-seq">
                {seq}
              </span>
              <Cell row={seq <= (result?.aSteps ?? 0) ? pa.row(seq) : undefined} />
              <Cell row={seq <= (result?.bSteps ?? 0) ? pb.row(seq) : undefined} />
            </div>
          );
        }}
      />
    </div>
  );
}
