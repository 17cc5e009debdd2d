/**
 * FDR's watchdog transformations: `trace_watchdog(P, A, e)` and
 * `failure_watchdog(P, A, e)` turn a specification P into a process that runs
 * beside an implementation Q (synchronised on A, the events Q performs) and
 * performs `e` when Q does something P does not allow.
 *
 * Both follow P's normal form (the τ-closed sets of P's states after each
 * trace), built on demand, one node per set:
 *
 *  - trace watchdog, in a node: every event a of A is offered; if P can
 *    perform a there, the watchdog moves to the node after a, otherwise it
 *    performs e and stops. So P [T= Q exactly when
 *    `(Q [| A |] trace_watchdog(P, A, e)) \ A` never performs e.
 *  - failure watchdog: the same, as an internal choice with one branch per
 *    way Q could refuse what P must accept. In a node whose stable states
 *    accept the sets A1..An (minimal acceptances), a stable Q that offers
 *    initials I is wrong when every Ai has an event outside I; so for each
 *    minimal choice O of one event from each Ai, a branch offers O (moving on
 *    as above) or e. With τ given priority over e (`:[tau priority over]: {e}`
 *    or `prioritise(_, <{}, {e}>)`), e then happens only where Q, stable,
 *    refuses all of O: P [F= Q exactly when the prioritised
 *    `(Q [| A |] failure_watchdog(P, A, e)) \ A` never performs e.
 *    A node where P can deadlock (an empty acceptance) or terminate has no
 *    such branch; a node where P is never stable has the branch O = {}.
 *
 * Termination is not watched (✓ cannot be synchronised on like an event),
 * and events of P outside A are not followed. Each node is a named call that
 * prints as the watchdog of the node's states (their internal choice).
 */
import { EvaluationError } from './errors';
import type { TermFactory } from './factory';
import { TAU, TICK, type EventId, type EventSet, type Term } from './terms';
import type { Value } from './values';

export type WatchdogKind = 'trace_watchdog' | 'failure_watchdog';

/** More branches than this in one node is an error rather than a memory blow-up. */
const MAX_BRANCHES = 4096;

/** The arguments a node prints with: the event set and the event as the script wrote them. */
export interface WatchdogPrint {
  readonly alphabet: Value;
  readonly bark: Value;
}

export function watchdog(
  f: TermFactory,
  kind: WatchdogKind,
  spec: Term,
  alphabet: EventSet,
  bark: EventId,
  print: WatchdogPrint,
): Term {
  return new Builder(f, kind, alphabet, bark, print).node(closure(f, [spec]));
}

class Builder {
  constructor(
    private readonly f: TermFactory,
    private readonly kind: WatchdogKind,
    private readonly alphabet: EventSet,
    private readonly bark: EventId,
    private readonly print: WatchdogPrint,
  ) {}

  /** The watchdog term for the normal-form node of these (τ-closed, sorted) states. */
  node(states: readonly Term[]): Term {
    const f = this.f;
    const rep = states.length === 1 ? (states[0] as Term) : f.intChoice(states);
    const args: Value[] = [{ t: 'proc', term: rep }, this.print.alphabet, this.print.bark];
    return f.call(this.kind, args, () => this.body(states));
  }

  private body(states: readonly Term[]): Term {
    const f = this.f;
    const next = new Map<EventId, Term[]>();
    for (const s of states) {
      for (const tr of f.semantics.transitions(s)) {
        if (tr.event === TAU || tr.event === TICK) continue;
        let list = next.get(tr.event);
        if (list === undefined) next.set(tr.event, (list = []));
        list.push(tr.target);
      }
    }
    const onward = (a: EventId): Term => {
      const targets = next.get(a);
      return targets === undefined ? f.prefix(this.bark, f.stop) : this.node(closure(f, targets));
    };
    const traces = f.extChoice(this.alphabet.map((a) => f.prefix(a, onward(a))));
    if (this.kind === 'trace_watchdog') return traces;
    const branches = this.refusalChoices(states).map((o) =>
      f.extChoice([...o.map((a) => f.prefix(a, onward(a))), f.prefix(this.bark, f.stop)]),
    );
    return branches.length === 0 ? traces : f.intChoice([traces, ...branches]);
  }

  /** The minimal sets that take one event from each acceptance of the node's stable states. */
  private refusalChoices(states: readonly Term[]): EventId[][] {
    const f = this.f;
    const inAlphabet = f.members(this.alphabet);
    const acceptances: EventId[][] = [];
    for (const s of states) {
      const trs = f.semantics.transitions(s);
      if (trs.some((t) => t.event === TICK)) return [];
      if (trs.some((t) => t.event === TAU)) continue;
      const acc = [...new Set(trs.map((t) => t.event))];
      if (acc.length === 0) return [];
      // Q never performs an event outside A, so such an acceptance is never met: it constrains nothing.
      if (acc.every((e) => inAlphabet.has(e))) acceptances.push(acc);
    }
    let choices: EventId[][] = [[]];
    for (const acc of acceptances) {
      const grown = new Map<string, EventId[]>();
      for (const c of choices) {
        if (acc.some((e) => c.includes(e))) {
          grown.set(c.join(','), c);
          continue;
        }
        for (const e of acc) {
          const d = [...c, e].sort((x, y) => x - y);
          grown.set(d.join(','), d);
        }
      }
      choices = minimal([...grown.values()]);
      if (choices.length > MAX_BRANCHES)
        throw new EvaluationError(
          'CSP3014',
          `failure_watchdog: the specification offers too many different choices in one state (over ${MAX_BRANCHES})`,
        );
    }
    return choices;
  }
}

/** The states reachable from `from` by τ, canonical, sorted by id. */
function closure(f: TermFactory, from: readonly Term[]): Term[] {
  const seen = new Map<number, Term>();
  const stack = from.map((t) => f.canon(t));
  while (stack.length > 0) {
    const s = stack.pop() as Term;
    if (seen.has(s.id)) continue;
    seen.set(s.id, s);
    for (const tr of f.semantics.transitions(s)) if (tr.event === TAU) stack.push(tr.target);
  }
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

function minimal(sets: EventId[][]): EventId[][] {
  const sorted = [...sets].sort((a, b) => a.length - b.length);
  const out: EventId[][] = [];
  for (const s of sorted) if (!out.some((m) => m.every((e) => s.includes(e)))) out.push(s);
  return out;
}
