/**
 * One check searched by K threads (a property, or a refinement: spaces.ts):
 * breadth-first, one layer at a time, the states partitioned by hash among
 * the threads (part-store.ts). Each thread expands the states it owns and
 * sends the successors another thread owns to that thread through a ring
 * (exchange.ts, layer.ts). Threads meet only at the end of a layer.
 *
 * Inside a layer, states get their indices in whatever order they arrive,
 * but the results do not depend on it:
 *  - which states each layer holds does not depend on order, so the states
 *    and transitions counted up to the end of a layer are those of the
 *    one-thread search, which also finishes the failing layer;
 *  - the counterexample is rebuilt canonically once the first layer with a
 *    failing state is complete: backwards, the states of each earlier layer
 *    that lead to a failing state in the remaining steps; forwards, from the
 *    initial state, always the first successor (event order) among those.
 *    That is the least shortest path in event order, the path the
 *    one-thread search finds through breadth-first order and first parents.
 *
 * The coordinating thread owns partition 0, polls the budget between its
 * chunks, and turns a full memory budget into a clean "limit" outcome.
 */
import { LimitReached, MemoryLimitReached, type Budget } from '../budget';
import type { Step } from '../counterexample';
import { SuccBuffer } from '../core';
import type { CheckResult } from '../result';
import { hashWords } from '../state-store';
import { allocateExchange, Exchange } from './exchange';
import { C, CMD_EXIT, CMD_LAYER, layerWork, seedInitial, STOP_ERROR, workLayer } from './layer';
import { ownerOf, PartStore } from './part-store';
import type { SearchSpace, SpaceSpec } from './spaces';
import { wake, waitHelpers, type Team } from './team';

type Stats = { readonly states: number; readonly transitions: number };

export interface ParallelSearch {
  /** The coordinator's space. */
  readonly space: SearchSpace;
  /** The same space, for the helpers to build. */
  readonly spec: SpaceSpec;
  /**
   * The report of a failure at the state `src[at ..]` (just expanded into
   * `buf`, `n` successors), reached by `steps`; `path[i]` is a copy of the
   * state step i leaves (the initial state first).
   */
  finish(
    steps: Step[],
    src: Uint32Array,
    at: number,
    n: number,
    buf: SuccBuffer,
    stats: Stats,
    path: readonly Uint32Array[],
  ): CheckResult;
}

export function searchInParallel(search: ParallelSearch, budget: Budget, team: Team): CheckResult {
  const { space } = search;
  const W = space.width;
  const K = team.helpers + 1;
  const control = new Int32Array(new SharedArrayBuffer((C.COUNTS + K + 1) * 4));
  const counts = (): number[] => Array.from({ length: K }, (_, t) => Atomics.load(control, C.COUNTS + t));
  const total = (): number => counts().reduce((a, b) => a + b, 0);
  let transitions = 0;
  let started = false;
  const stats = () => ({ states: started ? total() : 0, transitions });
  const partBytes = Math.floor(team.maxBytes / K);
  const initialStates = Math.max(1, Math.ceil((team.initialStates ?? 1 << 19) / K));
  try {
    const words = Array.from({ length: K }, () => PartStore.reserveWords(W, partBytes));
    const exchangeBuffers = allocateExchange(K, W);
    let ownTable = PartStore.newTable(initialStates);
    const store = new PartStore(W, K, words[0] as SharedArrayBuffer, ownTable, partBytes, (t) => (ownTable = t));
    seedInitial(store, 0);
    Atomics.store(control, C.COUNTS, store.count);
    team.begin({
      space: search.spec,
      words,
      initialStates,
      partBytes,
      exchange: exchangeBuffers,
      control: control.buffer as SharedArrayBuffer,
    });
    started = true;
    // bounds[t][d]: first index of layer d in partition t
    const bounds: number[][] = counts().map((c) => [0, c]);
    const depth = (): number => (bounds[0] as number[]).length - 2;
    const between = (): void => {
      const states = total();
      const layerEnd = bounds.reduce((s, b) => s + (b.at(-1) as number), 0);
      budget.poll(states, transitions + Atomics.load(control, C.TRANSITIONS), Math.max(0, states - layerEnd), depth());
    };
    const work = layerWork(space, store, new Exchange(exchangeBuffers, 0), control, between);
    for (;;) {
      Atomics.store(control, C.FAIL, 0);
      Atomics.store(control, C.TRANSITIONS, 0);
      Atomics.store(control, C.EXPANDING, K);
      Atomics.store(control, C.CMD, CMD_LAYER);
      wake(control);
      try {
        workLayer(work);
      } finally {
        waitHelpers(control, team.helpers);
      }
      if (Atomics.load(control, C.STOP) === STOP_ERROR) throw new MemoryLimitReached(team.maxBytes);
      transitions += Atomics.load(control, C.TRANSITIONS);
      const now = counts();
      const grew = now.some((c, t) => c !== (bounds[t] as number[]).at(-1));
      now.forEach((c, t) => (bounds[t] as number[]).push(c));
      if (Atomics.load(control, C.FAIL) === 1) {
        const stores = partitions(W, K, words, partBytes, ownTable, team);
        return canonicalFailure(search, stores, bounds, stats());
      }
      if (!grew) return { status: 'passed', ...stats() };
    }
  } catch (error) {
    if (error instanceof MemoryLimitReached)
      return { status: 'limit', reason: 'memory', message: error.message, ...stats() };
    if (error instanceof LimitReached)
      return { status: 'limit', reason: error.reason, message: error.message, ...stats() };
    throw error;
  } finally {
    if (started) {
      Atomics.store(control, C.CMD, CMD_EXIT);
      wake(control);
    }
  }
}

/** Every partition, readable by the coordinator once the helpers are idle. */
function partitions(
  W: number,
  K: number,
  words: readonly SharedArrayBuffer[],
  partBytes: number,
  ownTable: SharedArrayBuffer,
  team: Team,
): PartStore[] {
  const tables = team.tables();
  return words.map((w, t) => {
    const table = t === 0 ? ownTable : tables.get(t);
    if (table === undefined) throw new Error(`search thread ${t} never published its table`);
    return new PartStore(W, K, w, table, partBytes, () => {});
  });
}

/** A state of the search: its partition and index there. */
interface Ref {
  readonly part: number;
  readonly index: number;
}

/** The least shortest path to a failing state of the last layer (the layer before the last bound). */
function canonicalFailure(
  search: ParallelSearch,
  stores: readonly PartStore[],
  bounds: readonly (readonly number[])[],
  stats: Stats,
): CheckResult {
  const { space } = search;
  const W = space.width;
  const K = stores.length;
  const buf = new SuccBuffer();
  const last = (bounds[0] as readonly number[]).length - 3; // the failing layer
  const lo = (t: number, d: number): number => (bounds[t] as readonly number[])[d] as number;
  const locate = (src: Uint32Array, at: number): Ref => {
    const h = hashWords(src, at, W);
    const part = ownerOf(h, K);
    return { part, index: (stores[part] as PartStore).find(src, at, h) };
  };
  // leads[d][t][i - lo(t, d)]: that state reaches a failing state of the last layer in last - d steps
  const leads: Uint8Array[][] = [];
  leads[last] = stores.map((s, t) => {
    const marks = new Uint8Array(lo(t, last + 1) - lo(t, last));
    for (let i = lo(t, last); i < lo(t, last + 1); i++) {
      const n = space.expand(s.words, i * W, buf);
      if (space.fails(s.words, i * W, n, buf)) marks[i - lo(t, last)] = 1;
    }
    return marks;
  });
  const leadsTo = (ref: Ref, d: number): boolean => {
    const i = ref.index - lo(ref.part, d);
    return i >= 0 && ref.index < lo(ref.part, d + 1) && (leads[d] as Uint8Array[])[ref.part]?.[i] === 1;
  };
  for (let d = last - 1; d >= 0; d--) {
    leads[d] = stores.map((s, t) => {
      const marks = new Uint8Array(lo(t, d + 1) - lo(t, d));
      for (let i = lo(t, d); i < lo(t, d + 1); i++) {
        const n = space.expand(s.words, i * W, buf);
        for (let k = 0; k < n; k++) {
          if (leadsTo(locate(buf.vectors, k * W), d + 1)) {
            marks[i - lo(t, d)] = 1;
            break;
          }
        }
      }
      return marks;
    });
  }
  const steps: Step[] = [];
  const path: Uint32Array[] = [];
  let cur = locate(new Uint32Array(W), 0);
  for (let d = 0; d < last; d++) {
    const s = stores[cur.part] as PartStore;
    path.push(s.words.slice(cur.index * W, cur.index * W + W));
    const n = space.expand(s.words, cur.index * W, buf);
    for (let k = 0; k < n; k++) {
      const next = locate(buf.vectors, k * W);
      if (leadsTo(next, d + 1)) {
        steps.push({ event: buf.events[k] as number, rule: buf.rules[k] as number, to: next.index * K + next.part });
        cur = next;
        break;
      }
    }
  }
  const s = stores[cur.part] as PartStore;
  const n = space.expand(s.words, cur.index * W, buf);
  return search.finish(steps, s.words, cur.index * W, n, buf, stats, path);
}
