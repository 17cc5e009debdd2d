/**
 * How groups are drawn: an expanded group is a frame around its members; a
 * collapsed one is a single node that stands for them, whose ports are the
 * members' ports joined to something outside the group. Pure geometry and
 * endpoint mapping, used by the graph projection.
 */
import { BUS_SIZE, NODE_WIDTH, nodeHeight, PORT_ROW, PORTS_TOP, splitPortRef } from '../../../../engine/workflow';
import type { Group, Point, Workflow } from '../../../../engine/workflow';
import { BUS_IN, BUS_OUT } from './geometry';

export const FRAME_PAD = 24;
export const FRAME_HEADER = 30;

/** A port of a collapsed group: the inside endpoint it stands for. */
export interface BoundaryPort {
  /** Handle id on the group node: `member:handle` (a member's port name, or a bus side). */
  readonly handle: string;
  /** `Node name.port` for people. */
  readonly label: string;
  readonly side: 'in' | 'out';
}

export interface GroupShape {
  readonly group: Group;
  readonly collapsed: boolean;
  readonly position: Point;
  readonly width: number;
  readonly height: number;
  /** Ports of a collapsed group (inputs and outputs in the order met). */
  readonly ports: readonly BoundaryPort[];
}

/** Where an edge end is drawn: a node and its handle, or the collapsed group that hides the node. */
export interface Endpoint {
  readonly node: string;
  readonly handle: string;
}

export const boundaryHandle = (node: string, handle: string): string => `${node}:${handle}`;

/** The collapsed group hiding each member. */
export function hiddenMembers(wf: Workflow): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of wf.groups) if (g.collapsed) for (const m of g.members) out.set(m, g.id);
  return out;
}

/** An edge end after collapsing: inside a collapsed group it moves onto the group, on a handle for that port. */
export function endpoint(hidden: ReadonlyMap<string, string>, node: string, handle: string): Endpoint {
  const group = hidden.get(node);
  return group === undefined ? { node, handle } : { node: group, handle: boundaryHandle(node, handle) };
}

/** Every drawn line as source and target endpoints (edges and bus memberships), before collapsing. */
function lines(wf: Workflow): { source: Endpoint; target: Endpoint }[] {
  const out: { source: Endpoint; target: Endpoint }[] = [];
  const dir = new Map<string, 'in' | 'out'>();
  for (const n of wf.processes) for (const p of n.ports) dir.set(`${n.id}.${p.name}`, p.dir);
  for (const e of wf.edges) {
    const a = splitPortRef(e.from);
    const b = splitPortRef(e.to);
    out.push({ source: { node: a.node, handle: a.port }, target: { node: b.node, handle: b.port } });
  }
  for (const bus of wf.buses) {
    for (const m of bus.members) {
      const { node, port } = splitPortRef(m);
      if (dir.get(m) === 'in') out.push({ source: { node: bus.id, handle: BUS_OUT }, target: { node, handle: port } });
      else out.push({ source: { node, handle: port }, target: { node: bus.id, handle: BUS_IN } });
    }
  }
  return out;
}

function label(wf: Workflow, node: string, handle: string): string {
  const p = wf.processes.find((x) => x.id === node);
  if (p) return `${p.name}.${handle}`;
  const b = wf.buses.find((x) => x.id === node);
  return b ? `bus ${b.name}` : `${node}.${handle}`;
}

/** The shapes of all groups, given where each node is drawn now. */
export function groupShapes(wf: Workflow, positionOf: (id: string) => Point): GroupShape[] {
  const hidden = hiddenMembers(wf);
  const boundary = new Map<string, BoundaryPort[]>();
  const add = (group: string, port: BoundaryPort): void => {
    const list = boundary.get(group) ?? [];
    if (!list.some((p) => p.handle === port.handle && p.side === port.side)) list.push(port);
    boundary.set(group, list);
  };
  for (const { source, target } of lines(wf)) {
    const gs = hidden.get(source.node);
    const gt = hidden.get(target.node);
    if (gs !== undefined && gs === gt) continue;
    if (gs !== undefined)
      add(gs, {
        handle: boundaryHandle(source.node, source.handle),
        label: label(wf, source.node, source.handle),
        side: 'out',
      });
    if (gt !== undefined)
      add(gt, {
        handle: boundaryHandle(target.node, target.handle),
        label: label(wf, target.node, target.handle),
        side: 'in',
      });
  }
  const sizeOf = (id: string): { w: number; h: number } => {
    const p = wf.processes.find((x) => x.id === id);
    return p ? { w: NODE_WIDTH, h: nodeHeight(p) } : { w: BUS_SIZE, h: BUS_SIZE };
  };
  return wf.groups.map((group) => {
    const boxes = group.members.map((m) => ({ ...positionOf(m), ...sizeOf(m) }));
    const left = Math.min(...boxes.map((b) => b.x));
    const top = Math.min(...boxes.map((b) => b.y));
    if (group.collapsed) {
      const ports = boundary.get(group.id) ?? [];
      const rows = Math.max(
        1,
        ports.filter((p) => p.side === 'in').length,
        ports.filter((p) => p.side === 'out').length,
      );
      return {
        group,
        collapsed: true,
        position: wf.layout[group.id] ?? { x: left, y: top },
        width: NODE_WIDTH + 40,
        height: PORTS_TOP + rows * PORT_ROW + 8,
        ports,
      };
    }
    const right = Math.max(...boxes.map((b) => b.x + b.w));
    const bottom = Math.max(...boxes.map((b) => b.y + b.h));
    return {
      group,
      collapsed: false,
      position: { x: left - FRAME_PAD, y: top - FRAME_PAD - FRAME_HEADER },
      width: right - left + 2 * FRAME_PAD,
      height: bottom - top + 2 * FRAME_PAD + FRAME_HEADER,
      ports: [],
    };
  });
}
