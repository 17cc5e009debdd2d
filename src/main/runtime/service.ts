/**
 * The host's runs: one worker thread per run (worker.ts), commands forwarded
 * with ids, fired steps pushed in batches to run.events subscribers and
 * written to the store as they arrive (batched transactions by the store's
 * RunWriter). A late subscriber gets the last MAX_KEPT events from memory;
 * older steps are in the store.
 */
import { workerEntry } from '../worker-entry';
import { makeRedactor } from '../store/secrets';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { RunEvent, RunStop } from '../../shared/protocol/methods/run';
import type { StreamSink, StreamSource } from '../host/streams';
import type { Store } from '../store';
import type { RunWriter } from '../store/runs/writer';
import type { Command, CommandName, CommandResult, FromWorker, InitJob, RunHistory, WireStop } from './messages';
import type { SourceDiagnostic } from '../source/diagnostics';
import type { SourceKind } from '../source/reader';
import { outcomeOf, toRecord } from './records';
import type { StepInfo, StopInfo } from '../../engine/runtime/network/run';

const MAX_RUNS = 16;
const MAX_KEPT = 2_000;

export class RunError extends Error {
  constructor(
    readonly kind: 'not_found' | 'invalid' | 'busy',
    message: string,
    /** For a source that cannot be run: its diagnostics, at their place. */
    readonly diagnostics: readonly SourceDiagnostic[] = [],
  ) {
    super(message);
  }
}

interface LiveRun {
  readonly id: string;
  readonly worker: Worker;
  readonly pause: Int32Array;
  /** Replies awaited, by request id; a reply's result is the CommandResult of the command sent with that id. */
  readonly pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
  nextId: number;
  readonly events: { seq: number; data: RunEvent }[];
  seq: number;
  readonly sinks: Set<StreamSink>;
  writer: RunWriter | undefined;
  /** Highest step written to the store (a goto back makes later steps a new timeline). */
  written: number;
  lastStop: RunStop;
  readonly seed: number;
  readonly source: Pick<InitJob, 'file' | 'text' | 'name' | 'kind' | 'process' | 'wallClock'>;
}

export interface StartParams {
  readonly file?: string;
  readonly text?: string;
  readonly name: string;
  readonly kind?: SourceKind;
  readonly process?: string;
  readonly seed: number;
  readonly wallClock?: boolean;
}

export class RunService implements StreamSource {
  private readonly runs = new Map<string, LiveRun>();

  constructor(
    private readonly store: () => Store | undefined,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async start(p: StartParams, history?: RunHistory): Promise<{ runId: string; storeRunId?: number } & Extract<CommandResult<'init'>, { ok: true }>> {
    if (this.runs.size >= MAX_RUNS) throw new RunError('busy', `${MAX_RUNS} runs are open; stop one first`);
    const pauseBuffer = new SharedArrayBuffer(4);
    const worker = new Worker(workerEntry(import.meta.url, 'runtime'));
    const run: LiveRun = {
      id: randomUUID(),
      worker,
      pause: new Int32Array(pauseBuffer),
      pending: new Map(),
      nextId: 1,
      events: [],
      seq: 0,
      sinks: new Set(),
      writer: undefined,
      written: 0,
      lastStop: { reason: 'steps', seq: 0 },
      seed: p.seed,
      source: { name: p.name, ...(p.file !== undefined ? { file: p.file } : {}), ...(p.text !== undefined ? { text: p.text } : {}), ...(p.kind !== undefined ? { kind: p.kind } : {}), ...(p.process !== undefined ? { process: p.process } : {}), ...(p.wallClock === true ? { wallClock: true } : {}) },
    };
    worker.on('message', (m: FromWorker) => this.onMessage(run, m));
    worker.on('error', (e) => this.crashed(run, e.message));
    worker.on('exit', (code) => this.crashed(run, `run worker exited with code ${code}`));
    this.runs.set(run.id, run);
    try {
      run.writer = this.store()?.runs.start({ seed: p.seed, mode: history !== undefined ? 'fork' : 'step', label: p.file ?? p.name });
    } catch (e) {
      this.log(`run ${run.id}: not recorded: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      const secrets = this.storedSecrets();
      const job = { ...run.source, seed: p.seed, pause: pauseBuffer, ...(history !== undefined ? { history } : {}), ...(secrets !== undefined ? { secrets } : {}) };
      const init = await this.call(run, { cmd: 'init', job });
      if (!init.ok) {
        await this.stop(run.id);
        const errors = init.diagnostics.filter((d) => d.severity === 'error');
        const first = errors[0] ?? init.diagnostics[0];
        const where = first === undefined ? '' : `; the first at ${first.span.file}:${first.span.line}:${first.span.column}: ${first.message}`;
        throw new RunError('invalid', `${p.file ?? p.name} cannot be run: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}${where}`, init.diagnostics);
      }
      return { runId: run.id, ...(run.writer !== undefined ? { storeRunId: run.writer.runId } : {}), ...init };
    } catch (e) {
      if (e instanceof RunError) throw e;
      await this.stop(run.id);
      throw new RunError('invalid', e instanceof Error ? e.message : String(e));
    }
  }

  /** Replaces stored secret values with «secret:NAME»; undefined when there is no store or no secret. */
  private redactor(): ((text: string) => string) | undefined {
    const pairs = this.store()?.secrets.redactionPairs() ?? [];
    return pairs.length === 0 ? undefined : makeRedactor(pairs);
  }

  /** The app's secrets by name (agent API keys, HTTP headers), for the worker; undefined without a store. */
  private storedSecrets(): Record<string, string> | undefined {
    const secrets = this.store()?.secrets;
    if (secrets === undefined) return undefined;
    try {
      return Object.fromEntries(secrets.list().map((s) => [s.name, secrets.reveal(s.name)]));
    } catch (e) {
      this.log(`secrets unreadable, runs use environment variables only: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Sends a command to the run's worker; resolves with that command's result (messages.ts). */
  call<C extends CommandName>(runOrId: LiveRun | string, command: Command<C>): Promise<CommandResult<C>> {
    const run = typeof runOrId === 'string' ? this.get(runOrId) : runOrId;
    const id = run.nextId++;
    return new Promise<CommandResult<C>>((resolve, reject) => {
      // The reply crosses threads as structured-clone data; the worker's handler table (typed by
      // the same Commands map) is what guarantees its shape.
      run.pending.set(id, { resolve: (v) => resolve(v as CommandResult<C>), reject });
      run.worker.postMessage({ id, command });
    });
  }

  pause(runId: string): void {
    Atomics.store(this.get(runId).pause, 0, 1);
  }

  /** Records how a command left the run (pushed to subscribers, kept for late ones). */
  stopped(runId: string, stop: WireStop): RunStop {
    const run = this.get(runId);
    const s = toRunStop(stop);
    run.lastStop = s;
    this.push(run, { type: 'stopped', stop: s });
    return s;
  }

  async fork(runId: string, seq: number | undefined, seed: number | undefined): Promise<{ runId: string; seq: number }> {
    const run = this.get(runId);
    const history = await this.call(run, { cmd: 'history', seq: seq ?? Number.MAX_SAFE_INTEGER });
    const started = await this.start({ ...run.source, seed: seed ?? run.seed }, history);
    return { runId: started.runId, seq: started.seq };
  }

  async stop(runId: string): Promise<boolean> {
    const run = this.runs.get(runId);
    if (run === undefined) return false;
    this.runs.delete(runId);
    const { outcome, details } = outcomeOf(fromRunStop(run.lastStop));
    try {
      run.writer?.finish({ outcome: run.lastStop.reason === 'steps' ? 'stopped' : outcome, details });
      // A finished run gets its text index (search no longer scans it) and the
      // retention caps are applied (pinned and running runs are exempt).
      const store = this.store();
      if (run.writer !== undefined && store !== undefined) {
        store.runs.search.indexText(run.writer.runId);
        store.applyRetention();
      }
    } catch (e) {
      this.log(`run ${runId}: could not finish its record: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const p of run.pending.values()) p.reject(new Error('the run was stopped'));
    run.pending.clear();
    run.worker.removeAllListeners('exit');
    await run.worker.terminate();
    return true;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.stop(id)));
  }

  subscribe(runId: string | undefined, sinceSeq: number, sink: StreamSink): { headSeq: number; stop(): void } {
    const run = runId === undefined ? undefined : this.runs.get(runId);
    if (run === undefined) return { headSeq: 0, stop: () => undefined };
    const first = run.events[0]?.seq;
    if (first !== undefined && sinceSeq + 1 < first) sink.gap(sinceSeq + 1, first - 1);
    for (const e of run.events) if (e.seq > sinceSeq) sink.event(e.seq, e.data);
    run.sinks.add(sink);
    return { headSeq: run.seq, stop: () => run.sinks.delete(sink) };
  }

  private get(runId: string): LiveRun {
    const run = this.runs.get(runId);
    if (run === undefined) throw new RunError('not_found', `no run ${runId}`);
    return run;
  }

  private onMessage(run: LiveRun, m: FromWorker): void {
    if (m.type === 'reply') {
      const p = run.pending.get(m.id);
      run.pending.delete(m.id);
      if (m.ok) p?.resolve(m.result);
      else p?.reject(new Error(m.error));
    } else if (m.type === 'steps') {
      this.record(run, m.steps);
      const redact = this.redactor();
      // A payload may quote a secret (a script that echoes its key): the UI never sees the value.
      const shown = (s: StepInfo): StepInfo => (redact === undefined || s.payload === undefined ? s : { ...s, payload: JSON.parse(redact(JSON.stringify(s.payload))) as unknown });
      this.push(run, { type: 'steps', steps: m.steps.map((s) => ({ ...shown(s), processes: [...s.processes] })) });
    } else if (m.type === 'states') {
      const redact = this.redactor();
      const processes = m.processes.map((p) => ({ ...p, ...(redact !== undefined && p.script !== undefined ? { script: JSON.parse(redact(JSON.stringify(p.script))) as unknown } : {}) }));
      this.push(run, { type: 'states', seq: m.seq, processes });
    } else if (m.type === 'metrics') {
      this.push(run, { type: 'metrics', seq: m.seq, elapsedMs: m.elapsedMs, stepsPerSecond: m.stepsPerSecond, queues: m.queues.map((q) => ({ ...q })) });
    } else this.log(this.redactor()?.(m.line) ?? m.line);
  }

  private record(run: LiveRun, steps: readonly StepInfo[]): void {
    if (run.writer === undefined) return;
    const now = Date.now();
    const fresh = steps.filter((s) => s.seq > run.written);
    if (fresh.length === 0) return;
    try {
      run.writer.appendMany(fresh.map((s) => toRecord(s, now)));
      run.written = fresh[fresh.length - 1]!.seq;
    } catch (e) {
      // A rewound run continues on a new timeline; the stored record keeps the first one.
      this.log(`run ${run.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private push(run: LiveRun, data: RunEvent): void {
    const seq = ++run.seq;
    run.events.push({ seq, data });
    if (run.events.length > MAX_KEPT) run.events.splice(0, run.events.length - MAX_KEPT);
    for (const sink of run.sinks) sink.event(seq, data);
  }

  private crashed(run: LiveRun, message: string): void {
    if (!this.runs.has(run.id)) return;
    for (const p of run.pending.values()) p.reject(new Error(message));
    run.pending.clear();
    this.stopped(run.id, { reason: 'error', seq: run.lastStop.seq, error: message });
    void this.stop(run.id);
  }
}

function toRunStop(s: WireStop): RunStop {
  return {
    reason: s.reason,
    seq: s.seq,
    ...(s.breakpoint !== undefined ? { breakpoint: s.breakpoint } : {}),
    ...(s.waiting !== undefined ? { waiting: s.waiting.map((w) => ({ process: w.process, state: w.state, offers: [...w.offers], waitsOn: w.waitsOn.map((x) => ({ on: x.on, events: [...x.events], ...(x.ended === true ? { ended: true } : {}) })) })) } : {}),
    ...(s.waitingFor !== undefined ? { waitingFor: s.waitingFor.map((w) => ({ process: w.process, kind: w.kind })) } : {}),
    ...(s.error !== undefined ? { error: s.error } : {}),
    ...(s.process !== undefined ? { process: s.process } : {}),
  };
}

function fromRunStop(s: RunStop): StopInfo {
  const { breakpoint: _b, reason, waiting, ...rest } = s;
  return {
    ...rest,
    reason: reason === 'paused' ? 'steps' : reason,
    ...(waiting !== undefined ? { waiting: waiting.map((w) => ({ ...w, waitsOn: w.waitsOn.map(({ ended, ...x }) => ({ ...x, ...(ended === true ? { ended: true as const } : {}) })) })) } : {}),
  };
}
