/**
 * What a host allows the runs it starts: how large a run's script heap may
 * grow, where its HTTP and agent nodes may connect (a node's egress policy),
 * and per-run quotas. The desktop app and web mode set none of it (the user's
 * own machine); `csp serve` sets all of it. Plain data: it crosses into the run
 * worker with the run's job.
 */
import type { EgressPolicy } from './egress';

export interface RunQuotas {
  /** Processes (network components) a run may have. */
  readonly maxProcesses?: number;
  /** Steps a run may take; the run stops with an error when it reaches them. */
  readonly maxEvents?: number;
  /** Bytes of node log lines (log nodes, scripts' log()) kept per run; later lines are dropped, once said. */
  readonly maxLogBytes?: number;
  /** LLM tokens a run's agents may use (the lower of this and the workflow's own budget). */
  readonly maxTokens?: number;
  /** LLM cost a run's agents may spend, in the providers' currency. */
  readonly maxCost?: number;
}

export interface RunPolicy {
  readonly sandboxHeapBytes?: number;
  /** Absent: HTTP and agent nodes connect wherever their own settings say. */
  readonly egress?: EgressPolicy;
  readonly quotas?: RunQuotas;
}

/** A node's defaults (docs/remote-nodes.md); each can be changed with a `csp serve` option. */
export const NODE_QUOTAS: Required<Omit<RunQuotas, 'maxTokens' | 'maxCost'>> &
  Pick<RunQuotas, 'maxTokens' | 'maxCost'> = {
  maxProcesses: 1_000,
  maxEvents: 10_000_000,
  maxLogBytes: 16 * 1024 * 1024,
  maxTokens: 1_000_000,
};
