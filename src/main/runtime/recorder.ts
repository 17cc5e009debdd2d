/**
 * Where a hosted run's steps go in the store. A live run writes a record of
 * its own (with its source, so it can be replayed after the app restarts). A
 * run opened from the store follows an existing record and writes nothing
 * while it does. When a run leaves its record (a fork: another step than the
 * recorded one), a new stored run begins with the steps so far copied, so
 * every timeline is a complete record and the old one stays as it was.
 * Store problems are logged, never thrown: the run goes on unrecorded.
 */
import type { StopInfo } from '../../engine/runtime/network/run';
import type { Store } from '../store';
import type { RecordedOutside, RunSource } from '../store/runs/replay';
import type { RunWriter } from '../store/runs/writer';
import { outcomeOf } from './records';
import { StepRecorder } from './step-recorder';
import type { StepSource } from './step-source';
import type { HostSample, QueueSample, RunCall } from '../store/runs/metrics';

export interface RecorderMeta {
  readonly seed: number;
  readonly label: string;
  readonly workflowVersionId?: number;
}

export class RunRecorder {
  private writer: RunWriter | undefined;
  /** Writes steps into `writer`'s blocks (the same path as `csp run`). */
  private steps: StepRecorder | undefined;
  /** Highest step written to the current record. */
  private written = 0;
  /** The stored run holding this run's steps: the one being written, or the one followed. */
  private current: number | undefined;

  constructor(
    private readonly store: Store | undefined,
    private readonly meta: RecorderMeta,
    private readonly log: (line: string) => void,
  ) {}

  get storeRunId(): number | undefined {
    return this.current;
  }

  /** A live run: a new stored run, its steps written as they come. */
  startNew(mode: string): void {
    this.attempt('not recorded', (store) => {
      this.writer = store.runs.start({ seed: this.meta.seed, mode, label: this.meta.label, ...this.version() });
      this.steps = new StepRecorder(this.writer);
      this.current = this.writer.runId;
      this.written = 0;
    });
  }

  /** A run opened from the store follows stored run `id`: nothing is written while it does. */
  follow(id: number): void {
    this.current = id;
    this.written = Number.MAX_SAFE_INTEGER;
  }

  /** A new stored run continuing stored run `parent` after its step `seq` (steps 1..seq copied). */
  continueFrom(parent: number, seq: number, mode: string): void {
    this.attempt('not recorded', (store) => {
      this.writer = store.runs.fork(parent, seq, {
        seed: this.meta.seed,
        mode,
        label: this.meta.label,
        ...this.version(),
      });
      this.steps = new StepRecorder(this.writer);
      this.current = this.writer.runId;
      this.written = seq;
    });
  }

  /** Keeps the source and the values consumed before step 1 with a new record (not one continued from another). */
  saveSource(source: RunSource, beforeFirst: readonly RecordedOutside[]): void {
    const id = this.writer?.runId;
    if (id === undefined || this.written !== 0) return;
    this.attempt('cannot be replayed', (store) => store.runs.saveReplay(id, { source, beforeFirst }));
  }

  /** Writes the steps up to `to` not written yet (a run that went back and follows its record writes nothing). */
  record(src: StepSource, to: number): void {
    const steps = this.steps;
    if (this.writer === undefined || steps === undefined || to <= this.written) return;
    this.attempt('steps not recorded', () => {
      try {
        steps.write(src, to, Date.now());
      } finally {
        this.written = steps.lastSeq;
      }
    });
  }

  /** Keeps the latency of calls answered in the record being written (a followed record is left as it is). */
  recordCalls(calls: readonly RunCall[]): void {
    const id = this.writer?.runId;
    if (id === undefined) return;
    this.attempt('call latencies not recorded', (store) => store.runs.metrics.recordCalls(id, calls));
  }

  /** Keeps a sample of the host's CPU and memory with the record being written. */
  recordHostSample(sample: HostSample): void {
    const id = this.writer?.runId;
    if (id === undefined) return;
    this.attempt('host sample not recorded', (store) => store.runs.metrics.recordHostSample(id, sample));
  }

  /** Keeps the queue depths the live run reported after a step with the record being written. */
  recordQueues(sample: QueueSample): void {
    const id = this.writer?.runId;
    if (id === undefined || sample.queues.length === 0) return;
    this.attempt('queue depths not recorded', (store) => store.runs.metrics.recordQueues(id, sample));
  }

  /** Writes what is buffered, so the record can be copied or read. */
  flush(): void {
    this.attempt('steps not recorded', () => this.writer?.flush());
  }

  /**
   * The run left its record after step `seq`: the old record is finished as it
   * stands (outcome `forked`) and a new stored run continues from it.
   */
  forked(seq: number): { readonly from?: number; readonly to?: number } {
    const from = this.current;
    if (from === undefined) return {};
    this.flush();
    const old = this.writer;
    this.writer = undefined;
    this.steps = undefined;
    this.continueFrom(from, seq, 'fork');
    const to = this.current === from ? undefined : this.current;
    this.attempt('could not finish its record', () =>
      old?.finish({ outcome: 'forked', details: { seq, ...(to !== undefined ? { continuedIn: to } : {}) } }),
    );
    return { from, ...(to !== undefined ? { to } : {}) };
  }

  /** Finishes the record with how the run ended; a followed record is left as it is. */
  finish(stop: StopInfo, paused: boolean): void {
    const writer = this.writer;
    if (writer === undefined) return;
    this.writer = undefined;
    this.steps = undefined;
    const { outcome, details } = outcomeOf(stop);
    this.attempt('could not finish its record', (store) => {
      writer.finish({ outcome: paused || stop.reason === 'steps' ? 'stopped' : outcome, details });
      // A finished run gets its text index (search no longer scans it) and the
      // retention caps are applied (pinned and running runs are exempt).
      store.runs.search.indexText(writer.runId);
      store.applyRetention();
    });
  }

  private version(): { workflowVersionId?: number } {
    return this.meta.workflowVersionId !== undefined ? { workflowVersionId: this.meta.workflowVersionId } : {};
  }

  private attempt(what: string, f: (store: Store) => void): void {
    const store = this.store;
    if (store === undefined) return;
    try {
      f(store);
    } catch (e) {
      this.log(`run ${this.current ?? '(new)'}: ${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
