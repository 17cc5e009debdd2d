/**
 * The workflow as React Flow nodes and edges. Pure, and incremental: a node
 * or edge object is rebuilt only when its record, position, selection or
 * diagnostics changed, so memoised components re-render only what an edit
 * touched (the rest keep their identity).
 */
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import { MarkerType, Position } from '@xyflow/react';
import { fullPortType, lookupPort, splitPortRef } from '../../../../engine/workflow';
import type { Bus, Channel, Edge, Point, ProcessNode, Workflow } from '../../../../engine/workflow';
import type { DesignerDiagnostic } from '../diagnostics';
import {
  BUS_IN,
  BUS_OUT,
  BUS_SIZE,
  busHandles,
  defaultPosition,
  NODE_WIDTH,
  nodeHeight,
  PORT_ROW,
  PORTS_TOP,
  processHandles,
} from './geometry';
import { endpoint, groupShapes, hiddenMembers } from './groups';
import type { GroupShape } from './groups';

export interface Problems {
  readonly errors: number;
  readonly warnings: number;
  /** The first error (else warning): what the badge says and where a click on it goes. */
  readonly first: DesignerDiagnostic | undefined;
}

export const NO_PROBLEMS: Problems = { errors: 0, warnings: 0, first: undefined };

export interface ProcessData extends Record<string, unknown> {
  readonly node: ProcessNode;
  readonly problems: Problems;
}
export interface BusData extends Record<string, unknown> {
  readonly bus: Bus;
  readonly problems: Problems;
}
export interface GroupData extends Record<string, unknown> {
  readonly shape: GroupShape;
}
export type ProcessFlowNode = FlowNode<ProcessData, 'process'>;
export type BusFlowNode = FlowNode<BusData, 'bus'>;
export type GroupFlowNode = FlowNode<GroupData, 'subnet'>;
export type DesignerNode = ProcessFlowNode | BusFlowNode | GroupFlowNode;

export interface ChannelData extends Record<string, unknown> {
  readonly edge: Edge;
  readonly channel: Channel | undefined;
  /** CSPm type of the events, as seen along the edge ('' for bare events). */
  readonly type: string;
  readonly problems: Problems;
}
export interface BusMemberData extends Record<string, unknown> {
  readonly bus: Bus;
  readonly member: string;
  readonly type: string;
}
export type ChannelFlowEdge = FlowEdge<ChannelData, 'channel'>;
export type BusMemberFlowEdge = FlowEdge<BusMemberData, 'busMember'>;
export type DesignerEdge = ChannelFlowEdge | BusMemberFlowEdge;

export interface GraphInput {
  readonly workflow: Workflow;
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  /** Positions while a drag is under way (committed to the document when it ends). */
  readonly dragging: ReadonlyMap<string, Point>;
  readonly problems: (key: string) => Problems;
}

/** Counts and the first diagnostic of a list (errors before warnings). */
export function summarise(list: readonly DesignerDiagnostic[] | undefined): Problems {
  if (!list || list.length === 0) return NO_PROBLEMS;
  const errors = list.filter((d) => d.severity === 'error');
  return { errors: errors.length, warnings: list.length - errors.length, first: errors[0] ?? list[0] };
}

function sameProblems(a: Problems | undefined, b: Problems): boolean {
  return a !== undefined && a.errors === b.errors && a.warnings === b.warnings && a.first === b.first;
}

/** The xyflow edge id of a bus membership. */
export function busMemberId(busId: string, member: string): string {
  return `bus:${busId}:${member}`;
}

/** Remembers the last objects built, by id, to hand the same object back when nothing changed. */
export class GraphProjector {
  private nodes = new Map<string, DesignerNode>();
  private edges = new Map<string, DesignerEdge>();

  project(input: GraphInput): { nodes: DesignerNode[]; edges: DesignerEdge[] } {
    return { nodes: this.projectNodes(input), edges: this.projectEdges(input) };
  }

  /*
   * Sizes are computed, and handed over as `measured` too: React Flow holds a
   * fitView until every node it is given has a measured size, so a node object
   * made anew (moved, edited) without one kept Fit and Shift+1 waiting for good.
   */
  private projectNodes(input: GraphInput): DesignerNode[] {
    const { workflow: wf, selectedNodes, dragging } = input;
    const next = new Map<string, DesignerNode>();
    const place = (id: string, index: number): Point => dragging.get(id) ?? wf.layout[id] ?? defaultPosition(index);
    const hidden = hiddenMembers(wf);
    const index = new Map<string, number>([
      ...wf.processes.map((p, i) => [p.id, i] as const),
      ...wf.buses.map((b, i) => [b.id, wf.processes.length + i] as const),
    ]);
    // Group frames first: React Flow draws later nodes on top, so members sit on their frame.
    for (const shape of groupShapes(wf, (id) => place(id, index.get(id) ?? 0))) {
      const { group } = shape;
      const position = shape.collapsed ? (dragging.get(group.id) ?? shape.position) : shape.position;
      next.set(group.id, {
        id: group.id,
        type: 'subnet',
        position,
        data: { shape },
        selected: selectedNodes.has(group.id),
        width: shape.width,
        height: shape.height,
        measured: { width: shape.width, height: shape.height },
        handles: shape.ports.map((p, i) => {
          const row = shape.ports.slice(0, i).filter((q) => q.side === p.side).length;
          const y = PORTS_TOP + row * PORT_ROW + PORT_ROW / 2 - 5;
          return p.side === 'in'
            ? { id: p.handle, type: 'target' as const, position: Position.Left, x: -5, y, width: 10, height: 10 }
            : {
                id: p.handle,
                type: 'source' as const,
                position: Position.Right,
                x: shape.width - 5,
                y,
                width: 10,
                height: 10,
              };
        }),
        ariaLabel: shape.collapsed ? `Group ${group.name} (collapsed)` : `Group ${group.name}`,
        // A frame lies behind its members; a collapsed group stands in front of what it may overlap.
        zIndex: shape.collapsed ? 1 : -1,
      });
    }
    wf.processes.forEach((node, i) => {
      if (hidden.has(node.id)) return;
      const position = place(node.id, i);
      const selected = selectedNodes.has(node.id);
      const problems = input.problems(`node:${node.id}`);
      const old = this.nodes.get(node.id);
      const reuse =
        old?.type === 'process' &&
        old.data.node === node &&
        old.position.x === position.x &&
        old.position.y === position.y &&
        old.selected === selected &&
        sameProblems(old.data.problems, problems);
      next.set(
        node.id,
        reuse
          ? old
          : {
              id: node.id,
              type: 'process',
              position,
              data: { node, problems },
              selected,
              width: NODE_WIDTH,
              height: nodeHeight(node),
              measured: { width: NODE_WIDTH, height: nodeHeight(node) },
              handles: processHandles(node),
              ariaLabel: node.name,
            },
      );
    });
    wf.buses.forEach((bus, i) => {
      if (hidden.has(bus.id)) return;
      const position = place(bus.id, wf.processes.length + i);
      const selected = selectedNodes.has(bus.id);
      const problems = input.problems(`bus:${bus.id}`);
      const old = this.nodes.get(bus.id);
      const reuse =
        old?.type === 'bus' &&
        old.data.bus === bus &&
        old.position.x === position.x &&
        old.position.y === position.y &&
        old.selected === selected &&
        sameProblems(old.data.problems, problems);
      next.set(
        bus.id,
        reuse
          ? old
          : {
              id: bus.id,
              type: 'bus',
              position,
              data: { bus, problems },
              selected,
              width: BUS_SIZE,
              height: BUS_SIZE,
              measured: { width: BUS_SIZE, height: BUS_SIZE },
              handles: busHandles(),
              ariaLabel: `Bus ${bus.name}`,
            },
      );
    });
    this.nodes = next;
    return [...next.values()];
  }

  private projectEdges(input: GraphInput): DesignerEdge[] {
    const { workflow: wf, selectedEdges } = input;
    const channels = new Map(wf.channels.map((c) => [c.id, c]));
    const next = new Map<string, DesignerEdge>();
    const hidden = hiddenMembers(wf);
    // An end inside a collapsed group is drawn on the group; a line with both ends in one collapsed group is not drawn.
    const ends = (sn: string, sh: string, tn: string, th: string) => {
      const source = endpoint(hidden, sn, sh);
      const target = endpoint(hidden, tn, th);
      return source.node === target.node && hidden.has(sn) ? undefined : { source, target };
    };
    const sameEnds = (old: DesignerEdge, e: NonNullable<ReturnType<typeof ends>>): boolean =>
      old.source === e.source.node &&
      old.sourceHandle === e.source.handle &&
      old.target === e.target.node &&
      old.targetHandle === e.target.handle;
    for (const edge of wf.edges) {
      const from = splitPortRef(edge.from);
      const to = splitPortRef(edge.to);
      const at = ends(from.node, from.port, to.node, to.port);
      if (!at) continue;
      const channel = edge.channel === undefined ? undefined : channels.get(edge.channel);
      const selected = selectedEdges.has(edge.id);
      const problems = input.problems(`edge:${edge.id}`);
      const type = edgeType(wf, edge, channel);
      const old = this.edges.get(edge.id);
      const reuse =
        old?.type === 'channel' &&
        old.data?.edge === edge &&
        old.data?.channel === channel &&
        old.data?.type === type &&
        old.selected === selected &&
        sameEnds(old, at) &&
        sameProblems(old.data?.problems, problems);
      if (reuse) {
        next.set(edge.id, old);
        continue;
      }
      next.set(edge.id, {
        id: edge.id,
        type: 'channel',
        source: at.source.node,
        sourceHandle: at.source.handle,
        target: at.target.node,
        targetHandle: at.target.handle,
        selected,
        data: { edge, channel, type, problems },
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        ariaLabel: `Channel ${channel?.name ?? edge.id} from ${edge.from} to ${edge.to}`,
      });
    }
    for (const bus of wf.buses) {
      for (const member of bus.members) {
        const id = busMemberId(bus.id, member);
        const old = this.edges.get(id);
        const port = lookupPort(wf, member);
        const type = port ? fullPortType(port.node, { ...port.port, index: undefined }) : '';
        const { node, port: portName } = splitPortRef(member);
        const writes = port?.port.dir !== 'in';
        const at = writes ? ends(node, portName, bus.id, BUS_IN) : ends(bus.id, BUS_OUT, node, portName);
        if (!at) continue;
        if (old?.type === 'busMember' && old.data?.bus === bus && old.data?.type === type && sameEnds(old, at)) {
          next.set(id, old);
          continue;
        }
        next.set(id, {
          id,
          type: 'busMember',
          source: at.source.node,
          sourceHandle: at.source.handle,
          target: at.target.node,
          targetHandle: at.target.handle,
          data: { bus, member, type },
          selectable: false,
          markerEnd: { type: MarkerType.ArrowClosed, width: 12, height: 12 },
          ariaLabel: `Bus ${bus.name} member ${member}`,
        });
      }
    }
    this.edges = next;
    return [...next.values()];
  }
}

/** The CSPm type carried along an edge, from its output port (a JSON port takes its channel's check type). */
export function edgeType(wf: Workflow, edge: Edge, channel: Channel | undefined): string {
  const from = lookupPort(wf, edge.from);
  if (!from) return '';
  if (from.port.type === 'json') return channel?.json?.checkType ?? 'json';
  return fullPortType(from.node, from.port);
}
