/**
 * The threads of a parallel search, as the engine sees them. The host
 * (src/main/check/team.ts) starts helper threads; the engine drives them
 * through a shared control block (layer.ts) and this interface, and never
 * touches a thread itself.
 *
 * The coordinating thread is partition 0 and works too: `wake` starts the
 * helpers on the command written in the control block, the coordinator does
 * its own share, and `waitHelpers` blocks until every helper has finished.
 * A helper thread runs `serveHelper` for the length of one search; it takes
 * its partition number from the order in which helpers take the job.
 */
import { Exchange, type ExchangeBuffers } from './exchange';
import { C, CMD_EXIT, CMD_LAYER, layerWork, seedInitial, STOP_ERROR, workLayer } from './layer';
import { PartStore } from './part-store';
import { spaceOf, type SpaceSpec } from './spaces';

/** What every helper needs for one search. */
export interface HelperJob {
  readonly space: SpaceSpec;
  /** Each partition's words buffer (partition 0 is the coordinator's). */
  readonly words: readonly SharedArrayBuffer[];
  /** States each partition's first table is sized for. */
  readonly initialStates: number;
  /** Most bytes one partition may take. */
  readonly partBytes: number;
  readonly exchange: ExchangeBuffers;
  /** Int32 control block (layer.ts). */
  readonly control: SharedArrayBuffer;
}

export interface Team {
  /** Helper threads (the coordinator is one more). */
  readonly helpers: number;
  /** Most bytes the state stores may take together (the parallel search stops cleanly past it). */
  readonly maxBytes: number;
  /** States the first tables are sized for, all partitions together (they double as needed). */
  readonly initialStates?: number;
  /** Hands the job to every helper; returns when all of them have it. */
  begin(job: HelperJob): void;
  /** Each helper partition's newest table (published with `serveHelper`'s `publish`), by partition. */
  tables(): ReadonlyMap<number, SharedArrayBuffer>;
}

/** Starts the helpers on the command in the control block. */
export function wake(control: Int32Array): void {
  Atomics.store(control, C.DONE, 0);
  Atomics.add(control, C.GEN, 1);
  Atomics.notify(control, C.GEN);
}

/** Blocks until `helpers` helpers have finished the current command. */
export function waitHelpers(control: Int32Array, helpers: number): void {
  for (;;) {
    const done = Atomics.load(control, C.DONE);
    if (done >= helpers) return;
    Atomics.wait(control, C.DONE, done, 1000);
  }
}

/** Blocks until `helpers` helpers have taken the job, or throws after `ms`. */
export function waitReady(control: Int32Array, helpers: number, ms: number, now: () => number): void {
  const until = now() + ms;
  for (;;) {
    const ready = Atomics.load(control, C.READY);
    if (ready >= helpers) return;
    if (now() > until) throw new Error(`only ${ready} of ${helpers} search threads started`);
    Atomics.wait(control, C.READY, ready, 100);
  }
}

/**
 * A helper's side of one search: serve commands until told to exit.
 * `publish(part, table)` hands a new table of the helper's partition to the coordinator.
 */
export function serveHelper(job: HelperJob, publish: (part: number, table: SharedArrayBuffer) => void): void {
  const control = new Int32Array(job.control);
  const parts = job.words.length;
  // partitions 1..K-1, in the order helpers take the job; the count is published before READY
  const me = Atomics.add(control, C.COUNTS + parts, 1) + 1;
  const space = spaceOf(job.space);
  const first = PartStore.newTable(job.initialStates);
  publish(me, first);
  const store = new PartStore(space.width, parts, job.words[me] as SharedArrayBuffer, first, job.partBytes, (t) =>
    publish(me, t),
  );
  seedInitial(store, me);
  Atomics.store(control, C.COUNTS + me, store.count);
  const exchange = new Exchange(job.exchange, me);
  const work = layerWork(space, store, exchange, control);
  let gen = Atomics.load(control, C.GEN);
  Atomics.add(control, C.READY, 1);
  Atomics.notify(control, C.READY);
  for (;;) {
    Atomics.wait(control, C.GEN, gen);
    gen = Atomics.load(control, C.GEN);
    const cmd = Atomics.load(control, C.CMD);
    if (cmd === CMD_EXIT) return;
    try {
      if (cmd === CMD_LAYER) workLayer(work);
    } catch {
      // the memory limit (or any failure) in a helper: the layer stops, the coordinator reports it
      Atomics.store(control, C.STOP, STOP_ERROR);
    }
    Atomics.add(control, C.DONE, 1);
    Atomics.notify(control, C.DONE);
  }
}
