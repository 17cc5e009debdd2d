/**
 * Zoom to fit that leaves room for what is drawn over the canvas (the minimap
 * bottom right, the zoom controls bottom left, the tool buttons top right), so
 * a fitted workflow never has a node under one of them. Each overlay is kept
 * clear either by a strip beside it (left or right) or by one above or below
 * it; of those choices the one that lets the drawing be largest is taken, so a
 * wide canvas gives up a column and a tall one a row.
 */
import type { FitViewOptions, ReactFlowInstance, Rect } from '@xyflow/react';
import type { DesignerEdge, DesignerNode } from './graph';

type Padding = NonNullable<FitViewOptions['padding']>;

/** What React Flow draws over the canvas, from its own class names and ours. */
const OVERLAYS = ['.react-flow__minimap', '.react-flow__controls', '.canvas-toolbar'];
/** Space between the drawing and an overlay (or the canvas's edge). */
const GAP = 16;

export interface Sides {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** One overlay's two ways to be kept clear, in pixels from the canvas's sides. */
type Choice = readonly [Partial<Sides>, Partial<Sides>];

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The strips that keep `overlay` clear, measured from the sides of `canvas` (both in screen pixels). */
export function choicesFor(canvas: Box, overlay: Box): Choice {
  const onLeft = overlay.left + overlay.right < canvas.left + canvas.right;
  const onTop = overlay.top + overlay.bottom < canvas.top + canvas.bottom;
  const across: Partial<Sides> = onLeft
    ? { left: overlay.right - canvas.left + GAP }
    : { right: canvas.right - overlay.left + GAP };
  const down: Partial<Sides> = onTop
    ? { top: overlay.bottom - canvas.top + GAP }
    : { bottom: canvas.bottom - overlay.top + GAP };
  return [across, down];
}

/** The zoom at which `bounds` fills the canvas inside `pad`. */
function zoomWithin(width: number, height: number, bounds: Rect, pad: Sides): number {
  const w = Math.max(1, width - pad.left - pad.right);
  const h = Math.max(1, height - pad.top - pad.bottom);
  return Math.min(w / Math.max(1, bounds.width), h / Math.max(1, bounds.height));
}

/**
 * The padding (pixels per side) that keeps every overlay clear and lets `bounds` be drawn largest.
 * `base` is the least padding on every side.
 */
export function clearPadding(
  width: number,
  height: number,
  bounds: Rect,
  choices: readonly Choice[],
  base: Sides,
): Sides {
  let best = base;
  let bestZoom = -1;
  // Two ways for each overlay: 2^n combinations, n ≤ 3.
  for (let mask = 0; mask < 1 << choices.length; mask++) {
    const pad = { ...base };
    choices.forEach((choice, i) => {
      const strip = choice[(mask >> i) & 1]!;
      for (const side of ['top', 'right', 'bottom', 'left'] as const) pad[side] = Math.max(pad[side], strip[side] ?? 0);
    });
    const zoom = zoomWithin(width, height, bounds, pad);
    if (zoom > bestZoom) {
      best = pad;
      bestZoom = zoom;
    }
  }
  return best;
}

/** React Flow's fraction padding (0.15 of the view, as fitView takes it) in pixels, per side. */
function fractionPadding(width: number, height: number, fraction: number): Sides {
  const x = Math.floor((width - width / (1 + fraction)) * 0.5);
  const y = Math.floor((height - height / (1 + fraction)) * 0.5);
  return { top: y, right: x, bottom: y, left: x };
}

/** The padding for fitView that keeps the drawing clear of the overlays shown now. */
export function overlayPadding(flow: ReactFlowInstance<DesignerNode, DesignerEdge>, domNode: Element | null): Padding {
  const fallback = 0.15;
  if (!domNode) return fallback;
  const canvas = domNode.getBoundingClientRect();
  if (canvas.width === 0 || canvas.height === 0) return fallback;
  const choices = OVERLAYS.flatMap((selector) => {
    const box = domNode.querySelector(selector)?.getBoundingClientRect();
    // Hidden (the minimap on a narrow canvas) or not drawn: nothing to keep clear.
    return box && box.width > 0 && box.height > 0 ? [choicesFor(canvas, box)] : [];
  });
  const bounds = flow.getNodesBounds(flow.getNodes().filter((n) => !n.hidden));
  const base = fractionPadding(canvas.width, canvas.height, fallback);
  const pad = clearPadding(canvas.width, canvas.height, bounds, choices, base);
  return { top: `${pad.top}px`, right: `${pad.right}px`, bottom: `${pad.bottom}px`, left: `${pad.left}px` };
}

/** fitView with the overlays kept clear. */
export function fitCanvas(
  flow: ReactFlowInstance<DesignerNode, DesignerEdge>,
  domNode: Element | null,
  options: { duration?: number; maxZoom?: number; minZoom?: number } = {},
): Promise<boolean> {
  return flow.fitView({ ...options, padding: overlayPadding(flow, domNode) });
}
