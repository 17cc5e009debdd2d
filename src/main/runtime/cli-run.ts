/**
 * What `csp run` does, apart from argument parsing: load the file (a CSPm
 * script or a workflow compiled to CSPm), run it freely with a seed for at most
 * N steps, record the steps to the store as they go (in chunks), and return the
 * trace and the outcome.
 */
import { NetworkRun, type StepInfo, type StopInfo } from '../../engine/runtime/network/run';
import { formatForCli } from '../source/diagnostics';
import type { Store } from '../store';
import { networkFromFile } from './network-input';
import { outcomeOf, toRecord } from './records';
import { QueuedInjections } from './builtins/sources';

export interface CliRunOptions {
  readonly steps: number;
  readonly seed: number;
  readonly process?: string;
  /** Store to record into; undefined = do not record. */
  readonly store?: Store;
  /** Steps per chunk between writes (default 10,000). */
  readonly chunk?: number;
  /** Payloads for inject nodes, in order (payload absent = the node's configured one). */
  readonly injections?: readonly { readonly node: string; readonly payload?: unknown }[];
  /** Timers wait real time between ticks. */
  readonly wallClock?: boolean;
  /** Where nodes' log lines go (default: stderr). */
  readonly log?: (line: string) => void;
  /** Called after each chunk of steps (the CLI shows a progress line). */
  readonly onProgress?: (seq: number, stepsPerSecond: number) => void;
}

export type CliRunResult =
  | { readonly ok: false; readonly errors: readonly string[] }
  | {
      readonly ok: true;
      readonly steps: readonly StepInfo[];
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
  try {
    run = new NetworkRun(net.spec, { seed: options.seed });
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
  const chunk = options.chunk ?? 10_000;
  let stop: StopInfo = run.status();
  let written = 0;
  const started = Date.now();
  while (run.seq < options.steps) {
    stop = run.run(Math.min(chunk, options.steps - run.seq));
    options.onProgress?.(run.seq, (run.seq * 1000) / Math.max(1, Date.now() - started));
    if (writer !== undefined) {
      const now = Date.now();
      writer.appendMany(run.steps(written + 1, run.seq).map((s) => toRecord(s, now)));
      written = run.seq;
    }
    if (stop.reason === 'waiting') {
      await run.waitForOutside(); // an LLM reply or other outside result is under way
      continue;
    }
    if (stop.reason !== 'steps') break;
  }
  if (stop.reason === 'steps') stop = run.status();
  const { outcome, details } = outcomeOf(stop);
  writer?.finish({ outcome, details });
  const steps = run.steps();
  run.dispose();
  return {
    ok: true,
    steps,
    stop,
    outcome,
    details,
    assumptions: net.assumptions,
    ...(writer !== undefined ? { runId: writer.runId } : {}),
  };
}
