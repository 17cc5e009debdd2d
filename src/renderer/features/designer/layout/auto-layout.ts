/**
 * Auto-layout (Shift+Alt+T): ELK's layered layout of the open workflow, run
 * in ELK's own web worker so a large drawing never freezes the canvas, and
 * applied as one undoable change. The request is the engine's, the same one
 * imports use.
 */
import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { layoutPositions, layoutRequest } from '../../../../engine/workflow';
import type { LayoutGraph, Point, Workflow } from '../../../../engine/workflow';
import type { DocChange } from '../document';

let elk: InstanceType<typeof ELK> | undefined;

function engine(): InstanceType<typeof ELK> {
  elk ??= new ELK({ algorithms: ['layered'], workerFactory: () => new Worker(workerUrl, { name: 'elk-layout' }) });
  return elk;
}

/** The top-left corner of what is drawn now: the laid-out drawing starts there, so it does not jump away. */
export function drawingOrigin(wf: Workflow): Point {
  const ids = [...wf.processes.map((p) => p.id), ...wf.buses.map((b) => b.id)];
  const points = ids.map((id) => wf.layout[id]).filter((p): p is Point => p !== undefined);
  if (points.length === 0) return { x: 80, y: 80 };
  return { x: Math.min(...points.map((p) => p.x)), y: Math.min(...points.map((p) => p.y)) };
}

/** The change that moves the nodes of `wf` that still exist to `positions`; undefined when nothing moves. */
export function layoutChange(wf: Workflow, positions: Readonly<Record<string, Point>>): DocChange | undefined {
  const ids = new Set([...wf.processes.map((p) => p.id), ...wf.buses.map((b) => b.id)]);
  const moves: Record<string, Point> = {};
  for (const [id, p] of Object.entries(positions)) {
    const now = wf.layout[id];
    if (ids.has(id) && (now?.x !== p.x || now.y !== p.y)) moves[id] = p;
  }
  if (Object.keys(moves).length === 0) return undefined;
  return { type: 'batch', label: 'Auto-layout', changes: [{ type: 'nodes.move', positions: moves }] };
}

export async function autoLayout(wf: Workflow): Promise<Record<string, Point>> {
  const result = await engine().layout(layoutRequest(wf) as unknown as ElkNode);
  return layoutPositions(result as unknown as LayoutGraph, drawingOrigin(wf));
}
