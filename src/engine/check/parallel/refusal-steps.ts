/**
 * Refusal testing's normal-form steps, built in full for the parallel search.
 *
 * In `[R=` and `[RD=` an event e performed from a stable implementation
 * state with acceptance A moves node n to the τ-closure of the e-successors
 * of the members whose acceptance B satisfies e ∈ B ⊆ A
 * (`NormalForm.afterRefusing`). The one-thread check creates these steps as
 * the implementation shows each A. The threads need every step before the
 * search starts, so that they agree on the node numbers, and A is not known
 * then. But the step depends on A only through
 *
 *     Q(A) = { B among n's stable acceptances : e ∈ B ⊆ A },
 *
 * and every such Q is "closed": with U the union of Q's sets, Q(U) = Q
 * (a B ⊆ U is ⊆ A). So the possible steps are those for the unions of the
 * families of acceptances that contain e, as many as there are distinct
 * unions (one for each acceptance with e in the usual specification, CHAOS
 * included; at most 2^(acceptances with e)). `refusalChoices` lists them,
 * with Q as a bit mask over the acceptances that contain e; a thread
 * computes that mask for the event it performs (which of those acceptances
 * are ⊆ A) and looks the step up by it (spaces.ts).
 */
import { isSubset } from '../../csp/acceptance';

/** Masks are 32-bit: more acceptances containing one event of a node and the check is searched by one thread. */
export const MAX_ACCEPTANCES = 32;
/** More distinct steps than this for one (node, event) is searched by one thread too. */
export const MAX_CHOICES = 4096;

/** The refusal steps of one (node, event). */
export interface RefusalChoices {
  /** Indices (into the node's stable acceptances) of those that contain the event: bit j of a key is members[j]. */
  readonly members: readonly number[];
  /** Each distinct step, ascending by key: the acceptances taking part (bits), and their union. */
  readonly choices: readonly { readonly key: number; readonly offered: readonly number[] }[];
}

/**
 * Every distinct refusal step of event `e` at a node with stable acceptances
 * `accs` (each sorted); undefined past `MAX_ACCEPTANCES` or `MAX_CHOICES`.
 */
export function refusalChoices(accs: readonly (readonly number[])[], e: number): RefusalChoices | undefined {
  const members = accs.map((_, j) => j).filter((j) => (accs[j] as readonly number[]).includes(e));
  if (members.length > MAX_ACCEPTANCES) return undefined;
  const keyOf = (offered: readonly number[]): number => {
    let key = 0;
    members.forEach((g, j) => {
      if (isSubset(accs[g] as readonly number[], offered)) key |= 1 << j;
    });
    return key >>> 0;
  };
  const byKey = new Map<number, readonly number[]>();
  const queue: (readonly number[])[] = [];
  const add = (offered: readonly number[]): boolean => {
    const key = keyOf(offered);
    if (byKey.has(key)) return true;
    if (byKey.size === MAX_CHOICES) return false;
    byKey.set(key, offered);
    queue.push(offered);
    return true;
  };
  for (const g of members) if (!add(accs[g] as readonly number[])) return undefined;
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q] as readonly number[];
    for (const g of members) if (!add(union(u, accs[g] as readonly number[]))) return undefined;
  }
  const choices = [...byKey].sort((a, b) => a[0] - b[0]).map(([key, offered]) => ({ key, offered }));
  return { members, choices };
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
