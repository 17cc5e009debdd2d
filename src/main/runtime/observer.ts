/**
 * What the run service tells whoever watches the host's runs as a whole (a
 * node's metrics): runs starting and ending, the steps they fire, and how
 * long each batch took to reach the store. Every method is optional; an
 * observer that throws is ignored (a metric must never stop a run).
 */
import type { StepInfo } from '../../engine/runtime/network/run';

export interface RunObserver {
  started?(runId: string, info: { readonly processes: number }): void;
  steps?(runId: string, steps: readonly Pick<StepInfo, 'event' | 'kind'>[]): void;
  /** `outcome` as the store records it: terminated, deadlock, error, stopped, ... */
  finished?(runId: string, outcome: string): void;
  storeWrite?(seconds: number): void;
}

/** Calls `f` on each observer, never letting one's failure escape. */
export function tellObservers(observers: Iterable<RunObserver>, f: (o: RunObserver) => void): void {
  for (const o of observers) {
    try {
      f(o);
    } catch {
      // A broken observer loses its own data only.
    }
  }
}
