/**
 * One breadth-first layer, expanded by every thread at once: threads take
 * chunks of the layer's index range from a shared cursor, expand each state,
 * insert its successors into the shared store and flag a failing state.
 * The same function runs in the coordinator and in every helper.
 *
 * Control block (Int32, `control`): the command, its generation (helpers
 * wait for it to change), the layer's range and cursor, how many helpers are
 * done, and the flags threads raise: a failing state in this layer, "pause"
 * (the table is filling up: stop taking chunks so the coordinator can grow
 * it) and "error" (a helper hit the memory limit or failed).
 */
import { SuccBuffer, type SystemCore } from '../core';
import type { DivergenceOracle } from '../divergence';
import { failureAt, type PropertyKind } from '../failure';
import type { SharedStore } from './shared-store';

export const C = {
  GEN: 0,
  CMD: 1,
  FROM: 2,
  TO: 3,
  CURSOR: 4,
  DONE: 5,
  FAIL: 6,
  PAUSE: 7,
  ERROR: 8,
  TRANSITIONS: 9,
  /** Table fill (states) at which threads ask for a bigger table. */
  PAUSE_AT: 10,
  /** Helpers that have taken the job. */
  READY: 11,
  SIZE: 12,
} as const;

export const CMD_LAYER = 1;
export const CMD_TABLE = 2;
export const CMD_EXIT = 3;

/** States per chunk: small enough to balance the threads, large enough to keep the cursor cold. */
export const CHUNK = 256;

export interface LayerWork {
  readonly core: SystemCore;
  readonly store: SharedStore;
  readonly control: Int32Array;
  readonly property: PropertyKind;
  readonly oracle: DivergenceOracle | undefined;
  readonly buf: SuccBuffer;
  /** Called between chunks (the coordinator's budget; it may throw). */
  readonly between?: () => void;
}

export function layerWork(
  core: SystemCore,
  store: SharedStore,
  control: Int32Array,
  property: PropertyKind,
  oracle: DivergenceOracle | undefined,
): LayerWork {
  return { core, store, control, property, oracle, buf: new SuccBuffer() };
}

/** Expands chunks of the current layer until none is left or a pause is asked; adds the transitions to the control block. */
export function workLayer(w: LayerWork): void {
  const { core, store, control, buf, property, oracle } = w;
  const W = core.width;
  const to = Atomics.load(control, C.TO);
  const pauseAt = Atomics.load(control, C.PAUSE_AT);
  let transitions = 0;
  try {
    while (Atomics.load(control, C.PAUSE) === 0) {
      const start = Atomics.add(control, C.CURSOR, CHUNK);
      if (start >= to) break;
      const end = Math.min(to, start + CHUNK);
      for (let i = start; i < end; i++) {
        const n = core.expand(store.words, i * W, buf);
        transitions += n;
        for (let k = 0; k < n; k++) store.insert(buf.vectors, k * W);
        if (
          Atomics.load(control, C.FAIL) === 0 &&
          failureAt(core, store.words, i * W, n, buf, property, oracle) !== undefined
        ) {
          Atomics.store(control, C.FAIL, 1);
        }
      }
      if (store.count >= pauseAt) Atomics.store(control, C.PAUSE, 1);
      w.between?.();
    }
  } finally {
    Atomics.add(control, C.TRANSITIONS, transitions);
  }
}

/** States per chunk when every thread refills a new table. */
const REHASH_CHUNK = 4096;

/** Takes chunks of [0, TO) from the cursor and puts them into the store's (new, empty) table. */
export function workRehash(store: SharedStore, control: Int32Array): void {
  const to = Atomics.load(control, C.TO);
  for (;;) {
    const start = Atomics.add(control, C.CURSOR, REHASH_CHUNK);
    if (start >= to) return;
    store.rehash(start, Math.min(to, start + REHASH_CHUNK));
  }
}
