/**
 * Canvas state that is not part of the document: positions while a drag is
 * under way (the document gets one `nodes.move` when it ends), the hovered
 * edge, whether node search is open, which field the properties panel
 * should reveal next, and what other features ask to be highlighted.
 */
import { create } from 'zustand';
import type { Point } from '../../../../engine/workflow';

/** A place in the properties panel: the element, and the field with an optional position in its text. */
export interface FieldFocus {
  readonly target: { readonly kind: 'node' | 'edge' | 'bus' | 'assertion' | 'workflow'; readonly id?: string };
  readonly field: string;
  readonly inText?: { readonly line: number; readonly column: number };
  /** Grows with each request, so asking twice for the same field focuses it twice. */
  readonly seq: number;
}

/**
 * Elements drawn highlighted, apart from the selection: a counterexample's
 * event (the checks panel), later the event a run just fired. `label` is shown
 * on each highlighted node (e.g. "6 · lefthand.0.up"); `seq` grows with each
 * request, so the canvas brings the same elements into view again when asked twice.
 */
export interface CanvasHighlight {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  readonly label?: string;
  readonly seq: number;
}

export interface CanvasState {
  dragging: ReadonlyMap<string, Point>;
  hoveredEdge: string | undefined;
  searchOpen: boolean;
  focus: FieldFocus | undefined;
  /** The canvas point at the middle of what the canvas shows; undefined while no canvas is shown. */
  viewCentre: (() => Point) | undefined;
  highlight: CanvasHighlight | undefined;
  setDragging(positions: ReadonlyMap<string, Point>): void;
  hoverEdge(id: string | undefined): void;
  openSearch(open: boolean): void;
  focusField(focus: Omit<FieldFocus, 'seq'>): void;
  setViewCentre(get: (() => Point) | undefined): void;
  /** Highlights these elements (undefined clears it); whoever set it clears it when done. */
  setHighlight(highlight: Omit<CanvasHighlight, 'seq'> | undefined): void;
}

const NONE: ReadonlyMap<string, Point> = new Map();

export const useCanvas = create<CanvasState>((set, get) => ({
  dragging: NONE,
  hoveredEdge: undefined,
  searchOpen: false,
  focus: undefined,
  viewCentre: undefined,
  highlight: undefined,
  setDragging: (positions) => set({ dragging: positions.size === 0 ? NONE : positions }),
  hoverEdge: (id) => set({ hoveredEdge: id }),
  openSearch: (open) => set({ searchOpen: open }),
  focusField: (focus) => set({ focus: { ...focus, seq: (get().focus?.seq ?? 0) + 1 } }),
  setViewCentre: (viewCentre) => set({ viewCentre }),
  setHighlight: (highlight) => set({ highlight: highlight && { ...highlight, seq: (get().highlight?.seq ?? 0) + 1 } }),
}));

/**
 * The highlight label when any of `ids` is highlighted (a node: its own id; a
 * collapsed group: its members), else undefined. Narrow: only they re-render.
 */
export function useNodeHighlight(...ids: readonly string[]): string | undefined {
  return useCanvas((s) => (s.highlight?.nodes.some((n) => ids.includes(n)) ? (s.highlight.label ?? '') : undefined));
}

export function useEdgeHighlighted(id: string): boolean {
  return useCanvas((s) => s.highlight?.edges.includes(id) ?? false);
}
