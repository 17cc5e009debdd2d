/** A process node: kind colour and icon, name, a one-line summary, ports as handles, a problem badge. */
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ReactElement } from 'react';
import { parseReplicate } from '../../../../engine/workflow';
import type { Port, ProcessNode } from '../../../../engine/workflow';
import { KindIcon } from '../kinds/KindIcon';
import { kindInfo } from '../kinds/kinds';
import { nodeSummary } from '../kinds/summary';
import { useReveal } from '../../../state/reveal-store';
import { useNodeHighlight } from './canvas-store';
import { PORT_ROW, PORTS_TOP } from './geometry';
import type { ProcessFlowNode, Problems } from './graph';
import { HighlightTag } from './HighlightTag';
import { RunBadge } from './RunBadge';
import { useNodeRun } from './run-layer';

function portTitle(node: ProcessNode, port: Port): string {
  const index = port.index === undefined ? '' : `[${port.index}]`;
  const dir = port.dir === 'in' ? 'input' : 'output';
  return `${dir} ${port.name}${index}: ${port.type ?? 'bare event'}${port.description ? ` — ${port.description}` : ''}`;
}

function indexSet(replicate: string): string {
  const { variable, set } = parseReplicate(replicate);
  return `${variable} ∈ ${set}`;
}

function Badge({ id, problems }: { id: string; problems: Problems }): ReactElement | null {
  const first = problems.first;
  if (!first) return null;
  const error = problems.errors > 0;
  const count = error ? problems.errors : problems.warnings;
  const label = `${count} ${error ? 'error' : 'warning'}${count === 1 ? '' : 's'}: ${first.message}`;
  return (
    <button
      type="button"
      className={`dn-badge nodrag ${error ? 'error' : 'warning'}`}
      aria-label={`Problems of ${id}: ${label}`}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        useReveal.getState().reveal({ kind: 'node', id, path: first.path });
      }}
    >
      {error ? '!' : '△'}
      {count > 1 ? <span>{count}</span> : null}
    </button>
  );
}

function Ports({ node }: { node: ProcessNode }): ReactElement {
  const ins = node.ports.filter((p) => p.dir === 'in');
  const outs = node.ports.filter((p) => p.dir === 'out');
  const row = (i: number): number => PORTS_TOP + i * PORT_ROW + PORT_ROW / 2;
  return (
    <>
      {ins.map((p, i) => (
        <div key={`in:${p.name}`} className="dn-port in" style={{ top: row(i) }} title={portTitle(node, p)}>
          <Handle
            type="target"
            position={Position.Left}
            id={p.name}
            aria-label={`Input port ${p.name} of ${node.name}`}
          />
          <span>
            {p.name}
            {p.index !== undefined ? <em>[{p.index}]</em> : null}
          </span>
        </div>
      ))}
      {outs.map((p, i) => (
        <div key={`out:${p.name}`} className="dn-port out" style={{ top: row(i) }} title={portTitle(node, p)}>
          <span>
            {p.name}
            {p.index !== undefined ? <em>[{p.index}]</em> : null}
          </span>
          <Handle
            type="source"
            position={Position.Right}
            id={p.name}
            aria-label={`Output port ${p.name} of ${node.name}`}
          />
        </div>
      ))}
    </>
  );
}

function ProcessNodeViewImpl({ id, data, selected, width, height }: NodeProps<ProcessFlowNode>): ReactElement {
  const { node, problems } = data;
  const info = kindInfo(node.kind);
  const summary = nodeSummary(node);
  const lit = useNodeHighlight(id);
  const run = useNodeRun(id);
  const ring = run ? ` run-${run.status}${run.cycle ? ' run-cycle' : ''}` : '';
  const state = problems.errors > 0 ? ' has-error' : problems.warnings > 0 ? ' has-warning' : '';
  return (
    <div
      className={`dn dn-${info.family}${selected ? ' selected' : ''}${node.replicate ? ' replicated' : ''}${state}${lit !== undefined ? ' highlighted' : ''}${ring}`}
      style={{ width, height }}
      data-kind={node.kind}
    >
      <HighlightTag label={lit} of={node.name} />
      {run ? <RunBadge run={run} of={node.name} /> : null}
      <header className="dn-head">
        <span className="dn-icon" title={info.label}>
          <KindIcon kind={node.kind} />
        </span>
        <span className="dn-name" title={`${node.name} (${node.id})`}>
          {node.name}
        </span>
        {node.replicate ? (
          <span className="dn-index" title={`Replicated: one instance for each ${indexSet(node.replicate)}`}>
            {indexSet(node.replicate)}
          </span>
        ) : null}
        <Badge id={node.id} problems={problems} />
      </header>
      <div className="dn-summary" title={summary}>
        {summary}
      </div>
      <Ports node={node} />
    </div>
  );
}

export const ProcessNodeView = memo(ProcessNodeViewImpl);
