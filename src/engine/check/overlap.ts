/**
 * One term, one state vector: an exception node (`[| A |>`, `/\`, `[>`)
 * keeps P's and Q's states apart by its mode, so a term that P's side and
 * Q's side (or mode 0's `P' [| A |> Q` and Q) could both stand for would get
 * two vectors, and the checker would count one state twice. This file
 * describes the terms a network node's vectors can stand for (a `Space`:
 * the exact terms of a leaf, an operator over its children's spaces) and
 * decides, conservatively, whether two spaces can share a term.
 * System.compile then falls back to a coarser layout (network.ts).
 */
import type { Term } from '../csp/terms';
import type { LeafTable } from './leaf';
import type { NetNode } from './network';
import { canTerminate } from './rules';

/** The terms a node's state vectors can stand for (Ω aside, see `omega`). */
type Space =
  | { readonly kind: 'terms'; readonly terms: readonly Term[] }
  /** An operator term: its key (operator and its sets) and its operands' spaces; `omega`: the node can be Ω too. */
  | { readonly kind: 'op'; readonly key: string; readonly parts: readonly Space[]; readonly omega: boolean }
  | { readonly kind: 'union'; readonly alts: readonly Space[] };

const parKey = (op: string, sync: readonly number[], alphas: readonly (readonly number[])[], n: number): string =>
  `${op}|${sync.join(',')}|${alphas.map((a) => a.join(',')).join(';')}|${n}`;
const pairsKey = (pairs: readonly (readonly [number, number])[]): string => pairs.map((p) => p.join('>')).join(',');

/** A term's key and operands in the form `spaceOf` gives an operator node, or undefined for other terms. */
function termShape(t: Term): { key: string; parts: readonly Term[] } | undefined {
  const n = t.node;
  switch (n.op) {
    case 'genPar':
      return { key: parKey('genPar', n.sync, [], n.items.length), parts: n.items };
    case 'alphaPar':
      return { key: parKey('alphaPar', [], n.alphas, n.items.length), parts: n.items };
    case 'interleave':
      return { key: parKey('interleave', [], [], n.items.length), parts: n.items };
    case 'hide':
      return { key: `hide|${n.set.join(',')}`, parts: [n.body] };
    case 'rename':
      return { key: `rename|${pairsKey(n.pairs)}`, parts: [n.body] };
    case 'prioritise':
      return { key: `prioritise|${n.levels.map((l) => l.join(',')).join(';')}`, parts: [n.body] };
    case 'prioritisePo':
      return { key: `prioritisePo|${pairsKey(n.order)}|${n.belowTau.join(',')}`, parts: [n.body] };
    case 'exception':
      return { key: `exception|${n.set.join(',')}|${n.right.id}`, parts: [n.left] };
    case 'interrupt':
      return { key: 'interrupt', parts: [n.left, n.right] };
    case 'sliding':
      return { key: `sliding|${n.right.id}`, parts: [n.left] };
    default:
      return undefined;
  }
}

/** The space of `node`'s states. */
function spaceOf(node: NetNode, tables: readonly LeafTable[]): Space {
  const op = (key: string, parts: Space[]): Space => ({ kind: 'op', key, parts, omega: canTerminate(node, tables) });
  switch (node.kind) {
    case 'leaf':
      return { kind: 'terms', terms: (tables[node.comp] as LeafTable).terms };
    case 'par':
      return op(
        parKey(node.op, node.sync, node.alphas, node.children.length),
        node.children.map((c) => spaceOf(c, tables)),
      );
    case 'hide':
      return op(`hide|${node.set.join(',')}`, [spaceOf(node.body, tables)]);
    case 'rename':
      return op(`rename|${pairsKey(node.pairs)}`, [spaceOf(node.body, tables)]);
    case 'prio': {
      const key = node.order
        ? `prioritisePo|${pairsKey(node.order)}|${(node.belowTau ?? []).join(',')}`
        : `prioritise|${node.levels.map((l) => l.join(',')).join(';')}`;
      return op(key, [spaceOf(node.body, tables)]);
    }
    case 'seq':
      return { kind: 'union', alts: [headSpace(node, tables), spaceOf(node.body, tables)] };
    case 'exception': {
      const p = spaceOf(node.body, tables);
      const q = spaceOf(node.handler, tables);
      const alts = [modeZero(node, tables), q, ...(node.op === 'timeout' ? [p] : [])];
      if (canTerminate(node, tables)) alts.push(op('Ω', []));
      return { kind: 'union', alts };
    }
  }
}

/**
 * A seq node's head states before its exit (at the exit, the exit's network
 * stands for the term). They never meet the exit's network's own states: the
 * head stops at the first parallel, hiding or renaming term, and the
 * network's states are all such terms (its Ω never stays: Q's ✓ resets Q).
 */
function headSpace(node: Extract<NetNode, { kind: 'seq' }>, tables: readonly LeafTable[]): Space {
  return { kind: 'terms', terms: (tables[node.head] as LeafTable).terms.filter((t) => t !== node.exit) };
}

/** The terms of an exception node's mode 0: `P' [| A |> Q`, `P' /\ Q'` (Q' as written or moved) or `P' [> Q`. */
function modeZero(node: Extract<NetNode, { kind: 'exception' }>, tables: readonly LeafTable[]): Space {
  const p = spaceOf(node.body, tables);
  const op = (key: string, parts: Space[]): Space => ({ kind: 'op', key, parts, omega: false });
  if (node.op === 'exception') return op(`exception|${node.set.join(',')}|${node.right.id}`, [p]);
  if (node.op === 'timeout') return op(`sliding|${node.right.id}`, [p]);
  const written: Space = { kind: 'terms', terms: [node.right] };
  return op('interrupt', [p, { kind: 'union', alts: [spaceOf(node.handler, tables), written] }]);
}

const isOmega = (t: Term): boolean => t.node.op === 'omega';

/** Each leaf's term ids as a set, made once (a leaf may have millions of states). */
const idSets = new WeakMap<readonly Term[], Set<number>>();
function idsOf(terms: readonly Term[]): Set<number> {
  let ids = idSets.get(terms);
  if (ids === undefined) idSets.set(terms, (ids = new Set(terms.map((t) => t.id))));
  return ids;
}

/** Whether `t` can be a term of `space` (at the top of a node, where Ω has a vector of its own). */
function holds(space: Space, t: Term, top: boolean): boolean {
  if (isOmega(t)) return !top && canBeOmega(space);
  switch (space.kind) {
    case 'terms':
      return idsOf(space.terms).has(t.id);
    case 'union':
      return space.alts.some((a) => holds(a, t, top));
    case 'op': {
      const shape = termShape(t);
      return (
        shape !== undefined &&
        shape.key === space.key &&
        shape.parts.every((p, i) => holds(space.parts[i] as Space, p, false))
      );
    }
  }
}

function canBeOmega(space: Space): boolean {
  if (space.kind === 'terms') return space.terms.some(isOmega);
  if (space.kind === 'union') return space.alts.some(canBeOmega);
  return space.omega;
}

/** Whether some term belongs to both spaces (true when unsure). */
function meet(a: Space, b: Space, top: boolean): boolean {
  if (!top && canBeOmega(a) && canBeOmega(b)) return true;
  if (a.kind === 'union') return a.alts.some((x) => meet(x, b, top));
  if (b.kind === 'union') return b.alts.some((x) => meet(a, x, top));
  if (a.kind === 'terms') {
    if (b.kind === 'terms') {
      const ids = idsOf(b.terms);
      return a.terms.some((t) => !isOmega(t) && ids.has(t.id));
    }
    return a.terms.some((t) => !isOmega(t) && holds(b, t, true));
  }
  if (b.kind === 'terms') return meet(b, a, top);
  return a.key === b.key && a.parts.every((p, i) => meet(p, b.parts[i] as Space, false));
}

/**
 * Whether the exception node's modes could stand for one term twice: Q's
 * states against mode 0's (and, for a timeout, P's bare states against both).
 */
export function modesOverlap(node: Extract<NetNode, { kind: 'exception' }>, tables: readonly LeafTable[]): boolean {
  const zero = modeZero(node, tables);
  const q = spaceOf(node.handler, tables);
  if (meet(q, zero, true)) return true;
  if (node.op !== 'timeout') return false;
  const p = spaceOf(node.body, tables);
  return meet(p, zero, true) || meet(q, p, true);
}
