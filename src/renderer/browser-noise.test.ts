import { describe, expect, it } from 'vitest';
import { isBenignWindowError } from './browser-noise';

describe('isBenignWindowError', () => {
  it("ignores the browsers' ResizeObserver loop notices", () => {
    expect(isBenignWindowError('ResizeObserver loop completed with undelivered notifications.')).toBe(true);
    expect(isBenignWindowError('ResizeObserver loop limit exceeded')).toBe(true);
  });

  it('keeps every other error', () => {
    expect(isBenignWindowError("TypeError: Cannot read properties of undefined (reading 'x')")).toBe(false);
    expect(isBenignWindowError('Uncaught Error: ResizeObserver loop completed inside my handler')).toBe(false);
    expect(isBenignWindowError(undefined)).toBe(false);
    expect(isBenignWindowError(new Error('ResizeObserver loop limit exceeded'))).toBe(false);
  });
});
