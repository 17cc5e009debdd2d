/**
 * Runs a script's checks for the CLI and the host.
 *
 *  - `workers: 0`: in this thread (the CLI's default: no thread start-up, and
 *    progress can be written synchronously while the check runs);
 *  - `workers: K ≥ 1`: in a worker thread that checks the assertions in file
 *    order; with K > 1 it searches each deadlock, divergence, determinism and refinement
 *    check with K threads at once (src/engine/check/parallel). Results, counterexamples
 *    and state counts do not depend on K.
 *
 * Reports come back in file order. A time limit is one deadline for the
 * whole run; cancellation (AbortSignal) reaches the worker through a
 * SharedArrayBuffer flag; the state stores have a memory budget, past which a
 * check stops cleanly (CSP4007) instead of running out of memory.
 */
import { workerEntry } from '../worker-entry';
import { freemem, totalmem } from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Progress } from '../../engine/check/budget';
import { checkScript, outlineScript, type AssertionReport, type ScriptReport } from '../../engine/check/script';
import type { SourceMap } from '../../engine/workflow/source-map';
import { lookupName } from '../../engine/workflow/source-map';
import { includeReader } from './input';
import type { FromWorker, WorkerJob } from './messages';
import { startHelpers } from './team';

export interface RunInput {
  readonly file: string;
  readonly text: string;
  readonly sourceMap?: SourceMap;
  readonly assumptions?: readonly string[];
}

export interface RunOptions {
  readonly workers?: number;
  readonly timeoutSeconds?: number;
  readonly maxStates?: number;
  /** Memory budget of the state stores (default: 60% of this machine's memory). */
  readonly maxBytes?: number;
  /** Only this assertion, or only these (1-based). */
  readonly only?: number | readonly number[];
  readonly signal?: AbortSignal;
  readonly progressEveryMs?: number;
  readonly onProgress?: (index: number, p: Progress) => void;
  /** Each assertion's report, in file order. */
  readonly onAssertion?: (r: AssertionReport) => void;
}

const now = (): number => performance.timeOrigin + performance.now();

export async function runChecks(input: RunInput, options: RunOptions = {}): Promise<ScriptReport> {
  const deadline = options.timeoutSeconds === undefined ? undefined : now() + options.timeoutSeconds * 1000;
  const annotate = (r: AssertionReport): AssertionReport => withSource(r, input);
  const workers = options.workers ?? 0;
  const only =
    options.only === undefined ? undefined : typeof options.only === 'number' ? [options.only] : options.only;
  if (workers <= 0 && only !== undefined && only.length > 1) return inThreadEach(input, options, only);
  if (workers <= 0) {
    const report = checkScript(input.text, {
      file: input.file,
      readFile: includeReader,
      ...(only?.[0] !== undefined ? { only: only[0] } : {}),
      budget: {
        clock: now,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(deadline !== undefined ? { deadline } : {}),
        ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
        maxBytes: options.maxBytes ?? defaultMaxBytes(),
        progressEveryMs: options.progressEveryMs ?? 1000,
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onAssertion: (r) => options.onAssertion?.(annotate(r)),
    });
    return { ...report, assertions: report.assertions.map(annotate) };
  }

  // One coordinating worker checks the chosen assertions in file order; with workers > 1 it searches
  // each deadlock, divergence, determinism and refinement check with that many threads (itself and workers - 1
  // helpers). The helpers start here, beside it, and it gets its job (with the helpers' links) at once, so that
  // all their start-ups, its reading of the script and the outline read here overlap (the outline only decides
  // what this function returns).
  const worker = new Worker(workerEntry(import.meta.url, 'check'));
  const helpers = startHelpers(Math.max(0, workers - 1)); // loading beside the coordinator, linked to it by the job
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const onAbort = (): void => {
    Atomics.store(flag, 0, 1);
  };
  if (options.signal?.aborted === true) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const job: WorkerJob = {
      text: input.text,
      file: input.file,
      // assertion numbers are in file order, so ascending order is file order; one that does not exist checks nothing
      ...(only !== undefined ? { only: [...new Set(only)].sort((a, b) => a - b) } : {}),
      progressEveryMs: options.progressEveryMs ?? 1000,
      cancel,
      threads: workers,
      helpers: helpers.links,
      maxBytes: options.maxBytes ?? defaultMaxBytes(),
      ...(deadline !== undefined ? { deadline } : {}),
      ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
    };
    const transfer = helpers.links.flatMap((l) => [l.jobs, l.tables]);
    const running = runJob(worker, job, transfer, options.onProgress, (r) => options.onAssertion?.(annotate(r)));
    const outline = outlineScript(input.text, input.file, includeReader);
    if (outline.errors.length > 0) {
      running.catch(() => {}); // the worker is stopped below; it found the same errors and checked nothing
      return { file: input.file, errors: outline.errors, diagnostics: outline.diagnostics, assertions: [] };
    }
    const report = await running;
    return {
      file: input.file,
      errors: report.errors,
      diagnostics: outline.diagnostics,
      assertions: report.assertions.map(annotate),
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all([worker, ...helpers.workers].map((w) => w.terminate()));
  }
}

/**
 * The state stores' memory budget when none is given: 60% of this machine's memory, and no more
 * than 80% of what is available when the run starts (other programs' memory counts on a shared
 * machine), so a search stops cleanly (CSP4007) before the system runs out.
 */
export function defaultMaxBytes(total = totalmem(), available = freemem()): number {
  return Math.floor(Math.min(total * 0.6, available * 0.8));
}

/** Several chosen assertions in this thread: one pass per assertion, reports in file order. */
async function inThreadEach(input: RunInput, options: RunOptions, only: readonly number[]): Promise<ScriptReport> {
  const outline = outlineScript(input.text, input.file, includeReader);
  if (outline.errors.length > 0)
    return { file: input.file, errors: outline.errors, diagnostics: outline.diagnostics, assertions: [] };
  const assertions: AssertionReport[] = [];
  // One deadline for the whole run: each pass gets what is left of it.
  const deadline = options.timeoutSeconds === undefined ? undefined : now() + options.timeoutSeconds * 1000;
  for (const index of outline.assertions.map((a) => a.index).filter((i) => only.includes(i))) {
    const left = deadline === undefined ? undefined : Math.max(0.001, (deadline - now()) / 1000);
    const report = await runChecks(input, {
      ...options,
      workers: 0,
      only: index,
      ...(left !== undefined ? { timeoutSeconds: left } : {}),
    });
    assertions.push(...report.assertions);
  }
  return { file: input.file, errors: [], diagnostics: outline.diagnostics, assertions };
}

function runJob(
  worker: Worker,
  job: WorkerJob,
  transfer: readonly MessagePort[],
  onProgress: RunOptions['onProgress'],
  onAssertion: (r: AssertionReport) => void,
): Promise<ScriptReport> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker): void => {
      if (m.type === 'progress') onProgress?.(m.index, m.progress);
      else if (m.type === 'assertion') onAssertion(m.report);
      else if (m.type === 'done') finish(() => resolve(m.report));
      else if (m.type === 'crashed') finish(() => reject(new Error(`check worker failed: ${m.message}`)));
    };
    const onError = (e: Error): void => finish(() => reject(e));
    const onExit = (code: number): void => finish(() => reject(new Error(`check worker exited with code ${code}`)));
    const finish = (then: () => void): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      then();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job, [...transfer]);
  });
}

/** For a workflow: the assumptions of the compilation, and node ids next to component names. */
function withSource(r: AssertionReport, input: RunInput): AssertionReport {
  const assumptions = [...r.assumptions, ...(input.assumptions ?? [])];
  const map = input.sourceMap;
  if (map === undefined || r.counterexample === undefined) return { ...r, assumptions };
  const ce = r.counterexample;
  const source = (name: string): string | undefined => {
    const entry = lookupName(map, name);
    if (entry === undefined) return undefined;
    if (entry.kind === 'node') return `node ${entry.id}`;
    if (entry.kind === 'edge') return `edge ${entry.id}`;
    if (entry.kind === 'bus') return `bus ${entry.id}`;
    if (entry.kind === 'buffer') return `edge ${entry.edge}`;
    // An unconnected port keeps its own channel: its events belong to the node that has it.
    if (entry.kind === 'external') return `node ${entry.node}`;
    if (entry.kind === 'port' && entry.nodes.length === 1) return `node ${entry.nodes[0]}`;
    return undefined;
  };
  return {
    ...r,
    assumptions,
    counterexample: {
      ...ce,
      traceSources: ce.trace.map((e) => source(e) ?? null),
      components: ce.components.map((c) => {
        const s = source(c.name);
        return s === undefined ? c : { ...c, source: s };
      }),
    },
  };
}
