/**
 * `deadlock free [F]` / `[FD]` and `divergence free` by one breadth-first
 * exploration of the system, layer by layer.
 *
 *  - deadlock: a state whose acceptance (csp/acceptance.ts) is empty: no
 *    transition at all (a τ makes it unstable, ✓ gives it {✓}) and not Ω
 *    (✓ has happened). `SKIP` is not a deadlock: it can do ✓.
 *  - [FD] also fails on divergence (a divergent process may refuse everything).
 *  - divergence: a state that can reach a τ-cycle by τ steps.
 *
 * The layer in which the first failing state appears is finished before the
 * check stops, so `states` and `transitions` are those of the layers up to
 * it, whatever order its states were expanded in (the parallel search,
 * parallel/search.ts, gives the same figures). The counterexample leads to
 * the first failing state of that layer in breadth-first order, through its
 * first parent: the least shortest path in event order.
 */
import { LimitReached, type Budget } from './budget';
import { componentReports, pathTo, visibleTrace, type CounterexampleKind, type Namer } from './counterexample';
import { SuccBuffer } from './core';
import { DivergenceOracle } from './divergence';
import { failureAt, type PropertyKind } from './failure';
import type { Team } from './parallel/team';
import { searchInParallel, type ParallelSearch } from './parallel/search';
import { propertySpace } from './parallel/spaces';
import type { CheckResult } from './result';
import type { System } from './system';

export function checkProperty(
  sys: System,
  property: PropertyKind,
  model: 'F' | 'FD',
  budget: Budget,
  namer: Namer,
  team?: Team,
): CheckResult {
  const oracle = property === 'divergence' || model === 'FD' ? new DivergenceOracle(sys) : undefined;
  if (team !== undefined && team.helpers > 0) {
    const search: ParallelSearch = {
      space: propertySpace(sys, property === 'deadlock', oracle),
      spec: {
        kind: 'property',
        core: sys.plainSpec(),
        deadlock: property === 'deadlock',
        divergence: oracle !== undefined,
      },
      finish: (steps, src, at, n, buf, stats) =>
        failed(
          sys,
          failureAt(sys, src, at, n, buf, property, oracle) as CounterexampleKind,
          steps,
          src,
          at,
          namer,
          stats,
        ),
    };
    return searchInParallel(search, budget, team);
  }
  const buf = new SuccBuffer();
  const layerStart = [0];
  let layerEnd = 1;
  let failing = -1;
  let kind: CounterexampleKind | undefined;
  const W = sys.width;
  try {
    for (let i = 0; i < sys.store.count; i++) {
      if (i === layerEnd) {
        if (failing >= 0) break;
        layerStart.push(i);
        layerEnd = sys.store.count;
      }
      budget.tick(sys.store.count, sys.transitions, sys.store.count - i, layerStart.length - 1);
      const n = sys.successors(i, buf);
      if (failing < 0) {
        kind = failureAt(sys, sys.store.words, i * W, n, buf, property, oracle);
        if (kind !== undefined) failing = i;
      }
    }
  } catch (error) {
    if (error instanceof LimitReached)
      return {
        status: 'limit',
        reason: error.reason,
        message: error.message,
        states: sys.store.count,
        transitions: sys.transitions,
      };
    throw error;
  }
  const stats = { states: sys.store.count, transitions: sys.transitions };
  if (failing < 0 || kind === undefined) return { status: 'passed', ...stats };
  const steps = pathTo(sys, layerStart, failing);
  return failed(sys, kind, steps, sys.store.words, failing * W, namer, stats);
}

export function failed(
  sys: System,
  kind: CounterexampleKind,
  steps: ReturnType<typeof pathTo>,
  src: Uint32Array,
  at: number,
  namer: Namer,
  stats: { states: number; transitions: number },
): CheckResult {
  return {
    status: 'failed',
    ...stats,
    counterexample: {
      kind,
      trace: visibleTrace(steps, namer),
      steps: steps.length,
      components: componentReports(
        sys,
        steps.map((s) => s.rule),
        src,
        at,
        namer,
      ),
    },
  };
}

/** Explores the whole state space (for figures and for checks that need every state first). */
export function exploreAll(sys: System, budget: Budget): void {
  const buf = new SuccBuffer();
  for (let i = 0; i < sys.store.count; i++) {
    budget.tick(sys.store.count, sys.transitions, sys.store.count - i);
    sys.successors(i, buf);
  }
}

export type { PropertyKind };
