import { describe, expect, it } from 'vitest';
import { geometry, scrollTopFor, visibleRange } from './scroll-math';

describe('virtual scrolling geometry', () => {
  it('uses the natural height while it fits', () => {
    const g = geometry(1000, 22, 400);
    expect(g).toEqual({ contentHeight: 22_000, scale: 1 });
    expect(visibleRange(1000, 22, 400, 2200, g, 0)).toEqual({ first: 100, last: 119, offset: 2200 });
  });

  it('scales the scrollbar for a million rows and still reaches the first and the last row', () => {
    const rows = 1_000_000;
    const g = geometry(rows, 22, 400, 8_000_000);
    expect(g.contentHeight).toBe(8_000_000);
    expect(g.scale).toBeGreaterThan(2);
    expect(visibleRange(rows, 22, 400, 0, g, 0).first).toBe(0);
    const bottom = visibleRange(rows, 22, 400, g.contentHeight - 400, g, 0);
    expect(bottom.last).toBe(rows);
    // The last row ends exactly at the bottom of the viewport.
    expect(rows * 22 - bottom.offset).toBeCloseTo(400, 3);
  });

  it('scrolls a row into view with as little movement as possible', () => {
    const g = geometry(1000, 20, 200);
    expect(scrollTopFor(5, 20, 200, 0, g)).toBe(0);
    expect(scrollTopFor(50, 20, 200, 0, g)).toBe(50 * 20 + 20 - 200);
    expect(scrollTopFor(3, 20, 200, 500, g)).toBe(60);
    const big = geometry(1_000_000, 20, 200, 1_000_000);
    const top = scrollTopFor(900_000, 20, 200, 0, big);
    const range = visibleRange(1_000_000, 20, 200, top, big, 0);
    expect(range.first).toBeLessThanOrEqual(900_000);
    expect(range.last).toBeGreaterThan(900_000);
  });
});
