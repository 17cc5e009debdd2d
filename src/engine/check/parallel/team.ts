/**
 * The threads of a parallel search, as the engine sees them. The host
 * (src/main/check/team.ts) starts helper threads; the engine drives them
 * through a shared control block (layer.ts) and this interface, and never
 * touches a thread itself.
 *
 * The coordinating thread works too: `wake` starts the helpers on the
 * command written in the control block, the coordinator does its own share,
 * and `waitHelpers` blocks until every helper has finished. A helper thread
 * runs `serveHelper` for the length of one search.
 */
import { SystemCore, type CoreSpec } from '../core';
import { DivergenceOracle } from '../divergence';
import { C, CMD_EXIT, CMD_LAYER, CMD_TABLE, layerWork, workLayer, workRehash } from './layer';
import { SharedStore, type SharedStoreBuffers } from './shared-store';

/** What every helper needs for one search. */
export interface HelperJob {
  readonly core: CoreSpec;
  readonly store: SharedStoreBuffers;
  /** Int32 control block (layer.ts). */
  readonly control: SharedArrayBuffer;
  readonly deadlock: boolean;
  readonly divergence: boolean;
}

export interface Team {
  /** Helper threads (the coordinator is one more). */
  readonly helpers: number;
  /** Most bytes the state store may take (the parallel search stops cleanly past it). */
  readonly maxBytes: number;
  /** States the first table is sized for (it doubles as needed). */
  readonly initialStates?: number;
  /** Hands the job to every helper; returns when all of them have it. */
  begin(job: HelperJob): void;
  /** Gives the helpers a new table buffer (they switch to it on the next command). */
  sendTable(table: SharedArrayBuffer): void;
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

/** A helper's side of one search: serve commands until told to exit. `nextTable` gives the coordinator's new table. */
export function serveHelper(job: HelperJob, nextTable: () => SharedArrayBuffer): void {
  const control = new Int32Array(job.control);
  const core = new SystemCore(job.core);
  const store = new SharedStore(job.store);
  const oracle = job.divergence ? new DivergenceOracle(core) : undefined;
  const work = layerWork(core, store, control, job.deadlock ? 'deadlock' : 'divergence', oracle);
  let gen = Atomics.load(control, C.GEN);
  Atomics.add(control, C.READY, 1);
  Atomics.notify(control, C.READY);
  for (;;) {
    Atomics.wait(control, C.GEN, gen);
    gen = Atomics.load(control, C.GEN);
    const cmd = Atomics.load(control, C.CMD);
    if (cmd === CMD_EXIT) return;
    try {
      if (cmd === CMD_TABLE) {
        store.useTable(nextTable());
        workRehash(store, control);
      } else if (cmd === CMD_LAYER) workLayer(work);
    } catch {
      // the memory limit (or any failure) in a helper: stop the layer, the coordinator reports it
      Atomics.store(control, C.ERROR, 1);
      Atomics.store(control, C.PAUSE, 1);
    }
    Atomics.add(control, C.DONE, 1);
    Atomics.notify(control, C.DONE);
  }
}
