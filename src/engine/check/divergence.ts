/**
 * Which states of a system diverge: a state diverges when it can reach a
 * τ-cycle by τ steps alone.
 *
 * A depth-first search over τ-edges with its own state store, so it never
 * adds states to the store a breadth-first search is filling (that would put
 * states in the queue ahead of their depth and lengthen counterexamples).
 * Only states reached through τ are stored here, each once, with its verdict:
 *  - an edge back to a state on the search path closes a τ-cycle: every state
 *    on the path reaches it, so all of them diverge and the search stops;
 *  - so does an edge to a state already known to diverge;
 *  - a state whose τ-successors are all calm is calm.
 * A search that stops early leaves τ-successors it stored but never reached
 * without a verdict; asked about later, such a state gets its own search.
 * (Without the early stop this would be Tarjan's algorithm; with it, states
 * left on the path are exactly the divergent ones, so no lowlinks are needed.)
 */
import { SuccBuffer, type SystemCore } from './core';
import { StateStore } from './state-store';

const UNKNOWN = 0;
const CALM = 1;
const DIVERGENT = 2;
const ON_PATH = 3;

export class DivergenceOracle {
  private readonly seen: StateStore;
  private status = new Uint8Array(1024);
  private readonly buf = new SuccBuffer();

  constructor(private readonly sys: SystemCore) {
    this.seen = new StateStore(sys.width, 1 << 8);
  }

  /** States stored by the oracle (for memory figures). */
  get size(): number {
    return this.seen.count;
  }

  /** Whether the state packed at `src[at ..]` diverges. */
  isDivergentAt(src: Uint32Array, at: number): boolean {
    if (!this.sys.hasTau) return false;
    const known = this.seen.find(src, at);
    if (known < 0) return this.search(this.add(src, at));
    // a state stored as the τ-successor of one whose search stopped early has no verdict yet
    if (this.status[known] === UNKNOWN) return this.search(known);
    return this.status[known] === DIVERGENT;
  }

  private add(src: Uint32Array, at: number): number {
    const before = this.seen.count;
    const i = this.seen.insert(src, at);
    if (i === before && i >= this.status.length) {
      const next = new Uint8Array(this.status.length * 2);
      next.set(this.status);
      this.status = next;
    }
    return i;
  }

  /** τ-successors of stored state `v` (indices in the oracle's store). */
  private tauTargets(v: number): number[] {
    const W = this.sys.width;
    const n = this.sys.expand(this.seen.words, v * W, this.buf);
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      if (this.buf.events[k] !== 0) break; // τ comes first (rules are sorted by event)
      out.push(this.add(this.buf.vectors, k * W));
    }
    return out;
  }

  private search(root: number): boolean {
    const path: { v: number; succ: number[]; at: number }[] = [];
    const open = (v: number): void => {
      this.status[v] = ON_PATH;
      path.push({ v, succ: this.tauTargets(v), at: 0 });
    };
    open(root);
    while (path.length > 0) {
      const top = path[path.length - 1] as (typeof path)[number];
      if (top.at < top.succ.length) {
        const w = top.succ[top.at++] as number;
        const s = this.status[w] as number;
        if (s === ON_PATH || s === DIVERGENT) {
          for (const f of path) this.status[f.v] = DIVERGENT;
          return true;
        }
        if (s === UNKNOWN) open(w);
        continue;
      }
      this.status[top.v] = CALM;
      path.pop();
    }
    return false;
  }
}
