/**
 * Layered layout of a workflow's drawing, as data: the graph handed to a
 * layout engine (ELK's JSON format: node sizes, ports at the places the
 * canvas draws them, the edges and bus lines) and the positions read back.
 *
 * The engine stays pure: it never runs ELK itself. Callers pass a runner in
 * (`ImportOptions.layout`, the designer's Auto-layout), the same way a clock
 * is passed in. One request shape means imports and the canvas's auto-layout
 * produce the same picture.
 */
import type { Point, ProcessNode, Workflow } from './model';

/** Node geometry shared with the canvas (it draws nodes at exactly these sizes). */
export const NODE_WIDTH = 220;
export const NODE_HEADER = 34;
export const NODE_SUMMARY = 24;
export const PORT_ROW = 22;
export const NODE_PADDING = 8;
export const BUS_SIZE = 30;
/** The first port row's top edge, from the node's top. */
export const PORTS_TOP = NODE_HEADER + NODE_SUMMARY;

export function nodeHeight(node: ProcessNode): number {
  const ins = node.ports.filter((p) => p.dir === 'in').length;
  const outs = node.ports.length - ins;
  return PORTS_TOP + Math.max(1, ins, outs) * PORT_ROW + NODE_PADDING;
}

export interface LayoutPort {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly layoutOptions: Readonly<Record<string, string>>;
}

export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly ports: readonly LayoutPort[];
  readonly layoutOptions: Readonly<Record<string, string>>;
  /** Set by the layout engine. */
  x?: number;
  y?: number;
}

export interface LayoutEdge {
  readonly id: string;
  readonly sources: readonly string[];
  readonly targets: readonly string[];
}

export interface LayoutGraph {
  readonly id: string;
  readonly layoutOptions: Readonly<Record<string, string>>;
  readonly children: LayoutNode[];
  readonly edges: readonly LayoutEdge[];
}

/** Runs a layout engine over a request synchronously, returning the graph with positions (ELK mutates and returns it). */
export type LayoutRunner = (graph: LayoutGraph) => LayoutGraph;

/**
 * ELK layered: left to right along the edges, cycles broken (feedback edges
 * drawn backwards), crossings reduced, document order kept where it does not
 * cost crossings, disconnected parts packed side by side.
 */
export const LAYOUT_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.randomSeed': '1',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.componentComponent': '80',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.separateConnectedComponents': 'true',
};

const PORT_SIZE = 8;
const FIXED = { 'elk.portConstraints': 'FIXED_POS' };

function processNode(node: ProcessNode): LayoutNode {
  let ins = 0;
  let outs = 0;
  const ports = node.ports.map((p): LayoutPort => {
    const row = p.dir === 'in' ? ins++ : outs++;
    const y = PORTS_TOP + row * PORT_ROW + PORT_ROW / 2 - PORT_SIZE / 2;
    const west = p.dir === 'in';
    return {
      id: `${node.id}.${p.name}`,
      x: west ? -PORT_SIZE : NODE_WIDTH,
      y,
      width: PORT_SIZE,
      height: PORT_SIZE,
      layoutOptions: { 'elk.port.side': west ? 'WEST' : 'EAST' },
    };
  });
  return { id: node.id, width: NODE_WIDTH, height: nodeHeight(node), ports, layoutOptions: FIXED };
}

/** Port ids of a bus junction: writers come in on the left, readers leave on the right. */
export const busPortIn = (busId: string): string => `${busId}.<in>`;
export const busPortOut = (busId: string): string => `${busId}.<out>`;

/** The layout request for the whole workflow (processes and buses; edges and bus lines). */
export function layoutRequest(wf: Workflow): LayoutGraph {
  const children: LayoutNode[] = wf.processes.map(processNode);
  const dirs = new Map<string, 'in' | 'out'>();
  for (const n of wf.processes) for (const p of n.ports) dirs.set(`${n.id}.${p.name}`, p.dir);
  const edges: LayoutEdge[] = [];
  for (const e of wf.edges)
    if (dirs.has(e.from) && dirs.has(e.to)) edges.push({ id: e.id, sources: [e.from], targets: [e.to] });
  for (const b of wf.buses) {
    const half = BUS_SIZE / 2 - PORT_SIZE / 2;
    children.push({
      id: b.id,
      width: BUS_SIZE,
      height: BUS_SIZE,
      layoutOptions: FIXED,
      ports: [
        {
          id: busPortIn(b.id),
          x: -PORT_SIZE,
          y: half,
          width: PORT_SIZE,
          height: PORT_SIZE,
          layoutOptions: { 'elk.port.side': 'WEST' },
        },
        {
          id: busPortOut(b.id),
          x: BUS_SIZE,
          y: half,
          width: PORT_SIZE,
          height: PORT_SIZE,
          layoutOptions: { 'elk.port.side': 'EAST' },
        },
      ],
    });
    b.members.forEach((m, i) => {
      const dir = dirs.get(m);
      if (dir === undefined) return;
      const id = `${b.id}#${i}`;
      edges.push(
        dir === 'in'
          ? { id, sources: [busPortOut(b.id)], targets: [m] }
          : { id, sources: [m], targets: [busPortIn(b.id)] },
      );
    });
  }
  return { id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges };
}

/** Top-left positions by node id from a laid-out graph, moved so the drawing starts at `origin`, on whole pixels. */
export function layoutPositions(graph: LayoutGraph, origin: Point = { x: 80, y: 80 }): Record<string, Point> {
  const placed = graph.children.filter((c) => c.x !== undefined && c.y !== undefined);
  const left = Math.min(...placed.map((c) => c.x!));
  const top = Math.min(...placed.map((c) => c.y!));
  const out: Record<string, Point> = {};
  for (const c of placed) out[c.id] = { x: Math.round(c.x! - left + origin.x), y: Math.round(c.y! - top + origin.y) };
  return out;
}
