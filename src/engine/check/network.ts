/**
 * Decomposition of a process term into a static network (FDR's "explicate"):
 * the top of the term, through the parallel, hiding and renaming operators,
 * becomes a tree whose leaves are sequential processes. Each leaf is later
 * compiled to its own transition table (leaf.ts), and a system state is a
 * vector of leaf state indices (system.ts).
 *
 * `call`s are followed through the factory's canonical form (a call whose body
 * is a static operator is that operator), so `SYS = PHILS [|X|] FORKS` is a
 * network, not a leaf. A compression (`sbisim(P)`) is a leaf of its own,
 * whatever P is: P is compiled, explored and reduced separately. Anything else (prefix, choice, `;`, ...) is a
 * leaf, even if its later states contain parallel operators: the leaf table
 * then simply holds those composite terms as its states.
 *
 * The exception operator `P [| A |> Q` is a network node too (a RoboChart
 * module is its whole system wrapped in `[| {end} |> SKIP`): P and Q are
 * networks (each may be one leaf), and a "mode" component says who runs (0:
 * P, 1: Q, 2: Ω). Every rule of P is gated on mode 0, every rule of Q on mode
 * 1; P's events of A move the mode to 1 and P's ✓ to 2, Q's ✓ to 2, each
 * putting the side that stops back to its initial states, so that each term
 * `Q'` or `Ω` is one state vector, as it is one term. Interrupt `P /\ Q` is
 * the same node with Q running beside P in mode 0 (Q's τ moves Q alone, Q's
 * other events switch to mode 1). The semantics keeps `P' /\ Q` with Q as
 * written until Q moves; when Q is a network written as a call, a mode 3 (P
 * runs, Q has moved) tells `P' /\ Q` from `P' /\ canon(Q)`, which Q's initial
 * vector stands for once Q has done a τ.
 *
 * Timeout `P [> Q` is that node too, with four modes: 0 `P' [> Q` (P's τ
 * stay, its visible events go to 1), 1 `P'` alone (P has done an event, Q is
 * gone), 2 Q runs (the timeout's τ, resetting P), 3 Ω. A P and a Q that are
 * both one leaf gain nothing from this: such a `P [> Q` stays one leaf.
 *
 * A handler whose canonical term is already being decomposed above it (`M =
 * P [| A |> M`) is one leaf: as a network it would unfold without end.
 *
 * A sequential handler that leads to one network (`crash -> RECOVERY`,
 * RECOVERY a parallel, hiding or renaming) is a "seq" node: a head leaf (its
 * states up to that network's term E, E itself a state with no moves but
 * the SEQ_EXIT gate) and E's network, whose rules each need the head at E.
 * The vector with the head at E stands for E's network's term, any other
 * the head's term (E's network then at its initial states).
 *
 * A `prioritise(P, <A1, …>)` below the top is a "prio" node: P is a network
 * and the system keeps a rule of P's only while it is of the best level
 * among P's rules enabled at that state (core.ts), so a prioritised
 * component can run under a parallel, hiding or another prioritise.
 * `prioritisepo(P, …)` (anywhere) is one too: a rule of P is dropped while
 * a rule of P with an event above its event (or τ, ✓ above belowTau) is enabled.
 *
 * A parallel node that can terminate gets a "flag" component (states 0 and 1):
 * distributed termination is "each child's ✓ is a τ to Ω, and the node does ✓
 * when every child is Ω", after which the node itself is Ω. The flag is what
 * tells `par(Ω, Ω)` (before that ✓) from `Ω` (after it) in the state vector.
 */
import type { Compression } from '../csp/compression';
import type { TermFactory } from '../csp/factory';
import { transitions } from '../csp/semantics';
import type { EventId, EventSet, Term } from '../csp/terms';

export type NetNode =
  | { readonly kind: 'leaf'; readonly comp: number }
  | {
      readonly kind: 'par';
      readonly op: 'genPar' | 'alphaPar' | 'interleave';
      readonly sync: EventSet;
      readonly alphas: readonly EventSet[];
      readonly children: readonly NetNode[];
      /** Component index of this node's termination flag, or -1 when it cannot terminate. */
      flag: number;
    }
  | { readonly kind: 'hide'; readonly set: EventSet; readonly body: NetNode }
  | { readonly kind: 'rename'; readonly pairs: readonly (readonly [EventId, EventId])[]; readonly body: NetNode }
  | {
      readonly kind: 'exception';
      /** `[| A |>` (Q starts on a throw), `/\` (Q runs beside P; A is empty) or `[>` (a τ starts Q; A is empty). */
      readonly op: 'exception' | 'interrupt' | 'timeout';
      readonly set: EventSet;
      /** Q as written (the term the semantics builds `P' [| A |> Q` with). */
      readonly right: Term;
      readonly body: NetNode;
      /** Q's network (one leaf when Q is sequential). */
      readonly handler: NetNode;
      /** `/\` with Q a network written as a call: mode 3 is "P runs, Q has moved" (see above). */
      readonly moved: boolean;
      /** Component index of the mode (who runs), allocated with the flags. */
      mode: number;
    }
  | {
      readonly kind: 'seq';
      /** Component index of the head leaf (compiled up to `exit`). */
      readonly head: number;
      /** The network term the head leads to. */
      readonly exit: Term;
      /** `exit`'s network. */
      readonly body: NetNode;
    }
  | {
      readonly kind: 'prio';
      /** `prioritise`: the levels (empty for `prioritisepo`). */
      readonly levels: readonly EventSet[];
      /** `prioritisepo`: [high, low] pairs, and the events τ and ✓ outrank. */
      readonly order?: readonly (readonly [EventId, EventId])[];
      readonly belowTau?: EventSet;
      readonly body: NetNode;
      /** Index of this node among the network's prio nodes (innermost first), set by computeRules. */
      index: number;
    };

/** A component of the state vector: a leaf process, or the termination flag of a parallel node. */
export type Component =
  /** `exit`: a seq node's head, compiled with `exit` as a state of its own (no moves but the gate). */
  | { readonly kind: 'leaf'; readonly term: Term; readonly exit?: Term }
  /** `method(body)`: compiled on its own, reduced, then one leaf (compress/index.ts). */
  | { readonly kind: 'compressed'; readonly term: Term; readonly method: Compression; readonly body: Term }
  | { readonly kind: 'flag' }
  /** The mode of an exception node: 0 while P runs, 1 once Q runs, 2 after ✓ (a timeout's and a moved interrupt's: see above). */
  | { readonly kind: 'mode' };

export interface Network {
  readonly root: NetNode;
  readonly components: Component[];
  /**
   * `prioritise(P, <A1, …, An>)` at the very top: P is the network and the
   * priority filters the system's transitions (core.ts), as the semantics
   * does on P's, instead of P being one leaf explored term by term.
   */
  readonly priority?: readonly EventSet[];
}

/** Depth bound on nested static operators, a guard against runaway recursion in odd scripts. */
const MAX_DEPTH = 10_000;

/**
 * How much of `[| A |>`, `/\` and `[>` becomes network nodes: both sides
 * (`networks`), P only with Q one leaf (`leafHandlers`), or neither
 * (`leaves`, every such operator one leaf). System.compile falls back in this
 * order when a layout would give one term two state vectors.
 */
export type ExceptionLayout = 'networks' | 'leafHandlers' | 'leaves';

/**
 * Splits `term` into a network of leaves. Flags and modes are allocated later,
 * once leaf alphabets are known.
 */
export function decompose(term: Term, factory: TermFactory, layout: ExceptionLayout = 'networks'): Network {
  const components: Component[] = [];
  /** Canonical terms being decomposed (the path from the root), so a handler never unfolds into itself. */
  const path = new Set<number>();
  /** Q as one leaf holding `term`. */
  const leafOf = (term: Term): NetNode => {
    components.push({ kind: 'leaf', term });
    return { kind: 'leaf', comp: components.length - 1 };
  };
  /** Q of an exception node: a network, unless the layout or a recursion says one leaf (`asLeaf`, as written). */
  const handlerOf = (right: Term, asLeaf: Term, depth: number): NetNode => {
    const q = factory.canon(right);
    if (layout !== 'networks' || path.has(q.id)) return leafOf(asLeaf);
    const before = components.length;
    const node = build(right, depth + 1);
    if (node.kind !== 'leaf') return node;
    components.length = before; // a sequential Q: its leaf as before (a compression explored term by term)
    if (q.node.op === 'compress') return leafOf(asLeaf);
    const exit = exitOf(asLeaf);
    if (exit === undefined || path.has(exit.id)) return leafOf(asLeaf);
    components.push({ kind: 'leaf', term: asLeaf, exit });
    const head = components.length - 1;
    return { kind: 'seq', head, exit, body: build(exit, depth + 1) };
  };
  const build = (t0: Term, depth: number): NetNode => {
    const t = factory.canon(t0);
    path.add(t.id);
    try {
      return buildCanon(t, depth);
    } finally {
      path.delete(t.id);
    }
  };
  const buildCanon = (t: Term, depth: number): NetNode => {
    if (depth > MAX_DEPTH) throw new RangeError('process network nested too deeply');
    const n = t.node;
    switch (n.op) {
      case 'genPar':
        return {
          kind: 'par',
          op: 'genPar',
          sync: n.sync,
          alphas: [],
          children: n.items.map((c) => build(c, depth + 1)),
          flag: -1,
        };
      case 'alphaPar':
        return {
          kind: 'par',
          op: 'alphaPar',
          sync: [],
          alphas: n.alphas,
          children: n.items.map((c) => build(c, depth + 1)),
          flag: -1,
        };
      case 'interleave':
        return {
          kind: 'par',
          op: 'interleave',
          sync: [],
          alphas: [],
          children: n.items.map((c) => build(c, depth + 1)),
          flag: -1,
        };
      case 'hide':
        return { kind: 'hide', set: n.set, body: build(n.body, depth + 1) };
      case 'rename':
        return { kind: 'rename', pairs: n.pairs, body: build(n.body, depth + 1) };
      case 'exception':
      case 'interrupt': {
        if (layout === 'leaves') break;
        const body = build(n.left, depth + 1);
        // the semantics goes to canon(Q) on a throw, but keeps `/\ Q` as written until Q moves
        const handler = handlerOf(n.right, n.op === 'exception' ? factory.canon(n.right) : n.right, depth);
        // a seq node's head starts at Q as written, so only a network Q needs the fourth mode
        const network = handler.kind !== 'leaf' && handler.kind !== 'seq';
        const moved = n.op === 'interrupt' && network && factory.canon(n.right).id !== n.right.id;
        const set = n.op === 'exception' ? n.set : [];
        return { kind: 'exception', op: n.op, set, right: n.right, body, handler, moved, mode: -1 };
      }
      case 'sliding': {
        if (layout === 'leaves') break;
        const before = components.length;
        const body = build(n.left, depth + 1);
        const handler = handlerOf(n.right, factory.canon(n.right), depth);
        if (body.kind === 'leaf' && handler.kind === 'leaf') {
          // both sides sequential: the whole timeout is one leaf, as cheap and with no mode to keep apart
          components.length = before;
          break;
        }
        return { kind: 'exception', op: 'timeout', set: [], right: n.right, body, handler, moved: false, mode: -1 };
      }
      case 'prioritise':
        return { kind: 'prio', levels: n.levels, body: build(n.body, depth + 1), index: -1 };
      case 'prioritisePo':
        return {
          kind: 'prio',
          levels: [],
          order: n.order,
          belowTau: n.belowTau,
          body: build(n.body, depth + 1),
          index: -1,
        };
      case 'compress':
        components.push({ kind: 'compressed', term: t, method: n.method, body: n.body });
        return { kind: 'leaf', comp: components.length - 1 };
      default:
        break;
    }
    return leafOf(t);
  };
  const top = factory.canon(term);
  if (top.node.op === 'prioritise') {
    path.add(top.id);
    return { root: build(top.node.body, 1), components, priority: top.node.levels };
  }
  const root = build(top, 0);
  return { root, components };
}

/** The operators a seq node's exit may have: those that always make a network node. */
const NETWORK_OPS = new Set(['genPar', 'alphaPar', 'interleave', 'hide', 'rename']);
/** A seq node's head is explored term by term up to its exit: past this many states it stays a plain leaf. */
const MAX_HEAD_STATES = 10_000;

/**
 * The one network term a sequential process leads to (its states up to it
 * not expanded further), or undefined when it reaches none, more than one,
 * or more than MAX_HEAD_STATES states before it.
 */
function exitOf(start: Term): Term | undefined {
  const seen = new Set<number>([start.id]);
  const queue: Term[] = [start];
  let exit: Term | undefined;
  for (let i = 0; i < queue.length; i++) {
    for (const tr of transitions(queue[i] as Term)) {
      const t = tr.target;
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      if (NETWORK_OPS.has(t.node.op)) {
        if (exit !== undefined) return undefined;
        exit = t;
      } else {
        if (queue.length >= MAX_HEAD_STATES) return undefined;
        queue.push(t);
      }
    }
  }
  return exit;
}

/** Every component under `node` (leaves, handlers, flags and modes). */
export function componentsOf(node: NetNode): number[] {
  const out: number[] = [];
  const walk = (n: NetNode): void => {
    if (n.kind === 'leaf') out.push(n.comp);
    else if (n.kind === 'par') {
      n.children.forEach(walk);
      if (n.flag >= 0) out.push(n.flag);
    } else {
      if (n.kind === 'seq') out.push(n.head);
      walk(n.body);
      if (n.kind === 'exception') {
        walk(n.handler);
        out.push(n.mode);
      }
    }
  };
  walk(node);
  return out;
}
