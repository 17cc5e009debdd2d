/**
 * Set of fixed-width states (W 32-bit words each) on typed arrays: no JS
 * object per state. States are appended to `words` in insertion order, so the
 * index of a state is also its position in a breadth-first queue; the hash
 * table (open addressing, linear probing, load ≤ 1/2) holds `index + 1` in
 * its low bits and the hash's high bits above them (`entryOf`), so a probe
 * reads a state's words only when the hash matches: most probes that pass
 * another state's slot never touch that state, far away in memory.
 *
 * Memory per state: 4·W bytes of state plus 4–16 bytes of table (the table is
 * between a quarter and half full), the whole of it on typed arrays that grow
 * by doubling.
 */
import { MemoryLimitReached } from './budget';

export class StateStore {
  /** State words, `W` per state, in insertion order. */
  words: Uint32Array;
  count = 0;
  private table: Int32Array;
  private mask: number;

  constructor(
    readonly width: number,
    initialCapacity = 1 << 12,
    /** Past this many bytes the store refuses to grow (MemoryLimitReached, a clean budget limit). */
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    this.words = new Uint32Array(Math.max(1, initialCapacity) * width);
  }

  /** Bytes held by the store's arrays. */
  get bytes(): number {
    return this.words.byteLength + this.table.byteLength;
  }

  /** Index of the state in `src[at .. at+W)`, inserting it if new (then index === previous count). */
  insert(src: Uint32Array, at: number): number {
    const W = this.width;
    const h = hashWords(src, at, W);
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
    if ((index + 1) * W > words.length) this.growWords();
    const dst = this.words;
    const base = index * W;
    for (let k = 0; k < W; k++) dst[base + k] = src[at + k] as number; // (subarray would allocate per state)
    table[slot] = entryOf(h, index, mask);
    this.count = index + 1;
    if (this.count * 2 > this.mask + 1) this.growTable();
    return index;
  }

  /** Index of a state, or -1. */
  find(src: Uint32Array, at: number): number {
    return findIn(this.table, this.words, this.width, src, at, hashWords(src, at, this.width));
  }

  /** Throws MemoryLimitReached rather than grow past the budget (the old and new arrays live together while copying). */
  private ensureRoom(bytesAfter: number): void {
    if (bytesAfter + this.bytes > this.maxBytes) throw new MemoryLimitReached(this.maxBytes);
  }

  private growWords(): void {
    const length = Math.max(this.words.length * 2, this.width * 16);
    this.ensureRoom(length * 4 + this.table.byteLength);
    const next = new Uint32Array(length);
    next.set(this.words);
    this.words = next;
  }

  private growTable(): void {
    const cap = (this.mask + 1) * 2;
    this.ensureRoom(cap * 4 + this.words.byteLength);
    const table = new Int32Array(cap);
    rehash(this.words, this.count, this.width, table);
    this.table = table;
    this.mask = cap - 1;
  }
}

/**
 * A table entry (0 = free) for the state of index `index` and hash `h` in a table of
 * `mask + 1` slots: `index + 1` in the low bits (a table is at most half full, so it
 * fits below `mask + 1`), the hash's bits from there up above it. The low bits of the
 * hash are the slot it starts probing at, so the entry keeps the rest.
 */
export function entryOf(h: number, index: number, mask: number): number {
  return (h & ~mask) | (index + 1);
}

/** Index of the state at `src[at ..]` (hash `h`) in a table of entries over `words`, or -1. */
export function findIn(
  table: Int32Array,
  words: Uint32Array,
  W: number,
  src: Uint32Array,
  at: number,
  h: number,
): number {
  const mask = table.length - 1;
  const high = h & ~mask;
  let slot = h & mask;
  for (;;) {
    const entry = table[slot] as number;
    if (entry === 0) return -1;
    if ((entry & ~mask) === high) {
      const base = ((entry & mask) - 1) * W;
      let k = 0;
      while (k < W && words[base + k] === src[at + k]) k++;
      if (k === W) return (entry & mask) - 1;
    }
    slot = (slot + 1) & mask;
  }
}

/**
 * Fills an empty open-addressing table (power-of-two length, entries as `entryOf`) with
 * the first `count` states of `words`, W words each. Shared by the one-thread and the
 * partitioned stores so both probe alike.
 */
export function rehash(words: Uint32Array, count: number, W: number, table: Int32Array): void {
  const mask = table.length - 1;
  for (let i = 0; i < count; i++) {
    const h = hashWords(words, i * W, W);
    let slot = h & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = entryOf(h, i, mask);
  }
}

/** 32-bit hash of W words (murmur3-style mixing; the table uses the low bits). */
export function hashWords(src: Uint32Array, at: number, W: number): number {
  let h = 0x9747b28c ^ W;
  for (let k = 0; k < W; k++) {
    let x = src[at + k] as number;
    x = Math.imul(x, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    x = Math.imul(x, 0x1b873593);
    h ^= x;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
