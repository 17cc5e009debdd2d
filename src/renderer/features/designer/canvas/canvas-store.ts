/**
 * Canvas state that is not part of the document: positions while a drag is
 * under way (the document gets one `nodes.move` when it ends), the hovered
 * edge, whether node search is open, and which field the properties panel
 * should reveal next.
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

export interface CanvasState {
  dragging: ReadonlyMap<string, Point>;
  hoveredEdge: string | undefined;
  searchOpen: boolean;
  focus: FieldFocus | undefined;
  /** The canvas point at the middle of what the canvas shows; undefined while no canvas is shown. */
  viewCentre: (() => Point) | undefined;
  setDragging(positions: ReadonlyMap<string, Point>): void;
  hoverEdge(id: string | undefined): void;
  openSearch(open: boolean): void;
  focusField(focus: Omit<FieldFocus, 'seq'>): void;
  setViewCentre(get: (() => Point) | undefined): void;
}

const NONE: ReadonlyMap<string, Point> = new Map();

export const useCanvas = create<CanvasState>((set, get) => ({
  dragging: NONE,
  hoveredEdge: undefined,
  searchOpen: false,
  focus: undefined,
  viewCentre: undefined,
  setDragging: (positions) => set({ dragging: positions.size === 0 ? NONE : positions }),
  hoverEdge: (id) => set({ hoveredEdge: id }),
  openSearch: (open) => set({ searchOpen: open }),
  focusField: (focus) => set({ focus: { ...focus, seq: (get().focus?.seq ?? 0) + 1 } }),
  setViewCentre: (viewCentre) => set({ viewCentre }),
}));
