/**
 * One breadth-first layer, as one thread of a parallel search does it. The
 * same function runs in the coordinator and in every helper:
 *
 *  1. expand the thread's own states of the layer (its partition's range
 *     [from, to), fixed when the layer starts), in chunks; a successor it
 *     owns goes into its own store, one another thread owns into the ring to
 *     that thread (exchange.ts); after each chunk, publish the rings and
 *     insert what the others sent;
 *  2. say it has finished expanding, then keep inserting what arrives until
 *     every thread has finished expanding and its rings are empty.
 *
 * New states land after `to` in their owner's partition: the next layer.
 * Nothing waits inside a layer but a thread with nothing left to do.
 *
 * Control block (Int32, `control`): the command and its generation (helpers
 * wait for it to change), how many helpers have taken the job and finished
 * the command, the threads still expanding, the flags (a failing state in
 * this layer; stop: a limit or an error somewhere), the layer's transitions,
 * then each partition's state count.
 */
import { SuccBuffer } from '../core';
import { hashWords } from '../state-store';
import type { Exchange } from './exchange';
import { ownerOf, type PartStore } from './part-store';
import type { SearchSpace } from './spaces';

export const C = {
  GEN: 0,
  CMD: 1,
  DONE: 2,
  READY: 3,
  EXPANDING: 4,
  FAIL: 5,
  /** 1: stop the layer (a budget limit in the coordinator); 2: a helper failed (memory limit). */
  STOP: 6,
  TRANSITIONS: 7,
  /** Each partition's count, from here on. */
  COUNTS: 8,
} as const;

export const STOP_LIMIT = 1;
export const STOP_ERROR = 2;

export const CMD_LAYER = 1;
export const CMD_EXIT = 2;

/** States expanded between two looks at the rings: small enough to keep rings short, large enough to batch. */
export const CHUNK = 256;

export interface LayerWork {
  readonly space: SearchSpace;
  readonly store: PartStore;
  readonly exchange: Exchange;
  readonly control: Int32Array;
  readonly buf: SuccBuffer;
  /** First state of this partition not yet expanded (the next layer starts there). */
  next: number;
  /** Called between chunks (the coordinator's budget; it may throw). */
  readonly between?: () => void;
}

export function layerWork(
  space: SearchSpace,
  store: PartStore,
  exchange: Exchange,
  control: Int32Array,
  between?: () => void,
): LayerWork {
  return { space, store, exchange, control, buf: new SuccBuffer(), next: 0, ...(between ? { between } : {}) };
}

/** Inserts the initial state (all zeros) if this partition owns it. */
export function seedInitial(store: PartStore, me: number): void {
  const zero = new Uint32Array(store.width);
  const h = hashWords(zero, 0, store.width);
  if (ownerOf(h, store.parts) === me) store.insert(zero, 0, h);
}

/** This thread's part of one layer; adds its transitions and count to the control block. Never throws past the protocol: a failure sets STOP. */
export function workLayer(w: LayerWork): void {
  const { space, store, exchange, control, buf } = w;
  const W = space.width;
  const K = store.parts;
  const me = exchange.me;
  const stopped = (): boolean => Atomics.load(control, C.STOP) !== 0;
  const from = w.next;
  const to = store.count;
  w.next = to;
  let transitions = 0;
  let failing = false;
  let error: unknown;
  try {
    for (let start = from; start < to && !stopped(); start += CHUNK) {
      const end = Math.min(to, start + CHUNK);
      for (let i = start; i < end; i++) {
        const n = space.expand(store.words, i * W, buf);
        transitions += space.generated;
        const vectors = buf.vectors;
        for (let k = 0; k < n; k++) {
          const h = hashWords(vectors, k * W, W);
          const owner = ownerOf(h, K);
          if (owner === me) store.insert(vectors, k * W, h);
          else exchange.send(owner, vectors, k * W, h, store, stopped);
        }
        if (!failing && space.fails(store.words, i * W, n, buf)) {
          failing = true;
          Atomics.store(control, C.FAIL, 1);
        }
      }
      exchange.publish();
      exchange.absorb(store);
      Atomics.store(control, C.COUNTS + me, store.count);
      w.between?.();
    }
    exchange.publish();
  } catch (e) {
    error = e;
    Atomics.store(control, C.STOP, me === 0 ? STOP_LIMIT : STOP_ERROR);
  }
  // finished expanding: tell the others, then take in what they still send
  Atomics.sub(control, C.EXPANDING, 1);
  for (let t = 0; t < K; t++) if (t !== me) exchange.ring(t);
  try {
    for (;;) {
      if (stopped()) break;
      const bell = exchange.sleep();
      const expanding = Atomics.load(control, C.EXPANDING);
      if (exchange.absorb(store) === 0 && expanding !== 0) Atomics.wait(exchange.bells, me, bell, 5);
      exchange.wake();
      if (expanding === 0) break;
    }
  } catch (e) {
    error ??= e;
    Atomics.store(control, C.STOP, me === 0 ? STOP_LIMIT : STOP_ERROR);
  }
  Atomics.store(control, C.COUNTS + me, store.count);
  Atomics.add(control, C.TRANSITIONS, transitions);
  if (error !== undefined) throw error;
}
