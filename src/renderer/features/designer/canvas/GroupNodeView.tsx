/**
 * A group: expanded, a labelled frame behind its members; collapsed, one node
 * standing for them, with the members' ports that reach outside as its ports.
 * The button in its header collapses or expands it (an undoable edit).
 */
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ReactElement } from 'react';
import { useDocument } from '../document';
import { useNodeHighlight } from './canvas-store';
import { PORT_ROW, PORTS_TOP } from './geometry';
import type { GroupFlowNode } from './graph';
import { HighlightTag } from './HighlightTag';

export function toggleGroup(id: string): void {
  const doc = useDocument.getState();
  const group = doc.workflow?.groups.find((g) => g.id === id);
  if (!group || !doc.workflow) return;
  const { collapsed: _was, ...rest } = group;
  doc.apply({ type: 'group.update', id, group: group.collapsed ? rest : { ...rest, collapsed: true } });
}

function GroupIcon(): ReactElement {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      aria-hidden="true"
    >
      <rect x="1.5" y="3" width="13" height="10.5" rx="2" strokeDasharray="2.5 2" />
      <rect x="4" y="6" width="3.5" height="3" rx="0.6" />
      <rect x="8.5" y="8" width="3.5" height="3" rx="0.6" />
    </svg>
  );
}

function GroupNodeViewImpl({ id, data, selected }: NodeProps<GroupFlowNode>): ReactElement {
  const { shape } = data;
  const { group } = shape;
  const count = `${group.members.length} node${group.members.length === 1 ? '' : 's'}`;
  // A collapsed group stands for its members: it is lit when one of them is.
  const lit = useNodeHighlight(...(shape.collapsed ? group.members : []));
  const toggle = (
    <button
      type="button"
      className="dgroup-toggle nodrag"
      aria-label={shape.collapsed ? `Expand group ${group.name}` : `Collapse group ${group.name}`}
      title={shape.collapsed ? 'Expand: show the nodes inside' : 'Collapse into one node'}
      onClick={(e) => {
        e.stopPropagation();
        toggleGroup(id);
      }}
    >
      {shape.collapsed ? '▸' : '▾'}
    </button>
  );
  if (!shape.collapsed) {
    return (
      <div
        className={`dgroup-frame${selected ? ' selected' : ''}`}
        style={{ width: shape.width, height: shape.height }}
      >
        <header className="dgroup-head">
          {toggle}
          <span className="dgroup-name">{group.name}</span>
          <span className="dgroup-count">{count}</span>
        </header>
      </div>
    );
  }
  const ins = shape.ports.filter((p) => p.side === 'in');
  const outs = shape.ports.filter((p) => p.side === 'out');
  const row = (i: number): number => PORTS_TOP + i * PORT_ROW + PORT_ROW / 2;
  return (
    <div
      className={`dn dn-group${selected ? ' selected' : ''}${lit !== undefined ? ' highlighted' : ''}`}
      style={{ width: shape.width, height: shape.height }}
    >
      <HighlightTag label={lit} of={`group ${group.name}`} />
      <header className="dn-head">
        {toggle}
        <span className="dn-icon">
          <GroupIcon />
        </span>
        <span className="dn-name">{group.name}</span>
        <span className="dn-index">{count}</span>
      </header>
      <div className="dn-summary" title={group.members.join(', ')}>
        {group.description ?? group.members.join(', ')}
      </div>
      {ins.map((p, i) => (
        <div key={p.handle} className="dn-port in" style={{ top: row(i) }} title={`input ${p.label}`}>
          <Handle
            type="target"
            position={Position.Left}
            id={p.handle}
            aria-label={`Input ${p.label} of group ${group.name}`}
          />
          <span>{p.label}</span>
        </div>
      ))}
      {outs.map((p, i) => (
        <div key={p.handle} className="dn-port out" style={{ top: row(i) }} title={`output ${p.label}`}>
          <span>{p.label}</span>
          <Handle
            type="source"
            position={Position.Right}
            id={p.handle}
            aria-label={`Output ${p.label} of group ${group.name}`}
          />
        </div>
      ))}
    </div>
  );
}

export const GroupNodeView = memo(GroupNodeViewImpl);
