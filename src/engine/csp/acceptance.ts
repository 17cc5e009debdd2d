/**
 * What one state contributes to its process's stable failures: the one
 * definition the checker (normal forms, refinement, determinism, deadlock)
 * and the runtime's contract monitor share.
 *
 * Roscoe's derivation of failures from a labelled transition system, with the
 * termination axiom of the failures models: a state Q refuses a set X when
 *  - Q is stable (no τ) and X contains none of Q's initials, or
 *  - Q can perform ✓ and X does not contain ✓ (if s^<✓> is a trace, then
 *    (s, Σ) is a failure: a process that may terminate may refuse every
 *    ordinary event, because it can end on its own, like a τ).
 *
 * So a state's refusals are described by one acceptance set A (it refuses X
 * exactly when X misses A): {✓} for a state that can terminate, its initials
 * for a stable state, and nothing at all for an unstable state that cannot
 * terminate. Ω, the state after ✓, contributes nothing either: the checks
 * stop at ✓ (every process refuses everything after it), so it is never
 * compared.
 */
import { TICK, type EventId } from './terms';

/** The acceptance of a state that can terminate. */
export const TICK_ONLY: readonly EventId[] = Object.freeze([TICK]);

export interface StateView {
  /** Visible initials (✓ included, τ excluded), ascending, no duplicates. */
  readonly initials: readonly EventId[];
  /** Whether the state has a τ transition. */
  readonly unstable: boolean;
  /** Whether the state is Ω (✓ has happened). */
  readonly terminated?: boolean;
}

/** The state's acceptance (it refuses exactly the sets that miss it), or undefined when it refuses nothing. */
export function acceptanceOf(s: StateView): readonly EventId[] | undefined {
  if (s.terminated === true) return undefined;
  if (s.initials.includes(TICK)) return TICK_ONLY;
  return s.unstable ? undefined : s.initials;
}

/** Whether the acceptance comes from the termination axiom rather than from the state's own initials. */
export function refusesByTermination(
  acceptance: readonly EventId[] | undefined,
  initials: readonly EventId[],
): boolean {
  return acceptance === TICK_ONLY && initials.length > 1;
}

/** Whether sorted `a` ⊆ sorted `b`. */
export function isSubset(a: readonly EventId[], b: readonly EventId[]): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) return false;
    j++;
  }
  return true;
}

/** The ⊆-minimal sets among `sets` (each sorted ascending), without duplicates, shortest first then lexicographic. */
export function minimalAcceptances(sets: readonly (readonly EventId[])[]): EventId[][] {
  const sorted = [...sets].sort((a, b) => a.length - b.length || compareSets(a, b));
  const out: EventId[][] = [];
  for (const s of sorted) {
    if (out.some((m) => isSubset(m, s))) continue;
    out.push([...s]);
  }
  return out;
}

function compareSets(a: readonly EventId[], b: readonly EventId[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
