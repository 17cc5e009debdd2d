/**
 * Where rows sit in a virtualised list that may be taller than a browser lets
 * an element be (Chromium stops near 33M px: a million 22 px rows is 22M).
 * Past MAX_SCROLL_PX the scrollbar is scaled: scrolling it moves through rows
 * proportionally, and the rows in view are drawn at their place relative to it.
 */

/** Height above which the scrollbar is scaled (kept well below every browser's limit). */
export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  /** Height of the scrolled content. */
  readonly contentHeight: number;
  /** Content offset per scrollbar pixel (1 when the list fits). */
  readonly scale: number;
}

export function geometry(count: number, rowHeight: number, viewport: number, max = MAX_SCROLL_PX): ScrollGeometry {
  const natural = count * rowHeight;
  if (natural <= max) return { contentHeight: natural, scale: 1 };
  const span = Math.max(1, max - viewport);
  return { contentHeight: max, scale: Math.max(1, (natural - viewport) / span) };
}

export interface VisibleRange {
  readonly first: number;
  /** One past the last row to draw. */
  readonly last: number;
  /** The top of row i, relative to the content, is `scrollTop + i * rowHeight - offset`. */
  readonly offset: number;
}

export function visibleRange(
  count: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  g: ScrollGeometry,
  overscan = 6,
): VisibleRange {
  const virtualTop = scrollTop * g.scale;
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((virtualTop + viewport) / rowHeight) + overscan);
  return { first, last, offset: virtualTop };
}

/** The scrollTop that brings row `index` into view (as little movement as possible). */
export function scrollTopFor(
  index: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  g: ScrollGeometry,
): number {
  const top = index * rowHeight;
  const virtualTop = scrollTop * g.scale;
  if (top >= virtualTop && top + rowHeight <= virtualTop + viewport) return scrollTop;
  const target = top < virtualTop ? top : top + rowHeight - viewport;
  return Math.max(0, Math.min(g.contentHeight - viewport, target / g.scale));
}
