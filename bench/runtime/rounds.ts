/**
 * Paired rounds: in every repetition ("round") each peer runs right next to a
 * run of ours (which of the two goes first alternates), so the machine load
 * of that moment hits both sides of the ratio alike. Ours ÷ the fastest
 * correct peer of a round comes from that peer's pair; the verdict is the
 * median over rounds. A ratio of two medians taken at
 * different moments (seconds apart on a shared machine) cancels far less.
 */
import { median } from './measure';

/** One rate per round; undefined where that round has no result (the run failed or was skipped). */
export type RoundRates = readonly (number | undefined)[];

/** A peer's rates and the rates of the runs of ours paired with them, round by round. */
export interface PairedRates {
  readonly ours: RoundRates;
  readonly peer: RoundRates;
}

export interface RoundVerdict {
  /** Per round: ours ÷ the fastest counting peer, from the adjacent pair runs. */
  readonly ratios: readonly number[];
  /** Median of `ratios` (NaN when there are none). */
  readonly median: number;
  /** Rounds where ours was faster than every counting peer. */
  readonly won: number;
  /** How often each peer was the fastest counting peer of a round. */
  readonly fastest: ReadonlyMap<string, number>;
}

/** The ratio ours ÷ peer in `round`, or undefined if either run is missing. */
function pairRatio(pair: PairedRates, round: number): number | undefined {
  const a = pair.ours[round];
  const b = pair.peer[round];
  return a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
}

/**
 * Per-round verdict of ours against the peers that count for the target. The
 * fastest peer of a round is the one with the highest rate in it; the ratio is
 * taken from its pair. (Not the smallest of the pair ratios: with several
 * peers that would pick whichever pair load disturbed most, a bias, not a peer.)
 */
export function againstFastestPerRound(pairs: ReadonlyMap<string, PairedRates>): RoundVerdict {
  const rounds = Math.max(0, ...[...pairs.values()].map((p) => Math.max(p.ours.length, p.peer.length)));
  const ratios: number[] = [];
  const fastest = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    let best: { name: string; rate: number; ratio: number } | undefined;
    for (const [name, pair] of pairs) {
      const ratio = pairRatio(pair, round);
      const rate = pair.peer[round];
      if (ratio !== undefined && rate !== undefined && (best === undefined || rate > best.rate))
        best = { name, rate, ratio };
    }
    if (best === undefined) continue;
    ratios.push(best.ratio);
    fastest.set(best.name, (fastest.get(best.name) ?? 0) + 1);
  }
  return {
    ratios,
    median: ratios.length > 0 ? median(ratios) : Number.NaN,
    won: ratios.filter((r) => r > 1).length,
    fastest,
  };
}

/** Median over rounds of ours ÷ one peer (NaN when no round has both runs). */
export function medianRatioPerRound(pair: PairedRates): number {
  const ratios: number[] = [];
  for (let round = 0; round < Math.max(pair.ours.length, pair.peer.length); round++) {
    const r = pairRatio(pair, round);
    if (r !== undefined) ratios.push(r);
  }
  return ratios.length > 0 ? median(ratios) : Number.NaN;
}

/**
 * The order of round `rep`: rotated by one each round and reversed every other
 * round, so a library does not always follow (and inherit the heap and JIT
 * state of) the same neighbour.
 */
export function roundOrder<T>(xs: readonly T[], rep: number): T[] {
  const rotated = xs.map((_, k) => xs[(k + rep) % xs.length]!);
  return rep % 2 === 1 ? rotated.reverse() : rotated;
}
