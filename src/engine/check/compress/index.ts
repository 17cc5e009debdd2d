/**
 * A compressed component of a network (`sbisim(P)`, `normal(P)`, …): P is
 * compiled and explored on its own (it may be a network itself, or contain
 * compressed components), reduced by the compression, and becomes one leaf
 * table of the enclosing network, as FDR compresses each component before
 * composing. Tables are cached per factory by (method, P), so a component
 * compressed for one assertion is reused by the next.
 *
 * | method | result | preserves |
 * | --- | --- | --- |
 * | `sbisim` | strong bisimulation quotient | every model |
 * | `tau_loop_factor` | τ-loops collapsed to one state | every model |
 * | `wbisim`, `dbisim` | divergence-respecting weak bisimulation quotient | every model |
 * | `diamond` | diamond elimination (then embedded, see glts.ts) | all but refusal testing (R/RD checks get `sbisim`) |
 * | `normal`, `lazynorm`, `model_compress` | the normal form (embedded) | all but refusal testing (R/RD checks get `sbisim`) |
 * | `explicate`, `lazyenumerate` | the explored transition system, unchanged | every model |
 * | `deter` | the deterministic process with the same traces | traces only |
 * | `chase`, `chase_nocache` | τ forced (csp/compression.ts), from the semantics | neither (by design) |
 */
import type { Compression } from '../../csp/compression';
import type { TermFactory } from '../../csp/factory';
import type { Term } from '../../csp/terms';
import { compileLeaf, type LeafTable } from '../leaf';
import type { CompileLimits } from '../system';
import { sbisim, tauLoopFactor, wbisim } from './bisim';
import { determinise, diamond, normalise } from './glts';
import { toLeafTable, type Lts } from './lts';

/**
 * Compressions whose result has the same traces, failures, divergences and
 * revivals but not the same refusal traces: after an event, a normal-form
 * (or diamond) node goes on the same way whatever was refused before it.
 */
const LOSES_REFUSAL_TRACES: ReadonlySet<Compression> = new Set(['normal', 'lazynorm', 'model_compress', 'diamond']);

/** How the network compiler explores a component's body (system.ts supplies it; this module does not import System). */
export type ExploreBody = (body: Term, name: string) => Lts;

const caches = new WeakMap<TermFactory, Map<string, LeafTable>>();

/** Leaf states before and after, per compressed component compiled so far (for figures and tests). */
export interface CompressionStats {
  readonly name: string;
  readonly method: Compression;
  readonly before: number;
  readonly after: number;
}
const stats = new WeakMap<TermFactory, CompressionStats[]>();

export function compressionStats(factory: TermFactory): readonly CompressionStats[] {
  return stats.get(factory) ?? [];
}

export function compressedLeaf(
  factory: TermFactory,
  term: Term,
  method: Compression,
  body: Term,
  name: string,
  limits: CompileLimits,
  explore: ExploreBody,
): LeafTable {
  let cache = caches.get(factory);
  if (cache === undefined) caches.set(factory, (cache = new Map()));
  // a refusal-testing check gets strong bisimulation where the normal form and
  // diamond would merge states that refusal traces tell apart
  const substitute = limits.refusalTesting !== undefined && LOSES_REFUSAL_TRACES.has(method);
  if (substitute) limits.refusalTesting?.substituted.push(name);
  const key = `${substitute ? 'sbisim' : method}|${body.id}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let table: LeafTable;
  if (method === 'chase' || method === 'chase_nocache') {
    // chase changes the behaviour: its one definition is the semantics' (csp/compression.ts)
    table = compileLeaf(name, term, limits.maxLeafStates);
  } else {
    const lts = explore(body, name);
    const out = reduce(substitute ? 'sbisim' : method, lts);
    table = toLeafTable(name, out);
    let list = stats.get(factory);
    if (list === undefined) stats.set(factory, (list = []));
    list.push({ name, method, before: lts.n, after: out.n });
  }
  cache.set(key, table);
  return table;
}

function reduce(method: Exclude<Compression, 'chase' | 'chase_nocache'>, lts: Lts): Lts {
  switch (method) {
    case 'sbisim':
      return sbisim(lts);
    case 'tau_loop_factor':
      return tauLoopFactor(lts);
    case 'wbisim':
    case 'dbisim':
      return wbisim(lts);
    case 'diamond':
      return diamond(lts);
    case 'normal':
    case 'lazynorm':
    case 'model_compress':
      return normalise(lts);
    case 'deter':
      return determinise(lts);
    case 'explicate':
    case 'lazyenumerate':
      return lts;
  }
}
