/**
 * The workflow as React Flow nodes and edges. Pure, and incremental: a node
 * or edge object is rebuilt only when its record, position, selection or
 * diagnostics changed, so memoised components re-render only what an edit
 * touched (the rest keep their identity).
 */
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
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
  processHandles,
} from './geometry';

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
export type ProcessFlowNode = FlowNode<ProcessData, 'process'>;
export type BusFlowNode = FlowNode<BusData, 'bus'>;
export type DesignerNode = ProcessFlowNode | BusFlowNode;

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

  private projectNodes(input: GraphInput): DesignerNode[] {
    const { workflow: wf, selectedNodes, dragging } = input;
    const next = new Map<string, DesignerNode>();
    const place = (id: string, index: number): Point => dragging.get(id) ?? wf.layout[id] ?? defaultPosition(index);
    wf.processes.forEach((node, i) => {
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
              handles: processHandles(node),
              ariaLabel: node.name,
            },
      );
    });
    wf.buses.forEach((bus, i) => {
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
    for (const edge of wf.edges) {
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
        sameProblems(old.data?.problems, problems);
      if (reuse) {
        next.set(edge.id, old);
        continue;
      }
      const from = splitPortRef(edge.from);
      const to = splitPortRef(edge.to);
      next.set(edge.id, {
        id: edge.id,
        type: 'channel',
        source: from.node,
        sourceHandle: from.port,
        target: to.node,
        targetHandle: to.port,
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
        if (old?.type === 'busMember' && old.data?.bus === bus && old.data?.type === type) {
          next.set(id, old);
          continue;
        }
        const { node, port: portName } = splitPortRef(member);
        const writes = port?.port.dir !== 'in';
        next.set(id, {
          id,
          type: 'busMember',
          source: writes ? node : bus.id,
          sourceHandle: writes ? portName : BUS_OUT,
          target: writes ? bus.id : node,
          targetHandle: writes ? BUS_IN : portName,
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
