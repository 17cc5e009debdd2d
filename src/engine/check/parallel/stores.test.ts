/**
 * The state sets' tables (an entry keeps the state's index and its hash's
 * high bits), against a plain Map: every state gets the index of its first
 * insertion, through many table growths, in the one-thread store and in a
 * partition; a state never inserted is not found.
 */
import { describe, expect, it } from 'vitest';
import { hashWords, StateStore } from '../state-store';
import { PartStore } from './part-store';

const W = 3;

/** `n` states of W words from a fixed linear congruential sequence, small values so that many repeat. */
function states(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n * W);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = (x >>> 8) % (i % W === 0 ? 4096 : 7);
  }
  return out;
}

const key = (src: Uint32Array, at: number): string => Array.from(src.subarray(at, at + W)).join(',');

/** What a store should answer for each state of `src`: the index of its first insertion into `first`, else -1. */
function expected(src: Uint32Array, first: Map<string, number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < src.length; i += W) out.push(first.get(key(src, i)) ?? -1);
  return out;
}

/** The first-insertion index of each state of `src`, in order (a Map as the reference). */
function firstIndices(src: Uint32Array): { first: Map<string, number>; indices: number[] } {
  const first = new Map<string, number>();
  for (let i = 0; i < src.length; i += W) if (!first.has(key(src, i))) first.set(key(src, i), first.size);
  return { first, indices: expected(src, first) };
}

describe('state sets', () => {
  const input = states(60_000, 7);
  const absent = states(2_000, 99);

  const { first, indices } = firstIndices(input);

  it('the one-thread store gives each state its first index, through growth, and finds only what it holds', () => {
    const store = new StateStore(W, 4);
    const got: number[] = [];
    for (let i = 0; i < input.length; i += W) got.push(store.insert(input, i));
    expect(got).toEqual(indices);
    expect(store.count).toBe(first.size);
    expect(first.size).toBeGreaterThan(10_000); // the table doubled many times
    const found = (src: Uint32Array): number[] => {
      const out: number[] = [];
      for (let i = 0; i < src.length; i += W) out.push(store.find(src, i));
      return out;
    };
    expect(found(input)).toEqual(indices);
    expect(found(absent)).toEqual(expected(absent, first));
  });

  it('a partition does the same, its growing tables published', () => {
    const tables: SharedArrayBuffer[] = [];
    const words = PartStore.reserveWords(W, 2 ** 24);
    const store = new PartStore(W, 1, words, PartStore.newTable(4), 2 ** 24, (t) => tables.push(t));
    const got: number[] = [];
    for (let i = 0; i < input.length; i += W) got.push(store.insert(input, i, hashWords(input, i, W)));
    expect(got).toEqual(indices);
    expect(tables.length).toBeGreaterThan(3);
    // a reader of the words and the last published table (the coordinator after a search) finds the same
    const reader = new PartStore(W, 1, words, tables.at(-1) as SharedArrayBuffer, 2 ** 24, () => {});
    const found = (src: Uint32Array): number[] => {
      const out: number[] = [];
      for (let i = 0; i < src.length; i += W) out.push(reader.find(src, i, hashWords(src, i, W)));
      return out;
    };
    expect(found(input)).toEqual(indices);
    expect(found(absent)).toEqual(expected(absent, first));
  });
});
