/**
 * The trace as a table: one row per step (step, virtual time, event,
 * processes, payload), virtualised. Clicking a row moves the run to that step
 * (time travel); arrows, Page Up/Down, Home and End move the selection and
 * Enter goes there. Steps after
 * the run's current one (ahead in its record) are dimmed.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { useRun } from '../run-store';
import { formatTime, payloadPreview } from './rows';
import { useTraceUi } from './trace-ui-store';
import type { TraceSource } from './use-trace';
import { VirtualRows } from './VirtualRows';
import type { VirtualRowsHandle } from './VirtualRows';

export const TRACE_ROW_HEIGHT = 24;

export interface TraceTableProps {
  source: TraceSource;
  onPick(seq: number): void;
}

export function TraceTable({ source, onPick }: TraceTableProps): ReactElement {
  const current = useRun((s) => s.seq);
  const selected = useRun((s) => s.selectedSeq);
  const follow = useTraceUi((s) => s.follow);
  const setFollow = useTraceUi((s) => s.setFollow);
  const list = useRef<VirtualRowsHandle>(null);

  // Follow the run: keep its current step in view (the newest one of a live run, the replayed one of a
  // replay) while the user has not scrolled away or picked a row.
  useEffect(() => {
    if (follow && !source.filtered) list.current?.scrollToIndex(Math.max(0, current - 1));
  }, [follow, current, source.count, source.filtered]);

  // A step selected elsewhere (the sequence chart, the debugger) scrolls into view.
  useEffect(() => {
    if (selected === undefined) return;
    const index = source.indexOfSeq(selected);
    if (index !== undefined) list.current?.scrollToIndex(index);
    // Only when the selection changes, not on every page that arrives.
  }, [selected]);

  const { want } = source;
  const onRange = useCallback((_first: number, last: number) => want(last), [want]);

  const move = (delta: number, from?: number): void => {
    const index = from ?? (selected !== undefined ? (source.indexOfSeq(selected) ?? -1) : -1);
    const next = Math.max(0, Math.min(source.count - 1, index + delta));
    // Unfiltered, row i is step i+1 even while its page is still being read.
    const seq = source.rowAt(next)?.seq ?? (source.filtered ? undefined : next + 1);
    if (seq !== undefined) {
      setFollow(false);
      useRun.getState().select(seq);
      list.current?.scrollToIndex(next);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const page = 10;
    const delta: Record<string, [number, number?]> = {
      ArrowDown: [1],
      ArrowUp: [-1],
      PageDown: [page],
      PageUp: [-page],
      Home: [0, 0],
      End: [0, source.count - 1],
    };
    const step = delta[e.key];
    if (step) {
      e.preventDefault();
      move(step[0], step[1]);
    } else if (e.key === 'Enter' && selected !== undefined) {
      e.preventDefault();
      onPick(selected);
    }
  };

  const header = (
    <div role="rowgroup" className="trace-head">
      <div role="row" className="trace-row">
        <span role="columnheader">Step</span>
        <span role="columnheader">Time</span>
        <span role="columnheader">Event</span>
        <span role="columnheader">Processes</span>
        <span role="columnheader">Payload</span>
      </div>
    </div>
  );

  return (
    <VirtualRows
      ref={list}
      label="Trace"
      className="trace-table"
      count={source.count}
      rowHeight={TRACE_ROW_HEIGHT}
      header={header}
      onRange={onRange}
      onKeyDown={onKeyDown}
      onUserScroll={(atEnd) => setFollow(atEnd && !source.filtered && current >= source.count)}
      rowCountForAria={source.count + 1}
      renderRow={(index, style) => {
        const row = source.rowAt(index);
        if (!row)
          return (
            <div key={index} role="row" aria-rowindex={index + 2} className="trace-row loading" style={style}>
              <span role="cell">{source.filtered ? '' : index + 1}</span>
              <span role="cell" className="trace-faint">
                loading…
              </span>
            </div>
          );
        const classes = [
          'trace-row',
          row.seq === selected ? 'selected' : '',
          row.seq === current ? 'current' : '',
          row.seq > current ? 'ahead' : '',
          row.hidden ? 'hidden-event' : '',
        ].join(' ');
        return (
          <div
            key={row.seq}
            role="row"
            aria-rowindex={index + 2}
            aria-selected={row.seq === selected}
            aria-current={row.seq === current ? 'step' : undefined}
            className={classes}
            style={style}
            onClick={() => {
              setFollow(false);
              onPick(row.seq);
            }}
          >
            <span role="cell" className="trace-seq">
              {row.seq}
            </span>
            <span role="cell" className="trace-time">
              {formatTime(row.time)}
            </span>
            <span role="cell" className="trace-event" title={row.event}>
              {row.event}
            </span>
            <span role="cell" className="trace-procs" title={row.processes.join(', ')}>
              {row.processes.join(', ')}
            </span>
            <span role="cell" className="trace-payload">
              {payloadPreview(row)}
            </span>
          </div>
        );
      }}
    />
  );
}
