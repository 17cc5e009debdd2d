/**
 * How threads of a parallel search hand each other states: a successor that
 * belongs to another thread's partition is written into a ring buffer from
 * this thread to that one (one single-producer single-consumer ring per
 * ordered pair, on a SharedArrayBuffer). The sender publishes its write
 * position once per chunk of expanded states, not per state, and rings the
 * receiver's bell; the receiver inserts what it finds between its own chunks
 * and publishes its read position. Positions are Int32 counters that wrap;
 * only their differences are used. A plain write before a sequentially
 * consistent Atomics.store, read after the matching Atomics.load, is ordered
 * by the JavaScript memory model, so the words need no atomics of their own.
 *
 * A ring entry is the state's hash (so the receiver need not compute it
 * again) and its words. Ring control (Int32, `positions`): for the pair
 * (from, to) at 2·(from·K + to), the write position, then the read position.
 * Bells (Int32, `bells`): one per thread, bumped when something is published
 * to it, and notified if the thread is asleep (its flag after the bells).
 */
import type { PartStore } from './part-store';

/** States a ring holds (a power of two). */
export const RING_STATES = 1 << 15;

export interface ExchangeBuffers {
  readonly parts: number;
  readonly width: number;
  /** K·K rings of RING_STATES states (the diagonal unused). */
  readonly rings: SharedArrayBuffer;
  readonly positions: SharedArrayBuffer;
  readonly bells: SharedArrayBuffer;
}

export function allocateExchange(parts: number, width: number): ExchangeBuffers {
  return {
    parts,
    width,
    rings: new SharedArrayBuffer(parts * parts * RING_STATES * (width + 1) * 4),
    positions: new SharedArrayBuffer(parts * parts * 2 * 4),
    bells: new SharedArrayBuffer(parts * 2 * 4),
  };
}

export class Exchange {
  private readonly rings: Uint32Array;
  readonly positions: Int32Array;
  readonly bells: Int32Array;
  /** Per thread: 1 while it waits on its bell (so a sender notifies only then). */
  private readonly sleeping: Int32Array;
  private readonly parts: number;
  private readonly width: number;
  /** Unpublished write position of each outgoing ring. */
  private readonly written: Int32Array;
  /** Per outgoing ring: the write position at which it is full, as last seen. */
  private readonly room: Int32Array;
  /** Read position of each incoming ring, as last published. */
  private readonly read: Int32Array;
  /** Whether an outgoing ring has unpublished states. */
  private pending = false;

  constructor(
    buffers: ExchangeBuffers,
    readonly me: number,
  ) {
    this.parts = buffers.parts;
    this.width = buffers.width;
    this.rings = new Uint32Array(buffers.rings);
    this.positions = new Int32Array(buffers.positions);
    this.bells = new Int32Array(buffers.bells, 0, buffers.parts);
    this.sleeping = new Int32Array(buffers.bells, buffers.parts * 4, buffers.parts);
    this.written = new Int32Array(this.parts);
    this.read = new Int32Array(this.parts);
    this.room = new Int32Array(this.parts);
    for (let t = 0; t < this.parts; t++) {
      this.written[t] = Atomics.load(this.positions, 2 * (this.me * this.parts + t));
      this.read[t] = Atomics.load(this.positions, 2 * (t * this.parts + this.me) + 1);
      this.room[t] = this.written[t] as number; // unknown yet: looked up on the first send
    }
  }

  /**
   * Queues the state at `src[at ..]` (hash `h`) for thread `to`. When the
   * ring is full, publishes, and absorbs its own incoming states (so two
   * threads sending to each other never wait for each other) until there is
   * room or `stopped()`.
   */
  send(to: number, src: Uint32Array, at: number, h: number, own: PartStore, stopped: () => boolean): void {
    const K = this.parts;
    const ring = this.me * K + to;
    const w = this.written[to] as number;
    // the receiver's read position is looked at only when the room known so far runs out
    if (w === this.room[to]) {
      this.room[to] = (Atomics.load(this.positions, 2 * ring + 1) + RING_STATES) | 0;
      if (w === this.room[to]) {
        this.publish();
        for (;;) {
          this.room[to] = (Atomics.load(this.positions, 2 * ring + 1) + RING_STATES) | 0;
          if (w !== this.room[to]) break;
          if (stopped()) return;
          const bell = this.sleep();
          if (this.absorb(own) === 0) Atomics.wait(this.bells, this.me, bell, 1);
          this.wake();
        }
      }
    }
    const S = this.width + 1;
    const base = (ring * RING_STATES + (w & (RING_STATES - 1))) * S;
    const rings = this.rings;
    rings[base] = h;
    for (let k = 0; k < S - 1; k++) rings[base + 1 + k] = src[at + k] as number;
    this.written[to] = (w + 1) | 0;
    this.pending = true;
  }

  /** Before waiting on the bell: marks this thread asleep and returns the bell's value to wait on. */
  sleep(): number {
    Atomics.store(this.sleeping, this.me, 1);
    return Atomics.load(this.bells, this.me);
  }

  /** After waiting on the bell. */
  wake(): void {
    Atomics.store(this.sleeping, this.me, 0);
  }

  /** Makes every queued state visible to its receiver, and rings the receivers' bells. */
  publish(): void {
    if (!this.pending) return;
    this.pending = false;
    const K = this.parts;
    for (let t = 0; t < K; t++) {
      if (t === this.me) continue;
      const at = 2 * (this.me * K + t);
      const w = this.written[t] as number;
      if (Atomics.load(this.positions, at) === w) continue;
      Atomics.store(this.positions, at, w);
      this.ring(t);
    }
  }

  /** Wakes thread `t` if it waits for states or for the layer's end (the bell moves anyway, so a wait about to start returns at once). */
  ring(t: number): void {
    Atomics.add(this.bells, t, 1);
    if (Atomics.load(this.sleeping, t) !== 0) Atomics.notify(this.bells, t);
  }

  /** Inserts every state published to this thread into `own`; returns how many it read. */
  absorb(own: PartStore): number {
    const K = this.parts;
    const W = this.width;
    const rings = this.rings;
    let total = 0;
    for (let t = 0; t < K; t++) {
      if (t === this.me) continue;
      const ring = t * K + this.me;
      const end = Atomics.load(this.positions, 2 * ring);
      let r = this.read[t] as number;
      if (r === end) continue;
      while (r !== end) {
        const at = (ring * RING_STATES + (r & (RING_STATES - 1))) * (W + 1);
        own.insert(rings, at + 1, rings[at] as number);
        r = (r + 1) | 0;
        total++;
      }
      this.read[t] = r;
      Atomics.store(this.positions, 2 * ring + 1, r);
    }
    return total;
  }
}
