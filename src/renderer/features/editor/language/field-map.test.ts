/** Field text ↔ generated script positions. */
import { describe, expect, it } from 'vitest';
import { fromGenerated, lineStarts, offsetOfPlace, placeOf, rangeFromGenerated, toGenerated } from './field-map';

const body = { path: 'processes[0].behaviour', startLine: 24, endLine: 25, firstColumn: 11, column: 3 };

describe('field map', () => {
  it('maps both ways, first line and following lines apart', () => {
    expect(toGenerated(body, { line: 1, column: 1 })).toEqual({ line: 24, column: 11 });
    expect(toGenerated(body, { line: 2, column: 4 })).toEqual({ line: 25, column: 6 });
    expect(fromGenerated(body, { line: 24, column: 11 })).toEqual({ line: 1, column: 1 });
    expect(fromGenerated(body, { line: 25, column: 6 })).toEqual({ line: 2, column: 4 });
    expect(fromGenerated(body, { line: 24, column: 5 })).toBeUndefined();
    expect(fromGenerated(body, { line: 26, column: 5 })).toBeUndefined();
    expect(rangeFromGenerated(body, { line: 25, column: 3, endLine: 25, endColumn: 7 })).toEqual({
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 5,
    });
  });

  it('converts offsets and places', () => {
    const text = 'ab\ncde\n\nf';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 3, 7, 8]);
    expect(placeOf(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(placeOf(starts, 4)).toEqual({ line: 2, column: 2 });
    expect(placeOf(starts, 7)).toEqual({ line: 3, column: 1 });
    expect(placeOf(starts, 9)).toEqual({ line: 4, column: 2 });
    expect(offsetOfPlace(starts, text.length, { line: 2, column: 2 })).toBe(4);
    expect(offsetOfPlace(starts, text.length, { line: 9, column: 9 })).toBe(text.length);
  });
});
