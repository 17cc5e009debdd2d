/**
 * What `csp run` does, apart from argument parsing: load the file (a CSPm
 * script or a workflow compiled to CSPm), run it freely with a seed for at most
 * N steps, record the steps to the store as they go (in chunks, straight from
 * the run's log: StepRecorder), and hand each chunk of steps to the caller,
 * which prints them (StepLines, step-lines.ts) while the run goes on. Nothing keeps every
 * step as an object, so a run of millions of steps runs in bounded memory
 * besides its log.
 */
import { NetworkRun, type StepInfo, type StopInfo } from '../../engine/runtime/network/run';
import { formatForCli } from '../source/diagnostics';
import type { Store } from '../store';
import { networkFromFile } from './network-input';
import { outcomeOf } from './records';
import { QueuedInjections } from './builtins/sources';
import { StepRecorder } from './step-recorder';
import { CallClock } from './call-clock';
import { HostSampler } from './host-sampler';
import { STEP_DELIVER } from '../../engine/runtime/network/log';
import { logSource } from './step-source';

export interface CliRunOptions {
  readonly steps: number;
  readonly seed: number;
  readonly process?: string;
  /** Store to record into; undefined = do not record. */
  readonly store?: Store;
  /** Steps per chunk between writes (default 16,384). */
  readonly chunk?: number;
  /** Payloads for inject nodes, in order (payload absent = the node's configured one). */
  readonly injections?: readonly { readonly node: string; readonly payload?: unknown }[];
  /** Timers wait real time between ticks. */
  readonly wallClock?: boolean;
  /** Where nodes' log lines go (default: stderr). */
  readonly log?: (line: string) => void;
  /** Called after each chunk of steps (the CLI shows a progress line). */
  readonly onProgress?: (seq: number, stepsPerSecond: number) => void;
  /**
   * Steps from..to were taken (called in order, chunk by chunk, before the run
   * goes on; may be async, e.g. to wait for stdout to drain). Without it the
   * result holds every step.
   */
  readonly onSteps?: (run: NetworkRun, from: number, to: number) => void | Promise<void>;
}

export type CliRunResult =
  | { readonly ok: false; readonly errors: readonly string[] }
  | {
      readonly ok: true;
      /** Every step, unless onSteps took them as they came. */
      readonly steps?: readonly StepInfo[];
      readonly seq: number;
      readonly stop: StopInfo;
      readonly outcome: string;
      readonly details: Record<string, unknown>;
      readonly runId?: number;
      readonly assumptions: readonly string[];
    };

function storedSecrets(store: Store | undefined): Record<string, string> {
  if (store === undefined) return {};
  return Object.fromEntries(store.secrets.list().map((s) => [s.name, store.secrets.reveal(s.name)]));
}

export async function runFile(file: string, options: CliRunOptions): Promise<CliRunResult> {
  const injections = new QueuedInjections();
  for (const i of options.injections ?? []) injections.add(i.node, i.payload);
  const attach = {
    seed: options.seed,
    log: options.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
    injections,
    // Secrets kept in the store (csp run --data-dir) win over environment variables of the same name.
    env: { ...process.env, ...storedSecrets(options.store) },
    ...(options.wallClock === true ? { wallClock: true } : {}),
  };
  const net = await networkFromFile(file, {
    ...(options.process !== undefined ? { process: options.process } : {}),
    attach,
  });
  // Diagnostics become text here, at the command line's edge.
  if (!net.ok) return { ok: false, errors: net.diagnostics.map(formatForCli) };
  const typo = injections.unknownNodes();
  if (typo !== undefined) return { ok: false, errors: [`${file}: ${typo}`] };
  let run: NetworkRun;
  // Agent and HTTP calls are timed and kept with the record, as for a run in the studio.
  const clock = new CallClock();
  try {
    run = new NetworkRun(clock.timeSpec(net.spec), { seed: options.seed });
  } catch (e) {
    return { ok: false, errors: [`${file}: cannot start the run: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const writer = options.store?.runs.start({ seed: options.seed, mode: 'free', label: file });
  // What a replay needs besides the steps: the text that ran, and values the nodes consumed before step 1.
  if (writer !== undefined)
    options.store!.runs.saveReplay(writer.runId, {
      source: net.source,
      beforeFirst: run.log.outsideAt(0).map(({ seq: _seq, ...o }) => o),
    });
  const recorder = writer === undefined ? undefined : new StepRecorder(writer);
  const source = logSource(run);
  const chunk = options.chunk ?? 16_384;
  let stop: StopInfo = run.status();
  let shown = 0;
  const started = Date.now();
  const metrics = options.store?.runs.metrics;
  const sampler =
    writer === undefined ? undefined : new HostSampler((sample) => metrics!.recordHostSample(writer.runId, sample));
  sampler?.start();
  let timed = 0;
  while (run.seq < options.steps) {
    stop = run.run(Math.min(chunk, options.steps - run.seq));
    options.onProgress?.(run.seq, (run.seq * 1000) / Math.max(1, Date.now() - started));
    recorder?.write(source, run.seq, Date.now());
    if (writer !== undefined) {
      // The calls answered by this chunk's deliver steps (a read of the log's event column per step).
      const delivered: StepInfo[] = [];
      for (let s = timed + 1; s <= run.seq; s++)
        if (run.log.eventAt(s) === STEP_DELIVER) delivered.push(run.steps(s, s)[0]!);
      timed = run.seq;
      const calls = clock.take(delivered);
      if (calls.length > 0) metrics!.recordCalls(writer.runId, calls);
      // The queues' depths after the chunk, for a stored run's queue-depth chart (one read per chunk).
      const queues = run.queueDepths();
      if (queues.length > 0) metrics!.recordQueues(writer.runId, { seq: run.seq, atMs: Date.now(), queues });
    }
    if (options.onSteps !== undefined && run.seq > shown) await options.onSteps(run, shown + 1, run.seq);
    shown = run.seq;
    // One turn of the event loop per chunk: awaits alone stay in the microtask queue, and then stdout's
    // write callbacks (which give buffers back), the store's flush timer and the host sampler never run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stop.reason === 'waiting') {
      await run.waitForOutside(); // an LLM reply or other outside result is under way
      continue;
    }
    if (stop.reason !== 'steps') break;
  }
  sampler?.stop();
  if (stop.reason === 'steps') stop = run.status();
  const { outcome, details } = outcomeOf(stop);
  writer?.finish({ outcome, details });
  const steps = options.onSteps === undefined ? run.steps() : undefined;
  const seq = run.seq;
  run.dispose();
  return {
    ok: true,
    ...(steps !== undefined ? { steps } : {}),
    seq,
    stop,
    outcome,
    details,
    assumptions: net.assumptions,
    ...(writer !== undefined ? { runId: writer.runId } : {}),
  };
}
