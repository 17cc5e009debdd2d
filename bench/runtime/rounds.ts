/**
 * Per-round ratios: every repetition ("round") runs each library once, so
 * within one round machine load hits ours and the peers alike. Dividing
 * ours by the best peer of the SAME round cancels most of that load, which
 * the ratio of two medians taken over different moments does not.
 */
import { median } from './measure';

/** One rate per round; undefined where that round has no result (the run failed or was skipped). */
export type RoundRates = readonly (number | undefined)[];

export interface RoundVerdict {
  /** ours ÷ the fastest counting peer of that round, for each round where both have a result. */
  readonly ratios: readonly number[];
  /** Median of `ratios` (NaN when there are none). */
  readonly median: number;
  /** Rounds where ours was faster than every counting peer. */
  readonly won: number;
  /** How often each peer was the fastest counting peer of a round. */
  readonly fastest: ReadonlyMap<string, number>;
}

/** Per-round verdict of `ours` against the peers that count for the target. */
export function againstFastestPerRound(ours: RoundRates, peers: ReadonlyMap<string, RoundRates>): RoundVerdict {
  const ratios: number[] = [];
  const fastest = new Map<string, number>();
  for (let round = 0; round < ours.length; round++) {
    const mine = ours[round];
    if (mine === undefined) continue;
    let best = 0;
    let bestName: string | undefined;
    for (const [name, rates] of peers) {
      const rate = rates[round];
      if (rate !== undefined && rate > best) {
        best = rate;
        bestName = name;
      }
    }
    if (bestName === undefined) continue;
    ratios.push(mine / best);
    fastest.set(bestName, (fastest.get(bestName) ?? 0) + 1);
  }
  return {
    ratios,
    median: ratios.length > 0 ? median(ratios) : Number.NaN,
    won: ratios.filter((r) => r > 1).length,
    fastest,
  };
}

/** Median over rounds of ours ÷ one peer (NaN when no round has both). */
export function medianRatioPerRound(ours: RoundRates, peer: RoundRates): number {
  const ratios: number[] = [];
  for (let round = 0; round < ours.length; round++) {
    const a = ours[round];
    const b = peer[round];
    if (a !== undefined && b !== undefined && b > 0) ratios.push(a / b);
  }
  return ratios.length > 0 ? median(ratios) : Number.NaN;
}
