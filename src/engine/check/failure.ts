/**
 * What makes a state fail a property check, in one place for the one-thread
 * and the parallel search: divergence first (a divergent state may refuse
 * everything), then deadlock (an empty acceptance: no transition at all, not Ω).
 */
import type { CounterexampleKind } from './counterexample';
import type { SuccBuffer } from './core';
import type { DivergenceOracle } from './divergence';

export type PropertyKind = 'deadlock' | 'divergence';

/** What fails at the state packed at `src[at ..]`, given its `n` successors in `buf`; undefined if nothing. */
export function failureAt(
  sys: { isTerminatedAt(src: Uint32Array, at: number): boolean },
  src: Uint32Array,
  at: number,
  n: number,
  buf: SuccBuffer,
  property: PropertyKind,
  oracle: DivergenceOracle | undefined,
): CounterexampleKind | undefined {
  if (oracle !== undefined && n > 0 && buf.events[0] === 0 && oracle.isDivergentAt(src, at)) return 'divergence';
  if (property === 'deadlock' && n === 0 && !sys.isTerminatedAt(src, at)) return 'deadlock';
  return undefined;
}
