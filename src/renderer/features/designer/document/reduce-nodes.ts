/**
 * Reducers for nodes: add, update (with id and port renames followed by every
 * reference), move, and remove (with the edges, channel records and bus
 * memberships that would dangle). Pure: a new workflow or a reason.
 */
import { ProcessSchema, splitPortRef } from '../../../../engine/workflow';
import type { Bus, Point, ProcessNode, Workflow } from '../../../../engine/workflow';
import type { ReduceResult } from './changes';
import { done, drawnIds, idProblem, parseRecord, pointProblem, refNode, refuse } from './check';
import { followMembers } from './reduce-groups';

export function addNode(wf: Workflow, node: ProcessNode, position: Point): ReduceResult {
  const bad = idProblem(node.id, drawnIds(wf), 'node') ?? pointProblem(node.id, position);
  if (bad) return refuse(bad);
  const parsed = parseRecord(ProcessSchema, node, ['processes', wf.processes.length]);
  if (!parsed.ok) return refuse(parsed.reason);
  return done({ ...wf, processes: [...wf.processes, parsed.value], layout: { ...wf.layout, [node.id]: position } });
}

/** Rewrites `node.port` references: the node id and port names as mapped; undefined drops the reference. */
type RefMap = (ref: string) => string | undefined;

/**
 * Applies `map` to every edge end and bus member. Edges losing an end (or in
 * `dropEdges`) go, with their channel records; buses left with fewer than two
 * members go too.
 */
function rewriteRefs(wf: Workflow, map: RefMap, dropEdges: ReadonlySet<string> = new Set()): Workflow {
  const edges: Workflow['edges'] = [];
  const dropped = new Set<string>();
  for (const e of wf.edges) {
    const from = map(e.from);
    const to = map(e.to);
    if (from === undefined || to === undefined || dropEdges.has(e.id)) {
      if (e.channel !== undefined) dropped.add(e.channel);
      continue;
    }
    edges.push(from === e.from && to === e.to ? e : { ...e, from, to });
  }
  const buses: Bus[] = [];
  const layout = { ...wf.layout };
  for (const b of wf.buses) {
    const members = b.members.map(map).filter((m): m is string => m !== undefined);
    // A bus joins at least two ports; one left over is no longer a bus.
    if (members.length < 2) {
      delete layout[b.id];
      continue;
    }
    const same = members.length === b.members.length && members.every((m, i) => m === b.members[i]);
    buses.push(same ? b : { ...b, members });
  }
  const stillUsed = new Set(edges.map((e) => e.channel));
  const channels = wf.channels.filter((c) => !dropped.has(c.id) || stillUsed.has(c.id));
  return { ...wf, edges, buses, channels, layout };
}

export function updateNode(
  wf: Workflow,
  id: string,
  node: ProcessNode,
  portRenames: Readonly<Record<string, string>> = {},
): ReduceResult {
  const index = wf.processes.findIndex((p) => p.id === id);
  const old = wf.processes[index];
  if (!old) return refuse(`no node "${id}"`);
  if (node.id !== id) {
    const taken = drawnIds(wf);
    taken.delete(id);
    const bad = idProblem(node.id, taken, 'node');
    if (bad) return refuse(bad);
  }
  const parsed = parseRecord(ProcessSchema, node, ['processes', index]);
  if (!parsed.ok) return refuse(parsed.reason);
  const names = new Set(parsed.value.ports.map((p) => p.name));
  for (const [from, to] of Object.entries(portRenames)) {
    if (!old.ports.some((p) => p.name === from)) return refuse(`node "${id}" has no port "${from}" to rename`);
    if (!names.has(to)) return refuse(`renamed port "${to}" is not a port of the new node`);
  }
  const processes = wf.processes.slice();
  processes[index] = parsed.value;
  let next: Workflow = { ...wf, processes };
  const portsChanged =
    old.ports.length !== parsed.value.ports.length || old.ports.some((p, i) => p.name !== parsed.value.ports[i]?.name);
  if (node.id !== id || portsChanged) {
    next = rewriteRefs(next, (ref) => {
      const { node: n, port } = splitPortRef(ref);
      if (n !== id) return ref;
      const name = portRenames[port] ?? port;
      return names.has(name) ? `${node.id}.${name}` : undefined;
    });
  }
  if (node.id !== id && id in next.layout) {
    const { [id]: at, ...rest } = next.layout;
    next = { ...next, layout: { ...rest, [node.id]: at! } };
  }
  if (node.id !== id) next = followMembers(next, new Map([[id, node.id]]), new Set());
  return done(next);
}

export function moveNodes(wf: Workflow, positions: Readonly<Record<string, Point>>): ReduceResult {
  const ids = drawnIds(wf);
  for (const [id, p] of Object.entries(positions)) {
    if (!ids.has(id)) return refuse(`no node "${id}" to move`);
    const bad = pointProblem(id, p);
    if (bad) return refuse(bad);
  }
  return done({ ...wf, layout: { ...wf.layout, ...positions } });
}

export function removeElements(wf: Workflow, nodeIds: readonly string[], edgeIds: readonly string[]): ReduceResult {
  const ids = drawnIds(wf);
  const missing = nodeIds.find((id) => !ids.has(id));
  if (missing !== undefined) return refuse(`no node "${missing}" to delete`);
  const known = new Set(wf.edges.map((e) => e.id));
  const missingEdge = edgeIds.find((id) => !known.has(id));
  if (missingEdge !== undefined) return refuse(`no edge "${missingEdge}" to delete`);
  // A deleted group takes its members with it.
  const groups = new Set(nodeIds.filter((id) => wf.groups.some((g) => g.id === id)));
  const gone = new Set(nodeIds);
  for (const g of wf.groups) if (groups.has(g.id)) for (const m of g.members) gone.add(m);
  const layout = { ...wf.layout };
  for (const id of gone) delete layout[id];
  const kept: Workflow = {
    ...wf,
    processes: wf.processes.filter((p) => !gone.has(p.id)),
    buses: wf.buses.filter((b) => !gone.has(b.id)),
    groups: wf.groups.filter((g) => !groups.has(g.id)),
    layout,
  };
  const next = rewriteRefs(kept, (ref) => (gone.has(refNode(ref)) ? undefined : ref), new Set(edgeIds));
  return done(followMembers(next, new Map(), gone));
}
