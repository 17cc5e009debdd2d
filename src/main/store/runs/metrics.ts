/**
 * What a run measured besides its steps (migrations 11 and 12): the latency of
 * each agent (LLM) and HTTP call, kept by the deliver step that handed the
 * result to the node; the host's CPU and memory, and the run's own worker
 * thread's, sampled while the run was live; and the depth of its queues by
 * step. All are written by the live run only; a replay reads them back and
 * never measures again. Reads are for the charts: calls in seq order (a run
 * makes few), samples in time or step order.
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
  /** Percent of one core the run's own worker thread used since the previous sample, when measured. */
  readonly workerCpu?: number;
  /** The run's worker thread's JS heap in use, bytes, when it reported one. */
  readonly workerHeapUsed?: number;
}

/** The depths of a run's queues (buffered edges, buffer nodes) after step `seq`, as the live run reported them. */
export interface QueueSample {
  readonly seq: number;
  /** Wall clock, ms since the epoch, when the live run reported them. */
  readonly atMs: number;
  readonly queues: readonly { readonly id: string; readonly depth: number; readonly capacity: number }[];
}

/**
 * What each kept row adds to its run's `bytes`, the estimate retention's size limit counts (as the
 * step blocks count their values, not SQLite's pages): the numbers a row holds, plus its text.
 */
const QUEUE_ROW_BYTES = 24; // seq, at_ms, depth, capacity; + the queue id
const HOST_SAMPLE_BYTES = 48; // at_ms and five figures
const CALL_ROW_BYTES = 32; // seq, two times, failed; + node and kind

const textBytes = (text: string): number => Buffer.byteLength(text, 'utf8');

export class RunMetrics {
  private readonly addCall: Statement;
  private readonly callsOf: Statement;
  private readonly addSample: Statement;
  private readonly samplesOf: Statement;
  private readonly copyCallsStmt: Statement;
  private readonly addQueue: Statement;
  private readonly queuesOf: Statement;
  private readonly copyQueuesStmt: Statement;
  private readonly grow: Statement;
  private readonly hasCall: Statement;
  private readonly hasSample: Statement;
  private readonly copiedQueueBytes: Statement;
  private readonly copiedCallBytes: Statement;

  constructor(private readonly db: Db) {
    this.addCall = db.prepare(
      'INSERT OR REPLACE INTO run_calls (run_id, seq, node, kind, started_ms, ended_ms, failed) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.callsOf = db.prepare(
      'SELECT seq, node, kind, started_ms, ended_ms, failed FROM run_calls WHERE run_id = ? ORDER BY seq',
    );
    this.addSample = db.prepare(
      `INSERT OR REPLACE INTO run_host_samples (run_id, at_ms, cpu, rss, heap_used, worker_cpu, worker_heap)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.samplesOf = db.prepare(
      'SELECT at_ms, cpu, rss, heap_used, worker_cpu, worker_heap FROM run_host_samples WHERE run_id = ? ORDER BY at_ms',
    );
    this.copyCallsStmt = db.prepare(
      `INSERT OR REPLACE INTO run_calls (run_id, seq, node, kind, started_ms, ended_ms, failed)
       SELECT ?, seq, node, kind, started_ms, ended_ms, failed FROM run_calls WHERE run_id = ? AND seq <= ?`,
    );
    // The first report of a step's depths is kept: coming back to a step (step back, goto) gives the same depths.
    this.addQueue = db.prepare(
      'INSERT OR IGNORE INTO run_queue_samples (run_id, seq, queue, at_ms, depth, capacity) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.queuesOf = db.prepare(
      'SELECT seq, queue, at_ms, depth, capacity FROM run_queue_samples WHERE run_id = ? ORDER BY seq, queue',
    );
    this.copyQueuesStmt = db.prepare(
      `INSERT OR IGNORE INTO run_queue_samples (run_id, seq, queue, at_ms, depth, capacity)
       SELECT ?, seq, queue, at_ms, depth, capacity FROM run_queue_samples WHERE run_id = ? AND seq <= ?`,
    );
    this.grow = db.prepare('UPDATE runs SET bytes = bytes + ? WHERE id = ?');
    this.hasCall = db.prepare('SELECT 1 FROM run_calls WHERE run_id = ? AND seq = ?').pluck();
    this.hasSample = db.prepare('SELECT 1 FROM run_host_samples WHERE run_id = ? AND at_ms = ?').pluck();
    this.copiedQueueBytes = db
      .prepare(
        `SELECT coalesce(sum(${QUEUE_ROW_BYTES} + length(CAST(queue AS BLOB))), 0) FROM run_queue_samples WHERE run_id = ? AND seq <= ?`,
      )
      .pluck();
    this.copiedCallBytes = db
      .prepare(
        `SELECT coalesce(sum(${CALL_ROW_BYTES} + length(CAST(node AS BLOB)) + length(CAST(kind AS BLOB))), 0) FROM run_calls WHERE run_id = ? AND seq <= ?`,
      )
      .pluck();
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
      let added = 0;
      for (const c of calls) {
        // A call at a step already kept replaces it: its bytes were counted then.
        if (this.hasCall.get(runId, c.seq) === undefined)
          added += CALL_ROW_BYTES + textBytes(c.node) + textBytes(c.kind);
        this.addCall.run(runId, c.seq, c.node, c.kind, c.startedMs, c.endedMs, c.failed ? 1 : 0);
      }
      if (added > 0) this.grow.run(added, runId);
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
    this.grow.run(this.copiedCallBytes.get(fromRunId, uptoSeq), toRunId);
  }

  recordHostSample(runId: number, s: HostSample): void {
    const numbers = [s.atMs, s.cpu, s.rss, s.heapUsed, s.workerCpu ?? 0, s.workerHeapUsed ?? 0];
    if (!numbers.every(Number.isFinite)) throw badInput(`run ${runId}: a host sample must hold finite numbers`);
    const atMs = Math.round(s.atMs);
    this.db.transaction(() => {
      if (this.hasSample.get(runId, atMs) === undefined) this.grow.run(HOST_SAMPLE_BYTES, runId);
      this.addSample.run(
        runId,
        atMs,
        s.cpu,
        Math.round(s.rss),
        Math.round(s.heapUsed),
        s.workerCpu ?? null,
        s.workerHeapUsed === undefined ? null : Math.round(s.workerHeapUsed),
      );
    })();
  }

  hostSamples(runId: number): HostSample[] {
    const rows = this.samplesOf.all(runId) as {
      at_ms: number;
      cpu: number;
      rss: number;
      heap_used: number;
      worker_cpu: number | null;
      worker_heap: number | null;
    }[];
    return rows.map((r) => ({
      atMs: r.at_ms,
      cpu: r.cpu,
      rss: r.rss,
      heapUsed: r.heap_used,
      ...(r.worker_cpu !== null ? { workerCpu: r.worker_cpu } : {}),
      ...(r.worker_heap !== null ? { workerHeapUsed: r.worker_heap } : {}),
    }));
  }

  /** Keeps the depths of run `runId`'s queues after step `seq` (a step already kept is left as it was). */
  recordQueues(runId: number, sample: QueueSample): void {
    if (!Number.isInteger(sample.seq) || sample.seq < 0)
      throw badInput(`run ${runId}: queue depths need a step number, got ${String(sample.seq)}`);
    for (const q of sample.queues)
      if (!Number.isInteger(q.depth) || q.depth < 0 || !Number.isInteger(q.capacity))
        throw badInput(`run ${runId} seq ${sample.seq}: queue ${q.id} has depth ${q.depth} of ${q.capacity}`);
    this.db.transaction(() => {
      let added = 0;
      for (const q of sample.queues)
        if (this.addQueue.run(runId, sample.seq, q.id, Math.round(sample.atMs), q.depth, q.capacity).changes > 0)
          added += QUEUE_ROW_BYTES + textBytes(q.id);
      if (added > 0) this.grow.run(added, runId);
    })();
  }

  /** Every kept report of the run's queue depths, in step order. */
  queueSamples(runId: number): QueueSample[] {
    const rows = this.queuesOf.all(runId) as {
      seq: number;
      queue: string;
      at_ms: number;
      depth: number;
      capacity: number;
    }[];
    const out: { seq: number; atMs: number; queues: { id: string; depth: number; capacity: number }[] }[] = [];
    for (const r of rows) {
      let last = out[out.length - 1];
      if (last?.seq !== r.seq) out.push((last = { seq: r.seq, atMs: r.at_ms, queues: [] }));
      last.queues.push({ id: r.queue, depth: r.depth, capacity: r.capacity });
    }
    return out;
  }

  /** A fork keeps its parent's queue depths of the steps it copied (0..seq). */
  copyQueues(fromRunId: number, toRunId: number, uptoSeq: number): void {
    this.copyQueuesStmt.run(toRunId, fromRunId, uptoSeq);
    this.grow.run(this.copiedQueueBytes.get(fromRunId, uptoSeq), toRunId);
  }
}
