/**
 * The host's runs: one worker thread per run (worker.ts), commands forwarded
 * with ids, fired steps pushed in batches to run.events subscribers and
 * written to the store as they arrive (RunRecorder: batched transactions by
 * the store's RunWriter). A stored run can be opened again (`open`): it
 * replays from its record, calls no live service, and becomes a fork of its
 * own when it leaves the record. A late subscriber gets the last MAX_KEPT
 * events (at most MAX_KEPT_STEPS steps) from memory; older steps are in the
 * store. A free run goes at the pace the host takes its step batches in
 * (messages.ts, BATCHES_TAKEN), so a fast run never floods the host.
 */
import { workerEntry } from '../worker-entry';
import { makeRedactor } from '../store/secrets';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { RunEvent, RunStep, RunStop } from '../../shared/protocol/methods/run';
import type { StreamSink, StreamSource } from '../host/streams';
import type { Store } from '../store';
import type { Command, CommandName, CommandResult, FromWorker, InitJob, RunHistory, WireStop } from './messages';
import { BATCHES_TAKEN, CONTROL_BYTES, PAUSE_FLAG } from './messages';
import type { SourceDiagnostic } from '../source/diagnostics';
import type { SourceKind } from '../source/reader';
import type { StepInfo, StopInfo } from '../../engine/runtime/network/run';
import { RunRecorder } from './recorder';
import { HOST_SAMPLE_MS, HostSampler } from './host-sampler';
import { WorkerGauge } from './thread-usage';
import { StepShapes, type StepBatch } from './step-batch';
import { tellObservers, type RunObserver } from './observer';
import type { RunPolicy } from './policy';

/** What a replay never asks the world for: an LLM reply, an HTTP response (injections come from the user). */
export const OFFLINE_KINDS: readonly string[] = ['llm-reply', 'http'];

const MAX_RUNS = 16;
const MAX_KEPT = 2_000;
/**
 * Steps kept for late subscribers, whatever the number of events: a free run's
 * events carry thousands of steps each, and 2,000 of them would keep millions
 * of steps in memory. Enough for a client that reconnects after a cut to
 * resume from memory on any ordinary run (tens of MB at most); older steps
 * arrive as a gap and are read from the store.
 */
export const MAX_KEPT_STEPS = 200_000;

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
  /** Control words shared with the worker: the pause flag, the step batches taken in (messages.ts). */
  readonly control: Int32Array;
  /** Replies awaited, by request id; a reply's result is the CommandResult of the command sent with that id. */
  readonly pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
  nextId: number;
  readonly events: { seq: number; data: RunEvent }[];
  /** Steps in `events`. */
  keptSteps: number;
  seq: number;
  readonly sinks: Set<StreamSink>;
  readonly recorder: RunRecorder;
  /** The host's CPU and memory, and this run's worker's, sampled into the record while the run is open. */
  readonly sampler: HostSampler;
  /** What the run's worker reported of its own thread (its CPU and heap in the samples). */
  readonly gauge: WorkerGauge;
  /** The step shapes the run's worker has sent (its steps come as columns). */
  readonly shapes: StepShapes;
  lastStop: RunStop;
  /** Free runs under way (run.continue calls not yet answered). */
  drivers: number;
  readonly seed: number;
  readonly source: Pick<InitJob, 'file' | 'text' | 'name' | 'kind' | 'process' | 'wallClock'>;
  /** Outside requests are answered from the record only (a replay, or a fork of one). */
  readonly offline: boolean;
  readonly workflowVersionId?: number;
}

export interface StartParams {
  readonly file?: string;
  readonly text?: string;
  readonly name: string;
  readonly kind?: SourceKind;
  readonly process?: string;
  readonly seed: number;
  readonly wallClock?: boolean;
  /** The stored workflow version this run is of (the runs list shows it). */
  readonly workflowVersionId?: number;
}

/** How a run begins: fresh, as a fork of another run, or opened from the store. */
interface Beginning {
  /** Steps to replay first (a fork), and the stored run and step they continue. */
  readonly history?: RunHistory;
  readonly parent?: { readonly storeRunId: number; readonly seq: number };
  /** A stored run opened again. */
  readonly record?: InitJob['record'];
  readonly replayOf?: number;
  readonly offline?: boolean;
}

export class RunService implements StreamSource {
  private readonly runs = new Map<string, LiveRun>();
  private readonly observers = new Set<RunObserver>();

  constructor(
    private readonly store: () => Store | undefined,
    private readonly log: (line: string) => void = () => undefined,
    /** What the host allows its runs (a node's heap, egress and quotas); nothing by default. */
    private readonly policy: RunPolicy = {},
  ) {}

  /** Runs open now. */
  get activeCount(): number {
    return this.runs.size;
  }

  /** Watches every run of this service (a node's metrics); returns how to stop watching. */
  observe(observer: RunObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  async start(
    p: StartParams,
    how: Beginning = {},
  ): Promise<{ runId: string; storeRunId?: number } & Extract<CommandResult<'init'>, { ok: true }>> {
    if (this.runs.size >= MAX_RUNS) throw new RunError('busy', `${MAX_RUNS} runs are open; stop one first`);
    const controlBuffer = new SharedArrayBuffer(CONTROL_BYTES);
    const worker = new Worker(workerEntry(import.meta.url, 'runtime'));
    const offline = how.offline === true;
    const recorder = new RunRecorder(
      this.store(),
      {
        seed: p.seed,
        label: p.file ?? p.name,
        ...(p.workflowVersionId !== undefined ? { workflowVersionId: p.workflowVersionId } : {}),
      },
      (line) => this.log(line),
    );
    const gauge = new WorkerGauge((a, b) => worker.performance.eventLoopUtilization(a, b));
    const run: LiveRun = {
      id: randomUUID(),
      worker,
      control: new Int32Array(controlBuffer),
      pending: new Map(),
      nextId: 1,
      events: [],
      keptSteps: 0,
      seq: 0,
      sinks: new Set(),
      recorder,
      sampler: new HostSampler((sample) => recorder.recordHostSample(sample), HOST_SAMPLE_MS, gauge),
      gauge,
      shapes: new StepShapes(),
      lastStop: { reason: 'steps', seq: 0 },
      drivers: 0,
      seed: p.seed,
      source: {
        name: p.name,
        ...(p.file !== undefined ? { file: p.file } : {}),
        ...(p.text !== undefined ? { text: p.text } : {}),
        ...(p.kind !== undefined ? { kind: p.kind } : {}),
        ...(p.process !== undefined ? { process: p.process } : {}),
        ...(p.wallClock === true ? { wallClock: true } : {}),
      },
      offline,
      ...(p.workflowVersionId !== undefined ? { workflowVersionId: p.workflowVersionId } : {}),
    };
    worker.on('message', (m: FromWorker) => this.onMessage(run, m));
    worker.on('error', (e) => this.crashed(run, e.message));
    worker.on('exit', (code) => this.crashed(run, `run worker exited with code ${code}`));
    this.runs.set(run.id, run);
    if (how.replayOf !== undefined) recorder.follow(how.replayOf);
    else if (how.parent !== undefined) recorder.continueFrom(how.parent.storeRunId, how.parent.seq, 'fork');
    else recorder.startNew(how.history !== undefined ? 'fork' : 'step');
    try {
      const secrets = this.storedSecrets();
      const job = {
        ...run.source,
        seed: p.seed,
        pause: controlBuffer,
        ...(how.history !== undefined ? { history: how.history } : {}),
        ...(how.record !== undefined ? { record: how.record } : {}),
        ...(offline ? { offline: OFFLINE_KINDS } : {}),
        ...(secrets !== undefined ? { secrets } : {}),
        ...(Object.keys(this.policy).length > 0 ? { policy: this.policy } : {}),
      };
      const init = await this.call(run, { cmd: 'init', job });
      if (!init.ok) {
        await this.stop(run.id);
        const errors = init.diagnostics.filter((d) => d.severity === 'error');
        const first = errors[0] ?? init.diagnostics[0];
        const where =
          first === undefined
            ? ''
            : `; the first at ${first.span.file}:${first.span.line}:${first.span.column}: ${first.message}`;
        throw new RunError(
          'invalid',
          `${p.file ?? p.name} cannot be run: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}${where}`,
          init.diagnostics,
        );
      }
      recorder.saveSource(init.source, init.beforeFirst);
      run.sampler.start();
      const storeRunId = recorder.storeRunId;
      tellObservers(this.observers, (o) => o.started?.(run.id, { processes: init.processes.length }));
      return { runId: run.id, ...(storeRunId !== undefined ? { storeRunId } : {}), ...init };
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
      this.log(
        `secrets unreadable, runs use environment variables only: ${e instanceof Error ? e.message : String(e)}`,
      );
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
    Atomics.store(this.get(runId).control, PAUSE_FLAG, 1);
  }

  /**
   * Ties a free run (run.continue) to the session driving it: when `signal`
   * aborts because that session has closed (`closed()`: a page closed or
   * reloaded, a node's link dropped), the run pauses as run.pause would,
   * unless another session still follows its events. It stays open and
   * recorded so far, for a studio to attach to (`liveRun`); stopping it would
   * lose a node's run to a client that only reconnects. A cancel of the call
   * alone (the session still open) leaves the run going. Returns how to untie
   * (when the call is answered).
   */
  pauseWhenDriverLeaves(runId: string, signal: AbortSignal, closed: () => boolean): () => void {
    const driven = this.get(runId);
    driven.drivers++;
    const onAbort = (): void => {
      if (!closed()) return;
      // A closing session aborts its calls, then stops its own subscriptions in the same turn:
      // look at the run's followers once it has.
      queueMicrotask(() => {
        const run = this.runs.get(runId);
        if (run === undefined || run.sinks.size > 0) return;
        Atomics.store(run.control, PAUSE_FLAG, 1);
        this.log(`run ${runId}: the session driving it closed and no other follows it; paused`);
      });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      driven.drivers--;
      signal.removeEventListener('abort', onAbort);
    };
  }

  /**
   * The open run whose steps are stored run `storeRunId` (a run being recorded
   * before a replay of it), or undefined: a run list marks it, and a studio
   * attaches to it instead of replaying its record.
   */
  liveRunOf(storeRunId: number): string | undefined {
    let found: LiveRun | undefined;
    for (const run of this.runs.values()) {
      if (run.recorder.storeRunId !== storeRunId) continue;
      if (!run.offline) return run.id;
      found ??= run;
    }
    return found?.id;
  }

  /**
   * Joins the open run of stored run `storeRunId` where it stands (after a page
   * reload, from another window): its processes, what can happen, its record,
   * how it last stopped and whether a free run of it is under way. The caller
   * subscribes to its events for what follows; older steps are in the store.
   */
  async attach(
    storeRunId: number,
  ): Promise<
    { runId: string; storeRunId: number; seq: number; stop: RunStop; running: boolean } & Pick<
      CommandResult<'state'>,
      'processes' | 'record'
    > &
      Pick<CommandResult<'enabled'>, 'enabled'>
  > {
    const runId = this.liveRunOf(storeRunId);
    if (runId === undefined) throw new RunError('not_found', `stored run ${storeRunId} is not open in this host`);
    const run = this.get(runId);
    const { enabled } = await this.call(run, { cmd: 'enabled' });
    const state = await this.call(run, { cmd: 'state' });
    return {
      runId,
      storeRunId,
      seq: state.seq,
      processes: state.processes,
      enabled,
      record: state.record,
      stop: run.drivers > 0 ? run.lastStop : { ...run.lastStop, seq: state.seq },
      running: run.drivers > 0,
    };
  }

  /** Records how a command left the run (pushed to subscribers, kept for late ones). */
  stopped(runId: string, stop: WireStop): RunStop {
    const run = this.get(runId);
    const s = toRunStop(stop);
    run.lastStop = s;
    this.push(run, { type: 'stopped', stop: s });
    return s;
  }

  /**
   * A new run whose history is steps 1..seq of this one. A fork of a replay stays
   * offline (answers from the record only) unless `live` says to call services again.
   */
  async fork(
    runId: string,
    seq: number | undefined,
    seed: number | undefined,
    live = false,
  ): Promise<{ runId: string; seq: number; storeRunId?: number }> {
    const run = this.get(runId);
    const history = await this.call(run, { cmd: 'history', seq: seq ?? Number.MAX_SAFE_INTEGER });
    run.recorder.flush();
    const parentId = run.recorder.storeRunId;
    const at = history.rows.length;
    const started = await this.start(
      {
        ...run.source,
        seed: seed ?? run.seed,
        ...(run.workflowVersionId !== undefined ? { workflowVersionId: run.workflowVersionId } : {}),
      },
      {
        history,
        ...(parentId !== undefined ? { parent: { storeRunId: parentId, seq: at } } : {}),
        offline: run.offline && !live,
      },
    );
    return {
      runId: started.runId,
      seq: started.seq,
      ...(started.storeRunId !== undefined ? { storeRunId: started.storeRunId } : {}),
    };
  }

  /**
   * Opens a stored run again, after any restart: a run at step 0 that follows
   * the record (the same steps, outside values handed back), calls no live
   * service, and forks when it leaves the record.
   */
  async open(
    storeRunId: number,
  ): Promise<
    { runId: string; storeRunId: number; seq: number } & Omit<
      Extract<CommandResult<'init'>, { ok: true }>,
      'ok' | 'seq'
    >
  > {
    const store = this.store();
    if (store === undefined) throw new RunError('invalid', 'the store is not open, so there is no stored run to open');
    let stored: ReturnType<Store['runs']['recordAsColumns']>;
    let info: ReturnType<Store['runs']['get']>;
    try {
      info = store.runs.get(storeRunId);
      stored = store.runs.recordAsColumns(storeRunId);
    } catch (e) {
      throw new RunError('not_found', e instanceof Error ? e.message : String(e));
    }
    const src = stored.info.source;
    const seed = Number(info.seed ?? 1);
    const started = await this.start(
      {
        text: src.text,
        name: src.name,
        kind: src.kind,
        seed: Number.isFinite(seed) ? seed : 1,
        ...(src.process !== undefined ? { process: src.process } : {}),
        ...(src.wallClock === true ? { wallClock: true } : {}),
        ...(info.workflowVersionId !== null ? { workflowVersionId: info.workflowVersionId } : {}),
      },
      {
        record: { columns: stored.record, beforeFirst: stored.info.beforeFirst },
        replayOf: storeRunId,
        offline: true,
      },
    );
    const { ok: _ok, ...rest } = started as typeof started & { ok?: true };
    return { ...rest, storeRunId };
  }

  /** The same source and seed again, from step 0 (a replay's restart is a replay of the same record). */
  async restart(runId: string): Promise<{ runId: string; storeRunId?: number }> {
    const run = this.get(runId);
    const replayOf = run.recorder.storeRunId;
    if (run.offline && replayOf !== undefined && run.lastStop.reason !== 'error') {
      const opened = await this.open(replayOf);
      return { runId: opened.runId, storeRunId: opened.storeRunId };
    }
    const started = await this.start({
      ...run.source,
      seed: run.seed,
      ...(run.workflowVersionId !== undefined ? { workflowVersionId: run.workflowVersionId } : {}),
    });
    return { runId: started.runId, ...(started.storeRunId !== undefined ? { storeRunId: started.storeRunId } : {}) };
  }

  async stop(runId: string): Promise<boolean> {
    const run = this.runs.get(runId);
    if (run === undefined) return false;
    this.runs.delete(runId);
    run.sampler.stop();
    run.recorder.finish(fromRunStop(run.lastStop), run.lastStop.reason === 'paused');
    const reason = run.lastStop.reason;
    tellObservers(this.observers, (o) =>
      o.finished?.(runId, reason === 'steps' || reason === 'paused' ? 'stopped' : reason),
    );
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
      try {
        this.takeSteps(run, m.batch);
      } finally {
        // The worker's free run waits on this count (so it never outruns the host by more than a few batches).
        Atomics.add(run.control, BATCHES_TAKEN, 1);
      }
    } else if (m.type === 'usage') {
      run.gauge.take(m);
    } else if (m.type === 'calls') {
      run.recorder.recordCalls(m.calls);
    } else if (m.type === 'forked') {
      const { from, to } = run.recorder.forked(m.seq);
      this.push(run, {
        type: 'forked',
        seq: m.seq,
        ...(from !== undefined ? { fromStoreRunId: from } : {}),
        ...(to !== undefined ? { storeRunId: to } : {}),
      });
    } else if (m.type === 'states') {
      const redact = this.redactor();
      const processes = m.processes.map((p) => ({
        ...p,
        ...(redact !== undefined && p.script !== undefined
          ? { script: JSON.parse(redact(JSON.stringify(p.script))) as unknown }
          : {}),
      }));
      this.push(run, { type: 'states', seq: m.seq, processes });
    } else if (m.type === 'explore') {
      this.push(run, { type: 'explore', states: m.states, edges: m.edges, depth: m.depth });
    } else if (m.type === 'metrics') {
      run.recorder.recordQueues({ seq: m.seq, atMs: Date.now(), queues: m.queues });
      this.push(run, {
        type: 'metrics',
        seq: m.seq,
        elapsedMs: m.elapsedMs,
        stepsPerSecond: m.stepsPerSecond,
        queues: m.queues.map((q) => ({ ...q })),
      });
    } else this.log(this.redactor()?.(m.line) ?? m.line);
  }

  /** Records a batch of steps and pushes them to subscribers (secrets hidden). */
  private takeSteps(run: LiveRun, columns: StepBatch): void {
    const batch = run.shapes.read(columns);
    const writing = performance.now();
    run.recorder.record(batch, batch.to);
    const seconds = (performance.now() - writing) / 1000;
    const steps = batch.steps();
    tellObservers(this.observers, (o) => {
      o.storeWrite?.(seconds);
      o.steps?.(run.id, steps);
    });
    const redact = this.redactor();
    // A payload may quote a secret (a script that echoes its key): the UI never sees the value.
    const hide = <T>(v: T): T =>
      redact === undefined || v === undefined ? v : (JSON.parse(redact(JSON.stringify(v))) as T);
    const shown = (s: StepInfo): RunStep => {
      const { outside, payload, ...rest } = s;
      return {
        ...rest,
        processes: [...s.processes],
        ...(payload !== undefined ? { payload: hide(payload) } : {}),
        ...(outside !== undefined ? { outside: outside.map((o) => ({ ...o, value: hide(o.value) })) } : {}),
      };
    };
    this.push(run, { type: 'steps', steps: steps.map(shown) });
  }

  private push(run: LiveRun, data: RunEvent): void {
    const seq = ++run.seq;
    run.events.push({ seq, data });
    run.keptSteps += stepsIn(data);
    let drop = 0;
    while (drop < run.events.length - 1 && (run.events.length - drop > MAX_KEPT || run.keptSteps > MAX_KEPT_STEPS)) {
      run.keptSteps -= stepsIn(run.events[drop]!.data);
      drop++;
    }
    if (drop > 0) run.events.splice(0, drop);
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

function stepsIn(e: RunEvent): number {
  return e.type === 'steps' ? e.steps.length : 0;
}

function toRunStop(s: WireStop): RunStop {
  return {
    reason: s.reason,
    seq: s.seq,
    ...(s.breakpoint !== undefined ? { breakpoint: s.breakpoint } : {}),
    ...(s.waiting !== undefined
      ? {
          waiting: s.waiting.map((w) => ({
            process: w.process,
            state: w.state,
            offers: [...w.offers],
            waitsOn: w.waitsOn.map((x) => ({
              on: x.on,
              events: [...x.events],
              ...(x.ended === true ? { ended: true } : {}),
            })),
          })),
        }
      : {}),
    ...(s.waitingFor !== undefined
      ? { waitingFor: s.waitingFor.map((w) => ({ process: w.process, kind: w.kind })) }
      : {}),
    ...(s.error !== undefined ? { error: s.error } : {}),
    ...(s.process !== undefined ? { process: s.process } : {}),
  };
}

function fromRunStop(s: RunStop): StopInfo {
  const { breakpoint: _b, reason, waiting, ...rest } = s;
  return {
    ...rest,
    reason: reason === 'paused' ? 'steps' : reason,
    ...(waiting !== undefined
      ? {
          waiting: waiting.map((w) => ({
            ...w,
            waitsOn: w.waitsOn.map(({ ended, ...x }) => ({
              ...x,
              ...(ended === true ? { ended: true as const } : {}),
            })),
          })),
        }
      : {}),
  };
}
