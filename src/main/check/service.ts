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
import type { Result } from '../../shared/protocol';
import type { CheckEvent } from '../../shared/protocol/methods/check';
import type { StreamSink, StreamSource } from '../host/streams';
import { planCheck, type AssertionInfo, type BuiltinMode } from '../source/assertions';
import { toWire, type SourceDiagnostic } from '../source/diagnostics';
import { readSource, type SourceKind } from '../source/reader';
import { includeReader } from './input';
import { runChecks } from './runner';

export interface StartParams {
  readonly file?: string;
  readonly text?: string;
  readonly name: string;
  readonly kind?: SourceKind;
  readonly assertion?: number;
  /** Only these (instead of `assertion`): a client runs a chosen few, e.g. everything but a built-in its own assertion repeats. */
  readonly assertions?: readonly number[];
  readonly builtins?: BuiltinMode;
  readonly timeoutSeconds?: number;
  readonly workers: number;
}

export interface SourceParams {
  readonly file?: string;
  readonly text?: string;
  readonly name: string;
  readonly kind?: SourceKind;
}

type StartResult = Result<'check.run'>;

/** ScriptError of the protocol: a diagnostic with its place. */
function scriptError(d: SourceDiagnostic): StartResult['errors'][number] {
  return { code: d.code, message: d.message, file: d.span.file, line: d.span.line, column: d.span.column };
}

function wireAssertion(a: AssertionInfo): StartResult['assertions'][number] {
  return { ...a, ...(a.builtin !== undefined ? { builtin: { ...a.builtin } } : {}) };
}

type Status = 'running' | 'done' | 'cancelled' | 'failed';

interface CheckRun {
  readonly id: string;
  status: Status;
  message?: string;
  readonly assertions: (AssertionReport & { builtin?: AssertionInfo['builtin'] })[];
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

  /** Own and built-in assertions of a source, without checking anything. */
  assertions(p: SourceParams): Result<'check.assertions'> {
    const read = readSource(p);
    if (!read.ok) return { assertions: [], builtinsByDefault: false, diagnostics: read.diagnostics.map(toWire) };
    const plan = planCheck(read);
    const outline = read.kind === 'cspm' ? outlineScript(read.text, read.file, includeReader).diagnostics : [];
    return {
      assertions: plan.assertions.map(wireAssertion),
      builtinsByDefault: plan.builtinsRun,
      diagnostics: [...read.diagnostics, ...outline].map(toWire),
    };
  }

  start(p: StartParams): StartResult {
    if ([...this.runs.values()].filter((r) => r.status === 'running').length >= MAX_RUNNING) {
      throw new CheckStartError('busy', `${MAX_RUNNING} checks are already running; cancel one or wait`);
    }
    const run: CheckRun = {
      id: randomUUID(),
      status: 'running',
      assertions: [],
      events: [],
      seq: 0,
      sinks: new Set(),
      controller: new AbortController(),
      progressAt: -1,
    };
    this.runs.set(run.id, run);
    this.prune();
    const read = readSource(p);
    if (!read.ok) {
      this.finish(run, 'failed', 'the source has errors; nothing was checked');
      return {
        checkId: run.id,
        assertions: [],
        errors: read.diagnostics.filter((d) => d.severity === 'error').map(scriptError),
        diagnostics: read.diagnostics.map(toWire),
      };
    }
    // Asking for a built-in by number brings the built-ins in.
    const wanted =
      p.assertions !== undefined
        ? new Set(p.assertions)
        : p.assertion !== undefined
          ? new Set([p.assertion])
          : undefined;
    const mode = p.builtins ?? 'auto';
    const first = planCheck(read, mode);
    const plan =
      wanted !== undefined && [...wanted].some((i) => i > first.own) && mode === 'auto'
        ? planCheck(read, 'include')
        : first;
    const running = plan.assertions.filter(
      (a) => (a.builtin === undefined || plan.builtinsRun) && (wanted === undefined || wanted.has(a.index)),
    );
    const builtinOf = new Map(
      plan.assertions.flatMap((a) => (a.builtin !== undefined ? [[a.index, a.builtin] as const] : [])),
    );
    const outline = outlineScript(plan.text, read.file, includeReader);
    const diagnostics = [...read.diagnostics, ...outline.diagnostics].map(toWire);
    if (outline.errors.length > 0) {
      this.finish(run, 'failed', 'the script has errors; nothing was checked');
      return {
        checkId: run.id,
        assertions: running.map(wireAssertion),
        errors: outline.errors.map(scriptError),
        diagnostics,
      };
    }
    runChecks(
      {
        file: read.file,
        text: plan.text,
        ...(read.sourceMap ? { sourceMap: read.sourceMap } : {}),
        assumptions: read.assumptions,
      },
      {
        workers: p.workers,
        signal: run.controller.signal,
        ...(wanted !== undefined ? { only: [...wanted] } : {}),
        ...(p.timeoutSeconds !== undefined ? { timeoutSeconds: p.timeoutSeconds } : {}),
        onProgress: (index, progress) => this.emit(run, { type: 'progress', index, progress }),
        onAssertion: (plain) => {
          const builtin = builtinOf.get(plain.index);
          const report = builtin === undefined ? plain : { ...plain, builtin };
          run.assertions.push(report);
          this.emit(run, { type: 'assertion', report });
        },
      },
    ).then(
      () => this.finish(run, run.controller.signal.aborted ? 'cancelled' : 'done'),
      (error: unknown) => this.finish(run, 'failed', error instanceof Error ? error.message : String(error)),
    );
    return { checkId: run.id, assertions: running.map(wireAssertion), errors: [], diagnostics };
  }

  cancel(id: string): boolean {
    const run = this.get(id);
    if (run.status !== 'running') return false;
    run.controller.abort();
    return true;
  }

  result(id: string): { status: Status; assertions: CheckRun['assertions']; message?: string } {
    const run = this.get(id);
    return {
      status: run.status,
      assertions: [...run.assertions],
      ...(run.message !== undefined ? { message: run.message } : {}),
    };
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
    this.emit(run, {
      type: 'done',
      status,
      passed: count('passed'),
      failed: count('failed'),
      errors: count('error'),
      ...(message !== undefined ? { message } : {}),
    });
    run.sinks.clear();
  }

  private prune(): void {
    const finished = [...this.runs.values()].filter((r) => r.status !== 'running');
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.runs.delete(r.id);
  }
}
