/**
 * The state store of a parallel search: the same open-addressing hash set as
 * StateStore (states appended in insertion order, the table holds index + 1),
 * on SharedArrayBuffers, so every thread inserts into it at once.
 *
 * Insertion is lock-free: a thread claims an empty slot by compare-and-swap
 * to BUSY, takes the next index from the shared count, writes the state's
 * words, then publishes index + 1 in the slot. A thread that meets a BUSY
 * slot waits for it to be published, then compares as usual. The table has
 * a fixed capacity and is replaced between steps of the search by the
 * coordinating thread, when the other threads are idle (`grownTable`). The
 * words buffer's size is the memory limit: past it, `insert` throws
 * MemoryLimitReached (a budget limit, so the search stops cleanly).
 */
import { MemoryLimitReached } from '../budget';
import { hashWords } from '../state-store';

export interface SharedStoreBuffers {
  readonly width: number;
  /** Allocated at the memory limit; pages are committed as states are written. */
  readonly words: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
  /** Int32: count. */
  readonly meta: SharedArrayBuffer;
}

const COUNT = 0;
const BUSY = -1;

export class SharedStore {
  readonly words: Uint32Array;
  table: Int32Array;
  private mask: number;
  private readonly meta: Int32Array;
  readonly width: number;
  /** Whether the last `insert` added the state. */
  fresh = false;

  constructor(readonly buffers: SharedStoreBuffers) {
    this.width = buffers.width;
    this.words = new Uint32Array(buffers.words);
    this.table = new Int32Array(buffers.table);
    this.mask = this.table.length - 1;
    this.meta = new Int32Array(buffers.meta);
  }

  /**
   * New buffers for states of `width` words. The words buffer is allocated at
   * its maximum size (`maxBytes`, at most 8 GiB) up front: the system commits
   * its pages only as they are written, so it costs what the states use, and
   * it never moves or grows under the other threads.
   */
  static allocate(width: number, capacity: number, maxBytes: number): SharedStoreBuffers {
    let cap = 1 << 10;
    while (cap < capacity * 2) cap *= 2;
    const maxStates = Math.floor(Math.min(2 ** 33, maxBytes) / (width * 4));
    const words = new SharedArrayBuffer(Math.max(1, maxStates) * width * 4);
    return { width, words, table: new SharedArrayBuffer(cap * 4), meta: new SharedArrayBuffer(16) };
  }

  get count(): number {
    return Atomics.load(this.meta, COUNT);
  }

  get capacity(): number {
    return this.table.length;
  }

  /** Bytes in use: the states' words written so far and the table. */
  get bytes(): number {
    return this.count * this.width * 4 + this.table.byteLength;
  }

  insert(src: Uint32Array, at: number): number {
    const W = this.width;
    const table = this.table;
    let slot = hashWords(src, at, W) & this.mask;
    for (;;) {
      let entry = Atomics.load(table, slot);
      if (entry === 0) {
        if (Atomics.compareExchange(table, slot, 0, BUSY) !== 0) continue;
        const index = Atomics.add(this.meta, COUNT, 1);
        const base = index * W;
        if (base + W > this.words.length) throw new MemoryLimitReached(this.words.byteLength + this.table.byteLength);
        const words = this.words;
        for (let k = 0; k < W; k++) words[base + k] = src[at + k] as number;
        Atomics.store(table, slot, index + 1);
        this.fresh = true;
        return index;
      }
      while (entry === BUSY) entry = Atomics.load(table, slot);
      const base = (entry - 1) * W;
      const words = this.words;
      let k = 0;
      while (k < W && words[base + k] === src[at + k]) k++;
      if (k === W) {
        this.fresh = false;
        return entry - 1;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  find(src: Uint32Array, at: number): number {
    const W = this.width;
    let slot = hashWords(src, at, W) & this.mask;
    for (;;) {
      const entry = Atomics.load(this.table, slot);
      if (entry === 0) return -1;
      const base = (entry - 1) * W;
      let k = 0;
      while (k < W && this.words[base + k] === src[at + k]) k++;
      if (k === W) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Coordinator only: an empty table of twice the capacity (filled by every thread with `rehash`). */
  emptyTable(maxBytes: number): SharedArrayBuffer {
    const cap = this.table.length * 2;
    if (cap * 4 + this.bytes > maxBytes) throw new MemoryLimitReached(maxBytes);
    return new SharedArrayBuffer(cap * 4);
  }

  /** Puts states [from, to) into the current table (after `useTable` of an empty one); threads may share the work. */
  rehash(from: number, to: number): void {
    const table = this.table;
    const mask = this.mask;
    const W = this.width;
    for (let i = from; i < to; i++) {
      let slot = hashWords(this.words, i * W, W) & mask;
      while (Atomics.compareExchange(table, slot, 0, i + 1) !== 0) slot = (slot + 1) & mask;
    }
  }

  /** Switches to a table built by the coordinator (helpers call it when told to). */
  useTable(sab: SharedArrayBuffer): void {
    this.table = new Int32Array(sab);
    this.mask = this.table.length - 1;
  }
}
