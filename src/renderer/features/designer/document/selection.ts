/** What is selected on the canvas: node, bus and group ids, and edge ids. */
import type { Workflow } from '../../../../engine/workflow';
import type { DocChange } from './changes';

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

/**
 * The selection after `wf` became the document: ids that are gone are dropped,
 * and a node whose id a change renamed stays selected under its new id.
 */
export function pruneSelection(sel: Selection, wf: Workflow, change?: DocChange): Selection {
  if (sel.nodes.length === 0 && sel.edges.length === 0) return sel;
  const renamed = new Map<string, string>();
  if (change?.type === 'node.update' || change?.type === 'bus.update')
    renamed.set(change.id, change.type === 'node.update' ? change.node.id : change.bus.id);
  if (change?.type === 'edge.update') renamed.set(change.id, change.edge.id);
  if (change?.type === 'group.update') renamed.set(change.id, change.group.id);
  const follow = (id: string): string => renamed.get(id) ?? id;
  const nodeIds = new Set([
    ...wf.processes.map((p) => p.id),
    ...wf.buses.map((b) => b.id),
    ...wf.groups.map((g) => g.id),
  ]);
  const edgeIds = new Set(wf.edges.map((e) => e.id));
  const nodes = sel.nodes.map(follow).filter((id) => nodeIds.has(id));
  const edges = sel.edges.map(follow).filter((id) => edgeIds.has(id));
  const same =
    nodes.length === sel.nodes.length &&
    edges.length === sel.edges.length &&
    nodes.every((n, i) => n === sel.nodes[i]) &&
    edges.every((e, i) => e === sel.edges[i]);
  return same ? sel : { nodes, edges };
}
