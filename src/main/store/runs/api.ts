/**
 * Runs: metadata, the writer the runtime records through, and the read side
 * (paging, filters, search, counts). Starting or deleting a run appends an audit entry in
 * the same transaction as the change to the run row.
 */
import type { Database as Db } from 'better-sqlite3';
import type { AuditLedger } from '../audit/ledger';
import { badInput, notFound } from '../errors';
import { EventNames } from './names';
import { RunWriter } from './writer';
import type { RunWriterOptions } from './writer';
import { RunQueries } from './query';
import { RunSearch } from './search';
import { SEQ_BITS, jsonOrNull } from './records';
import { BLOCK_SIZE } from './blocks';
import { deleteRunData } from './retention';
import { copySteps, recordColumns, recordedSteps, replayInfo, requireReplayInfo, saveReplayInfo } from './replay';
import type { RecordColumns, RecordedStep, RunReplayInfo } from './replay';
import { compareRuns } from './compare';
import type { RunComparison } from './compare';
import { TraceExport } from './export';
import { StepReader } from './steps';
import { RunMetrics } from './metrics';

export type RunStatus = 'running' | 'finished' | 'interrupted';

export interface RunInfo {
  readonly id: number;
  readonly workflowId: number | null;
  readonly workflowVersionId: number | null;
  readonly seed: string | null;
  readonly mode: string;
  readonly status: RunStatus;
  readonly outcome: string | null;
  readonly outcomeDetails: unknown;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly hostPid: number | null;
  readonly eventCount: number;
  readonly lastSeq: number;
  readonly bytes: number;
  readonly textIndexedUpTo: number;
  readonly pinned: boolean;
  readonly label: string | null;
}

export interface StartRun {
  readonly workflowVersionId?: number | null;
  readonly seed?: string | number | null;
  /** 'free' | 'step' | 'replay' | ... */
  readonly mode: string;
  readonly label?: string;
  readonly actor?: string;
}

interface RunRow {
  id: number;
  workflow_id: number | null;
  workflow_version_id: number | null;
  seed: string | null;
  mode: string;
  status: RunStatus;
  outcome: string | null;
  outcome_details: string | null;
  started_at: number;
  ended_at: number | null;
  host_pid: number | null;
  event_count: number;
  last_seq: number;
  bytes: number;
  text_indexed_upto: number;
  pinned: number;
  label: string | null;
}

function toInfo(r: RunRow): RunInfo {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    workflowVersionId: r.workflow_version_id,
    seed: r.seed,
    mode: r.mode,
    status: r.status,
    outcome: r.outcome,
    outcomeDetails: r.outcome_details === null ? null : (JSON.parse(r.outcome_details) as unknown),
    startedAt: r.started_at,
    endedAt: r.ended_at,
    hostPid: r.host_pid,
    eventCount: r.event_count,
    lastSeq: r.last_seq,
    bytes: r.bytes,
    textIndexedUpTo: r.text_indexed_upto,
    pinned: r.pinned === 1,
    label: r.label,
  };
}

export class RunsApi {
  readonly names: EventNames;
  readonly query: RunQueries;
  readonly search: RunSearch;
  /** Steps read back from their blocks (every reader of steps goes through it). */
  readonly steps: StepReader;
  /** The trace as JSON, CSV or a Mermaid sequence diagram, in chunks. */
  readonly exports: TraceExport;
  /** Latency of a run's agent and HTTP calls, and the host's CPU and memory while it was live. */
  readonly metrics: RunMetrics;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLedger,
    private readonly now: () => number,
    private readonly redactor: () => ((text: string) => string) | undefined = () => undefined,
  ) {
    this.names = new EventNames(db);
    this.steps = new StepReader(db, this.names);
    this.query = new RunQueries(db, this.names, this.steps);
    this.search = new RunSearch(db, this.steps);
    this.exports = new TraceExport(db, this.steps);
    this.metrics = new RunMetrics(db);
  }

  /** Creates the run row (status 'running') and returns the writer for its events. */
  start(input: StartRun, options?: RunWriterOptions): RunWriter {
    const startedAt = this.now();
    const id = this.db.transaction((): number => this.insertRun(input, startedAt)).immediate();
    return new RunWriter(this.db, this.names, id, 0, startedAt, this.now, { redact: this.redactor(), ...options });
  }

  /**
   * A new run continuing run `parentId` after its step `seq`: steps 1..seq are
   * copied, so the new record is complete on its own; the writer goes on at seq + 1.
   * Its per-second counts keep the parent's clock (one timeline).
   */
  fork(parentId: number, seq: number, input: StartRun, options?: RunWriterOptions): RunWriter {
    const parent = this.get(parentId);
    if (!Number.isInteger(seq) || seq < 0 || seq > parent.lastSeq)
      throw badInput(`cannot fork run ${parentId} after step ${seq}: it has steps 0..${parent.lastSeq}`);
    const info = requireReplayInfo(this.db, parentId);
    const id = this.db
      .transaction((): number => {
        const runId = this.insertRun(
          { ...input, workflowVersionId: input.workflowVersionId ?? parent.workflowVersionId },
          this.now(),
          { forkOf: parentId, at: seq },
        );
        copySteps(this.db, this.steps, parentId, runId, seq);
        this.metrics.copyCalls(parentId, runId, seq);
        this.metrics.copyQueues(parentId, runId, seq);
        saveReplayInfo(this.db, runId, {
          source: info.source,
          beforeFirst: info.beforeFirst,
          parent: { runId: parentId, seq },
        });
        return runId;
      })
      .immediate();
    return new RunWriter(this.db, this.names, id, seq, parent.startedAt, this.now, {
      redact: this.redactor(),
      ...options,
    });
  }

  /** The first step where two runs differ (event, processes or payload), or null if they are the same. */
  compare(a: number, b: number): RunComparison {
    return compareRuns(this.db, this.steps, a, b);
  }

  /** The payload of step `seq` as stored (JSON text), or null when it has none. */
  payloadText(runId: number, seq: number): string | null {
    const step = this.steps.at(runId, seq);
    if (step === undefined) throw notFound(`step ${seq} of run ${runId}`);
    return step.payload === null ? null : JSON.stringify(step.payload);
  }

  /** The version number (1, 2, …) of each stored workflow version id given. */
  versionNumbers(ids: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    const get = this.db.prepare('SELECT number FROM workflow_versions WHERE id = ?').pluck();
    for (const id of new Set(ids)) {
      const n = get.get(id) as number | undefined;
      if (n !== undefined) out.set(id, n);
    }
    return out;
  }

  /** Keeps what a replay needs besides the steps (the source, values consumed before step 1). */
  saveReplay(runId: number, info: RunReplayInfo): void {
    this.get(runId);
    saveReplayInfo(this.db, runId, info);
  }

  /** The replay information of a run, or undefined if it was recorded without it. */
  replayInfo(runId: number): RunReplayInfo | undefined {
    return replayInfo(this.db, runId);
  }

  /** A run's source and record, or not_found saying why it cannot be replayed. */
  record(runId: number): { info: RunReplayInfo; steps: RecordedStep[] } {
    const info = requireReplayInfo(this.db, runId);
    return { info, steps: [...recordedSteps(this.steps, runId, this.get(runId).lastSeq)] };
  }

  /** A run's source and record as columns (what run.open sends to the run worker), or not_found saying why. */
  recordAsColumns(runId: number): { info: RunReplayInfo; record: RecordColumns } {
    const info = requireReplayInfo(this.db, runId);
    return { info, record: recordColumns(this.steps, runId, this.get(runId).lastSeq) };
  }

  private insertRun(input: StartRun, startedAt: number, lineage?: { forkOf: number; at: number }): number {
    if (!input.mode.trim()) throw badInput('run mode is empty');
    let workflowId: number | null = null;
    if (input.workflowVersionId != null) {
      workflowId = this.db
        .prepare('SELECT workflow_id FROM workflow_versions WHERE id = ?')
        .pluck()
        .get(input.workflowVersionId) as number | null;
      if (workflowId === undefined) throw notFound(`workflow version ${input.workflowVersionId}`);
    }
    const runId = Number(
      this.db
        .prepare(
          "INSERT INTO runs (workflow_id, workflow_version_id, seed, mode, status, started_at, host_pid, label) VALUES (?,?,?,?,'running',?,?,?)",
        )
        .run(
          workflowId,
          input.workflowVersionId ?? null,
          input.seed == null ? null : String(input.seed),
          input.mode,
          startedAt,
          process.pid,
          input.label ?? null,
        ).lastInsertRowid,
    );
    this.audit.append({
      actor: input.actor,
      action: 'run.started',
      subject: `run:${runId}`,
      details: {
        workflowVersionId: input.workflowVersionId ?? null,
        seed: input.seed ?? null,
        mode: input.mode,
        ...(lineage !== undefined ? lineage : {}),
      },
    });
    return runId;
  }

  get(runId: number): RunInfo {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
    if (!row) throw notFound(`run ${runId}`);
    return toInfo(row);
  }

  /** Newest first; keyset paging by id. */
  list(options: { beforeId?: number; limit?: number; workflowId?: number } = {}): RunInfo[] {
    const rows = this.db
      .prepare('SELECT * FROM runs WHERE id < ? AND (? IS NULL OR workflow_id = ?) ORDER BY id DESC LIMIT ?')
      .all(
        options.beforeId ?? Number.MAX_SAFE_INTEGER,
        options.workflowId ?? null,
        options.workflowId ?? null,
        options.limit ?? 50,
      ) as RunRow[];
    return rows.map(toInfo);
  }

  pin(runId: number, pinned: boolean): RunInfo {
    const r = this.db.prepare('UPDATE runs SET pinned = ? WHERE id = ?').run(pinned ? 1 : 0, runId);
    if (r.changes === 0) throw notFound(`run ${runId}`);
    return this.get(runId);
  }

  /**
   * Deletes one run and all its events, and appends a `run.deleted` audit entry saying
   * what was lost. A running run is refused: its writer would go on appending to rows
   * that no longer exist. Pinning does not protect against an explicit delete.
   */
  delete(runId: number, actor?: string): RunInfo {
    return this.db
      .transaction((): RunInfo => {
        const info = this.get(runId);
        if (info.status === 'running') throw badInput(`run ${runId} is still running; stop it before deleting it`);
        deleteRunData(this.db, runId);
        this.audit.append({
          actor,
          action: 'run.deleted',
          subject: `run:${runId}`,
          details: {
            label: info.label,
            outcome: info.outcome,
            events: info.eventCount,
            bytes: info.bytes,
            pinned: info.pinned,
          },
        });
        return info;
      })
      .immediate();
  }

  /** Marks every 'running' run interrupted. Only call when no host is alive (lock held). */
  markInterrupted(): number[] {
    return this.db
      .transaction(() => {
        const running = this.db.prepare("SELECT id, host_pid AS pid FROM runs WHERE status = 'running'").all() as {
          id: number;
          pid: number | null;
        }[];
        // A run another live process is still recording (`csp run` holds no host lock) is not
        // interrupted; one whose process is gone, or that names this very process (a reused pid
        // of a process that died), is.
        const ids = running
          .filter((r) => r.pid === null || r.pid === process.pid || !processAlive(r.pid))
          .map((r) => r.id);
        const mark = this.db.prepare(
          `UPDATE runs SET status = 'interrupted', outcome = coalesce(outcome, 'interrupted'), outcome_details = ?,
             ended_at = coalesce((SELECT wall_ms FROM run_blocks WHERE id = runs.id * ${SEQ_BITS} + max(1, (runs.last_seq / ${BLOCK_SIZE}) * ${BLOCK_SIZE})), started_at)
           WHERE id = ? AND status = 'running'`,
        );
        // ended_at is the last recorded step (about when the host died), not the time we noticed.
        const details = jsonOrNull({ reason: 'the host stopped while the run was recording', detectedAt: this.now() });
        for (const id of ids) mark.run(details, id);
        return ids;
      })
      .immediate();
  }
}

/** Whether a process with this pid exists (EPERM: it does, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
