/**
 * Counterexamples (docs/cspm.md#command-line-contract): the trace to the failure, its
 * kind, the refused set or offending event, and each leaf component's own
 * trace (hidden events included) and final state as CSPm text.
 *
 * Paths are rebuilt without parent pointers: explorers store states in
 * breadth-first order and remember where each layer starts, so the parent of
 * a state in layer d is the first state of layer d-1 (in queue order) that has
 * it as a successor, which is exactly the BFS-tree parent. That saves 4 bytes
 * per state and costs at most one more pass over the layers, once.
 */
import type { EventId, Term } from '../csp/terms';
import { TAU, TICK } from '../csp/terms';
import { SuccBuffer, type System } from './system';

export type CounterexampleKind =
  'deadlock' | 'refusal' | 'revival' | 'divergence' | 'trace' | 'nondeterminism' | 'no-trace';

export interface ComponentReport {
  readonly name: string;
  readonly trace: string[];
  readonly state: string;
  /** For a compiled workflow: the node (or edge, bus) this component came from. */
  readonly source?: string;
}

export interface Counterexample {
  readonly kind: CounterexampleKind;
  readonly trace: string[];
  /**
   * Transitions (τ included) from the initial state to the state where the
   * failure shows: the length every check minimises (docs/checker.md#counterexamples).
   */
  readonly steps: number;
  readonly refused?: string[];
  /**
   * `trace`: the event the specification does not allow; `nondeterminism`: the
   * event both accepted and refused; `revival`: the event accepted while
   * `refused` is refused, which no specification state does together.
   */
  readonly event?: string;
  /**
   * Refusal testing (`[R=`, `[RD=`) only: for each event of `trace`, what the
   * implementation refused in the stable state it performed it from (the
   * specification's events it could have offered there), or null when that
   * state was not stable (no refusal observed).
   */
  readonly refusals?: (string[] | null)[];
  /**
   * `refusal` or `nondeterminism` only: the refusing state can terminate (✓),
   * and by the failures models' axiom a state that can terminate may refuse
   * every other event.
   */
  readonly terminates?: boolean;
  readonly components: ComponentReport[];
  /** For a compiled workflow: the edge (or node, bus) of each trace event, null when it has none. */
  readonly traceSources?: (string | null)[];
}

/** Turns ids and terms into text (an EventTable plus printTerm, supplied by the caller). */
export interface Namer {
  event(e: EventId): string;
  term(t: Term): string;
}

export interface Graph {
  successors(i: number, buf: SuccBuffer): number;
}

export interface Step {
  readonly event: EventId;
  /** The system rule fired (for component traces). */
  readonly rule: number;
  readonly to: number;
}

/** The BFS-tree path from state 0 to `target`; `layerStart[d]` is the first index of layer d. */
export function pathTo(graph: Graph, layerStart: readonly number[], target: number): Step[] {
  let depth = 0;
  while (depth + 1 < layerStart.length && (layerStart[depth + 1] as number) <= target) depth++;
  const steps: Step[] = [];
  const buf = new SuccBuffer();
  let cur = target;
  for (let d = depth; d > 0; d--) {
    const from = layerStart[d - 1] as number;
    const to = layerStart[d] as number;
    let found = false;
    for (let p = from; p < to && !found; p++) {
      const n = graph.successors(p, buf);
      for (let k = 0; k < n; k++) {
        if (buf.targets[k] === cur) {
          steps.push({ event: buf.events[k] as number, rule: buf.rules[k] as number, to: cur });
          cur = p;
          found = true;
          break;
        }
      }
    }
    if (!found) throw new Error(`internal: no parent of state ${cur} in breadth-first layer ${d - 1}`);
  }
  return steps.reverse();
}

/** Visible events of a path (τ removed, ✓ kept). */
export function visibleTrace(steps: readonly Step[], namer: Namer): string[] {
  return steps.filter((s) => s.event !== TAU).map((s) => namer.event(s.event));
}

/** Each leaf's own trace along the system steps `rules`, and its term in the final state (packed at `src[at ..]`). */
export function componentReports(
  sys: System,
  rules: readonly number[],
  src: Uint32Array,
  at: number,
  namer: Namer,
): ComponentReport[] {
  const leaves = sys.leaves();
  const traces = new Map<number, string[]>(leaves.map((l) => [l.comp, []]));
  for (const r of rules) {
    for (const [comp, label] of sys.ruleParts(r)) {
      const list = traces.get(comp);
      if (list !== undefined && label >= TICK) list.push(namer.event(label));
    }
  }
  return leaves.map((l) => ({
    name: l.table.name,
    trace: traces.get(l.comp) ?? [],
    state: namer.term(sys.componentTermAt(src, at, l.comp) as Term),
  }));
}

/**
 * A system path performing exactly the visible `trace` and ending in a state
 * that satisfies `accept` (shortest, first in event order); undefined if none.
 * Used where the failure was found on normalised sets of states.
 */
export function pathAlongTrace(
  sys: System,
  trace: readonly EventId[],
  accept: (state: number) => boolean,
): { rules: number[]; end: number } | undefined {
  interface Node {
    readonly state: number;
    readonly pos: number;
    readonly parent: Node | undefined;
    readonly rule: number;
  }
  const buf = new SuccBuffer();
  const seen = new Set<string>(['0|0']);
  const queue: Node[] = [{ state: 0, pos: 0, parent: undefined, rule: -1 }];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q] as Node;
    if (node.pos === trace.length && accept(node.state)) {
      const rules: number[] = [];
      for (let n: Node | undefined = node; n?.parent !== undefined; n = n.parent) rules.push(n.rule);
      return { rules: rules.reverse(), end: node.state };
    }
    const n = sys.successors(node.state, buf);
    for (let k = 0; k < n; k++) {
      const e = buf.events[k] as number;
      const t = buf.targets[k] as number;
      let pos = node.pos;
      if (e !== TAU) {
        if (pos >= trace.length || trace[pos] !== e) continue;
        pos++;
      }
      const key = `${t}|${pos}`;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push({ state: t, pos, parent: node, rule: buf.rules[k] as number });
    }
  }
  return undefined;
}
