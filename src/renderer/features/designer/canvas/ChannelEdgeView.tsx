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

function ChannelEdgeViewImpl(props: EdgeProps<ChannelFlowEdge>): ReactElement {
  const { id, data, selected, markerEnd } = props;
  const hovered = useCanvas((s) => s.hoveredEdge === id);
  const lit = useEdgeHighlighted(id);
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
  ].join(' ');
  // A highlighted edge names itself, so the event it carries can be read off the canvas.
  const detail = hovered || lit;
  const tags = [
    buffered ? `[${channel.capacity}]` : '',
    channel?.close ? 'close' : '',
    channel?.hidden ? 'hidden' : '',
  ].filter((t) => t !== '');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes} interactionWidth={16} />
      {detail || tags.length > 0 ? (
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
