import { describe, expect, it } from 'vitest';
import { againstFastestPerRound, medianRatioPerRound, roundOrder } from './rounds';

describe('paired per-round ratios', () => {
  it('divides each peer by the run of ours paired with it, so a loaded round cancels out', () => {
    // Round 2 is slowed for everyone (load); within each pair ours stays 1.25× the faster peer.
    const pairs = new Map([
      ['a', { ours: [10, 5, 10], peer: [8, 4, 8] }],
      ['b', { ours: [10, 5, 10], peer: [6, 3, 7] }],
    ]);
    const v = againstFastestPerRound(pairs);
    expect(v.ratios).toEqual([1.25, 1.25, 1.25]);
    expect(v.median).toBe(1.25);
    expect(v.won).toBe(3);
    expect(v.fastest.get('a')).toBe(3);
    expect(v.fastest.has('b')).toBe(false);
  });

  it('takes the fastest peer of each round (highest rate) and counts lost rounds', () => {
    const v = againstFastestPerRound(
      new Map([
        ['a', { ours: [9, 9, 9], peer: [10, 6, 6] }],
        ['b', { ours: [9, 9, 9], peer: [5, 8, 12] }],
      ]),
    );
    expect(v.ratios).toEqual([0.9, 9 / 8, 0.75]);
    expect(v.median).toBe(0.9);
    expect(v.won).toBe(1);
    expect([...v.fastest.entries()].sort()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('uses the fastest peer’s own pair, not the smallest ratio of any pair', () => {
    // b's paired run of ours was hit by load (5 instead of 10): b is still the slower peer.
    const v = againstFastestPerRound(
      new Map([
        ['a', { ours: [10], peer: [8] }],
        ['b', { ours: [5], peer: [4.5] }],
      ]),
    );
    expect(v.ratios).toEqual([1.25]);
    expect(v.fastest.get('a')).toBe(1);
  });

  it('skips a pair where either run is missing, and rounds with no pair at all', () => {
    const v = againstFastestPerRound(new Map([['a', { ours: [4, undefined, 6, 6], peer: [2, 2, undefined, 3] }]]));
    expect(v.ratios).toEqual([2, 2]);
    expect(v.won).toBe(2);
    expect(Number.isNaN(againstFastestPerRound(new Map()).median)).toBe(true);
  });

  it('gives the median per-round ratio against one peer', () => {
    expect(medianRatioPerRound({ ours: [2, 3, 8, undefined], peer: [1, 3, 2, 5] })).toBe(2);
    expect(Number.isNaN(medianRatioPerRound({ ours: [1], peer: [undefined] }))).toBe(true);
  });

  it('rotates the order each round and reverses it every other round', () => {
    expect(roundOrder(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(roundOrder(['a', 'b', 'c'], 1)).toEqual(['a', 'c', 'b']);
    expect(roundOrder(['a', 'b', 'c'], 2)).toEqual(['c', 'a', 'b']);
  });
});
