/** Making and finding groups from the selection (the Group and Ungroup commands). */
import { freshId } from '../../../../engine/workflow';
import type { Point } from '../../../../engine/workflow';
import { useDocument } from '../document';

/** Ids of the selected groups. */
export function selectedGroups(): string[] {
  const { workflow, selection } = useDocument.getState();
  if (!workflow) return [];
  return selection.nodes.filter((id) => workflow.groups.some((g) => g.id === id));
}

/** Puts the selected nodes and buses that are in no group yet into a new group; the reason when there are none. */
export function groupSelection(): string | undefined {
  const doc = useDocument.getState();
  const wf = doc.workflow;
  if (!wf) return 'no workflow is open';
  const grouped = new Set(wf.groups.flatMap((g) => g.members));
  const members = doc.selection.nodes.filter(
    (id) => !grouped.has(id) && (wf.processes.some((p) => p.id === id) || wf.buses.some((b) => b.id === id)),
  );
  if (members.length === 0) return 'select nodes that are in no group yet';
  const names = new Set(wf.groups.map((g) => g.name));
  let name = 'Group';
  for (let n = 2; names.has(name); n++) name = `Group ${n}`;
  const id = freshId(wf, 'group', name);
  const points = members.map((m) => wf.layout[m]).filter((p): p is Point => p !== undefined);
  const position =
    points.length === 0
      ? { x: 80, y: 80 }
      : { x: Math.min(...points.map((p) => p.x)), y: Math.min(...points.map((p) => p.y)) };
  const result = doc.apply({ type: 'group.add', group: { id, name, members }, position });
  if (!result.ok) return result.reason;
  doc.select({ nodes: [id], edges: [] });
  return undefined;
}
