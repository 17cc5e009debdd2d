/**
 * Window errors that are not errors of the studio. Chromium reports "ResizeObserver loop
 * completed with undelivered notifications" (Firefox: "ResizeObserver loop limit exceeded")
 * as a window `error` event whenever an observer's callback changes a size that is observed
 * again in the same frame (React Flow and the resizable panels do so while a layout settles).
 * The browser delivers the rest in the next frame, nothing is lost, and the spec calls it
 * harmless; logged as an error it put a red line in the Output panel on opening an example.
 */
const BENIGN: readonly RegExp[] = [/^ResizeObserver loop (completed with undelivered notifications|limit exceeded)/];

export function isBenignWindowError(message: unknown): boolean {
  return typeof message === 'string' && BENIGN.some((re) => re.test(message));
}
