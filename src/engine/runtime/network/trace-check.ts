/**
 * Is a run's trace a trace of the system term? Follows the steps through the
 * one semantics of the whole system (the checker's view), where a component's
 * τ, a node's own ✓, a hidden synchronisation and the delivery of an outside
 * result are all τ. Used by property tests of the runtime against the checker.
 */
import type { TermFactory } from '../../csp/factory';
import { TAU, TICK, type Term } from '../../csp/terms';
import type { StepInfo } from './run';

/** τ-closure of a set of states under the one semantics. */
export function tauClosure(f: TermFactory, states: Iterable<Term>): Map<number, Term> {
  const out = new Map<number, Term>();
  const stack = [...states];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (out.has(t.id)) continue;
    out.set(t.id, t);
    for (const tr of f.semantics.transitions(t)) if (tr.event === TAU) stack.push(tr.target);
  }
  return out;
}

/**
 * The seq of the first step the system cannot do after the steps before it,
 * or undefined when the whole run is a trace of `system`. `isSystemTick`
 * tells the system's final ✓ from one node's ✓.
 */
export function firstNonTrace(
  f: TermFactory,
  system: Term,
  steps: readonly StepInfo[],
  eventId: (text: string) => number,
  isSystemTick: (s: StepInfo) => boolean,
): number | undefined {
  let states = tauClosure(f, [f.canon(system)]);
  for (const s of steps) {
    if (s.kind === 'tau' || s.kind === 'deliver' || s.hidden || (s.kind === 'tick' && !isSystemTick(s))) continue;
    const e = s.kind === 'tick' ? TICK : eventId(s.event);
    const next: Term[] = [];
    for (const t of states.values())
      for (const tr of f.semantics.transitions(t)) if (tr.event === e) next.push(tr.target);
    states = tauClosure(f, next);
    if (states.size === 0) return s.seq;
  }
  return undefined;
}
