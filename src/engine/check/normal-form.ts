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
 *  - `acceptances(n)`: the minimal acceptances of the members
 *    (csp/acceptance.ts: a stable member's initials, {✓} for a member that
 *    can terminate, nothing for the others);
 *  - `stableAcceptances(n)`: every distinct acceptance of a member (revivals need them all);
 *  - `divergent(n)`: whether a member diverges (when divergence is tracked);
 *  - `afterRefusing(n, e, A)`: for refusal testing, the node reached by e
 *    performed from a stable state that refused Σ∖A: only the members with
 *    an acceptance B ⊆ A containing e take part (created on first use too).
 */
import { acceptanceOf, isSubset, minimalAcceptances } from '../csp/acceptance';
import { TAU } from '../csp/terms';
import type { Budget } from './budget';
import type { DivergenceOracle } from './divergence';
import { acceptancesByEvent, type AcceptancesByEvent } from './models';
import { SuccBuffer, type System } from './system';

export interface MemberAcceptance {
  readonly state: number;
  readonly acceptance: readonly number[];
  /** The member's own visible initials (✓ included). */
  readonly initials: readonly number[];
}

interface NfNode {
  readonly members: Int32Array;
  readonly initials: readonly number[];
  readonly acceptances: readonly (readonly number[])[];
  /** Every distinct acceptance of a member, shortest first. */
  readonly stable: readonly (readonly number[])[];
  /** Members that refuse something, ascending, each with its acceptance. */
  readonly refusers: readonly MemberAcceptance[];
  readonly divergent: boolean;
  /** event → member targets (not yet closed), until resolved into `next`. */
  readonly pending: Map<number, number[]>;
  readonly next: Map<number, number>;
  /** Refusal-testing steps by event, created on first use. */
  readonly refusing: Map<number, RefusalSteps>;
  /** `stable` by event, made on first use. */
  byEvent?: AcceptancesByEvent;
}

/** A node's refusal-testing steps for one event e. */
interface RefusalSteps {
  /** The distinct acceptances of members that contain e. */
  readonly accs: readonly (readonly number[])[];
  /** For each, the e-successors of the members with that acceptance. */
  readonly seeds: readonly number[][];
  /** Node reached by family of acceptances ⊆ the offer (bit mask, or indices past 32). */
  readonly reached: Map<number | string, number>;
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

  stableAcceptances(n: number): readonly (readonly number[])[] {
    return this.get(n).stable;
  }

  /** Node n's stable acceptances by event (made on first use). */
  stableByEvent(n: number): AcceptancesByEvent {
    const node = this.get(n);
    return (node.byEvent ??= acceptancesByEvent(node.stable));
  }

  /**
   * The node reached from n by e, where e was performed from a stable state
   * whose acceptance is `offered` (so Σ∖offered was refused just before): the
   * τ-closure of the e-successors of the members whose acceptance B ⊆ offered
   * contains e; -1 when no member can do that. The node depends on `offered`
   * only through which of the distinct acceptances with e are ⊆ it, so it is
   * cached by that family (a bit mask), not by `offered`: an implementation
   * shows many acceptances, a specification node has few families.
   */
  afterRefusing(n: number, e: number, offered: readonly number[]): number {
    const node = this.get(n);
    let steps = node.refusing.get(e);
    if (steps === undefined) node.refusing.set(e, (steps = this.refusalSteps(node, e)));
    const { accs } = steps;
    let family: number | string;
    if (accs.length <= 32) {
      let mask = 0;
      for (let j = 0; j < accs.length; j++) if (isSubset(accs[j] as readonly number[], offered)) mask |= 1 << j;
      family = mask >>> 0;
    } else family = accs.flatMap((b, j) => (isSubset(b, offered) ? [j] : [])).join(',');
    if (family === 0 || family === '') return -1;
    const known = steps.reached.get(family);
    if (known !== undefined) return known;
    // On a miss, the family already says which acceptances fit: no subset test is run twice.
    const fitting =
      typeof family === 'number'
        ? accs.flatMap((_, j) => ((family >>> j) & 1 ? [j] : []))
        : family.split(',').map(Number);
    const seeds = new Set<number>();
    for (const j of fitting) for (const t of steps.seeds[j] as number[]) seeds.add(t);
    const id = this.node([...seeds].sort((a, b) => a - b));
    steps.reached.set(family, id);
    return id;
  }

  /** The distinct acceptances of node's members that contain e, each with those members' e-successors. */
  private refusalSteps(node: NfNode, e: number): RefusalSteps {
    const byAcc = new Map<string, { acc: readonly number[]; seeds: number[] }>();
    for (const r of node.refusers) {
      if (!r.acceptance.includes(e)) continue;
      const key = r.acceptance.join(',');
      let group = byAcc.get(key);
      if (group === undefined) byAcc.set(key, (group = { acc: r.acceptance, seeds: [] }));
      const k = this.sys.successors(r.state, this.buf);
      for (let i = 0; i < k; i++) if (this.buf.events[i] === e) group.seeds.push(this.buf.targets[i] as number);
    }
    const groups = [...byAcc.values()];
    return { accs: groups.map((g) => g.acc), seeds: groups.map((g) => g.seeds), reached: new Map() };
  }

  divergent(n: number): boolean {
    return this.get(n).divergent;
  }

  /** Members of node n that refuse something (system state indices, ascending), with their acceptances. */
  refusers(n: number): readonly MemberAcceptance[] {
    return this.get(n).refusers;
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
    const refusers: MemberAcceptance[] = [];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      this.budget.tick(sys.store.count + this.nodes.length, sys.transitions, queue.length - q);
      const k = sys.successors(s, buf);
      let unstable = false;
      const init: number[] = [];
      for (let i = 0; i < k; i++) {
        const e = buf.events[i] as number;
        const t = buf.targets[i] as number;
        if (e === TAU) {
          unstable = true;
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
      const acceptance = acceptanceOf({ initials: init, unstable, terminated: sys.isTerminated(s) });
      if (acceptance !== undefined) refusers.push({ state: s, acceptance, initials: init });
    }
    const members = Int32Array.from(queue).sort();
    const key = members.join(',');
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const initials = [...pending.keys()].sort((a, b) => a - b);
    const divergent =
      this.oracle !== undefined &&
      [...members].some((m) => (this.oracle as DivergenceOracle).isDivergentAt(sys.store.words, m * sys.width));
    const node: NfNode = {
      members,
      initials,
      acceptances: minimalAcceptances(refusers.map((r) => r.acceptance)),
      stable: distinctSets(refusers.map((r) => r.acceptance)),
      refusers: refusers.sort((a, b) => a.state - b.state),
      divergent,
      pending: new Map([...pending].map(([e, set]) => [e, [...set].sort((a, b) => a - b)])),
      next: new Map(),
      refusing: new Map(),
    };
    this.nodes.push(node);
    this.byKey.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }
}

/** The distinct sets among `sets` (each sorted), shortest first, then lexicographic. */
function distinctSets(sets: readonly (readonly number[])[]): number[][] {
  const byKey = new Map<string, readonly number[]>();
  for (const s of sets) byKey.set(s.join(','), s);
  return [...byKey.values()].map((s) => [...s]).sort((a, b) => a.length - b.length || compareLex(a, b));
}

function compareLex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
