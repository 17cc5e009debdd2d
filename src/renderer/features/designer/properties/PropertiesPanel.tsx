/**
 * The inspector: properties of the selected node, edge or bus, or of the
 * workflow when nothing is selected. A badge or a problem that asks for a
 * field selects its element here first, then the field takes focus.
 */
import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useCanvas } from '../canvas/canvas-store';
import { useDocument } from '../document';
import { BusProperties } from './BusProperties';
import { EdgeProperties } from './EdgeProperties';
import { GroupProperties } from './GroupProperties';
import { NodeProperties } from './NodeProperties';
import { WorkflowProperties } from './WorkflowProperties';
import '../designer.css';

function Selected(): ReactElement {
  const workflow = useDocument((s) => s.workflow);
  const selection = useDocument((s) => s.selection);
  if (!workflow) return <p className="muted props-empty">Open a workflow to see its properties.</p>;
  const count = selection.nodes.length + selection.edges.length;
  if (count === 0) return <WorkflowProperties workflow={workflow} />;
  if (count > 1) {
    return (
      <div className="props">
        <header className="props-title">
          <div>
            <h2>{count} selected</h2>
            <span className="muted">
              {selection.nodes.length} nodes, {selection.edges.length} edges. Delete, copy, duplicate or move them
              together.
            </span>
          </div>
        </header>
      </div>
    );
  }
  const [nodeId] = selection.nodes;
  const [edgeId] = selection.edges;
  const node = nodeId === undefined ? undefined : workflow.processes.find((p) => p.id === nodeId);
  if (node) return <NodeProperties node={node} />;
  const bus = nodeId === undefined ? undefined : workflow.buses.find((b) => b.id === nodeId);
  if (bus) return <BusProperties bus={bus} />;
  const group = nodeId === undefined ? undefined : workflow.groups.find((g) => g.id === nodeId);
  if (group) return <GroupProperties workflow={workflow} group={group} />;
  const edge = edgeId === undefined ? undefined : workflow.edges.find((e) => e.id === edgeId);
  if (edge) return <EdgeProperties workflow={workflow} edge={edge} />;
  return <WorkflowProperties workflow={workflow} />;
}

export function PropertiesPanel(): ReactElement {
  const focus = useCanvas((s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    const { target } = focus;
    const doc = useDocument.getState();
    if (target.kind === 'node' || target.kind === 'bus') doc.select({ nodes: [target.id ?? ''], edges: [] });
    else if (target.kind === 'edge') doc.select({ nodes: [], edges: [target.id ?? ''] });
    else doc.select({ nodes: [], edges: [] });
  }, [focus]);
  return (
    <div className="properties-panel" role="region" aria-label="Properties">
      <Selected />
    </div>
  );
}
