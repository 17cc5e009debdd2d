/**
 * One property check (deadlock, divergence) searched by several threads:
 * breadth-first, one layer at a time, every thread expanding chunks of the
 * layer into one shared store (layer.ts, shared-store.ts). A layer's states
 * get their indices in whatever order the threads insert them, so the
 * search is nondeterministic inside a layer, but its results are not:
 *
 *  - which layers exist (states by depth) does not depend on order, so the
 *    states and transitions counted up to the end of a layer are those of
 *    the one-thread search, which also finishes the failing layer;
 *  - the counterexample is rebuilt canonically once the first layer with a
 *    failing state is complete: backwards, the states of each earlier layer
 *    that lead to a failing state in the remaining steps; forwards, from the
 *    initial state, always the first successor (event order) among those.
 *    That is the least shortest path in event order, the path the
 *    one-thread search finds through breadth-first order and first parents.
 *
 * The coordinating thread works on every layer too, polls the budget between
 * chunks, grows the table when a thread asks (the others wait), and turns a
 * full memory budget into a clean "limit" outcome.
 */
import { LimitReached, MemoryLimitReached, type Budget } from '../budget';
import type { CounterexampleKind, Namer, Step } from '../counterexample';
import { SuccBuffer } from '../core';
import { DivergenceOracle } from '../divergence';
import { failureAt, type PropertyKind } from '../failure';
import { failed } from '../property';
import type { CheckResult } from '../result';
import type { System } from '../system';
import { C, CMD_EXIT, CMD_LAYER, CMD_TABLE, layerWork, workLayer, workRehash } from './layer';
import { SharedStore } from './shared-store';
import { wake, waitHelpers, type Team } from './team';

/** Fill of the table at which a bigger one is made (linear probing stays short below it). */
const MAX_LOAD = 0.6;

export function searchInParallel(
  sys: System,
  property: PropertyKind,
  model: 'F' | 'FD',
  budget: Budget,
  namer: Namer,
  team: Team,
): CheckResult {
  const W = sys.width;
  const divergence = property === 'divergence' || model === 'FD';
  const controlBuffer = new SharedArrayBuffer(C.SIZE * 4);
  const control = new Int32Array(controlBuffer);
  let store: SharedStore | undefined;
  let transitions = 0;
  const stats = () => ({ states: store?.count ?? 0, transitions });
  try {
    store = new SharedStore(SharedStore.allocate(W, team.initialStates ?? 1 << 19, team.maxBytes));
    store.insert(new Uint32Array(W), 0);
    team.begin({
      core: sys.plainSpec(),
      store: store.buffers,
      control: controlBuffer,
      deadlock: property === 'deadlock',
      divergence,
    });
    const s = store;
    const oracle = divergence ? new DivergenceOracle(sys) : undefined;
    const layerStart = [0];
    const work = {
      ...layerWork(sys, s, control, property, oracle),
      between: () =>
        budget.poll(
          s.count,
          transitions + Atomics.load(control, C.TRANSITIONS),
          Math.max(0, s.count - Atomics.load(control, C.CURSOR)),
          layerStart.length - 1,
        ),
    };
    let from = 0;
    let to = 1;
    for (;;) {
      Atomics.store(control, C.FROM, from);
      Atomics.store(control, C.TO, to);
      Atomics.store(control, C.CURSOR, from);
      Atomics.store(control, C.FAIL, 0);
      Atomics.store(control, C.TRANSITIONS, 0);
      runLayer(s, control, work, team);
      transitions += Atomics.load(control, C.TRANSITIONS);
      if (Atomics.load(control, C.FAIL) === 1)
        return canonicalFailure(sys, s, layerStart, to, property, oracle, namer, stats());
      from = to;
      to = s.count;
      if (from === to) return { status: 'passed', ...stats() };
      layerStart.push(from);
    }
  } catch (error) {
    if (error instanceof MemoryLimitReached)
      return { status: 'limit', reason: 'memory', message: error.message, ...stats() };
    if (error instanceof LimitReached)
      return { status: 'limit', reason: error.reason, message: error.message, ...stats() };
    throw error;
  } finally {
    if (store !== undefined) {
      Atomics.store(control, C.CMD, CMD_EXIT);
      wake(control);
    }
  }
}

/** One layer by every thread, growing the table whenever a thread asks for it. */
function runLayer(
  store: SharedStore,
  control: Int32Array,
  work: ReturnType<typeof layerWork> & { between: () => void },
  team: Team,
): void {
  for (;;) {
    if (store.count >= store.capacity * MAX_LOAD) growTable(store, control, team);
    Atomics.store(control, C.PAUSE_AT, Math.floor(store.capacity * MAX_LOAD));
    Atomics.store(control, C.PAUSE, 0);
    Atomics.store(control, C.CMD, CMD_LAYER);
    wake(control);
    try {
      workLayer(work);
    } finally {
      // stop the helpers before anything else happens (a limit in this thread included)
      Atomics.store(control, C.PAUSE, 1);
      waitHelpers(control, team.helpers);
    }
    if (Atomics.load(control, C.ERROR) !== 0) throw new MemoryLimitReached(team.maxBytes);
    if (Atomics.load(control, C.CURSOR) >= Atomics.load(control, C.TO)) return;
  }
}

/** A table of twice the size, refilled by every thread; the layer's range and cursor are kept. */
function growTable(store: SharedStore, control: Int32Array, team: Team): void {
  const table = store.emptyTable(team.maxBytes);
  const to = Atomics.load(control, C.TO);
  const cursor = Atomics.load(control, C.CURSOR);
  team.sendTable(table);
  store.useTable(table);
  Atomics.store(control, C.TO, store.count);
  Atomics.store(control, C.CURSOR, 0);
  Atomics.store(control, C.CMD, CMD_TABLE);
  wake(control);
  workRehash(store, control);
  waitHelpers(control, team.helpers);
  Atomics.store(control, C.TO, to);
  Atomics.store(control, C.CURSOR, cursor);
}

/** The least shortest path to a failing state of the last layer [layerStart.at(-1), end). */
function canonicalFailure(
  sys: System,
  store: SharedStore,
  layerStart: readonly number[],
  end: number,
  property: PropertyKind,
  oracle: DivergenceOracle | undefined,
  namer: Namer,
  stats: { states: number; transitions: number },
): CheckResult {
  const W = sys.width;
  const buf = new SuccBuffer();
  const bounds = [...layerStart, end];
  const depth = layerStart.length - 1;
  // leads[d][i - bounds[d]]: state i of layer d reaches a failing state of the last layer in depth - d steps
  const leads: Uint8Array[] = [];
  const last = new Uint8Array(end - (bounds[depth] as number));
  for (let i = bounds[depth] as number; i < end; i++) {
    const n = sys.expand(store.words, i * W, buf);
    if (failureAt(sys, store.words, i * W, n, buf, property, oracle) !== undefined)
      last[i - (bounds[depth] as number)] = 1;
  }
  leads[depth] = last;
  for (let d = depth - 1; d >= 0; d--) {
    const lo = bounds[d] as number;
    const nextLo = bounds[d + 1] as number;
    const next = leads[d + 1] as Uint8Array;
    const mine = new Uint8Array((bounds[d + 1] as number) - lo);
    for (let i = lo; i < nextLo; i++) {
      const n = sys.expand(store.words, i * W, buf);
      for (let k = 0; k < n; k++) {
        const t = store.find(buf.vectors, k * W) - nextLo;
        if (t >= 0 && t < next.length && next[t] === 1) {
          mine[i - lo] = 1;
          break;
        }
      }
    }
    leads[d] = mine;
  }
  const steps: Step[] = [];
  let cur = 0;
  for (let d = 0; d < depth; d++) {
    const n = sys.expand(store.words, cur * W, buf);
    const nextLo = bounds[d + 1] as number;
    const next = leads[d + 1] as Uint8Array;
    for (let k = 0; k < n; k++) {
      const t = store.find(buf.vectors, k * W);
      if (t >= nextLo && t - nextLo < next.length && next[t - nextLo] === 1) {
        steps.push({ event: buf.events[k] as number, rule: buf.rules[k] as number, to: t });
        cur = t;
        break;
      }
    }
  }
  const n = sys.expand(store.words, cur * W, buf);
  const kind = failureAt(sys, store.words, cur * W, n, buf, property, oracle) as CounterexampleKind;
  return failed(sys, kind, steps, store.words, cur * W, namer, stats);
}
