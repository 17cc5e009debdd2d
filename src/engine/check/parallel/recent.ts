/**
 * The states a search thread handled last, in a small direct-mapped cache
 * (a few thousand entries, in the core's own cache memory). Most successors
 * of a breadth-first layer are states seen moments before (the two orders of
 * two independent events meet again one step later), and the hash set they
 * would otherwise be looked up in is large: every lookup there reads a table
 * slot and a state far apart in memory, and one owned by another thread
 * costs a copy through a ring and that thread's lookup too. A state found
 * here (hash and every word equal) was inserted or sent already, so it is
 * skipped; a miss evicts whatever shared its entry.
 */
export class RecentStates {
  /** Per entry: the hash, then the state's words. */
  private readonly entries: Uint32Array;
  private readonly shift: number;

  constructor(
    readonly width: number,
    /** Bytes it may take: about a core's second-level cache, shared with the tables' hot lines. */
    bytes = 512 * 1024,
  ) {
    let bits = 8;
    while (bits < 20 && (2 << bits) * (width + 1) * 4 <= bytes) bits++;
    this.entries = new Uint32Array((1 << bits) * (width + 1));
    this.shift = 32 - bits;
  }

  /**
   * Whether the state at `src[at ..]` (hash `h`) is the one kept in its entry;
   * if not, it is kept there from now on. An empty entry (all zeros) can only
   * match the all-zero state of hash 0, and the all-zero state is the initial
   * state, always in the set.
   */
  seen(src: Uint32Array, at: number, h: number): boolean {
    const W = this.width;
    const entries = this.entries;
    // the slot in the hash set uses the hash's low bits; mix so that the entry does not follow them
    const base = (Math.imul(h, 0x85ebca6b) >>> this.shift) * (W + 1);
    if (entries[base] === h) {
      let k = 0;
      while (k < W && entries[base + 1 + k] === src[at + k]) k++;
      if (k === W) return true;
    }
    entries[base] = h;
    for (let k = 0; k < W; k++) entries[base + 1 + k] = src[at + k] as number;
    return false;
  }
}
