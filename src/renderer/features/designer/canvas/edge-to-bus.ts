/**
 * Turning an edge into a bus: the two ports it joined become the bus's first
 * members (a bus is how three or more ports synchronise on every event); more
 * join by dragging a port to the junction. One undoable step.
 */
import { freshId, fullPortType, lookupPort } from '../../../../engine/workflow';
import type { Point, Workflow } from '../../../../engine/workflow';
import { useDocument } from '../document';
import type { DocChange } from '../document';

export function edgeToBus(
  wf: Workflow,
  edgeId: string,
): { ok: true; change: DocChange; busId: string } | { ok: false; reason: string } {
  const edge = wf.edges.find((e) => e.id === edgeId);
  if (!edge) return { ok: false, reason: `no edge "${edgeId}"` };
  const from = lookupPort(wf, edge.from);
  const to = lookupPort(wf, edge.to);
  if (!from || !to) return { ok: false, reason: `edge "${edgeId}" joins a port that does not exist` };
  if (from.port.index !== undefined || to.port.index !== undefined)
    return { ok: false, reason: 'indexed ports cannot be bus members: every instance would share the bus' };
  const channel = edge.channel === undefined ? undefined : wf.channels.find((c) => c.id === edge.channel);
  if (channel?.capacity !== undefined)
    return {
      ok: false,
      reason: 'a buffered edge cannot become a bus (a bus is a synchronisation); make it synchronous first',
    };
  const name = channel?.name ?? edge.id;
  const id = freshId({ ...wf, edges: wf.edges.filter((e) => e.id !== edgeId) }, 'bus', name);
  const type = fullPortType(from.node, from.port);
  const a = wf.layout[from.node.id];
  const b = wf.layout[to.node.id];
  const position: Point =
    a && b ? { x: Math.round((a.x + b.x) / 2 + 110), y: Math.round((a.y + b.y) / 2) } : { x: 80, y: 80 };
  return {
    ok: true,
    busId: id,
    change: {
      type: 'batch',
      label: `Turn ${name} into a bus`,
      changes: [
        { type: 'elements.remove', nodes: [], edges: [edgeId] },
        {
          type: 'bus.add',
          bus: {
            id,
            name,
            ...(type === '' ? {} : { type }),
            members: [edge.from, edge.to],
            ...(channel?.hidden ? { hidden: true } : {}),
          },
          position,
        },
      ],
    },
  };
}

/** Turns the selected edge into a bus and selects the bus; the reason when it cannot. */
export function selectedEdgeToBus(): string | undefined {
  const doc = useDocument.getState();
  const [edgeId] = doc.selection.edges;
  if (!doc.workflow || edgeId === undefined || doc.selection.edges.length !== 1) return 'select one edge';
  const plan = edgeToBus(doc.workflow, edgeId);
  if (!plan.ok) return plan.reason;
  const r = doc.apply(plan.change);
  if (!r.ok) return r.reason;
  doc.select({ nodes: [plan.busId], edges: [] });
  return undefined;
}
