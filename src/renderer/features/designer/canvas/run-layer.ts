/**
 * The run layer: what a run shows on the canvas, written by the debugger
 * (features/runs) and read by the node and edge views with narrow selectors.
 * The designer does not know about runs: it only draws what this store says.
 *
 *  - `active`: a run is open. The canvas is read-only (no moves, connections
 *    or drops) and its frame is tinted; the document refuses edits separately.
 *  - `nodes`: per node id, its state ring (running, waiting on which channel,
 *    done, failed) and whether it is on a deadlock's wait-for cycle.
 *  - `edges`: per edge id, messages queued on a buffered edge (a gauge), the
 *    step that last fired on it (a flash), and whether it is on the cycle.
 *
 * The writer keeps the object of an element whose state did not change, so
 * `useNodeRun(id)` re-renders only the nodes that changed.
 */
import { create } from 'zustand';

export type NodeRunStatus = 'running' | 'waiting' | 'done' | 'failed';

export interface NodeRunState {
  readonly status: NodeRunStatus;
  /** Shown under the ring and read by screen readers: "waiting on lefthand", "3 running · 2 waiting". */
  readonly detail: string;
  /** On the wait-for cycle of a deadlock: drawn in red. */
  readonly cycle: boolean;
  /** The newest step when it happened on this node's own (unconnected) port, e.g. `thinks.2`. */
  readonly fired?: string;
  /** The step `fired` was (said with it, so the canvas can be matched with the trace). */
  readonly firedSeq?: number;
}

export interface EdgeRunState {
  /** Messages queued on a buffered edge, with its capacity. */
  readonly queue?: { readonly depth: number; readonly capacity: number };
  /** The step that fired on this edge last, while it is the newest step (the flash restarts per step). */
  readonly firedSeq?: number;
  /** The event that fired, shown by the flash. */
  readonly fired?: string;
  readonly cycle: boolean;
}

export interface RunLayerState {
  active: boolean;
  /** Shown on the tinted frame: "Running · Dining philosophers · seed 1". */
  label: string;
  nodes: ReadonlyMap<string, NodeRunState>;
  edges: ReadonlyMap<string, EdgeRunState>;
  setActive(active: boolean, label?: string): void;
  /** Replaces the node and edge states (keep unchanged objects: their views are not re-rendered). */
  show(nodes: ReadonlyMap<string, NodeRunState>, edges: ReadonlyMap<string, EdgeRunState>): void;
  setLabel(label: string): void;
}

const NO_NODES: ReadonlyMap<string, NodeRunState> = new Map();
const NO_EDGES: ReadonlyMap<string, EdgeRunState> = new Map();

export const useRunLayer = create<RunLayerState>((set) => ({
  active: false,
  label: '',
  nodes: NO_NODES,
  edges: NO_EDGES,
  setActive: (active, label = '') =>
    set(active ? { active, label } : { active, label: '', nodes: NO_NODES, edges: NO_EDGES }),
  show: (nodes, edges) => set({ nodes, edges }),
  setLabel: (label) => set({ label }),
}));

export function useNodeRun(id: string): NodeRunState | undefined {
  return useRunLayer((s) => s.nodes.get(id));
}

export function useEdgeRun(id: string): EdgeRunState | undefined {
  return useRunLayer((s) => s.edges.get(id));
}

export function useCanvasReadOnly(): boolean {
  return useRunLayer((s) => s.active);
}
