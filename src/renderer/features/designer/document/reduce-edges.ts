/**
 * Reducers for edges, their channel records and buses. An edge always joins an
 * existing output port to an existing input port, once; a port is either on
 * edges or a bus member, never both. Type agreement is left to validation
 * (a diagnostic, shown on the canvas), since it may be fixed by a later edit.
 */
import { BusSchema, ChannelSchema, EdgeSchema } from '../../../../engine/workflow';
import type { Bus, Channel, Edge, Point, Workflow } from '../../../../engine/workflow';
import type { ReduceResult } from './changes';
import { done, drawnIds, idProblem, parseRecord, pointProblem, portDir, refuse } from './check';
import { followMembers } from './reduce-groups';

/** Why `from → to` cannot be an edge in `wf` (ignoring edge `except`); undefined when it can. */
export function connectionProblem(wf: Workflow, from: string, to: string, except?: string): string | undefined {
  const fromDir = portDir(wf, from);
  const toDir = portDir(wf, to);
  if (fromDir === undefined) return `no port "${from}"`;
  if (toDir === undefined) return `no port "${to}"`;
  if (fromDir !== 'out') return `"${from}" is an input port; an edge goes from an output`;
  if (toDir !== 'in') return `"${to}" is an output port; an edge goes to an input`;
  const twin = wf.edges.find((e) => e.id !== except && e.from === from && e.to === to);
  if (twin) return `"${from}" is already connected to "${to}" (edge ${twin.id})`;
  for (const ref of [from, to]) {
    const bus = wf.buses.find((b) => b.members.includes(ref));
    if (bus) return `port "${ref}" is a member of bus "${bus.id}" and cannot also carry an edge`;
  }
  return undefined;
}

/** Checks `channel` as the record of `edge` (ignoring record `replacing`); returns the new channel list or a reason. */
function withChannel(
  wf: Workflow,
  edge: Edge,
  channel: Channel,
  replacing: string | undefined,
): { ok: true; channels: Channel[] } | { ok: false; reason: string } {
  if (edge.channel !== channel.id)
    return {
      ok: false,
      reason: `edge "${edge.id}" names channel "${edge.channel ?? 'none'}" but the record is "${channel.id}"`,
    };
  const others = wf.channels.filter((c) => c.id !== replacing);
  const bad = idProblem(channel.id, new Set(others.map((c) => c.id)), 'channel');
  if (bad) return { ok: false, reason: bad };
  const at = replacing === undefined ? wf.channels.length : wf.channels.findIndex((c) => c.id === replacing);
  const parsed = parseRecord(ChannelSchema, channel, ['channels', at]);
  if (!parsed.ok) return parsed;
  const channels = wf.channels.slice();
  if (replacing === undefined) channels.push(parsed.value);
  else channels[at] = parsed.value;
  return { ok: true, channels };
}

export function addEdge(wf: Workflow, edge: Edge, channel?: Channel): ReduceResult {
  const parsed = parseRecord(EdgeSchema, edge, ['edges', wf.edges.length]);
  if (!parsed.ok) return refuse(parsed.reason);
  const bad =
    idProblem(edge.id, new Set(wf.edges.map((e) => e.id)), 'edge') ?? connectionProblem(wf, edge.from, edge.to);
  if (bad) return refuse(bad);
  let channels = wf.channels;
  if (channel) {
    const next = withChannel(wf, parsed.value, channel, undefined);
    if (!next.ok) return refuse(next.reason);
    channels = next.channels;
  } else if (edge.channel !== undefined) {
    if (!wf.channels.some((c) => c.id === edge.channel)) return refuse(`no channel "${edge.channel}"`);
    if (wf.edges.some((e) => e.channel === edge.channel))
      return refuse(`channel "${edge.channel}" is already used by another edge; each edge is its own channel`);
  }
  return done({ ...wf, edges: [...wf.edges, parsed.value], channels });
}

export function updateEdge(wf: Workflow, id: string, edge: Edge, channel?: Channel | null): ReduceResult {
  const index = wf.edges.findIndex((e) => e.id === id);
  const old = wf.edges[index];
  if (!old) return refuse(`no edge "${id}"`);
  const parsed = parseRecord(EdgeSchema, edge, ['edges', index]);
  if (!parsed.ok) return refuse(parsed.reason);
  const others = new Set(wf.edges.filter((e) => e.id !== id).map((e) => e.id));
  const bad =
    (edge.id === id ? undefined : idProblem(edge.id, others, 'edge')) ?? connectionProblem(wf, edge.from, edge.to, id);
  if (bad) return refuse(bad);
  let next = parsed.value;
  let channels = wf.channels;
  const oldRecord =
    old.channel !== undefined && wf.channels.some((c) => c.id === old.channel) ? old.channel : undefined;
  if (channel === null) {
    channels = wf.channels.filter((c) => c.id !== oldRecord);
    const { channel: _dropped, ...rest } = next;
    next = rest;
  } else if (channel !== undefined) {
    const result = withChannel(wf, next, channel, oldRecord);
    if (!result.ok) return refuse(result.reason);
    channels = result.channels;
  } else if (next.channel !== old.channel) {
    return refuse(`edge "${id}" changes its channel to "${next.channel ?? 'none'}" without a channel record`);
  }
  const edges = wf.edges.slice();
  edges[index] = next;
  return done({ ...wf, edges, channels });
}

function busProblem(wf: Workflow, bus: Bus): string | undefined {
  const dangling = bus.members.find((ref) => portDir(wf, ref) === undefined);
  if (dangling !== undefined) return `no port "${dangling}"`;
  const twice = bus.members.find((ref, i) => bus.members.indexOf(ref) !== i);
  if (twice !== undefined) return `port "${twice}" is listed twice on bus "${bus.id}"`;
  for (const ref of bus.members) {
    const edge = wf.edges.find((e) => e.from === ref || e.to === ref);
    if (edge) return `port "${ref}" carries edge "${edge.id}" and cannot also be a bus member`;
    const other = wf.buses.find((b) => b.id !== bus.id && b.members.includes(ref));
    if (other) return `port "${ref}" is already a member of bus "${other.id}"`;
  }
  return undefined;
}

export function addBus(wf: Workflow, bus: Bus, position: Point): ReduceResult {
  const bad = idProblem(bus.id, drawnIds(wf), 'bus') ?? pointProblem(bus.id, position);
  if (bad) return refuse(bad);
  const parsed = parseRecord(BusSchema, bus, ['buses', wf.buses.length]);
  if (!parsed.ok) return refuse(parsed.reason);
  const problem = busProblem(wf, parsed.value);
  if (problem) return refuse(problem);
  return done({ ...wf, buses: [...wf.buses, parsed.value], layout: { ...wf.layout, [bus.id]: position } });
}

export function updateBus(wf: Workflow, id: string, bus: Bus): ReduceResult {
  const index = wf.buses.findIndex((b) => b.id === id);
  if (index < 0) return refuse(`no bus "${id}"`);
  if (bus.id !== id) {
    const taken = drawnIds(wf);
    taken.delete(id);
    const bad = idProblem(bus.id, taken, 'bus');
    if (bad) return refuse(bad);
  }
  const parsed = parseRecord(BusSchema, bus, ['buses', index]);
  if (!parsed.ok) return refuse(parsed.reason);
  const problem = busProblem({ ...wf, buses: wf.buses.filter((b) => b.id !== id) }, parsed.value);
  if (problem) return refuse(problem);
  const buses = wf.buses.slice();
  buses[index] = parsed.value;
  let layout = wf.layout;
  if (bus.id !== id && id in layout) {
    const { [id]: at, ...rest } = layout;
    layout = { ...rest, [bus.id]: at! };
  }
  const next = { ...wf, buses, layout };
  return done(bus.id === id ? next : followMembers(next, new Map([[id, bus.id]]), new Set()));
}
