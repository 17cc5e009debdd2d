/** What every check returns. A budget that runs out is a "limit", never a pass. */
import type { LimitReason } from './budget';
import type { Counterexample } from './counterexample';

export interface CheckStats {
  /** Distinct states visited: the process's states, or (spec, impl) pairs for a refinement. */
  readonly states: number;
  readonly transitions: number;
  /** What the user should know about how the verdict was reached (e.g. one thread used although more were offered). */
  readonly notes?: readonly string[];
}

export type CheckResult =
  | ({ readonly status: 'passed' } & CheckStats)
  | ({ readonly status: 'failed'; readonly counterexample: Counterexample } & CheckStats)
  | ({ readonly status: 'limit'; readonly reason: LimitReason; readonly message: string } & CheckStats);
