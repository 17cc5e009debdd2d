/**
 * The run-time contract monitor of a code node (docs/workflow-semantics.md#contracts-of-code-nodes): the node's
 * contract is a CSP process over its (renamed) ports; the monitor tracks the
 * set of contract states the trace so far can reach (τ-closed), using the one
 * semantics.
 *  - trace violation: an event (or ✓) the contract does not allow after the trace;
 *  - refusal violation: the node is quiescent offering a set O of events, and no
 *    stable contract state s has initials(s) ⊆ O (stable failures: the node
 *    refuses what it does not offer). The violation names the minimal
 *    acceptances it missed.
 */
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

  /** Advances by `event`; a violation if the contract cannot do it now. */
  after(event: EventId): Violation | undefined {
    const next: Term[] = [];
    for (const s of this.states) for (const tr of this.factory.semantics.transitions(s)) if (tr.event === event) next.push(tr.target);
    if (next.length === 0) {
      const allowed = new Set<string>();
      for (const s of this.states) for (const tr of this.factory.semantics.transitions(s)) if (tr.event !== TAU) allowed.add(this.events.text(tr.event));
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
    const offered = new Set(offers);
    const acceptances: EventId[][] = [];
    for (const s of this.states) {
      const trs = this.factory.semantics.transitions(s);
      if (trs.some((t) => t.event === TAU)) continue; // unstable: no refusal here
      const acc = [...new Set(trs.map((t) => t.event))];
      if (acc.every((e) => offered.has(e))) return undefined;
      acceptances.push(acc);
    }
    if (acceptances.length === 0) return undefined; // no stable state (divergent contract): nothing to enforce
    const minimal = acceptances.filter((a) => !acceptances.some((b) => b !== a && b.length < a.length && b.every((e) => a.includes(e))));
    const shown = minimal.map((a) => a.map((e) => this.events.text(e)).sort());
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
