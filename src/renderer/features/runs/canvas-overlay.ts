/**
 * What a run looks like on the canvas: each node's state ring and each edge's
 * queue gauge, flash and wait-for cycle, from the run store's process states,
 * enabled items, queue depths, newest step and stop. Pure.
 *
 * Runtime names are CSPm names (`Phil(4)`, `lefthand.4.up`); the workflow's
 * source map says which node, edge or buffer each came from. A replicated
 * node gathers its instances ("2 running · 3 waiting"). Objects whose state
 * did not change are handed back as they were, so their views do not re-render.
 */
import { lookupName } from '../../../engine/workflow';
import type { SourceMap } from '../../../engine/workflow/source-map';
import type { EdgeRunState, NodeRunState, NodeRunStatus } from '../designer/canvas/run-layer';
import type { EnabledItem, ProcessState, QueueDepth, RunStep, RunStop, WaitFor } from './run-store';

export interface OverlayInput {
  readonly sourceMap: SourceMap;
  readonly processes: readonly ProcessState[];
  /** What can fire now; undefined when not known for the current step (a free run under way). */
  readonly enabled: readonly EnabledItem[] | undefined;
  readonly queues: readonly QueueDepth[];
  /** The step the run stands at, when it is in memory (it flashes along its edge). */
  readonly current: RunStep | undefined;
  readonly stop: RunStop | undefined;
}

export interface Overlay {
  readonly nodes: ReadonlyMap<string, NodeRunState>;
  readonly edges: ReadonlyMap<string, EdgeRunState>;
}

/** The node a runtime process belongs to (`Phil(4)` → phil), if any. */
export function nodeOf(map: SourceMap, process: string): string | undefined {
  const entry = lookupName(map, process);
  return entry?.kind === 'node' ? entry.id : undefined;
}

/** The edge an event or process travels on (`lefthand.4.up` → lefthand; a buffer process → its edge). */
export function edgeOf(map: SourceMap, name: string): string | undefined {
  const entry = lookupName(map, name);
  if (entry?.kind === 'edge') return entry.id;
  if (entry?.kind === 'buffer') return entry.edge;
  return undefined;
}

/** Processes on a cycle of the wait-for graph (Tarjan's strongly connected components, iterative-free for small graphs). */
export function waitCycle(waiting: readonly WaitFor[]): Set<string> {
  const next = new Map<string, string[]>();
  for (const w of waiting) next.set(w.process, [...new Set(w.waitsOn.filter((o) => !o.ended).map((o) => o.on))]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycle = new Set<string>();
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) for (const c of component) cycle.add(c);
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycle;
}

function instanceStatus(p: ProcessState, input: OverlayInput, active: ReadonlySet<string>): NodeRunStatus {
  const { stop } = input;
  if ((stop?.reason === 'error' || stop?.reason === 'violation') && stop.process === p.name) return 'failed';
  if (p.terminated) return 'done';
  if (stop?.reason === 'deadlock') return 'waiting';
  if (input.enabled === undefined) return 'running';
  return active.has(p.name) ? 'running' : 'waiting';
}

function waitingDetail(p: string, waiting: readonly WaitFor[] | undefined): string {
  const w = waiting?.find((x) => x.process === p);
  const on = w?.waitsOn.filter((o) => !o.ended) ?? [];
  if (on.length === 0) return 'waiting';
  const first = on[0]!;
  return `waiting on ${first.events[0] ?? first.on} (${first.on})${on.length > 1 ? ` +${on.length - 1}` : ''}`;
}

const ORDER: readonly NodeRunStatus[] = ['failed', 'running', 'waiting', 'done'];

function sameNode(a: NodeRunState | undefined, b: NodeRunState): boolean {
  return (
    a !== undefined &&
    a.status === b.status &&
    a.detail === b.detail &&
    a.cycle === b.cycle &&
    a.fired === b.fired &&
    a.firedSeq === b.firedSeq
  );
}

function sameEdge(a: EdgeRunState | undefined, b: EdgeRunState): boolean {
  return (
    a !== undefined &&
    a.cycle === b.cycle &&
    a.firedSeq === b.firedSeq &&
    a.fired === b.fired &&
    a.queue?.depth === b.queue?.depth &&
    a.queue?.capacity === b.queue?.capacity
  );
}

export function projectRun(input: OverlayInput, previous?: Overlay): Overlay {
  const map = input.sourceMap;
  const active = new Set((input.enabled ?? []).flatMap((e) => e.processes));
  const waiting = input.stop?.reason === 'deadlock' ? input.stop.waiting : undefined;
  const cycle = waitCycle(waiting ?? []);

  // Nodes: their instances' states, gathered.
  const byNode = new Map<string, { status: NodeRunStatus; name: string }[]>();
  for (const p of input.processes) {
    const id = nodeOf(map, p.name);
    if (id === undefined) continue;
    let list = byNode.get(id);
    if (!list) byNode.set(id, (list = []));
    list.push({ status: instanceStatus(p, input, active), name: p.name });
  }
  // The newest step on a node's own port (not an edge) is shown on the node.
  const step = input.current;
  const onEdge = step && step.kind === 'event' ? edgeOf(map, step.event) : undefined;
  const firedNodes = new Set(
    step && step.kind === 'event' && onEdge === undefined ? step.processes.flatMap((p) => nodeOf(map, p) ?? []) : [],
  );
  const nodes = new Map<string, NodeRunState>();
  for (const [id, list] of byNode) {
    const status = ORDER.find((s) => list.some((i) => i.status === s)) ?? 'done';
    let detail: string;
    if (list.length === 1) {
      const only = list[0]!;
      detail =
        only.status === 'waiting'
          ? waitingDetail(only.name, waiting)
          : only.status === 'failed'
            ? `failed: ${input.stop?.error ?? input.stop?.reason ?? ''}`
            : only.status;
    } else
      detail = ORDER.map((s) => [s, list.filter((i) => i.status === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(' · ');
    const state: NodeRunState = {
      status,
      detail,
      cycle: list.some((i) => cycle.has(i.name)),
      ...(firedNodes.has(id) && step ? { fired: step.event, firedSeq: step.seq } : {}),
    };
    const before = previous?.nodes.get(id);
    nodes.set(id, sameNode(before, state) ? before! : state);
  }

  // Edges: queues, the newest step's flash, the cycle's channels.
  const parts = new Map<string, { queue?: EdgeRunState['queue']; firedSeq?: number; fired?: string; cycle: boolean }>();
  const part = (id: string): { queue?: EdgeRunState['queue']; firedSeq?: number; fired?: string; cycle: boolean } => {
    let p = parts.get(id);
    if (!p) parts.set(id, (p = { cycle: false }));
    return p;
  };
  for (const q of input.queues) {
    const id = edgeOf(map, q.id) ?? q.id;
    part(id).queue = { depth: q.depth, capacity: q.capacity };
  }
  if (step && onEdge !== undefined) Object.assign(part(onEdge), { firedSeq: step.seq, fired: step.event });
  for (const w of waiting ?? []) {
    if (!cycle.has(w.process)) continue;
    for (const o of w.waitsOn) {
      if (!cycle.has(o.on)) continue;
      for (const e of o.events) {
        const id = edgeOf(map, e);
        if (id !== undefined) part(id).cycle = true;
      }
    }
  }
  const edges = new Map<string, EdgeRunState>();
  for (const [id, p] of parts) {
    const state: EdgeRunState = {
      cycle: p.cycle,
      ...(p.queue ? { queue: p.queue } : {}),
      ...(p.firedSeq !== undefined ? { firedSeq: p.firedSeq, fired: p.fired ?? '' } : {}),
    };
    const before = previous?.edges.get(id);
    edges.set(id, sameEdge(before, state) ? before! : state);
  }
  return { nodes, edges };
}
