/** Timing helpers for the runtime benchmark (outside the engine, so real clocks are fine here). */
import v8 from 'node:v8';
import vm from 'node:vm';

// A full collection between runs, so one library's garbage is not billed to the next.
v8.setFlagsFromString('--expose_gc');
const collect = vm.runInNewContext('gc') as (() => void) | undefined;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Spread as ±half the min–max range, in percent of the median. */
export function spread(xs: readonly number[]): string {
  if (xs.length < 2) return '–';
  const m = median(xs);
  return `±${(((Math.max(...xs) - Math.min(...xs)) / 2 / m) * 100).toFixed(0)}%`;
}

export function fmtRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(0)}k`;
  return perSecond.toFixed(0);
}

/** Resolves with the promise's value, or rejects after `ms` (a hung peer). */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000}s (hung or lost messages)`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** Lets pending macrotasks (timers, setImmediate of other runs) drain between runs. */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  if (typeof collect === 'function') collect();
}
