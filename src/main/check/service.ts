/**
 * The host's checks: each `check.run` starts a run of runChecks in worker
 * threads and becomes a `check.events` stream (runId = checkId) of progress,
 * assertion reports in file order, and a final `done`. Replay on subscribe
 * keeps every assertion and `done` event, and only the newest progress event,
 * so a late subscriber gets the whole story in a few messages.
 */
import { randomUUID } from 'node:crypto';
import { outlineScript } from '../../engine/check/script';
import type { AssertionReport } from '../../engine/check/script';
import type { CheckEvent } from '../../shared/protocol/methods/check';
import type { StreamSink, StreamSource } from '../host/streams';
import { includeReader, readCheckInput, type CheckInput } from './input';
import { runChecks } from './runner';

export interface StartParams {
  readonly file?: string;
  readonly text?: string;
  readonly name: string;
  readonly assertion?: number;
  readonly timeoutSeconds?: number;
  readonly workers: number;
}

type Status = 'running' | 'done' | 'cancelled' | 'failed';

interface CheckRun {
  readonly id: string;
  status: Status;
  message?: string;
  readonly assertions: AssertionReport[];
  readonly events: { seq: number; data: CheckEvent }[];
  seq: number;
  readonly sinks: Set<StreamSink>;
  readonly controller: AbortController;
  /** Replay keeps only the newest progress event: its index in `events`, or -1. */
  progressAt: number;
}

export class CheckStartError extends Error {
  constructor(
    readonly kind: 'not_found' | 'invalid' | 'busy',
    message: string,
  ) {
    super(message);
  }
}

/** Finished checks kept for check.result and late subscribers. */
const KEEP_FINISHED = 50;
const MAX_RUNNING = 4;

export class CheckService implements StreamSource {
  private readonly runs = new Map<string, CheckRun>();

  start(p: StartParams): { checkId: string; assertions: { index: number; text: string }[]; errors: { code: string; message: string; file: string; line: number; column: number }[] } {
    if ([...this.runs.values()].filter((r) => r.status === 'running').length >= MAX_RUNNING) {
      throw new CheckStartError('busy', `${MAX_RUNNING} checks are already running; cancel one or wait`);
    }
    let input: CheckInput;
    if (p.file !== undefined) input = readCheckInput(p.file);
    else input = { kind: 'script', file: p.name, text: p.text ?? '', assumptions: [] };
    if (input.kind === 'broken') throw new CheckStartError('invalid', input.messages.join('\n'));
    const outline = outlineScript(input.text, input.file, includeReader);
    const errors = outline.errors.map((d) => ({ code: d.code, message: d.message, file: d.span.file, line: d.span.line, column: d.span.column }));
    const run: CheckRun = { id: randomUUID(), status: 'running', assertions: [], events: [], seq: 0, sinks: new Set(), controller: new AbortController(), progressAt: -1 };
    this.runs.set(run.id, run);
    this.prune();
    const assertions = outline.assertions.filter((a) => p.assertion === undefined || a.index === p.assertion).map((a) => ({ index: a.index, text: a.text }));
    if (errors.length > 0) {
      this.finish(run, 'failed', 'the script has errors; nothing was checked');
      return { checkId: run.id, assertions, errors };
    }
    runChecks(
      { file: input.file, text: input.text, ...(input.sourceMap ? { sourceMap: input.sourceMap } : {}), assumptions: input.assumptions },
      {
        workers: p.workers,
        signal: run.controller.signal,
        ...(p.assertion !== undefined ? { only: p.assertion } : {}),
        ...(p.timeoutSeconds !== undefined ? { timeoutSeconds: p.timeoutSeconds } : {}),
        onProgress: (index, progress) => this.emit(run, { type: 'progress', index, progress }),
        onAssertion: (report) => {
          run.assertions.push(report);
          this.emit(run, { type: 'assertion', report });
        },
      },
    ).then(
      () => this.finish(run, run.controller.signal.aborted ? 'cancelled' : 'done'),
      (error: unknown) => this.finish(run, 'failed', error instanceof Error ? error.message : String(error)),
    );
    return { checkId: run.id, assertions, errors };
  }

  cancel(id: string): boolean {
    const run = this.get(id);
    if (run.status !== 'running') return false;
    run.controller.abort();
    return true;
  }

  result(id: string): { status: Status; assertions: AssertionReport[]; message?: string } {
    const run = this.get(id);
    return { status: run.status, assertions: [...run.assertions], ...(run.message !== undefined ? { message: run.message } : {}) };
  }

  has(id: string): boolean {
    return this.runs.has(id);
  }

  /** Replays what the run has (after `sinceSeq`), then follows it. */
  subscribe(runId: string | undefined, sinceSeq: number, sink: StreamSink): { headSeq: number; stop(): void } {
    const run = runId === undefined ? undefined : this.runs.get(runId);
    if (run === undefined) return { headSeq: 0, stop: () => {} };
    for (const { seq, data } of run.events) if (seq > sinceSeq) sink.event(seq, data);
    if (run.status === 'running') run.sinks.add(sink);
    return { headSeq: run.seq, stop: () => run.sinks.delete(sink) };
  }

  /** Cancels every running check (host shutdown). */
  cancelAll(): void {
    for (const run of this.runs.values()) if (run.status === 'running') run.controller.abort();
  }

  private get(id: string): CheckRun {
    const run = this.runs.get(id);
    if (run === undefined) throw new CheckStartError('not_found', `no check with id ${id}`);
    return run;
  }

  private emit(run: CheckRun, data: CheckEvent): void {
    const seq = ++run.seq;
    if (data.type === 'progress') {
      if (run.progressAt >= 0) run.events.splice(run.progressAt, 1);
      run.progressAt = run.events.length;
    }
    run.events.push({ seq, data });
    for (const sink of run.sinks) sink.event(seq, data);
  }

  private finish(run: CheckRun, status: Status, message?: string): void {
    run.status = status;
    if (message !== undefined) run.message = message;
    const count = (r: AssertionReport['result']) => run.assertions.filter((a) => a.result === r).length;
    this.emit(run, { type: 'done', status, passed: count('passed'), failed: count('failed'), errors: count('error'), ...(message !== undefined ? { message } : {}) });
    run.sinks.clear();
  }

  private prune(): void {
    const finished = [...this.runs.values()].filter((r) => r.status !== 'running');
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.runs.delete(r.id);
  }
}
