/**
 * Explorer: FDR's Probe as an API. From a state, list its initials and its
 * successors and follow them; every state is shown as a CSPm term. The UI's
 * state explorer, the step debugger and tests drive it; it adds no semantics of
 * its own (everything comes from Semantics.transitions).
 */
import type { EventTable } from './events';
import type { TermFactory } from './factory';
import { printTerm } from './print';
import type { Semantics } from './semantics';
import type { EventId, Term } from './terms';

export interface ExplorerState {
  /** Term id: stable for the life of the factory. */
  readonly id: number;
  /** The state as a CSPm process expression. */
  readonly text: string;
}

export interface ExplorerInitial {
  readonly event: EventId;
  /** `τ`, `✓` or the event's CSPm text. */
  readonly text: string;
}

export interface ExplorerStep extends ExplorerInitial {
  readonly target: ExplorerState;
}

export class Explorer {
  private readonly factory: TermFactory;

  constructor(
    private readonly semantics: Semantics,
    private readonly events: EventTable,
  ) {
    this.factory = semantics.factory;
  }

  /** The state a process starts in (its canonical term). */
  root(term: Term): ExplorerState {
    return this.view(this.factory.canon(term));
  }

  /** The term of a state id. */
  term(id: number): Term {
    return this.factory.get(id);
  }

  state(id: number): ExplorerState {
    return this.view(this.factory.get(id));
  }

  /** The events the state can perform now, τ and ✓ included, ascending. */
  initials(id: number): ExplorerInitial[] {
    return this.semantics.initials(this.factory.get(id)).map((event) => ({ event, text: this.events.text(event) }));
  }

  /** Every transition of the state, sorted by event then target. */
  successors(id: number): ExplorerStep[] {
    return this.semantics.transitions(this.factory.get(id)).map((tr) => ({
      event: tr.event,
      text: this.events.text(tr.event),
      target: this.view(tr.target),
    }));
  }

  /**
   * The states reached by one event, given by id or CSPm text (`c.1`, `τ`/`tau`,
   * `✓`/`tick`). Empty when the state cannot perform it; an unknown event name
   * is a RangeError naming it.
   */
  follow(id: number, event: EventId | string): ExplorerState[] {
    let e: EventId | undefined;
    if (typeof event === 'number') e = event;
    else {
      e = this.events.parse(event);
      if (e === undefined) throw new RangeError(`unknown event '${event}'`);
    }
    return this.semantics.after(this.factory.get(id), e).map((t) => this.view(t));
  }

  private view(t: Term): ExplorerState {
    return { id: t.id, text: printTerm(t, this.events) };
  }
}
