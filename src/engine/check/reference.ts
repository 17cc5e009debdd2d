/**
 * A plain reference checker for tests: every assertion kind decided by a
 * textbook breadth-first search over the term-level transition system
 * (`transitions`), with failures written as refusal sets straight from
 * Roscoe's definitions, sets of terms as normal-form nodes, and no packing,
 * tables, rules or early cut-offs. It answers whether the check fails and the
 * length (transitions, τ included) of a shortest path to a failure, which the
 * real checker must match. Test-only: small processes, no budgets.
 */
import { TAU, TICK, type EventId, type Term } from '../csp/terms';
import type { TermFactory } from '../csp/factory';

export interface Lts {
  readonly states: Term[];
  readonly edges: { readonly event: EventId; readonly to: number }[][];
}

export function lts(f: TermFactory, root: Term): Lts {
  const start = f.canon(root);
  const states: Term[] = [start];
  const index = new Map<number, number>([[start.id, 0]]);
  const edges: { event: EventId; to: number }[][] = [];
  for (let i = 0; i < states.length; i++) {
    const out: { event: EventId; to: number }[] = [];
    for (const tr of f.semantics.transitions(states[i] as Term)) {
      let j = index.get(tr.target.id);
      if (j === undefined) {
        j = states.length;
        states.push(tr.target);
        index.set(tr.target.id, j);
      }
      out.push({ event: tr.event, to: j });
    }
    edges.push(out);
  }
  return { states, edges };
}

/** Per state: can it reach, by τ alone, a state on a τ-cycle? */
export function divergent(l: Lts): boolean[] {
  const tauReach = (s: number): Set<number> => {
    const seen = new Set<number>();
    const stack = [s];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (const e of l.edges[x] ?? []) {
        if (e.event !== TAU || seen.has(e.to)) continue;
        seen.add(e.to);
        stack.push(e.to);
      }
    }
    return seen; // states reachable in one or more τ steps
  };
  const reach = l.states.map((_, s) => tauReach(s));
  const onCycle = reach.map((r, s) => r.has(s));
  return reach.map((r, s) => onCycle[s] === true || [...r].some((t) => onCycle[t] === true));
}

/**
 * The largest set state s refuses, over `sigma` (ordinary events) and ✓, or
 * undefined when it refuses nothing: a stable state refuses what it cannot
 * do; a state that can do ✓ refuses every ordinary event (the ✓ axiom);
 * after ✓ nothing is compared.
 */
export function maxRefusal(l: Lts, s: number, sigma: readonly EventId[]): Set<EventId> | undefined {
  if ((l.states[s] as Term).node.op === 'omega') return undefined;
  const out = l.edges[s] ?? [];
  if (out.some((e) => e.event === TICK)) return new Set(sigma);
  if (out.some((e) => e.event === TAU)) return undefined;
  return new Set([...sigma, TICK].filter((x) => !out.some((e) => e.event === x)));
}

/** Normal-form nodes as τ-closed sets of states, keyed by their sorted members. */
export class Subsets {
  constructor(readonly l: Lts) {}
  closure(seeds: Iterable<number>): number[] {
    const seen = new Set(seeds);
    const stack = [...seen];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (const e of this.l.edges[x] ?? []) {
        if (e.event !== TAU || seen.has(e.to)) continue;
        seen.add(e.to);
        stack.push(e.to);
      }
    }
    return [...seen].sort((a, b) => a - b);
  }
  after(node: readonly number[], event: EventId): number[] {
    const next = new Set<number>();
    for (const s of node) for (const e of this.l.edges[s] ?? []) if (e.event === event) next.add(e.to);
    return this.closure(next);
  }
  initials(node: readonly number[]): Set<EventId> {
    const out = new Set<EventId>();
    for (const s of node) for (const e of this.l.edges[s] ?? []) if (e.event !== TAU) out.add(e.event);
    return out;
  }
}

export interface Verdict {
  readonly fails: boolean;
  /** Shortest path to a failure, in transitions (τ included); 0 when it passes. */
  readonly steps: number;
}

/** Breadth-first search from `start`; `fails` and `next` define the graph. */
function bfs<K>(start: K, key: (k: K) => string, fails: (k: K) => boolean, next: (k: K) => K[]): Verdict {
  const seen = new Set([key(start)]);
  let layer = [start];
  for (let depth = 0; layer.length > 0; depth++) {
    if (layer.some(fails)) return { fails: true, steps: depth };
    const following: K[] = [];
    for (const k of layer) {
      for (const n of next(k)) {
        if (seen.has(key(n))) continue;
        seen.add(key(n));
        following.push(n);
      }
    }
    layer = following;
  }
  return { fails: false, steps: 0 };
}

export function deadlock(l: Lts, sigma: readonly EventId[], model: 'F' | 'FD'): Verdict {
  const div = divergent(l);
  const full = sigma.length + 1;
  return bfs<number>(
    0,
    String,
    (s) => maxRefusal(l, s, sigma)?.size === full || (model === 'FD' && div[s] === true),
    (s) => (l.edges[s] ?? []).map((e) => e.to),
  );
}

export function divergence(l: Lts): Verdict {
  const div = divergent(l);
  return bfs<number>(
    0,
    String,
    (s) => div[s] === true,
    (s) => (l.edges[s] ?? []).map((e) => e.to),
  );
}

type Pair = readonly [readonly number[], number];

/** Pairs (normal-form node of `spec`, state of `impl`), moved along impl's transitions; nothing follows ✓ or an event the node cannot do. */
function pairs(spec: Subsets, impl: Lts, stop: (node: readonly number[]) => boolean) {
  return (p: Pair): Pair[] => {
    if (stop(p[0])) return [];
    const out: Pair[] = [];
    for (const e of impl.edges[p[1]] ?? []) {
      if (e.event === TAU) out.push([p[0], e.to]);
      else if (e.event !== TICK) {
        const node = spec.after(p[0], e.event);
        if (node.length > 0) out.push([node, e.to]);
      }
    }
    return out;
  };
}
const pairKey = (p: Pair): string => `${p[0].join(',')}|${p[1]}`;

export function determinism(l: Lts, sigma: readonly EventId[], model: 'F' | 'FD'): Verdict {
  const nf = new Subsets(l);
  const div = divergent(l);
  const fails = ([node, s]: Pair): boolean => {
    if (model === 'FD' && div[s] === true) return true;
    const ref = maxRefusal(l, s, sigma);
    return ref !== undefined && [...nf.initials(node)].some((e) => ref.has(e));
  };
  return bfs<Pair>(
    [nf.closure([0]), 0],
    pairKey,
    fails,
    pairs(nf, l, () => false),
  );
}

export type RefModel = 'T' | 'F' | 'FD' | 'V' | 'VD' | 'R' | 'RD';

/**
 * Refinement in every model, from the definitions with refusal sets:
 * failures (s, X); revivals (s, X, a), an event a accepted by a state that
 * refuses X (a ∉ its largest refusal); refusal testing follows an event
 * accepted by a stable state with largest refusal X only into the spec
 * states reached from a member that refuses X and accepts it.
 */
export function refinement(spec: Lts, impl: Lts, sigma: readonly EventId[], model: RefModel): Verdict {
  const nf = new Subsets(spec);
  const specDiv = divergent(spec);
  const implDiv = divergent(impl);
  const strict = model === 'FD' || model === 'VD' || model === 'RD';
  const revivals = model === 'V' || model === 'VD' || model === 'R' || model === 'RD';
  const nodeDiverges = (node: readonly number[]): boolean => strict && node.some((s) => specDiv[s] === true);
  /** Members of node that refuse X (the whole of it) and accept a. */
  const reviving = (node: readonly number[], X: Set<EventId>, a: EventId): number[] =>
    node.filter((t) => {
      const r = maxRefusal(spec, t, sigma);
      return isSuperset(r, X) && r !== undefined && !r.has(a);
    });
  const fails = ([node, s]: Pair): boolean => {
    if (nodeDiverges(node)) return false;
    if (strict && implDiv[s] === true) return true;
    if (model !== 'T') {
      const ref = maxRefusal(impl, s, sigma);
      if (ref !== undefined && !node.some((t) => isSuperset(maxRefusal(spec, t, sigma), ref))) return true;
      if (revivals && ref !== undefined) {
        for (const a of [...sigma, TICK]) if (!ref.has(a) && reviving(node, ref, a).length === 0) return true;
      }
    }
    const allowed = nf.initials(node);
    return (impl.edges[s] ?? []).some((e) => e.event !== TAU && !allowed.has(e.event));
  };
  const traceStep = pairs(nf, impl, nodeDiverges);
  const next =
    model === 'R' || model === 'RD'
      ? (p: Pair): Pair[] => {
          if (nodeDiverges(p[0])) return [];
          const ref = maxRefusal(impl, p[1], sigma);
          const out: Pair[] = [];
          for (const e of impl.edges[p[1]] ?? []) {
            if (e.event === TAU) out.push([p[0], e.to]);
            else if (e.event !== TICK) {
              const from = ref !== undefined && !ref.has(e.event) ? reviving(p[0], ref, e.event) : p[0];
              const node = nf.after(from, e.event);
              if (node.length > 0) out.push([node, e.to]);
            }
          }
          return out;
        }
      : traceStep;
  return bfs<Pair>([nf.closure([0]), 0], pairKey, fails, next);
}

function isSuperset(big: Set<EventId> | undefined, small: Set<EventId>): boolean {
  return big !== undefined && [...small].every((x) => big.has(x));
}
