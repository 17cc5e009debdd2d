/**
 * Normalisation (FDR's "normal form" of a specification): the subset
 * construction over τ-closures. A node is the set of states a process can be
 * in after some trace; it is created on first use, so only the part of the
 * specification that the implementation's traces reach is ever built.
 *
 * Per node:
 *  - `after(n, e)`: the node reached by visible event e (or ✓), or -1;
 *  - `initials(n)`: every event some member can perform (τ-closed, so this is
 *    what the process can do after the trace);
 *  - `acceptances(n)`: the minimal initials of the stable members (stable
 *    failures: unstable states give no refusals);
 *  - `divergent(n)`: whether a member diverges (when divergence is tracked).
 */
import { TAU } from '../csp/terms';
import type { Budget } from './budget';
import type { DivergenceOracle } from './divergence';
import { SuccBuffer, type System } from './system';

interface NfNode {
  readonly members: Int32Array;
  readonly initials: readonly number[];
  readonly acceptances: readonly (readonly number[])[];
  readonly stable: readonly number[];
  readonly divergent: boolean;
  /** event → member targets (not yet closed), until resolved into `next`. */
  readonly pending: Map<number, number[]>;
  readonly next: Map<number, number>;
}

export class NormalForm {
  private readonly nodes: NfNode[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly buf = new SuccBuffer();
  readonly root: number;

  constructor(
    readonly sys: System,
    private readonly oracle: DivergenceOracle | undefined,
    private readonly budget: Budget,
  ) {
    this.root = this.node([0]);
  }

  get size(): number {
    return this.nodes.length;
  }

  after(n: number, e: number): number {
    const node = this.get(n);
    const known = node.next.get(e);
    if (known !== undefined) return known;
    const targets = node.pending.get(e);
    if (targets === undefined) return -1;
    const id = this.node(targets);
    node.next.set(e, id);
    node.pending.delete(e);
    return id;
  }

  initials(n: number): readonly number[] {
    return this.get(n).initials;
  }

  acceptances(n: number): readonly (readonly number[])[] {
    return this.get(n).acceptances;
  }

  divergent(n: number): boolean {
    return this.get(n).divergent;
  }

  /** Stable members of node n (system state indices, ascending). */
  stableMembers(n: number): readonly number[] {
    return this.get(n).stable;
  }

  /** Visible initials (✓ included) of one system state, and whether it is stable. */
  stateInitials(s: number): { initials: number[]; stable: boolean } {
    const k = this.sys.successors(s, this.buf);
    const initials: number[] = [];
    let stable = true;
    for (let i = 0; i < k; i++) {
      const e = this.buf.events[i] as number;
      if (e === TAU) stable = false;
      else if (initials[initials.length - 1] !== e) initials.push(e);
    }
    return { initials, stable };
  }

  private get(n: number): NfNode {
    const node = this.nodes[n];
    if (node === undefined) throw new RangeError(`unknown normal-form node ${n}`);
    return node;
  }

  /** The node for the τ-closure of `seeds`. */
  private node(seeds: readonly number[]): number {
    const sys = this.sys;
    const buf = this.buf;
    const seen = new Set<number>(seeds);
    const queue = [...seen];
    const pending = new Map<number, Set<number>>();
    const stable: number[] = [];
    const accs: number[][] = [];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      this.budget.tick(sys.store.count + this.nodes.length, sys.transitions, queue.length - q);
      const k = sys.successors(s, buf);
      let isStable = true;
      const init: number[] = [];
      for (let i = 0; i < k; i++) {
        const e = buf.events[i] as number;
        const t = buf.targets[i] as number;
        if (e === TAU) {
          isStable = false;
          if (!seen.has(t)) {
            seen.add(t);
            queue.push(t);
          }
          continue;
        }
        if (init[init.length - 1] !== e) init.push(e);
        let set = pending.get(e);
        if (set === undefined) pending.set(e, (set = new Set()));
        set.add(t);
      }
      // Ω (after ✓) is not a stable state that refuses: failures stop at ✓
      if (isStable && !sys.isTerminated(s)) {
        stable.push(s);
        accs.push(init);
      }
    }
    const members = Int32Array.from(queue).sort();
    const key = members.join(',');
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const initials = [...pending.keys()].sort((a, b) => a - b);
    const divergent = this.oracle !== undefined && [...members].some((m) => (this.oracle as DivergenceOracle).isDivergent(m));
    const node: NfNode = {
      members,
      initials,
      acceptances: minimal(accs),
      stable: stable.sort((a, b) => a - b),
      divergent,
      pending: new Map([...pending].map(([e, set]) => [e, [...set].sort((a, b) => a - b)])),
      next: new Map(),
    };
    this.nodes.push(node);
    this.byKey.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }
}

/** The ⊆-minimal sets among `sets` (each sorted), without duplicates, in a fixed order. */
function minimal(sets: readonly number[][]): number[][] {
  const sorted = [...sets].sort((a, b) => a.length - b.length || a.join(',').localeCompare(b.join(',')));
  const out: number[][] = [];
  for (const s of sorted) {
    if (out.some((m) => isSubset(m, s))) continue;
    out.push(s);
  }
  return out;
}

/** Whether sorted `a` ⊆ sorted `b`. */
export function isSubset(a: readonly number[], b: readonly number[]): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) return false;
    j++;
  }
  return true;
}
