import { describe, expect, it } from 'vitest';
import { choicesFor, clearPadding } from './fit';
import type { Sides } from './fit';

const canvas = { left: 100, top: 50, right: 1100, bottom: 650 }; // 1000 × 600 on screen
const minimap = { left: 885, top: 485, right: 1085, bottom: 635 }; // 200 × 150, 15 px in from the bottom-right corner
const controls = { left: 115, top: 530, right: 142, bottom: 635 };
const toolbar = { left: 900, top: 60, right: 1090, bottom: 90 };
const base: Sides = { top: 20, right: 30, bottom: 20, left: 30 };

describe('keeping a fitted drawing clear of the overlays', () => {
  it('offers a strip beside an overlay and one above or below it, from the side it sits on', () => {
    expect(choicesFor(canvas, minimap)).toEqual([{ right: 1100 - 885 + 16 }, { bottom: 650 - 485 + 16 }]);
    expect(choicesFor(canvas, controls)).toEqual([{ left: 142 - 100 + 16 }, { bottom: 650 - 530 + 16 }]);
    expect(choicesFor(canvas, toolbar)).toEqual([{ right: 1100 - 900 + 16 }, { top: 90 - 50 + 16 }]);
  });

  it('a wide drawing gives up rows (bottom, top), a tall one columns (right, left)', () => {
    const choices = [choicesFor(canvas, minimap), choicesFor(canvas, controls), choicesFor(canvas, toolbar)];
    const wide = clearPadding(1000, 600, { x: 0, y: 0, width: 2000, height: 300 }, choices, base);
    expect(wide).toEqual({ top: 56, right: 30, bottom: 181, left: 30 });
    const tall = clearPadding(1000, 600, { x: 0, y: 0, width: 300, height: 2000 }, choices, base);
    expect(tall).toEqual({ top: 20, right: 231, bottom: 20, left: 58 });
  });

  it('never pads less than the base, and with no overlays pads exactly the base', () => {
    const pad = clearPadding(1000, 600, { x: 0, y: 0, width: 500, height: 500 }, [], base);
    expect(pad).toEqual(base);
    const small = clearPadding(1000, 600, { x: 0, y: 0, width: 10, height: 10 }, [[{ right: 5 }, { bottom: 5 }]], base);
    expect(small.right).toBeGreaterThanOrEqual(base.right);
    expect(small.bottom).toBeGreaterThanOrEqual(base.bottom);
  });

  it('the drawing fitted inside the padding does not reach the minimap', () => {
    const bounds = { x: 0, y: 0, width: 1200, height: 900 };
    const pad = clearPadding(1000, 600, bounds, [choicesFor(canvas, minimap)], base);
    // Where fitView puts the drawing: scaled into the padded area (whichever way limits it).
    const zoom = Math.min((1000 - pad.left - pad.right) / bounds.width, (600 - pad.top - pad.bottom) / bounds.height);
    const drawnRight = canvas.left + pad.left + bounds.width * zoom;
    const drawnBottom = canvas.top + pad.top + bounds.height * zoom;
    expect(drawnRight <= minimap.left || drawnBottom <= minimap.top).toBe(true);
  });
});
