/**
 * A runnable network: the top of a system term split into components that
 * the scheduler composes by the alphabetised-parallel rule, plus the events
 * hidden at the top. Everything inside a component (choice, renaming, nested
 * parallels, ...) is executed by the one semantics, `transitions(term)`; the
 * scheduler only implements the outermost `||` and `\`, because that is where
 * code nodes (scripts, agents) join CSP nodes and where the debugger needs
 * per-process states.
 *
 * A system that is not an alphabetised parallel at the top is one component
 * whose alphabet is every event: then each step is exactly one transition of
 * the whole term.
 */
import type { EventTable } from '../../csp/events';
import type { TermFactory } from '../../csp/factory';
import type { EventSet, Term } from '../../csp/terms';
import { showValue, type Value } from '../../csp/values';
import type { CodeNodeFactory } from './code';
import type { QueueSpec } from './run';

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

function callName(t: Term, fallback: string): string {
  if (t.node.op !== 'call') return fallback;
  if (t.node.args.length === 0) return t.node.name;
  return `${t.node.name}(${t.node.args.map((a) => showValue(a)).join(', ')})`;
}

/**
 * Splits `system` at its top: hiding (any depth of `\`) and one alphabetised
 * parallel. `names` overrides component names (the workflow passes node names).
 */
export function networkOf(
  system: Term,
  factory: TermFactory,
  events: EventTable,
  names?: readonly string[],
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
  return { factory, events, components: [{ name: names?.[0] ?? label, term: t, alphabet: null }], hidden: hiddenSet };
}

/** The name of the process a component runs, as written: the call under any renaming (`Phil(0) [[...]]` is Phil(0)). */
function componentName(t: Term, fallback: string): string {
  let u = t;
  for (let depth = 0; depth < 8; depth++) {
    if (u.node.op === 'call') return callName(u, fallback);
    if (u.node.op !== 'rename' && u.node.op !== 'hide') break;
    u = u.node.body;
  }
  return fallback;
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
