/**
 * A runnable network: the top of a system term split into components that
 * the scheduler composes by the alphabetised-parallel rule, plus the events
 * hidden at the top. Everything inside a component (choice, renaming, nested
 * parallels, ...) is executed by the one semantics, `transitions(term)`; the
 * scheduler only implements the outermost `||` and `\`, because that is where
 * code nodes (scripts, agents) join CSP nodes and where the debugger needs
 * per-process states.
 *
 * A generalised parallel or interleaving at the top (`[| A |]`, `|||`, their
 * replicated forms) is split too where that is sound (split.ts): the butler's
 * philosophers, forks and butler run as components, not as one term.
 *
 * Any other system is one component whose alphabet is every event: then each
 * step is exactly one transition of the whole term.
 */
import type { EventTable } from '../../csp/events';
import type { TermFactory } from '../../csp/factory';
import type { EventSet, Term } from '../../csp/terms';
import type { Value } from '../../csp/values';
import type { CodeNodeFactory } from './code';
import type { QueueSpec } from './run';
import { callName, componentName, ParallelSplitter } from './split';

export interface CspComponentSpec {
  readonly name: string;
  readonly term: Term;
  /** Events it synchronises on; null = every event it can perform (a lone component). */
  readonly alphabet: EventSet | null;
  /**
   * A code node runs this instead of `term`; `term` is then its contract,
   * enforced by a monitor (docs/workflow-semantics.md#contracts-of-code-nodes).
   */
  readonly code?: CodeNodeFactory;
}

export interface NetworkSpec {
  readonly factory: TermFactory;
  readonly events: EventTable;
  readonly components: readonly CspComponentSpec[];
  /** Visible events hidden at the top: they fire as τ steps recorded with `hidden: true`. */
  readonly hidden: EventSet;
  /** Queues to report depths of (buffered edges, buffer nodes); a workflow fills this in. */
  readonly queues?: readonly QueueSpec[];
  /**
   * `name(args)` of the loaded script as a process (a buffer process with other
   * contents, when the user edits a queued value); an error text when it cannot.
   */
  readonly callProcess?: (name: string, args: readonly Value[]) => Term | string;
}

export interface SplitOptions {
  /**
   * Split a generalised parallel or interleaving at the top (default true).
   * A workflow says false: its components are found again by their alphabets.
   */
  readonly splitParallel?: boolean;
}

/**
 * Splits `system` at its top: hiding (any depth of `\`) and one alphabetised
 * parallel, or a generalised parallel / interleaving whose items' alphabets allow it.
 * `names` overrides component names (the workflow passes node names).
 */
export function networkOf(
  system: Term,
  factory: TermFactory,
  events: EventTable,
  names?: readonly string[],
  options: SplitOptions = {},
): NetworkSpec {
  const hidden = new Set<number>();
  let t = factory.canon(system);
  let label = callName(system, 'SYSTEM');
  while (t.node.op === 'hide') {
    for (const e of t.node.set) hidden.add(e);
    const body = t.node.body;
    label = callName(body, label);
    t = factory.canon(body);
  }
  const hiddenSet = factory.eventSet(hidden);
  if (t.node.op === 'alphaPar') {
    const flat: { term: Term; alphabet: EventSet; named: Term }[] = [];
    flatten(t, factory, flat);
    const components = flat.map((c, i) => ({
      name: names?.[i] ?? componentName(c.named, `P${i}`),
      term: c.term,
      alphabet: c.alphabet,
    }));
    return { factory, events, components, hidden: hiddenSet };
  }
  if (options.splitParallel !== false && (t.node.op === 'genPar' || t.node.op === 'interleave')) {
    const parts = new ParallelSplitter(factory).split(t);
    if (parts !== null && parts.length > 1) {
      const named = parts.map((p, i) => names?.[i] ?? p.label ?? componentName(p.named, `P${i}`));
      const components = uniqueNames(named).map((name, i) => ({
        name,
        term: parts[i]!.term,
        alphabet: factory.eventSet(parts[i]!.alphabet),
      }));
      return { factory, events, components, hidden: hiddenSet };
    }
  }
  return { factory, events, components: [{ name: names?.[0] ?? label, term: t, alphabet: null }], hidden: hiddenSet };
}

/** Names as given, a repeated one numbered (`P`, `P#2`): steps and replays name components by name. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}#${k}`;
  });
}

function sameSet(a: EventSet, b: ReadonlySet<number>): boolean {
  if (a.length !== b.size) return false;
  for (const e of a) if (!b.has(e)) return false;
  return true;
}

/**
 * Flattens nested alphabetised parallels (`P [A || B] (Q [C || D] R)` is how
 * the workflow compiler writes n nodes). An item is opened only when its own
 * alphabet is exactly the union of its parts' alphabets: then "every
 * component with e in its alphabet takes part" means the same flat or nested.
 */
function flatten(t: Term, factory: TermFactory, out: { term: Term; alphabet: EventSet; named: Term }[]): void {
  if (t.node.op !== 'alphaPar') return;
  const { items, alphas } = t.node;
  items.forEach((item0, i) => {
    const item = factory.canon(item0);
    const alpha = alphas[i] ?? factory.emptySet;
    if (item.node.op === 'alphaPar') {
      const union = new Set<number>();
      for (const a of item.node.alphas) for (const e of a) union.add(e);
      if (sameSet(alpha, union)) {
        flatten(item, factory, out);
        return;
      }
    }
    out.push({ term: item, alphabet: alpha, named: item0 });
  });
}
