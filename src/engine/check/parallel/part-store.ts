/**
 * One thread's share of the states of a parallel search. States are
 * partitioned by hash: the state whose hash is h belongs to thread ownerOf(h),
 * and only that thread ever inserts into its partition. So a partition is a
 * plain open-addressing hash set, as StateStore (states appended in
 * insertion order, the table holds index + 1 and the hash's high bits, load ≤ ½), with no atomic
 * operation and no cache line written by two threads.
 *
 * Its arrays live on SharedArrayBuffers only so that the coordinating thread
 * can read every partition once the search is over (to rebuild a
 * counterexample): the words buffer is reserved at the partition's share of
 * the memory budget up front (the system commits pages as they are
 * written), and each new table is handed to the coordinator (`publish`).
 * Past its share of the budget, `insert` throws MemoryLimitReached.
 */
import { MemoryLimitReached } from '../budget';
import { entryOf, findIn, rehash } from '../state-store';

/** The partition (thread) that owns a state of hash `h`, among `parts` (at most 65,536); integer operations only. */
export function ownerOf(h: number, parts: number): number {
  return ((Math.imul(h, 0x9e3779b1) >>> 16) * parts) >>> 16;
}

export class PartStore {
  readonly words: Uint32Array;
  table: Int32Array;
  count = 0;
  private mask: number;

  constructor(
    readonly width: number,
    readonly parts: number,
    words: SharedArrayBuffer,
    table: SharedArrayBuffer,
    /** Most bytes this partition may take (words written and table). */
    private readonly maxBytes: number,
    /** Called with each new table (the coordinator reads it after the search). */
    private readonly publish: (table: SharedArrayBuffer) => void,
  ) {
    this.words = new Uint32Array(words);
    this.table = new Int32Array(table);
    this.mask = this.table.length - 1;
  }

  /** Words buffer of one partition, reserved at its share of the budget (at most 8 GiB). */
  static reserveWords(width: number, maxBytes: number): SharedArrayBuffer {
    const states = Math.floor(Math.min(2 ** 33, maxBytes) / (width * 4));
    return new SharedArrayBuffer(Math.max(1, states) * width * 4);
  }

  /** A table for about `states` states. */
  static newTable(states: number): SharedArrayBuffer {
    let cap = 1 << 10;
    while (cap < states * 2) cap *= 2;
    return new SharedArrayBuffer(cap * 4);
  }

  /** Bytes in use: the words written so far and the table. */
  get bytes(): number {
    return this.count * this.width * 4 + this.table.byteLength;
  }

  /** Index of the state at `src[at ..]` (of hash `h`, owned here), inserting it if new. */
  insert(src: Uint32Array, at: number, h: number): number {
    const W = this.width;
    const table = this.table;
    const words = this.words;
    const mask = this.mask;
    const high = h & ~mask;
    let slot = h & mask;
    for (;;) {
      const entry = table[slot] as number;
      if (entry === 0) break;
      if ((entry & ~mask) === high) {
        const base = ((entry & mask) - 1) * W;
        let k = 0;
        while (k < W && words[base + k] === src[at + k]) k++;
        if (k === W) return (entry & mask) - 1;
      }
      slot = (slot + 1) & mask;
    }
    const index = this.count;
    const base = index * W;
    if (base + W > words.length || this.bytes + W * 4 > this.maxBytes) throw new MemoryLimitReached(this.maxBytes);
    for (let k = 0; k < W; k++) words[base + k] = src[at + k] as number;
    table[slot] = entryOf(h, index, mask);
    this.count = index + 1;
    if (this.count * 2 > this.mask + 1) this.grow();
    return index;
  }

  /** Index of a state of hash `h` owned here, or -1. */
  find(src: Uint32Array, at: number, h: number): number {
    return findIn(this.table, this.words, this.width, src, at, h);
  }

  private grow(): void {
    const cap = this.table.length * 2;
    if (this.count * this.width * 4 + cap * 4 + this.table.byteLength > this.maxBytes)
      throw new MemoryLimitReached(this.maxBytes);
    const sab = new SharedArrayBuffer(cap * 4);
    const table = new Int32Array(sab);
    rehash(this.words, this.count, this.width, table);
    this.table = table;
    this.mask = cap - 1;
    this.publish(sab);
  }
}
