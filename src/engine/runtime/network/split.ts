/**
 * Splitting a generalised parallel or an interleaving (`P [| A |] Q`, `|||`,
 * their replicated forms, nested, with alphabetised parallels inside) into
 * components of the alphabet-based network, when that is sound.
 *
 * The rule: `P [| A |] Q` is `P [αP ∪ A || αQ ∪ A] Q` whenever αP ∩ αQ ⊆ A,
 * where αX over-approximates the events X can ever perform; `|||` is
 * `[| {} |]`. Items whose alphabets overlap outside A stay merged as one
 * component (coarser, never wrong).
 *
 * αX of a leaf comes from a bounded exploration of its own transition system
 * (the one semantics, so renaming, hiding, exceptions, ... are exact); a leaf
 * whose exploration does not finish within the budget has no known alphabet
 * and the parallel around it is not split.
 *
 * Invariant of a `Part` list (a network): event e happens iff every part with
 * e in its alphabet performs it together, and a part never performs an event
 * outside its alphabet. `closed` parts are those whose term can by itself only
 * perform events of its alphabet: adding an event the part never performs to
 * its alphabet makes that event blocked (how `A` events one side never does
 * keep blocking once the sides are flattened).
 */
import type { TermFactory } from '../../csp/factory';
import { TAU, TICK, type EventSet, type Term } from '../../csp/terms';
import { showValue } from '../../csp/values';

export interface Part {
  readonly term: Term;
  readonly alphabet: ReadonlySet<number>;
  /** The item as written (its call name names the component). */
  readonly named: Term;
  /** A display name given here (merged items); otherwise the name comes from `named`. */
  readonly label?: string;
  readonly closed: boolean;
}

/**
 * Work (states plus transitions) explored per leaf, and in all, before giving
 * up on an alphabet: loading stays well under a second even when it gives up.
 */
const LEAF_WORK = 5_000;
const TOTAL_WORK = 100_000;
/** Items of a parallel explored as one leaf at most. */
const SMALL_PARALLEL = 8;
/** Nesting of parallels followed below the top. */
const MAX_DEPTH = 32;

/** The events a term can ever perform (τ and ✓ left out), by bounded exploration; null when unknown. */
class AlphabetProbe {
  private left = TOTAL_WORK;
  private readonly known = new Map<number, ReadonlySet<number> | null>();

  constructor(private readonly factory: TermFactory) {}

  of(t: Term): ReadonlySet<number> | null {
    const cached = this.known.get(t.id);
    if (cached !== undefined) return cached;
    const found = this.explore(t);
    this.known.set(t.id, found);
    return found;
  }

  private explore(t: Term): ReadonlySet<number> | null {
    const events = new Set<number>();
    try {
      const start = this.factory.canon(t);
      const seen = new Set<number>([start.id]);
      const queue: Term[] = [start];
      let work = 0;
      for (let i = 0; i < queue.length; i++) {
        const trs = this.factory.semantics.transitions(queue[i]!);
        work += 1 + trs.length;
        this.left -= 1 + trs.length;
        if (work > LEAF_WORK || this.left < 0) return null;
        for (const tr of trs) {
          if (tr.event !== TAU && tr.event !== TICK) events.add(tr.event);
          if (!seen.has(tr.target.id)) {
            seen.add(tr.target.id);
            queue.push(tr.target);
          }
        }
      }
    } catch {
      // An evaluation error (or a time limit) while exploring: the alphabet is unknown, the item stays whole.
      return null;
    }
    return events;
  }
}

function union(sets: Iterable<ReadonlySet<number>>): Set<number> {
  const out = new Set<number>();
  for (const s of sets) for (const e of s) out.add(e);
  return out;
}

/** `parts` with the events of `block` the network never performs made blocked, by a closed part; null when none is closed. */
function withBlockers(parts: readonly Part[], block: readonly number[]): Part[] | null {
  if (block.length === 0) return [...parts];
  const at = parts.findIndex((p) => p.closed);
  if (at < 0) return null;
  return parts.map((p, i) => (i === at ? { ...p, alphabet: union([p.alphabet, new Set(block)]) } : p));
}

export class ParallelSplitter {
  private readonly probe: AlphabetProbe;

  constructor(private readonly factory: TermFactory) {
    this.probe = new AlphabetProbe(factory);
  }

  /**
   * `term` as parts when it is a parallel that splits (possibly into one
   * merged part); null when it is not a parallel or its items' alphabets are
   * unknown.
   */
  split(term: Term, depth = 0): Part[] | null {
    if (depth > MAX_DEPTH) return null;
    let t: Term;
    try {
      t = this.factory.canon(term);
    } catch {
      return null;
    }
    const n = t.node;
    if (n.op === 'genPar') return this.generalised(n.items, n.sync, depth);
    if (n.op === 'interleave') return this.generalised(n.items, this.factory.emptySet, depth);
    if (n.op === 'alphaPar') return this.alphabetised(n.items, n.alphas, depth);
    return null;
  }

  /** The number of items when `t` is a parallel (after unfolding calls), else undefined. */
  private parallelItems(t: Term): number | undefined {
    let n: Term['node'];
    try {
      n = this.factory.canon(t).node;
    } catch {
      return undefined;
    }
    return n.op === 'genPar' || n.op === 'interleave' || n.op === 'alphaPar' ? n.items.length : undefined;
  }

  /** A leaf: the whole term, with the alphabet found by exploring it. */
  private leaf(named: Term, label?: string): Part | null {
    const alphabet = this.probe.of(named);
    if (alphabet === null) return null;
    return {
      term: this.factory.canon(named),
      alphabet,
      named,
      closed: true,
      ...(label !== undefined ? { label } : {}),
    };
  }

  /** An item of a generalised parallel as parts whose alphabets' union over-approximates it, or null (unknown). */
  private item(named: Term, sync: EventSet, depth: number): Part[] | null {
    const inner = this.split(named, depth + 1);
    if (inner !== null) {
      const all = union(inner.map((p) => p.alphabet));
      const ready = withBlockers(
        inner,
        sync.filter((e) => !all.has(e)),
      );
      if (ready !== null) return ready;
    }
    // A parallel is explored whole only when small: a state of `||| i : {0..1999} @ P(i)` has
    // thousands of successors, each a term of thousands of items. One whose own items have no
    // known alphabet would not finish either.
    const items = this.parallelItems(named);
    if (items !== undefined && (inner === null || items > SMALL_PARALLEL)) return null;
    const whole = this.leaf(named);
    return whole === null ? null : [whole];
  }

  /** The items of nested parallels with the same set, side by side: `[| A |]` is associative (`|||` is `[| {} |]`). */
  private flatItems(items: readonly Term[], sync: EventSet, out: Term[], depth: number): void {
    for (const item of items) {
      let t: Term | undefined;
      try {
        t = this.factory.canon(item);
      } catch {
        t = undefined;
      }
      const n = t?.node;
      const same =
        depth < MAX_DEPTH &&
        n !== undefined &&
        ((n.op === 'interleave' && sync.length === 0) ||
          (n.op === 'genPar' && n.sync.length === sync.length && n.sync.every((e, i) => e === sync[i])));
      if (same) this.flatItems(n.items, sync, out, depth + 1);
      else out.push(item);
    }
  }

  private generalised(nested: readonly Term[], sync: EventSet, depth: number): Part[] | null {
    const syncSet = new Set(sync);
    const items: Term[] = [];
    this.flatItems(nested, sync, items, depth);
    const itemParts: Part[][] = [];
    for (const item of items) {
      const parts = this.item(item, sync, depth);
      if (parts === null) return null;
      itemParts.push(parts);
    }
    const alphas = itemParts.map((ps) => union(ps.map((p) => p.alphabet)));
    // Items that share an event outside the synchronisation set are merged (union-find).
    const root = items.map((_, i) => i);
    const find = (i: number): number => {
      let r = i;
      while (root[r] !== r) r = root[r]!;
      for (let k = i; k !== r;) {
        const up = root[k]!;
        root[k] = r;
        k = up;
      }
      return r;
    };
    const owner = new Map<number, number>();
    alphas.forEach((alpha, i) => {
      for (const e of alpha) {
        if (syncSet.has(e)) continue;
        const j = owner.get(e);
        if (j === undefined) owner.set(e, i);
        else root[find(i)] = find(j);
      }
    });
    const groups = new Map<number, number[]>();
    items.forEach((_, i) => {
      const r = find(i);
      const g = groups.get(r);
      if (g === undefined) groups.set(r, [i]);
      else g.push(i);
    });
    const out: Part[] = [];
    for (const members of groups.values()) {
      if (members.length === 1) {
        // Every event of the synchronisation set must have this item's say, even one it never performs.
        const mine = withBlockers(
          itemParts[members[0]!]!,
          sync.filter((e) => !alphas[members[0]!]!.has(e)),
        );
        if (mine !== null) {
          out.push(...mine);
          continue;
        }
      }
      const sub = members.map((i) => items[i]!);
      const merged = sync.length === 0 ? this.factory.interleave(sub) : this.factory.genPar(sync, sub);
      const alphabet = union([...members.map((i) => alphas[i]!), syncSet]);
      out.push({ term: this.factory.canon(merged), alphabet, named: merged, closed: true, label: mergedLabel(sub) });
    }
    return out;
  }

  private alphabetised(items: readonly Term[], alphas: readonly EventSet[], depth: number): Part[] {
    const out: Part[] = [];
    items.forEach((item, i) => {
      const own = new Set(alphas[i] ?? []);
      const whole: Part = { term: this.factory.canon(item), alphabet: own, named: item, closed: false };
      const inner = this.split(item, depth + 1);
      if (inner === null) {
        out.push(whole);
        return;
      }
      // The item may only perform events of its own alphabet: its parts lose the others...
      const restricted = inner.map((p) => {
        const kept = new Set([...p.alphabet].filter((e) => own.has(e)));
        return { ...p, alphabet: kept, closed: p.closed && kept.size === p.alphabet.size };
      });
      // ...and the events of its alphabet none of them performs stay blocked.
      const all = union(restricted.map((p) => p.alphabet));
      const ready = withBlockers(
        restricted,
        [...own].filter((e) => !all.has(e)),
      );
      if (ready === null) out.push(whole);
      else out.push(...ready);
    });
    return out;
  }
}

export function callName(t: Term, fallback: string): string {
  if (t.node.op !== 'call') return fallback;
  if (t.node.args.length === 0) return t.node.name;
  return `${t.node.name}(${t.node.args.map((a) => showValue(a)).join(', ')})`;
}

/** The name of the process a component runs, as written: the call under any renaming (`Phil(0) [[...]]` is Phil(0)). */
export function componentName(t: Term, fallback: string): string {
  let u = t;
  for (let depth = 0; depth < 8; depth++) {
    if (u.node.op === 'call') return callName(u, fallback);
    if (u.node.op !== 'rename' && u.node.op !== 'hide') break;
    u = u.node.body;
  }
  return fallback;
}

/** Items kept together: their names joined (`PHIL(0) + FORK(1)`). */
function mergedLabel(items: readonly Term[]): string {
  return items.map((t) => componentName(t, '…')).join(' + ');
}
