/**
 * Reducers for groups: add, update, dissolve, and keeping their member lists
 * true when nodes are renamed or removed. A node or bus is in at most one
 * group; a group holds at least one member.
 */
import { GroupSchema } from '../../../../engine/workflow';
import type { Group, Point, Workflow } from '../../../../engine/workflow';
import type { ReduceResult } from './changes';
import { done, drawnIds, idProblem, parseRecord, pointProblem, refuse } from './check';

function memberProblem(wf: Workflow, group: Group): string | undefined {
  const groupable = new Set([...wf.processes.map((p) => p.id), ...wf.buses.map((b) => b.id)]);
  for (const m of group.members) {
    if (!groupable.has(m)) return `no node or bus "${m}" to group`;
    const other = wf.groups.find((g) => g.id !== group.id && g.members.includes(m));
    if (other) return `"${m}" is already in group "${other.id}"; a node belongs to at most one group`;
  }
  const twice = group.members.find((m, i) => group.members.indexOf(m) !== i);
  return twice === undefined ? undefined : `"${twice}" is listed twice in group "${group.id}"`;
}

export function addGroup(wf: Workflow, group: Group, position: Point): ReduceResult {
  const bad = idProblem(group.id, drawnIds(wf), 'group') ?? pointProblem(group.id, position);
  if (bad) return refuse(bad);
  const parsed = parseRecord(GroupSchema, group, ['groups', wf.groups.length]);
  if (!parsed.ok) return refuse(parsed.reason);
  const problem = memberProblem(wf, parsed.value);
  if (problem) return refuse(problem);
  return done({ ...wf, groups: [...wf.groups, parsed.value], layout: { ...wf.layout, [group.id]: position } });
}

export function updateGroup(wf: Workflow, id: string, group: Group): ReduceResult {
  const index = wf.groups.findIndex((g) => g.id === id);
  if (index < 0) return refuse(`no group "${id}"`);
  if (group.id !== id) {
    const taken = drawnIds(wf);
    taken.delete(id);
    const bad = idProblem(group.id, taken, 'group');
    if (bad) return refuse(bad);
  }
  const parsed = parseRecord(GroupSchema, group, ['groups', index]);
  if (!parsed.ok) return refuse(parsed.reason);
  const problem = memberProblem({ ...wf, groups: wf.groups.filter((g) => g.id !== id) }, parsed.value);
  if (problem) return refuse(problem);
  const groups = wf.groups.slice();
  groups[index] = parsed.value;
  let layout = wf.layout;
  if (group.id !== id && id in layout) {
    const { [id]: at, ...rest } = layout;
    layout = { ...rest, [group.id]: at! };
  }
  return done({ ...wf, groups, layout });
}

export function dissolveGroup(wf: Workflow, id: string): ReduceResult {
  if (!wf.groups.some((g) => g.id === id)) return refuse(`no group "${id}"`);
  const { [id]: _gone, ...layout } = wf.layout;
  return done({ ...wf, groups: wf.groups.filter((g) => g.id !== id), layout });
}

/**
 * Group member lists after nodes were renamed (`rename`) or removed (`gone`);
 * a group left empty goes, with its layout entry.
 */
export function followMembers(wf: Workflow, rename: ReadonlyMap<string, string>, gone: ReadonlySet<string>): Workflow {
  if (wf.groups.length === 0) return wf;
  let changed = false;
  const layout = { ...wf.layout };
  const groups: Group[] = [];
  for (const g of wf.groups) {
    const members = g.members.filter((m) => !gone.has(m)).map((m) => rename.get(m) ?? m);
    const same = members.length === g.members.length && members.every((m, i) => m === g.members[i]);
    if (same) {
      groups.push(g);
      continue;
    }
    changed = true;
    if (members.length === 0) delete layout[g.id];
    else groups.push({ ...g, members });
  }
  return changed ? { ...wf, groups, layout } : wf;
}
