/**
 * A run's quotas, enforced in its worker (policy.ts says what they are): the
 * processes it may have, the steps it may take, and the bytes of log lines it
 * may write. Token and cost caps go to the agents' budget (workflow-net.ts).
 */
import type { WireStop } from './messages';
import type { RunQuotas } from './policy';

export class RunQuotaGuard {
  private logBytes = 0;
  private logFull = false;

  constructor(private readonly quotas: RunQuotas = {}) {}

  /** Why a network of `count` processes may not run here; undefined when it may. */
  processesProblem(count: number): string | undefined {
    const max = this.quotas.maxProcesses;
    return max !== undefined && count > max
      ? `the run has ${count} processes; this node allows at most ${max} per run (its quota)`
      : undefined;
  }

  /** Steps the run may still take after step `seq`. */
  stepsLeft(seq: number): number {
    const max = this.quotas.maxEvents;
    return max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, max - seq);
  }

  /** The stop a run gets when it has used its steps. */
  stop(seq: number): WireStop {
    return { reason: 'error', seq, error: `quota: this node lets a run take at most ${this.quotas.maxEvents} steps` };
  }

  /** Passes a log line on while the run has log bytes left; says once that later lines are dropped. */
  log(line: string, out: (line: string) => void): void {
    const max = this.quotas.maxLogBytes;
    if (max === undefined) return out(line);
    if (this.logFull) return;
    this.logBytes += Buffer.byteLength(line) + 1;
    if (this.logBytes <= max) return out(line);
    this.logFull = true;
    out(`quota: this run wrote ${max} bytes of log lines, this node's limit; later lines are dropped`);
  }
}
