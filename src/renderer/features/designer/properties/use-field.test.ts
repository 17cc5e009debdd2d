import { describe, expect, it } from 'vitest';
import { offsetOf } from './use-field';

describe('offsetOf', () => {
  it('turns a line and column into a caret offset, clamped to the text', () => {
    const text = 'in ->\n  out -> SKIP';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 2, 3)).toBe(8);
    expect(text.slice(offsetOf(text, 2, 3))).toBe('out -> SKIP');
    expect(offsetOf(text, 9, 9)).toBe(text.length);
  });
});
