/**
 * What a run measured besides its steps (migration 11): the latency of each
 * agent (LLM) and HTTP call, kept by the deliver step that handed the result
 * to the node, and the host's CPU and memory sampled while the run was live.
 * Both are written by the live run only; a replay reads them back and never
 * measures again. Reads are for the charts: calls in seq order (a run makes
 * few), host samples averaged into at most `points` buckets.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { badInput } from '../errors';

export interface RunCall {
  /** The deliver step that handed the result to the node. */
  readonly seq: number;
  readonly node: string;
  /** The outside kind: 'llm-reply' or 'http'. */
  readonly kind: string;
  /** Wall clock, ms since the epoch, when the call was made and when it was answered. */
  readonly startedMs: number;
  readonly endedMs: number;
  /** The call ended in an error (no response, a provider error). */
  readonly failed: boolean;
}

export interface HostSample {
  /** Wall clock, ms since the epoch. */
  readonly atMs: number;
  /** Percent of one core the host process used since the previous sample (user + system). */
  readonly cpu: number;
  /** Resident set size, bytes. */
  readonly rss: number;
  /** The host's JS heap in use, bytes. */
  readonly heapUsed: number;
}

export class RunMetrics {
  private readonly addCall: Statement;
  private readonly callsOf: Statement;
  private readonly addSample: Statement;
  private readonly samplesOf: Statement;
  private readonly copyCallsStmt: Statement;

  constructor(private readonly db: Db) {
    this.addCall = db.prepare(
      'INSERT OR REPLACE INTO run_calls (run_id, seq, node, kind, started_ms, ended_ms, failed) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.callsOf = db.prepare(
      'SELECT seq, node, kind, started_ms, ended_ms, failed FROM run_calls WHERE run_id = ? ORDER BY seq',
    );
    this.addSample = db.prepare(
      'INSERT OR REPLACE INTO run_host_samples (run_id, at_ms, cpu, rss, heap_used) VALUES (?, ?, ?, ?, ?)',
    );
    this.samplesOf = db.prepare(
      'SELECT at_ms, cpu, rss, heap_used FROM run_host_samples WHERE run_id = ? ORDER BY at_ms',
    );
    this.copyCallsStmt = db.prepare(
      `INSERT OR REPLACE INTO run_calls (run_id, seq, node, kind, started_ms, ended_ms, failed)
       SELECT ?, seq, node, kind, started_ms, ended_ms, failed FROM run_calls WHERE run_id = ? AND seq <= ?`,
    );
  }

  /** Keeps calls of run `runId` (a call at a seq already kept replaces it). */
  recordCalls(runId: number, calls: readonly RunCall[]): void {
    for (const c of calls) {
      if (!Number.isInteger(c.seq) || c.seq < 1)
        throw badInput(`run ${runId}: a call's seq must be a step number, got ${String(c.seq)}`);
      if (!Number.isFinite(c.startedMs) || !Number.isFinite(c.endedMs) || c.endedMs < c.startedMs)
        throw badInput(`run ${runId} seq ${c.seq}: a call must end after it starts (${c.startedMs}..${c.endedMs})`);
    }
    this.db.transaction(() => {
      for (const c of calls) this.addCall.run(runId, c.seq, c.node, c.kind, c.startedMs, c.endedMs, c.failed ? 1 : 0);
    })();
  }

  /** Every call of the run, in step order. */
  calls(runId: number): RunCall[] {
    return (
      this.callsOf.all(runId) as {
        seq: number;
        node: string;
        kind: string;
        started_ms: number;
        ended_ms: number;
        failed: number;
      }[]
    ).map((r) => ({
      seq: r.seq,
      node: r.node,
      kind: r.kind,
      startedMs: r.started_ms,
      endedMs: r.ended_ms,
      failed: r.failed === 1,
    }));
  }

  /** A fork keeps the calls of the steps it copied (1..seq of its parent). */
  copyCalls(fromRunId: number, toRunId: number, uptoSeq: number): void {
    this.copyCallsStmt.run(toRunId, fromRunId, uptoSeq);
  }

  recordHostSample(runId: number, s: HostSample): void {
    if (![s.atMs, s.cpu, s.rss, s.heapUsed].every(Number.isFinite))
      throw badInput(`run ${runId}: a host sample must hold finite numbers`);
    this.addSample.run(runId, Math.round(s.atMs), s.cpu, Math.round(s.rss), Math.round(s.heapUsed));
  }

  hostSamples(runId: number): HostSample[] {
    return (this.samplesOf.all(runId) as { at_ms: number; cpu: number; rss: number; heap_used: number }[]).map((r) => ({
      atMs: r.at_ms,
      cpu: r.cpu,
      rss: r.rss,
      heapUsed: r.heap_used,
    }));
  }
}
