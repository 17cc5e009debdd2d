/**
 * `deadlock free [F]` / `[FD]` and `divergence free` by one breadth-first
 * exploration of the system. States are expanded in BFS order and each
 * state's successors come in event order, so the first failing state found
 * has the shortest path (in transitions), and among those the first in event
 * (declaration) order.
 *
 *  - deadlock: a state whose acceptance (csp/acceptance.ts) is empty: no
 *    transition at all (a τ makes it unstable, ✓ gives it {✓}) and not Ω
 *    (✓ has happened). `SKIP` is not a deadlock: it can do ✓.
 *  - [FD] also fails on divergence (a divergent process may refuse everything).
 *  - divergence: a state that can reach a τ-cycle by τ steps.
 */
import { LimitReached, type Budget } from './budget';
import { componentReports, pathTo, visibleTrace, type CounterexampleKind, type Namer } from './counterexample';
import { DivergenceOracle } from './divergence';
import type { CheckResult } from './result';
import { SuccBuffer, type System } from './system';

export type PropertyKind = 'deadlock' | 'divergence';

export function checkProperty(
  sys: System,
  property: PropertyKind,
  model: 'F' | 'FD',
  budget: Budget,
  namer: Namer,
): CheckResult {
  const buf = new SuccBuffer();
  const oracle = property === 'divergence' || model === 'FD' ? new DivergenceOracle(sys) : undefined;
  const layerStart = [0];
  let layerEnd = 1;
  try {
    for (let i = 0; i < sys.store.count; i++) {
      if (i === layerEnd) {
        layerStart.push(i);
        layerEnd = sys.store.count;
      }
      budget.tick(sys.store.count, sys.transitions, sys.store.count - i);
      let kind: CounterexampleKind | undefined;
      if (oracle?.isDivergent(i) === true) kind = 'divergence';
      const n = sys.successors(i, buf);
      if (kind === undefined && property === 'deadlock' && n === 0 && !sys.isTerminated(i)) kind = 'deadlock';
      if (kind !== undefined) {
        const steps = pathTo(sys, layerStart, i);
        return {
          status: 'failed',
          states: sys.store.count,
          transitions: sys.transitions,
          counterexample: {
            kind,
            trace: visibleTrace(steps, namer),
            steps: steps.length,
            components: componentReports(
              sys,
              steps.map((s) => s.rule),
              sys.store.words,
              i * sys.width,
              namer,
            ),
          },
        };
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
  return { status: 'passed', states: sys.store.count, transitions: sys.transitions };
}

/** Explores the whole state space (for figures and for checks that need every state first). */
export function exploreAll(sys: System, budget: Budget): void {
  const buf = new SuccBuffer();
  for (let i = 0; i < sys.store.count; i++) {
    budget.tick(sys.store.count, sys.transitions, sys.store.count - i);
    sys.successors(i, buf);
  }
}
