/** A bus: a small junction every member port's line runs through (a multiway synchronisation). */
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ReactElement } from 'react';
import { BusIcon } from '../kinds/KindIcon';
import { useNodeHighlight } from './canvas-store';
import { BUS_IN, BUS_OUT } from './geometry';
import type { BusFlowNode } from './graph';
import { HighlightTag } from './HighlightTag';

function BusNodeViewImpl({ id, data, selected }: NodeProps<BusFlowNode>): ReactElement {
  const { bus, problems } = data;
  const lit = useNodeHighlight(id);
  const title = `Bus ${bus.name}: ${bus.type ?? 'bare events'}; every member takes part in each event (${bus.members.join(', ')})`;
  return (
    <div
      className={`dbus${selected ? ' selected' : ''}${problems.errors > 0 ? ' has-error' : ''}${lit !== undefined ? ' highlighted' : ''}`}
      title={title}
    >
      <HighlightTag label={lit} of={`bus ${bus.name}`} />
      <Handle type="target" position={Position.Left} id={BUS_IN} aria-label={`Bus ${bus.name} input`} />
      <BusIcon size={14} />
      <Handle type="source" position={Position.Right} id={BUS_OUT} aria-label={`Bus ${bus.name} output`} />
      <span className="dbus-name">
        {bus.name}
        {bus.hidden ? ' (hidden)' : ''}
      </span>
    </div>
  );
}

export const BusNodeView = memo(BusNodeViewImpl);
