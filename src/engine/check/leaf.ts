/**
 * Leaf tables: each sequential component of a network compiled to an explicit
 * transition table by breadth-first search over the one operational semantics
 * (`transitions` in csp/semantics.ts). This is the cache docs/architecture.md#one-semantics talks
 * about; nothing here decides what a process can do.
 *
 * Table layout (typed arrays, for the explorer's inner loop): the transitions
 * of local state `l` with label index `li` are `tgt[off[l*nL+li] .. off[l*nL+li+1])`,
 * and `enabled[enabledStart[l] .. enabledStart[l+1])` lists the label indices
 * state `l` has at all. Labels are event ids (τ = 0, ✓ = 1) plus two pseudo
 * labels for distributed termination: TERM_LABEL (a self-loop on Ω states,
 * "this component has terminated") and FLAG_SET (a parallel node's flag going
 * from 0 to 1 when that node does its ✓), and the MODE_* labels of an
 * exception node's mode (network.ts).
 */
import { transitions } from '../csp/semantics';
import type { Term } from '../csp/terms';

export const TERM_LABEL = -1;
export const FLAG_SET = -2;
/** Mode labels: P runs on (0 → 0), P throws (0 → 1), P ends (0 → 2), Q runs on (1 → 1), Q ends (1 → 2). */
export const MODE_P = -3;
export const MODE_THROW = -4;
export const MODE_P_END = -5;
export const MODE_Q = -6;
export const MODE_Q_END = -7;
/** An interrupt's Q moving beside P (0 → 3, 3 → 3): see interruptModeTable. */
export const MODE_Q_MOVE = -12;
/** A seq node's head at its exit: the gate every rule of the exit's network needs (network.ts). */
export const SEQ_EXIT = -13;
/**
 * A timeout's mode labels (modes 0 `P' [> Q`, 1 `P'`, 2 Q, 3 Ω): P's τ stays
 * (0 → 0, 1 → 1), P's visible events settle on P (0 → 1, 1 → 1), P's ✓ ends
 * (0 → 3, 1 → 3), the timeout's τ starts Q (0 → 2); Q uses MODE_Q, MODE_Q_END.
 */
export const TIMEOUT_STAY = -8;
export const TIMEOUT_SETTLE = -9;
export const TIMEOUT_END = -10;
export const TIMEOUT_FIRE = -11;

export interface LeafTable {
  readonly name: string;
  /** Local state index → term (empty for a flag). */
  readonly terms: readonly Term[];
  readonly states: number;
  /** Distinct labels, ascending. */
  readonly labels: readonly number[];
  readonly off: Int32Array;
  readonly tgt: Int32Array;
  readonly enabledStart: Int32Array;
  readonly enabled: Int32Array;
}

export class LeafTooLargeError extends Error {
  constructor(
    readonly leaf: string,
    readonly limit: number,
  ) {
    super(`component ${leaf} has more than ${limit} states; it cannot be compiled to a table`);
    this.name = 'LeafTooLargeError';
  }
}

/** Dense tables hold states × labels entries; past this a leaf is refused rather than exhausting memory. */
const MAX_DENSE_ENTRIES = 1 << 27;

/** Builds the tables from per-state lists of [label, target] pairs. */
export function buildTable(
  name: string,
  terms: readonly Term[],
  states: number,
  out: readonly (readonly number[])[],
): LeafTable {
  // out[l] is a flat list: label, target, label, target, ...
  const labelSet = new Set<number>();
  for (const list of out) for (let k = 0; k < list.length; k += 2) labelSet.add(list[k] as number);
  const labels = [...labelSet].sort((a, b) => a - b);
  const index = new Map<number, number>();
  labels.forEach((l, i) => index.set(l, i));
  const nL = labels.length;
  if (states * nL > MAX_DENSE_ENTRIES)
    throw new LeafTooLargeError(name, Math.floor(MAX_DENSE_ENTRIES / Math.max(1, nL)));
  const counts = new Int32Array(states * nL + 1);
  let total = 0;
  for (let l = 0; l < states; l++) {
    const list = out[l] as readonly number[];
    for (let k = 0; k < list.length; k += 2) {
      const slot = l * nL + (index.get(list[k] as number) as number);
      counts[slot] = (counts[slot] as number) + 1;
      total++;
    }
  }
  const off = new Int32Array(states * nL + 1);
  for (let i = 0, acc = 0; i < states * nL; i++) {
    off[i] = acc;
    acc += counts[i] as number;
    off[i + 1] = acc;
  }
  const fill = off.slice();
  const tgt = new Int32Array(total);
  const enabledStart = new Int32Array(states + 1);
  const enabledList: number[] = [];
  for (let l = 0; l < states; l++) {
    const list = out[l] as readonly number[];
    // keep the semantics' order (by event, then target) inside each group
    for (let k = 0; k < list.length; k += 2) {
      const slot = l * nL + (index.get(list[k] as number) as number);
      tgt[fill[slot] as number] = list[k + 1] as number;
      fill[slot] = (fill[slot] as number) + 1;
    }
    enabledStart[l] = enabledList.length;
    for (let li = 0; li < nL; li++)
      if ((off[l * nL + li + 1] as number) > (off[l * nL + li] as number)) enabledList.push(li);
  }
  enabledStart[states] = enabledList.length;
  return { name, terms, states, labels, off, tgt, enabledStart, enabled: Int32Array.from(enabledList) };
}

/**
 * Compiles a sequential process by BFS over `transitions`. Ω states get a
 * TERM_LABEL self-loop; `exit` (a seq node's head) gets only a SEQ_EXIT
 * self-loop, its own moves belonging to its network. Throws
 * LeafTooLargeError past `maxStates`.
 */
export function compileLeaf(name: string, initial: Term, maxStates: number, exit?: Term): LeafTable {
  const terms: Term[] = [initial];
  const indexOf = new Map<number, number>([[initial.id, 0]]);
  const out: number[][] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as Term;
    const list: number[] = [];
    if (t.node.op === 'omega') list.push(TERM_LABEL, i);
    if (t === exit) {
      out.push([SEQ_EXIT, i]);
      continue;
    }
    for (const tr of transitions(t)) {
      let j = indexOf.get(tr.target.id);
      if (j === undefined) {
        j = terms.length;
        if (j >= maxStates) throw new LeafTooLargeError(name, maxStates);
        terms.push(tr.target);
        indexOf.set(tr.target.id, j);
      }
      list.push(tr.event, j);
    }
    out.push(list);
  }
  return buildTable(name, terms, terms.length, out);
}

/** The two-state table of a parallel node's termination flag. */
export function flagTable(name: string): LeafTable {
  return buildTable(name, [], 2, [
    [FLAG_SET, 1],
    [TERM_LABEL, 1],
  ]);
}

/** The three-state table of an exception node's mode: P runs, Q runs, Ω. */
export function modeTable(name: string): LeafTable {
  return buildTable(name, [], 3, [
    [MODE_P, 0, MODE_THROW, 1, MODE_P_END, 2],
    [MODE_Q, 1, MODE_Q_END, 2],
    [TERM_LABEL, 2],
  ]);
}

/**
 * The four-state mode of an interrupt `P /\ Q` whose Q is a network written as
 * a call: 0 P runs beside Q as written, 1 Q runs, 2 Ω, 3 P runs beside Q once
 * Q has moved (Q's initial vector is then canon(Q), another term). P's labels
 * act in 3 as in 0.
 */
export function interruptModeTable(name: string): LeafTable {
  return buildTable(name, [], 4, [
    [MODE_P, 0, MODE_THROW, 1, MODE_P_END, 2, MODE_Q_MOVE, 3],
    [MODE_Q, 1, MODE_Q_END, 2],
    [TERM_LABEL, 2],
    [MODE_P, 3, MODE_THROW, 1, MODE_P_END, 2, MODE_Q_MOVE, 3],
  ]);
}

/** The four-state table of a timeout node's mode: `P' [> Q`, `P'`, Q runs, Ω. */
export function timeoutModeTable(name: string): LeafTable {
  return buildTable(name, [], 4, [
    [TIMEOUT_STAY, 0, TIMEOUT_SETTLE, 1, TIMEOUT_END, 3, TIMEOUT_FIRE, 2],
    [TIMEOUT_STAY, 1, TIMEOUT_SETTLE, 1, TIMEOUT_END, 3],
    [MODE_Q, 2, MODE_Q_END, 3],
    [TERM_LABEL, 3],
  ]);
}
