/**
 * FDR's refinement models and what each compares at a pair (specification
 * normal-form node, implementation state), in one place for the one-thread
 * check (refinement.ts) and the parallel one (parallel/spaces.ts).
 *
 *  - T: traces only.
 *  - F (stable failures): the implementation state's acceptance A (csp/acceptance.ts)
 *    must contain some acceptance B of the node: (s, Σ∖A) is then a failure of the specification.
 *  - V (revivals): moreover, every event a ∈ A that the specification can do
 *    after s must be accepted by a specification state that also refuses
 *    Σ∖A: some B ⊆ A with a ∈ B. That is the revival (s, Σ∖A, a). Minimal
 *    acceptances are not enough here, so the node's every stable acceptance is used.
 *  - R (refusal testing): the same test at every pair, but the normal form
 *    follows refusal traces: after an event performed from a stable state of
 *    acceptance A, the node keeps only the specification states reached
 *    from a member that refused Σ∖A and accepted the event (normal-form.ts
 *    `afterRefusing`).
 *  - FD, VD, RD: the same, and divergence-strict (a divergent implementation
 *    state fails where the node does not diverge; below a divergent node anything goes).
 *
 * For divergence-free processes, R is finer than V, V than F, F than T:
 * a pass in one model implies a pass in each coarser one.
 */
import { isSubset } from '../csp/acceptance';
import type { EventId } from '../csp/terms';

export type Model = 'T' | 'F' | 'FD' | 'V' | 'VD' | 'R' | 'RD';

/** Whether divergence counts (FD, VD, RD). */
export function divergenceStrict(model: Model): boolean {
  return model === 'FD' || model === 'VD' || model === 'RD';
}

/** Whether the model looks at refusals at all (all but T). */
export function comparesRefusals(model: Model): boolean {
  return model !== 'T';
}

/** Whether the model checks revivals (V, VD, and the refusal-testing models, which contain them). */
export function comparesRevivals(model: Model): boolean {
  return model === 'V' || model === 'VD' || model === 'R' || model === 'RD';
}

/** Whether the normal form follows refusal traces (R, RD). */
export function refusalTesting(model: Model): boolean {
  return model === 'R' || model === 'RD';
}

/** What is wrong with an implementation state's acceptance against a node. */
export type AcceptanceFault =
  | { readonly kind: 'refusal'; readonly refused: readonly EventId[] }
  | { readonly kind: 'revival'; readonly refused: readonly EventId[]; readonly event: EventId };

/**
 * The failures (and, with `revivals`, revivals) test of acceptance `offered`
 * against a node with acceptances `accs` (each sorted; minimal ones suffice
 * for failures, revivals need every stable one) and visible initials
 * `initials`. `refused` names the node's initials that `offered` misses:
 * the part of Σ∖A that matters to the specification. An accepted event the
 * node cannot do at all is left to the trace test.
 */
export function acceptanceFault(
  accs: readonly (readonly EventId[])[],
  initials: readonly EventId[],
  offered: readonly EventId[],
  revivals: boolean,
  /** `acceptancesByEvent(accs)`: with it the revivals test looks only at the acceptances that contain each accepted event. */
  byEvent?: AcceptancesByEvent,
): AcceptanceFault | undefined {
  if (revivals && byEvent !== undefined) return revivalFault(accs, initials, offered, byEvent);
  let covered: Set<EventId> | undefined;
  let some = false;
  for (const b of accs) {
    if (!isSubset(b, offered)) continue;
    some = true;
    if (!revivals) break;
    covered ??= new Set();
    for (const e of b) covered.add(e);
  }
  const refused = (): EventId[] => initials.filter((e) => !offered.includes(e));
  if (!some) return { kind: 'refusal', refused: refused() };
  if (revivals) {
    for (const a of offered) {
      if (covered?.has(a) !== true && initials.includes(a)) return { kind: 'revival', refused: refused(), event: a };
    }
  }
  return undefined;
}

/** A node's acceptances by event: for each event, the acceptances that contain it. */
export type AcceptancesByEvent = ReadonlyMap<EventId, readonly (readonly EventId[])[]>;

export function acceptancesByEvent(accs: readonly (readonly EventId[])[]): AcceptancesByEvent {
  const byEvent = new Map<EventId, (readonly EventId[])[]>();
  for (const b of accs) {
    for (const e of b) {
      let list = byEvent.get(e);
      if (list === undefined) byEvent.set(e, (list = []));
      list.push(b);
    }
  }
  return byEvent;
}

/**
 * `acceptanceFault` with revivals, the same answer: an accepted event a is
 * covered when some acceptance B ⊆ offered contains a, so only the
 * acceptances with a are tried (one for CHAOS, instead of one per event).
 */
function revivalFault(
  accs: readonly (readonly EventId[])[],
  initials: readonly EventId[],
  offered: readonly EventId[],
  byEvent: AcceptancesByEvent,
): AcceptanceFault | undefined {
  const refused = (): EventId[] => initials.filter((e) => !offered.includes(e));
  if (!accs.some((b) => isSubset(b, offered))) return { kind: 'refusal', refused: refused() };
  for (const a of offered) {
    if (!initials.includes(a)) continue;
    const withA = byEvent.get(a);
    if (withA === undefined || !withA.some((b) => isSubset(b, offered)))
      return { kind: 'revival', refused: refused(), event: a };
  }
  return undefined;
}
