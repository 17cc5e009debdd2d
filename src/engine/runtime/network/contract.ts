/**
 * The run-time contract monitor of a code node (docs/workflow-semantics.md#contracts-of-code-nodes): the node's
 * contract is a CSP process over its (renamed) ports; the monitor tracks the
 * set of contract states the trace so far can reach (τ-closed), using the one
 * semantics.
 *  - trace violation: an event (or ✓) the contract does not allow after the trace;
 *  - refusal violation: the node is quiescent offering a set O of events (an
 *    ended node offers ✓), and no contract state has its acceptance ⊆ O (the
 *    node refuses what it does not offer). Acceptances are the checker's
 *    (csp/acceptance.ts): a stable state's initials, {✓} for a state that can
 *    terminate. The violation names the minimal acceptances it missed.
 */
import { acceptanceOf, isSubset, minimalAcceptances } from '../../csp/acceptance';
import type { EventTable } from '../../csp/events';
import type { TermFactory } from '../../csp/factory';
import { TAU, TICK, type EventId, type Term } from '../../csp/terms';

export interface Violation {
  readonly kind: 'trace' | 'refusal';
  readonly message: string;
  /** For refusals: the contract's minimal acceptances (CSPm event texts). */
  readonly acceptances?: readonly (readonly string[])[];
}

const MAX_STATES = 10_000;

export class ContractMonitor {
  private states: Term[];

  constructor(
    private readonly factory: TermFactory,
    private readonly events: EventTable,
    readonly node: string,
    contract: Term,
  ) {
    this.states = this.closure([factory.canon(contract)]);
  }

  /** Whether the contract can do `event` now (nothing moves). */
  allows(event: EventId): boolean {
    for (const s of this.states)
      for (const tr of this.factory.semantics.transitions(s)) if (tr.event === event) return true;
    return false;
  }

  /** Advances by `event`; a violation if the contract cannot do it now. */
  after(event: EventId): Violation | undefined {
    const next: Term[] = [];
    for (const s of this.states)
      for (const tr of this.factory.semantics.transitions(s)) if (tr.event === event) next.push(tr.target);
    if (next.length === 0) {
      const allowed = new Set<string>();
      for (const s of this.states)
        for (const tr of this.factory.semantics.transitions(s))
          if (tr.event !== TAU) allowed.add(this.events.text(tr.event));
      return {
        kind: 'trace',
        message: `${this.node} did ${this.events.text(event)}, which its contract does not allow here (it allows ${allowed.size === 0 ? 'nothing' : `{${[...allowed].sort().join(', ')}}`})`,
      };
    }
    this.states = this.closure(next);
    return undefined;
  }

  /**
   * True when the contract, after the trace so far, can do nothing but end (✓,
   * possibly after τ): an agent node, which has no code of its own to end it,
   * then ends instead of asking its model again.
   */
  onlyEnds(): boolean {
    let ticks = false;
    for (const s of this.states) {
      for (const tr of this.factory.semantics.transitions(s)) {
        if (tr.event === TICK) ticks = true;
        else if (tr.event !== TAU) return false;
      }
    }
    return ticks;
  }

  /** Checks a quiescent node offering `offers` (it refuses everything else). */
  refusal(offers: readonly EventId[]): Violation | undefined {
    const offered = [...new Set(offers)].sort((a, b) => a - b);
    const acceptances: (readonly EventId[])[] = [];
    for (const s of this.states) {
      const trs = this.factory.semantics.transitions(s);
      const initials: EventId[] = [];
      for (const t of trs) if (t.event !== TAU && initials[initials.length - 1] !== t.event) initials.push(t.event);
      const acc = acceptanceOf({
        initials,
        unstable: trs.some((t) => t.event === TAU),
        terminated: s.node.op === 'omega',
      });
      if (acc === undefined) continue; // refuses nothing here
      if (isSubset(acc, offered)) return undefined;
      acceptances.push(acc);
    }
    if (acceptances.length === 0) return undefined; // no state that refuses (a divergent contract): nothing to enforce
    const shown = minimalAcceptances(acceptances).map((a) => a.map((e) => this.events.text(e)).sort());
    const offeredText = offers.map((e) => this.events.text(e));
    return {
      kind: 'refusal',
      message: `${this.node} offers {${offeredText.join(', ')}} but its contract must accept one of ${shown.map((a) => `{${a.join(', ')}}`).join(' or ')} here`,
      acceptances: shown,
    };
  }

  private closure(start: Term[]): Term[] {
    const seen = new Map<number, Term>();
    const stack = [...start];
    while (stack.length > 0 && seen.size < MAX_STATES) {
      const t = stack.pop()!;
      if (seen.has(t.id)) continue;
      seen.set(t.id, t);
      for (const tr of this.factory.semantics.transitions(t)) if (tr.event === TAU) stack.push(tr.target);
    }
    return [...seen.values()];
  }
}
