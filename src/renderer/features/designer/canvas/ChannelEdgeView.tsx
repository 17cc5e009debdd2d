/**
 * A channel: solid when synchronous, dashed with its capacity (`[8]`) when
 * buffered, always with an arrowhead; the name and type show on hover or
 * selection.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ReactElement } from 'react';
import { useCanvas, useEdgeHighlighted } from './canvas-store';
import type { BusMemberFlowEdge, ChannelFlowEdge } from './graph';
import { useEdgeRun } from './run-layer';
import type { EdgeRunState } from './run-layer';

/** A buffered edge's queue during a run: a small gauge with its depth in words for screen readers. */
function QueueGauge({ name, queue }: { name: string; queue: NonNullable<EdgeRunState['queue']> }): ReactElement {
  const fill = Math.min(1, queue.depth / queue.capacity);
  return (
    <span
      className={`de-gauge${queue.depth >= queue.capacity ? ' full' : ''}`}
      role="meter"
      aria-label={`Queue of ${name}`}
      aria-valuemin={0}
      aria-valuemax={queue.capacity}
      aria-valuenow={queue.depth}
      aria-valuetext={`${queue.depth} of ${queue.capacity} queued`}
      title={`${queue.depth} of ${queue.capacity} queued`}
    >
      <span className="de-gauge-bar" style={{ width: `${Math.round(fill * 100)}%` }} />
      <span className="de-gauge-text">
        {queue.depth}/{queue.capacity}
      </span>
    </span>
  );
}

function ChannelEdgeViewImpl(props: EdgeProps<ChannelFlowEdge>): ReactElement {
  const { id, data, selected, markerEnd } = props;
  const hovered = useCanvas((s) => s.hoveredEdge === id);
  const lit = useEdgeHighlighted(id);
  const run = useEdgeRun(id);
  const [path, labelX, labelY] = getBezierPath(props);
  const channel = data?.channel;
  const buffered = channel?.capacity !== undefined;
  const name = channel?.name ?? data?.edge.id ?? id;
  const problem = (data?.problems.errors ?? 0) > 0;
  const classes = [
    'de',
    buffered ? 'buffered' : 'sync',
    channel?.hidden ? 'hidden-channel' : '',
    problem ? 'has-error' : '',
    selected ? 'selected' : '',
    lit ? 'highlighted' : '',
    run?.cycle ? 'run-cycle' : '',
  ].join(' ');
  // A highlighted edge names itself, so the event it carries can be read off the canvas.
  const detail = hovered || lit;
  const fired = run?.firedSeq !== undefined;
  const tags = [
    buffered ? `[${channel.capacity}]` : '',
    channel?.close ? 'close' : '',
    channel?.hidden ? 'hidden' : '',
  ].filter((t) => t !== '');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes} interactionWidth={16} />
      {fired ? <path key={run?.firedSeq} d={path} className="de-fired" /> : null}
      {detail || tags.length > 0 || run?.queue || fired ? (
        <EdgeLabelRenderer>
          <div
            className={`de-label${detail ? ' detail' : ''}${problem ? ' has-error' : ''}${lit ? ' highlighted' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {detail ? (
              <span className="de-name">
                {name}
                <span className="de-type">: {data?.type === '' ? 'bare event' : data?.type}</span>
              </span>
            ) : null}
            {tags.map((t) => (
              <span key={t} className="de-tag">
                {t}
              </span>
            ))}
            {run?.queue ? <QueueGauge name={name} queue={run.queue} /> : null}
            {fired ? (
              <span
                key={run?.firedSeq}
                className="de-fired-tag"
                role="note"
                aria-label={`Fired on ${name} at step ${run?.firedSeq}: ${run?.fired}`}
              >
                {run?.fired}
              </span>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const ChannelEdgeView = memo(ChannelEdgeViewImpl);

/** A bus membership: a thick line between a member port and its bus junction. */
function BusMemberEdgeViewImpl(props: EdgeProps<BusMemberFlowEdge>): ReactElement {
  const [path] = getBezierPath(props);
  return (
    <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} className="de bus-member" interactionWidth={12} />
  );
}

export const BusMemberEdgeView = memo(BusMemberEdgeViewImpl);
