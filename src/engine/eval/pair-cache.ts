/**
 * The event pairs of a renaming or a link list, computed once per evaluator
 * for each node and values of the local variables its pairs use.
 *
 * Why: a renaming of whole channels (`P(i) [[ left <- lefthand ]]`) lists every
 * event of the channel, and inside a replication `|| i : {0..N-1} @ …` it is
 * evaluated once per i although it rarely depends on i: N copies of a list of
 * O(N) pairs is O(N²) work (a 1000-philosopher workflow took 44 s to validate).
 * Shared, the list is built once and the factory recognises the same array
 * (TermFactory.renameInfo looks it up by reference).
 */
import type { Node } from '../cspm/syntax/ast';
import type { EventId } from '../csp/terms';
import type { Env } from './env';
import type { Evaluator } from './evaluator';
import { namesUnder, nodeId } from './analysis';

type Pairs = readonly (readonly [EventId, EventId])[];

const byEvaluator = new WeakMap<Evaluator, Map<string, Pairs>>();

/**
 * `compute()` the first time `node`'s pairs are asked for with these values of the local
 * names used under `parts` (the expressions and generators the pairs come from); the same
 * array afterwards. Globals are fixed for one evaluator, so they need no place in the key.
 */
export function sharedPairs<P extends Pairs>(
  ev: Evaluator,
  node: Node,
  parts: readonly Node[],
  env: Env,
  compute: () => P,
): P {
  let cache = byEvaluator.get(ev);
  if (cache === undefined) {
    cache = new Map();
    byEvaluator.set(ev, cache);
  }
  let key = `${nodeId(node)}`;
  for (const part of parts) key += `|${env.closureKey(namesUnder(part))}`;
  const known = cache.get(key);
  if (known !== undefined) return known as P;
  const pairs = compute();
  cache.set(key, pairs);
  return pairs;
}
