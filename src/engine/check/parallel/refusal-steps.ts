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
 * unions (one per acceptance for the usual specification; at most
 * 2^(acceptances with e)). `refusalChoices` lists them with Q as a bit mask
 * over the node's stable acceptances; a thread computes the mask of A (the
 * acceptances ⊆ A) once per state, and looks the step up by
 * `mask(A) & withEvent` (spaces.ts).
 */
import { isSubset } from '../../csp/acceptance';

/** Masks are 32-bit: a node with more stable acceptances is searched by one thread. */
export const MAX_ACCEPTANCES = 32;
/** More distinct steps than this for one (node, event) is searched by one thread too. */
export const MAX_CHOICES = 4096;

/** One refusal step of (node, e): `key` the acceptances taking part (bits), `offered` their union. */
export interface RefusalChoice {
  readonly key: number;
  readonly offered: readonly number[];
}

/** The bits of `accs` (each sorted) that contain `e`. */
export function acceptancesWith(accs: readonly (readonly number[])[], e: number): number {
  let mask = 0;
  accs.forEach((b, j) => {
    if (b.includes(e)) mask |= 1 << j;
  });
  return mask >>> 0;
}

/** The bits of `accs` (each sorted) that are subsets of sorted `offered`. */
export function acceptancesWithin(accs: readonly (readonly number[])[], offered: readonly number[]): number {
  let mask = 0;
  for (let j = 0; j < accs.length; j++) if (isSubset(accs[j] as readonly number[], offered)) mask |= 1 << j;
  return mask >>> 0;
}

/**
 * Every distinct refusal step of event `e` at a node with stable acceptances
 * `accs`, ascending by key; undefined past `MAX_ACCEPTANCES` or `MAX_CHOICES`.
 */
export function refusalChoices(accs: readonly (readonly number[])[], e: number): RefusalChoice[] | undefined {
  if (accs.length > MAX_ACCEPTANCES) return undefined;
  const withE = acceptancesWith(accs, e);
  const members = accs.map((_, j) => j).filter((j) => ((withE >>> j) & 1) === 1);
  const byKey = new Map<number, readonly number[]>();
  const queue: (readonly number[])[] = [];
  const add = (offered: readonly number[]): boolean => {
    const key = (acceptancesWithin(accs, offered) & withE) >>> 0;
    if (byKey.has(key)) return true;
    if (byKey.size === MAX_CHOICES) return false;
    byKey.set(key, offered);
    queue.push(offered);
    return true;
  };
  for (const j of members) if (!add(accs[j] as readonly number[])) return undefined;
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q] as readonly number[];
    for (const j of members) if (!add(union(u, accs[j] as readonly number[]))) return undefined;
  }
  return [...byKey].sort((a, b) => a[0] - b[0]).map(([key, offered]) => ({ key, offered }));
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
