/** Where a node placed from the palette goes: at a point, stepped aside from nodes already there. */
import type { Point, Workflow } from '../../../../engine/workflow';

const STEP = 40;

export function freeSpot(wf: Workflow, at: Point): Point {
  const taken = Object.values(wf.layout);
  let p = { x: Math.round(at.x), y: Math.round(at.y) };
  for (let i = 0; i < 50 && taken.some((q) => Math.abs(q.x - p.x) < STEP / 2 && Math.abs(q.y - p.y) < STEP / 2); i++)
    p = { x: p.x + STEP, y: p.y + STEP };
  return p;
}

/** Right of everything drawn (used when no canvas is shown to aim at). */
export function besideAll(wf: Workflow): Point {
  const points = Object.values(wf.layout);
  if (points.length === 0) return { x: 80, y: 80 };
  return { x: Math.max(...points.map((p) => p.x)) + 300, y: Math.min(...points.map((p) => p.y)) };
}
