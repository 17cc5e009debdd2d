/**
 * An explicit labelled transition system, the common currency of the
 * compressions: states 0..n-1 (0 is initial), each state's transitions sorted
 * by label then target, labels are event ids (τ = 0, ✓ = 1), and Ω states
 * (after ✓) are flagged. `rep[s]` is a state of the explored original that s
 * stands for, so every compressed state can still be printed as a CSPm term
 * (terms are built only for the states a table keeps).
 */
import type { Term } from '../../csp/terms';
import { TAU } from '../../csp/terms';
import type { Budget } from '../budget';
import { buildTable, LeafTooLargeError, TERM_LABEL, type LeafTable } from '../leaf';
import { SuccBuffer, type System } from '../system';

export interface Lts {
  readonly n: number;
  /** Transitions of s: [start[s], start[s+1]). */
  readonly start: Int32Array;
  readonly label: Int32Array;
  readonly target: Int32Array;
  readonly omega: Uint8Array;
  /** For each state, a state of the explored original it stands for. */
  readonly rep: Int32Array;
  /** The term of a state of the explored original (called for the few states a table keeps). */
  readonly termOf: (original: number) => Term;
}

/** Builds an Lts state by state: `add` transitions, then `end` the state (sorted, duplicates dropped). */
export class LtsBuilder {
  private starts: number[] = [0];
  private labels: number[] = [];
  private targets: number[] = [];
  private omegas: number[] = [];
  private reps: number[] = [];
  private readonly scratch: number[] = [];

  constructor(private readonly termOf: (original: number) => Term) {}

  get states(): number {
    return this.omegas.length;
  }

  add(label: number, target: number): void {
    this.scratch.push(label * 2147483648 + target);
  }

  end(omega: boolean, rep: number): void {
    const keys = this.scratch.sort((a, b) => a - b);
    let prev = -1;
    for (const k of keys) {
      if (k === prev) continue;
      prev = k;
      this.labels.push(Math.floor(k / 2147483648));
      this.targets.push(k % 2147483648);
    }
    keys.length = 0;
    this.starts.push(this.labels.length);
    this.omegas.push(omega ? 1 : 0);
    this.reps.push(rep);
  }

  build(): Lts {
    return {
      n: this.omegas.length,
      start: Int32Array.from(this.starts),
      label: Int32Array.from(this.labels),
      target: Int32Array.from(this.targets),
      omega: Uint8Array.from(this.omegas),
      rep: Int32Array.from(this.reps),
      termOf: this.termOf,
    };
  }
}

/** The whole transition system of a compiled network, by breadth-first search over its own store. */
export function exploreSystem(sys: System, budget: Budget, maxStates: number, name: string): Lts {
  const buf = new SuccBuffer();
  const out = new LtsBuilder((i) => sys.termOf(i));
  for (let i = 0; i < sys.store.count; i++) {
    budget.tick(sys.store.count, sys.transitions, sys.store.count - i);
    const k = sys.successors(i, buf);
    if (sys.store.count > maxStates) throw new LeafTooLargeError(name, maxStates);
    for (let j = 0; j < k; j++) out.add(buf.events[j] as number, buf.targets[j] as number);
    out.end(sys.isTerminated(i), i);
  }
  return out.build();
}

/**
 * The quotient by `block` (block of state 0 must be 0). Strong: each block
 * takes its first member's transitions (its members all have the same ones).
 * Weak (`tauLoop` given): each block takes every member's transitions, τ
 * inside the block dropped, and a τ-loop where `tauLoop(b)` (it diverges).
 */
export function quotient(lts: Lts, block: Int32Array, blocks: number, tauLoop?: (b: number) => boolean): Lts {
  const allMembers = tauLoop !== undefined;
  // members of each block, in state order (the first is the representative)
  const first = new Int32Array(blocks).fill(-1);
  const nextMember = new Int32Array(lts.n).fill(-1);
  const last = new Int32Array(blocks).fill(-1);
  for (let s = 0; s < lts.n; s++) {
    const b = block[s] as number;
    if (first[b] === -1) first[b] = s;
    else nextMember[last[b] as number] = s;
    last[b] = s;
  }
  const out = new LtsBuilder(lts.termOf);
  for (let b = 0; b < blocks; b++) {
    const rep = first[b] as number;
    for (let s = rep; s !== -1; s = allMembers ? (nextMember[s] as number) : -1) {
      for (let k = lts.start[s] as number; k < (lts.start[s + 1] as number); k++) {
        const t = block[lts.target[k] as number] as number;
        if (allMembers && lts.label[k] === TAU && t === b) continue;
        out.add(lts.label[k] as number, t);
      }
    }
    if (tauLoop?.(b) === true) out.add(TAU, b);
    out.end(lts.omega[rep] === 1, lts.rep[rep] as number);
  }
  return out.build();
}

/** The leaf table of a compressed component: its transitions, and the Ω self-loops the network's termination rules need. */
export function toLeafTable(name: string, lts: Lts): LeafTable {
  const out: number[][] = [];
  for (let s = 0; s < lts.n; s++) {
    const list: number[] = [];
    if (lts.omega[s] === 1) list.push(TERM_LABEL, s);
    for (let k = lts.start[s] as number; k < (lts.start[s + 1] as number); k++)
      list.push(lts.label[k] as number, lts.target[k] as number);
    out.push(list);
  }
  return buildTable(name, Array.from(lts.rep, lts.termOf), lts.n, out);
}

/** Per state: whether it can reach a τ-cycle by τ steps (iterative depth-first search). */
export function divergentStates(lts: Lts): Uint8Array {
  const UNKNOWN = 0;
  const CALM = 1;
  const DIVERGENT = 2;
  const ON_PATH = 3;
  const status = new Uint8Array(lts.n);
  const at = new Int32Array(lts.n);
  for (let root = 0; root < lts.n; root++) {
    if (status[root] !== UNKNOWN) continue;
    const path = [root];
    status[root] = ON_PATH;
    at[root] = lts.start[root] as number;
    while (path.length > 0) {
      const v = path[path.length - 1] as number;
      const k = at[v] as number;
      if (k < (lts.start[v + 1] as number) && lts.label[k] === TAU) {
        at[v] = k + 1;
        const w = lts.target[k] as number;
        const s = status[w] as number;
        if (s === ON_PATH || s === DIVERGENT) {
          for (const p of path) status[p] = DIVERGENT;
          path.length = 0;
        } else if (s === UNKNOWN) {
          status[w] = ON_PATH;
          at[w] = lts.start[w] as number;
          path.push(w);
        }
        continue;
      }
      status[v] = CALM;
      path.pop();
    }
  }
  const out = new Uint8Array(lts.n);
  for (let s = 0; s < lts.n; s++) out[s] = status[s] === DIVERGENT ? 1 : 0;
  return out;
}
