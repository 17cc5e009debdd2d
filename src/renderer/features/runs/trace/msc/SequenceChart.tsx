/**
 * The trace as a message sequence chart: a lane per process, a row per step
 * (an arrow per synchronisation, labelled with the event and its payload; a
 * dot for a step one process takes alone), virtualised vertically like the
 * table, reading the same rows. Clicking a step moves the run there.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useRun } from '../../run-store';
import type { TraceRow } from '../rows';
import { useTraceUi } from '../trace-ui-store';
import type { TraceSource } from '../use-trace';
import { VirtualRows } from '../VirtualRows';
import type { VirtualRowsHandle } from '../VirtualRows';
import { extendLanes, laneX, lanesOf, MSC_ROW, rowDescription, rowShape } from './layout';
import type { Lanes } from './layout';

/** Lanes of the run's processes, growing when a row names another one (never shrinking while the run lasts). */
export function useLanes(source: TraceSource, first: number, last: number): Lanes {
  const processes = useRun((s) => s.processes);
  const generation = useRun((s) => s.generation);
  const lanes = useRef<{ of: number; lanes: Lanes }>({ of: -1, lanes: lanesOf([]) });
  if (lanes.current.of !== generation) lanes.current = { of: generation, lanes: lanesOf([]) };
  let next = extendLanes(lanes.current.lanes, [
    {
      seq: 0,
      kind: 'event',
      event: '',
      channel: null,
      processes: processes.map((p) => p.name),
      hidden: false,
      hasPayload: false,
      time: 0,
    },
  ]);
  const rows: TraceRow[] = [];
  for (let i = first; i < last; i++) {
    const row = source.rowAt(i);
    if (row) rows.push(row);
  }
  next = extendLanes(next, rows);
  lanes.current.lanes = next;
  return next;
}

function RowSvg({ row, lanes, laneWidth }: { row: TraceRow; lanes: Lanes; laneWidth: number }): ReactElement {
  const shape = rowShape(row, lanes);
  const y = MSC_ROW / 2 + 5;
  const [from, ...to] = shape.lanes;
  const x0 = from === undefined ? 4 : laneX(from, laneWidth);
  const x1 = to.length ? laneX(to[0]!, laneWidth) : x0;
  const text = `${row.seq}. ${shape.label}`;
  return (
    <svg className="msc-row-svg" width={lanes.names.length * laneWidth} height={MSC_ROW} aria-hidden="true">
      {lanes.names.map((name, i) => (
        <line key={name} className="msc-lane" x1={laneX(i, laneWidth)} x2={laneX(i, laneWidth)} y1={0} y2={MSC_ROW} />
      ))}
      {from !== undefined && (shape.note || to.length === 0) && <circle className="msc-dot" cx={x0} cy={y} r={4} />}
      {from !== undefined &&
        !shape.note &&
        to.map((lane) => (
          <line
            key={lane}
            className="msc-arrow"
            x1={x0}
            x2={laneX(lane, laneWidth)}
            y1={y}
            y2={y}
            markerEnd="url(#msc-arrow)"
          />
        ))}
      <text
        className="msc-label"
        x={shape.note || from === undefined ? x0 + 8 : (x0 + x1) / 2}
        y={y - 6}
        textAnchor={shape.note || from === undefined ? 'start' : 'middle'}
      >
        {text.length > 90 ? `${text.slice(0, 90)}…` : text}
      </text>
    </svg>
  );
}

export default function SequenceChart({
  source,
  onPick,
}: {
  source: TraceSource;
  onPick(seq: number): void;
}): ReactElement {
  const current = useRun((s) => s.seq);
  const selected = useRun((s) => s.selectedSeq);
  const follow = useTraceUi((s) => s.follow);
  const setFollow = useTraceUi((s) => s.setFollow);
  const list = useRef<VirtualRowsHandle>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [range, setRange] = useState<[number, number]>([0, 0]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  const lanes = useLanes(source, range[0], range[1]);
  const laneWidth = Math.max(64, Math.floor((width - 24) / Math.max(1, lanes.names.length)));

  useEffect(() => {
    if (follow && !source.filtered) list.current?.scrollToIndex(Math.max(0, current - 1));
  }, [follow, current, source.count, source.filtered]);
  useEffect(() => {
    if (selected === undefined) return;
    const index = source.indexOfSeq(selected);
    if (index !== undefined) list.current?.scrollToIndex(index);
  }, [selected]);

  const header = (
    <div role="rowgroup" className="msc-head">
      <div role="row" style={{ width: lanes.names.length * laneWidth }}>
        {lanes.names.map((name, i) => (
          <span
            key={name}
            role="columnheader"
            className="msc-lane-name"
            style={{ left: i * laneWidth, width: laneWidth }}
            title={name}
          >
            {name}
          </span>
        ))}
      </div>
    </div>
  );
  const { want } = source;
  return (
    <div className="msc" ref={box}>
      <svg width="0" height="0" aria-hidden="true" style={{ position: 'absolute' }}>
        <defs>
          <marker
            id="msc-arrow"
            viewBox="0 0 8 8"
            refX="8"
            refY="4"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L8,4 L0,8 z" className="msc-arrow-head" />
          </marker>
        </defs>
      </svg>
      <VirtualRows
        ref={list}
        label="Sequence chart"
        className="msc-rows"
        count={source.count}
        rowHeight={MSC_ROW}
        header={header}
        stickyHeader
        contentWidth={lanes.names.length * laneWidth}
        rowCountForAria={source.count + 1}
        onRange={(first, last) => {
          want(last);
          setRange((r) => (r[0] === first && r[1] === last ? r : [first, last]));
        }}
        onUserScroll={(atEnd) => setFollow(atEnd && !source.filtered && current >= source.count)}
        renderRow={(index, style) => {
          const row = source.rowAt(index);
          if (!row)
            return (
              <div key={index} role="row" aria-rowindex={index + 2} className="msc-row loading" style={style}>
                <span role="cell" className="trace-faint">
                  loading…
                </span>
              </div>
            );
          return (
            <div
              key={row.seq}
              role="row"
              aria-rowindex={index + 2}
              aria-label={rowDescription(row)}
              aria-selected={row.seq === selected}
              aria-current={row.seq === current ? 'step' : undefined}
              className={`msc-row${row.seq === selected ? ' selected' : ''}${row.seq === current ? ' current' : ''}${row.seq > current ? ' ahead' : ''}`}
              style={style}
              onClick={() => {
                setFollow(false);
                onPick(row.seq);
              }}
            >
              <span role="cell">
                <RowSvg row={row} lanes={lanes} laneWidth={laneWidth} />
              </span>
            </div>
          );
        }}
      />
    </div>
  );
}
