import { describe, expect, it } from 'vitest';
import { againstFastestPerRound, medianRatioPerRound } from './rounds';

describe('per-round ratios', () => {
  it('divides by the fastest peer of the same round, not by the peers’ overall medians', () => {
    // Round 2 is slowed for everyone (load); the ratio within each round stays 1.25×.
    const ours = [10, 5, 10];
    const peers = new Map([
      ['a', [8, 4, 8]],
      ['b', [6, 3, 7]],
    ]);
    const v = againstFastestPerRound(ours, peers);
    expect(v.ratios).toEqual([1.25, 1.25, 1.25]);
    expect(v.median).toBe(1.25);
    expect(v.won).toBe(3);
    expect(v.fastest.get('a')).toBe(3);
    expect(v.fastest.has('b')).toBe(false);
  });

  it('takes whichever peer was fastest in each round and counts lost rounds', () => {
    const v = againstFastestPerRound([9, 9, 9], new Map([
      ['a', [10, 6, 6]],
      ['b', [5, 8, 12]],
    ]));
    expect(v.ratios).toEqual([0.9, 9 / 8, 0.75]);
    expect(v.median).toBe(0.9);
    expect(v.won).toBe(1);
    expect([...v.fastest.entries()].sort()).toEqual([['a', 1], ['b', 2]]);
  });

  it('skips rounds where ours or every peer has no result', () => {
    const v = againstFastestPerRound([4, undefined, 6, 6], new Map([['a', [2, 2, undefined, 3]]]));
    expect(v.ratios).toEqual([2, 2]);
    expect(v.won).toBe(2);
    expect(Number.isNaN(againstFastestPerRound([1], new Map()).median)).toBe(true);
  });

  it('gives the median per-round ratio against one peer', () => {
    expect(medianRatioPerRound([2, 3, 8, undefined], [1, 3, 2, 5])).toBe(2);
    expect(Number.isNaN(medianRatioPerRound([1], [undefined]))).toBe(true);
  });
});
