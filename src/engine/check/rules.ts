/**
 * Synchronisation rules of a network, precompiled from the leaf alphabets
 * (FDR's "supercombinator"): a rule names the components that move together,
 * the label each performs, and the event the whole system performs (after
 * hiding and renaming; τ = 0). A system transition is one rule fired with one
 * target chosen per participant.
 *
 * The firing rules mirror the parallel operators of csp/semantics.ts:
 *  - `[| A |]`: events of A need every child; others, and τ, move one child;
 *  - `[ A1 || A2 ... ]`: event e needs every child whose alphabet has e; a
 *    child cannot perform events outside its alphabet;
 *  - `|||`: every child moves alone;
 *  - a child's ✓ is a τ of the parent (the child becomes Ω); when every child
 *    is Ω the parent does ✓ and raises its flag (it is then Ω itself);
 *  - hiding maps events of the set to τ; renaming maps each event to all its
 *    images (events outside the relation's domain stay);
 *  - `P [| A |> Q` (P and Q networks): P's rules need the mode at 0 (P runs);
 *    those of an event of A move it to 1 and P's ✓ to 2 (Ω), both resetting
 *    P's components; Q's rules need mode 1 and Q's ✓ moves it to 2, resetting Q;
 *  - `P /\ Q`: the same, with Q's rules also in mode 0: its τ keeps mode 0
 *    (or moves it to 3, "Q has moved", see network.ts; P's rules run in 3 as
 *    in 0), its events move to 1 (resetting P) and its ✓ to 2 (resetting both);
 *  - `P [> Q`: P's τ keep the mode (0 or 1), its events settle it on 1 (P
 *    alone), its ✓ ends it (3, resetting P); a rule of the mode alone is the
 *    timeout's τ (0 → 2, resetting P); Q's rules need mode 2, its ✓ ends (3);
 *  - a seq node (a handler `crash -> RECOVERY`): the head's rules, and the
 *    exit network's rules each with the head's SEQ_EXIT gate as a part;
 *  - `prioritise(P, <A1, …>)` below the top: each rule of P carries a guard
 *    (this prio node, the rule's index among P's rules); the explorer keeps a
 *    guarded rule only while that inner rule is enabled and of the best level
 *    among P's enabled rules (core.ts).
 */
import type { EventId } from '../csp/terms';
import {
  FLAG_SET,
  MODE_P,
  MODE_P_END,
  MODE_Q,
  MODE_Q_END,
  MODE_Q_MOVE,
  MODE_THROW,
  SEQ_EXIT,
  TERM_LABEL,
  TIMEOUT_END,
  TIMEOUT_FIRE,
  TIMEOUT_SETTLE,
  TIMEOUT_STAY,
  type LeafTable,
} from './leaf';
import { componentsOf, type NetNode } from './network';

const TAU = 0;
const TICK = 1;
/** Rule output "this node has terminated" (only used inside the tree; dropped at the root). */
const TERM_OUT = -1;

export interface RuleDraft {
  readonly out: number;
  /** [component, label] pairs. */
  readonly parts: readonly (readonly [number, number])[];
  /** [component, local state] pairs written after the move (an exception node putting P or Q back to its start). */
  readonly resets?: readonly (readonly [number, number])[];
  /** [prio node, inner rule] pairs: the rule fires only while each such inner rule survives its priority filter. */
  readonly guards?: readonly (readonly [number, number])[];
}

/** A prioritise below the top: its body's rules (with their own guards) and the priority levels. */
export interface PrioDraft {
  readonly levels: readonly EventId[][];
  readonly rules: readonly RuleDraft[];
  /** `prioritisepo`: [high, low] pairs and the events τ and ✓ outrank. */
  readonly order?: readonly (readonly [EventId, EventId])[];
  readonly belowTau?: readonly EventId[];
}

type Pairs = readonly (readonly [number, number])[];

/** `a`'s and `b`'s pairs in one list, or undefined when there are none. */
function join(a: Pairs | undefined, b: Pairs | undefined): Pairs | undefined {
  if (a === undefined || a.length === 0) return b !== undefined && b.length > 0 ? b : undefined;
  if (b === undefined || b.length === 0) return a;
  return [...a, ...b];
}

/** A rule with parts, resets and guards, leaving out the empty optional lists. */
function rule(out: number, parts: Pairs, resets?: Pairs, guards?: Pairs): RuleDraft {
  return {
    out,
    parts,
    ...(resets !== undefined && resets.length > 0 ? { resets } : {}),
    ...(guards !== undefined && guards.length > 0 ? { guards } : {}),
  };
}

export class TooManyRulesError extends Error {
  constructor(readonly limit: number) {
    super(`the process network needs more than ${limit} synchronisation rules`);
    this.name = 'TooManyRulesError';
  }
}

/** Whether the node can ever do ✓ (so it needs a flag, and its parent may terminate). */
export function canTerminate(node: NetNode, tables: readonly LeafTable[]): boolean {
  switch (node.kind) {
    case 'leaf':
      return (tables[node.comp] as LeafTable).labels.includes(TICK);
    case 'par':
      return node.children.every((c) => canTerminate(c, tables));
    case 'hide':
    case 'rename':
    case 'prio':
      return canTerminate(node.body, tables);
    case 'seq':
      return (tables[node.head] as LeafTable).labels.includes(TICK) || canTerminate(node.body, tables);
    case 'exception':
      return canTerminate(node.body, tables) || canTerminate(node.handler, tables);
  }
}

/**
 * All rules of the network rooted at `root`, sorted by output event (stable).
 * The inner rules of each prio node go to `prios` (innermost node first).
 */
export function computeRules(
  root: NetNode,
  tables: readonly LeafTable[],
  maxRules: number,
  prios: PrioDraft[] = [],
): RuleDraft[] {
  let produced = 0;
  const count = (n: number): void => {
    produced += n;
    if (produced > maxRules) throw new TooManyRulesError(maxRules);
  };

  const product = (
    groups: readonly (readonly RuleDraft[])[],
    out: number,
    extra: readonly (readonly [number, number])[],
  ): RuleDraft[] => {
    let acc: { parts: Pairs; resets: Pairs | undefined; guards: Pairs | undefined }[] = [
      { parts: [], resets: undefined, guards: undefined },
    ];
    for (const g of groups) {
      const next: typeof acc = [];
      for (const a of acc)
        for (const r of g)
          next.push({
            parts: [...a.parts, ...r.parts],
            resets: join(a.resets, r.resets),
            guards: join(a.guards, r.guards),
          });
      count(next.length);
      acc = next;
    }
    return acc.map(({ parts, resets, guards }) => rule(out, [...parts, ...extra], resets, guards));
  };

  const rulesOf = (node: NetNode): RuleDraft[] => {
    switch (node.kind) {
      case 'leaf': {
        const t = tables[node.comp] as LeafTable;
        count(t.labels.length);
        return t.labels.map((label) => ({ out: label === TERM_LABEL ? TERM_OUT : label, parts: [[node.comp, label]] }));
      }
      case 'hide': {
        const hidden = new Set(node.set);
        return rulesOf(node.body).map((r) => (hidden.has(r.out) ? { ...r, out: TAU } : r));
      }
      case 'rename': {
        const images = new Map<EventId, EventId[]>();
        for (const [from, to] of node.pairs) {
          const list = images.get(from);
          if (list === undefined) images.set(from, [to]);
          else list.push(to);
        }
        const result: RuleDraft[] = [];
        for (const r of rulesOf(node.body)) {
          const to = images.get(r.out);
          if (to === undefined) result.push(r);
          else for (const e of to) result.push({ ...r, out: e });
        }
        count(result.length);
        return result;
      }
      case 'par':
        return parRules(node);
      case 'exception':
        return node.op === 'timeout' ? timeoutRules(node) : exceptionRules(node);
      case 'prio':
        return prioRules(node);
      case 'seq': {
        // the head's own moves (not its gate), then the exit's network, each rule needing the head at the exit
        const head = rulesOf({ kind: 'leaf', comp: node.head }).filter((r) => r.parts[0]?.[1] !== SEQ_EXIT);
        const body = rulesOf(node.body).map((r) =>
          rule(r.out, [...r.parts, [node.head, SEQ_EXIT]], r.resets, r.guards),
        );
        return [...head, ...body];
      }
    }
  };

  const prioRules = (node: Extract<NetNode, { kind: 'prio' }>): RuleDraft[] => {
    const body = rulesOf(node.body);
    const inner = body.filter((r) => r.out !== TERM_OUT);
    node.index = prios.length;
    prios.push({
      levels: node.levels.map((l) => [...l]),
      rules: inner,
      ...(node.order ? { order: node.order, belowTau: [...(node.belowTau ?? [])] } : {}),
    });
    // the body's Ω self-loop is no transition: it is not filtered
    let j = 0;
    return body.map((r) =>
      r.out === TERM_OUT ? r : rule(r.out, r.parts, r.resets, join(r.guards, [[node.index, j++]])),
    );
  };

  const timeoutRules = (node: Extract<NetNode, { kind: 'exception' }>): RuleDraft[] => {
    const mode = node.mode;
    const resetP = componentsOf(node.body).map((c) => [c, 0] as const);
    const resetQ = componentsOf(node.handler).map((c) => [c, 0] as const);
    const gate = (r: RuleDraft, label: number, resets?: Pairs): RuleDraft =>
      rule(r.out, [...r.parts, [mode, label]], join(r.resets, resets), r.guards);
    const result: RuleDraft[] = [];
    for (const r of rulesOf(node.body)) {
      if (r.out === TERM_OUT) continue; // P's ✓ already ended the node
      if (r.out === TICK) result.push(gate(r, TIMEOUT_END, resetP));
      else result.push(gate(r, r.out === TAU ? TIMEOUT_STAY : TIMEOUT_SETTLE));
    }
    result.push(rule(TAU, [[mode, TIMEOUT_FIRE]], resetP));
    for (const r of rulesOf(node.handler)) {
      if (r.out === TERM_OUT) continue;
      result.push(r.out === TICK ? gate(r, MODE_Q_END, resetQ) : gate(r, MODE_Q));
    }
    result.push({ out: TERM_OUT, parts: [[mode, TERM_LABEL]] });
    count(result.length);
    return result;
  };

  const exceptionRules = (node: Extract<NetNode, { kind: 'exception' }>): RuleDraft[] => {
    const thrown = new Set(node.set);
    const mode = node.mode;
    const resetP = componentsOf(node.body).map((c) => [c, 0] as const);
    const resetQ = componentsOf(node.handler).map((c) => [c, 0] as const);
    const gate = (r: RuleDraft, label: number, resets?: Pairs): RuleDraft =>
      rule(r.out, [...r.parts, [mode, label]], join(r.resets, resets), r.guards);
    const result: RuleDraft[] = [];
    for (const r of rulesOf(node.body)) {
      if (r.out === TERM_OUT) continue; // P's Ω is never seen: its ✓ already ended the node
      if (r.out === TICK) result.push(gate(r, MODE_P_END, node.op === 'interrupt' ? [...resetP, ...resetQ] : resetP));
      else if (r.out !== TAU && thrown.has(r.out)) result.push(gate(r, MODE_THROW, resetP));
      else result.push(gate(r, MODE_P));
    }
    const resetBoth = [...resetP, ...resetQ];
    for (const r of rulesOf(node.handler)) {
      if (r.out === TERM_OUT) continue;
      result.push(r.out === TICK ? gate(r, MODE_Q_END, resetQ) : gate(r, MODE_Q));
      if (node.op !== 'interrupt') continue;
      // P /\ Q: Q also runs in mode 0; its τ leaves P be, its events and ✓ discard P
      if (r.out === TAU) result.push(gate(r, node.moved ? MODE_Q_MOVE : MODE_P));
      else if (r.out === TICK) result.push(gate(r, MODE_P_END, resetBoth));
      else result.push(gate(r, MODE_THROW, resetP));
    }
    result.push({ out: TERM_OUT, parts: [[mode, TERM_LABEL]] });
    count(result.length);
    return result;
  };

  const parRules = (node: Extract<NetNode, { kind: 'par' }>): RuleDraft[] => {
    const childRules = node.children.map(rulesOf);
    const result: RuleDraft[] = [];
    const sync = new Set(node.sync);
    const alphas = node.alphas.map((a) => new Set(a));
    // synchronised events: event → per child, that child's rules for it
    const joint = new Map<number, RuleDraft[][]>();
    childRules.forEach((rules, i) => {
      for (const r of rules) {
        if (r.out === TAU || r.out === TICK) {
          result.push({ ...r, out: TAU });
          continue;
        }
        if (r.out === TERM_OUT) continue;
        let shared: boolean;
        if (node.op === 'interleave') shared = false;
        else if (node.op === 'genPar') shared = sync.has(r.out);
        else {
          if (!(alphas[i] as Set<number>).has(r.out)) continue; // outside its alphabet: blocked
          shared = true;
        }
        if (!shared) {
          result.push(r);
          continue;
        }
        let perChild = joint.get(r.out);
        if (perChild === undefined) joint.set(r.out, (perChild = node.children.map(() => [])));
        (perChild[i] as RuleDraft[]).push(r);
      }
    });
    for (const [event, perChild] of joint) {
      const needed = node.op === 'genPar' ? perChild : perChild.filter((_, i) => (alphas[i] as Set<number>).has(event));
      if (needed.some((g) => g.length === 0)) continue;
      result.push(...product(needed, event, []));
    }
    if (node.flag >= 0) {
      const terms = childRules.map((rules) => rules.filter((r) => r.out === TERM_OUT));
      result.push(...product(terms, TICK, [[node.flag, FLAG_SET]]));
      result.push({ out: TERM_OUT, parts: [[node.flag, TERM_LABEL]] });
    }
    count(result.length);
    return result;
  };

  const all = rulesOf(root).filter((r) => r.out !== TERM_OUT);
  // stable sort by output event: successor order is then event order (declaration order)
  return all
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].out - b[0].out || a[1] - b[1])
    .map(([r]) => r);
}
