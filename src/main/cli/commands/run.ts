/**
 * `csp run WORKFLOW.yaml|FILE.csp [--steps N] [--seed S] [--process NAME] [--inject NODE[=JSON]]... [--wall-clock] [--no-record] [--json]`
 * Runs the system freely with a seeded scheduler (docs/workflow-semantics.md#steps-and-time) and prints
 * the trace: one line per step, or with --json
 *   { "events": [ { "seq": 1, "event": "c.1", "processes": [...], "payload"?: ... } ], "outcome": ... }.
 * Inject nodes send the --inject payloads given for them, in order, then end
 * (without --inject they end at once). Timers tick in virtual time unless
 * --wall-clock.
 * The run is recorded in the store of --data-dir unless --no-record.
 * Exit 0 when the run reached --steps or terminated, 1 when it ended in a
 * deadlock, divergence or error, 2 on bad usage or a broken input file.
 */
import { ProgressLine } from '../progress-line';
import { InvalidArgumentError, type Command } from 'commander';
import { defaultDataDir, openStore, StoreError, type Store } from '../../store';
import { runFile } from '../../runtime/cli-run';
import { ByteOut, jsonEvent, StepLines } from '../../runtime/step-lines';
import type { NetworkRun } from '../../../engine/runtime/network/run';
import { EXIT_NO, EXIT_OK, EXIT_USAGE } from '../exit-codes';

interface RunOptions {
  steps: number;
  seed: number;
  process?: string;
  record: boolean;
  json?: boolean;
  dataDir?: string;
  inject: { node: string; payload?: unknown }[];
  wallClock?: boolean;
}

/** `node` or `node=JSON` (the payload; a bare word that is not JSON is taken as a string). */
function injection(v: string, list: RunOptions['inject'] = []): RunOptions['inject'] {
  const eq = v.indexOf('=');
  const node = eq < 0 ? v : v.slice(0, eq);
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(node))
    throw new InvalidArgumentError(`--inject expects NODE or NODE=JSON, where NODE is an inject node's id; got "${v}"`);
  if (eq < 0) return [...list, { node }];
  const text = v.slice(eq + 1);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = text;
  }
  return [...list, { node, payload }];
}

const nonNegativeInt =
  (what: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${what} must be a non-negative integer`);
    return n;
  };

export function register(program: Command): void {
  program
    .command('run')
    .description('run a workflow or CSPm system headless with a seeded scheduler and print the trace')
    .argument('<file>', 'WORKFLOW.yaml or FILE.csp')
    .option('--steps <n>', 'at most this many steps', nonNegativeInt('--steps'), 1000)
    .option('--seed <s>', 'seed of the scheduler (same seed, same run)', nonNegativeInt('--seed'), 1)
    .option('--process <name>', 'the process to run (default SYSTEM)')
    .option(
      '--inject <node[=json]>',
      'send this payload from inject node NODE (repeat for more; in order)',
      injection,
      [],
    )
    .option('--wall-clock', 'timers wait real time between ticks (default: virtual time)')
    .option('--no-record', 'do not record the run in the store')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      process.exitCode = await runCommand(file, cmd.optsWithGlobals<RunOptions>());
    });
}

async function runCommand(file: string, opts: RunOptions): Promise<number> {
  let store: Store | undefined;
  try {
    if (opts.record) store = openStore({ dataDir: opts.dataDir ?? defaultDataDir(), role: 'cli' });
  } catch (e) {
    process.stderr.write(`csp: ${e instanceof StoreError || e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  try {
    const tty = process.stderr.isTTY === true;
    const progress = new ProgressLine(tty);
    const out = new Output();
    // Steps are printed as they are taken. Text lines are padded to the width of the last seq; that
    // width is known once the run has made 10^(w-1) steps (w: digits of --steps) or has ended.
    const w = String(opts.steps).length;
    let held = 1;
    let lines: StepLines | undefined;
    const printText = async (run: NetworkRun, to: number, final: boolean): Promise<void> => {
      if (lines === undefined) {
        if (!final && to < 10 ** (w - 1)) return;
        lines = new StepLines(String(final ? to : opts.steps).length);
      }
      // In slices with a turn of the event loop after each: stdout gives each buffer back once written,
      // so the lines held until the width was known (all of them, for --steps 1000000) reuse a few buffers.
      for (let from = held; from <= to; from += PRINT_SLICE) {
        lines.write(run, from, Math.min(to, from + PRINT_SLICE - 1), out.bytes);
        out.bytes.flush();
        await out.drained();
        held = Math.min(to, from + PRINT_SLICE - 1) + 1;
      }
    };
    let first = true;
    const printJson = async (run: NetworkRun, from: number, to: number): Promise<void> => {
      if (first) await out.write(`{\n  "file": ${JSON.stringify(file)},\n  "seed": ${opts.seed},\n  "events": [`);
      for (let s = from; s <= to; s += 4096) {
        const events = run.steps(s, Math.min(to, s + 4095)).map(jsonEvent);
        await out.write(`${first ? '\n' : ',\n'}${events.join(',\n')}`);
        first = false;
      }
    };
    let lastRun: NetworkRun | undefined;
    const result = await runFile(file, {
      log: (line) => {
        progress.clear(); // a log line never lands in the middle of the progress line
        process.stderr.write(`${line}\n`);
      },
      onProgress: (seq, rate) =>
        tty &&
        progress.show(
          `running: ${seq.toLocaleString('en-US')} of ${opts.steps.toLocaleString('en-US')} steps, ${Math.round(rate).toLocaleString('en-US')} steps/s`,
        ),
      onSteps: async (run, from, to) => {
        lastRun = run;
        progress.clear();
        await (opts.json === true ? printJson(run, from, to) : printText(run, to, false));
      },
      steps: opts.steps,
      seed: opts.seed,
      injections: opts.inject,
      ...(opts.wallClock === true ? { wallClock: true } : {}),
      ...(opts.process !== undefined ? { process: opts.process } : {}),
      ...(store !== undefined ? { store } : {}),
    });
    progress.clear();
    if (!result.ok) {
      for (const line of result.errors) process.stderr.write(`${line}\n`);
      if (opts.json === true)
        process.stdout.write(
          JSON.stringify({ file, events: [], outcome: 'error', errors: result.errors }, null, 2) + '\n',
        );
      return EXIT_USAGE;
    }
    if (opts.json === true) {
      const rest = {
        outcome: result.outcome,
        ...result.details,
        ...(result.runId !== undefined ? { runId: result.runId } : {}),
        // The contracts standing in for code in the checker are the monitor's contracts here too.
        ...(result.assumptions.length > 0 ? { assumptions: result.assumptions } : {}),
      };
      const tail = JSON.stringify(rest, null, 2).slice(1); // '\n  "outcome": ...\n}'
      await out.write(
        `${first ? `{\n  "file": ${JSON.stringify(file)},\n  "seed": ${opts.seed},\n  "events": [],` : '\n  ],'}${tail}\n`,
      );
    } else {
      if (lastRun !== undefined) await printText(lastRun, result.seq, true);
      await out.write(
        describe(result.outcome, result.details) + (result.runId !== undefined ? ` (run ${result.runId})` : '') + '\n',
      );
    }
    await out.flush();
    return result.outcome === 'step-limit' || result.outcome === 'terminated' ? EXIT_OK : EXIT_NO;
  } finally {
    store?.close();
  }
}

/** Steps printed between turns of the event loop (about 600 kB of lines). */
const PRINT_SLICE = 16_384;

/** stdout in large writes (a write per line was most of the time of a long run), waiting when the reader is slow. */
class Output {
  private waiting = false;
  /** Bytes go to stdout a megabyte at a time. */
  readonly bytes = new ByteOut((b, release) => {
    // The buffer is filled again once stdout has written it (the callback), not before.
    if (!process.stdout.write(b, () => release())) this.waiting = true;
  });

  async write(text: string): Promise<void> {
    this.bytes.text(text);
    await this.drained();
  }

  /**
   * Waits while stdout's reader is behind (a slow pipe), so memory stays bounded; otherwise
   * lets the event loop turn once, for the write callbacks that give buffers back.
   */
  async drained(): Promise<void> {
    if (!this.waiting) return new Promise<void>((resolve) => setImmediate(resolve));
    this.waiting = false;
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }

  async flush(): Promise<void> {
    this.bytes.flush();
    await this.drained();
  }
}

function describe(outcome: string, details: Record<string, unknown>): string {
  const seq = String(details.seq);
  switch (outcome) {
    case 'step-limit':
      return `stopped after ${seq} steps (the --steps limit)`;
    case 'terminated':
      return `terminated (✓) after ${seq} steps`;
    case 'deadlock': {
      const waiting = (details.waiting ?? []) as {
        process: string;
        offers: string[];
        waitsOn: { on: string; events: string[]; ended?: boolean }[];
      }[];
      const lines = waiting.map(
        (w) =>
          `  ${w.process} offers {${w.offers.join(', ')}}${w.waitsOn.length > 0 ? `, waits on ${w.waitsOn.map((x) => `${x.on} (${x.events.join(', ')}${x.ended === true ? `; ${x.on} has ended` : ''})`).join('; ')}` : ' and nothing else can happen'}`,
      );
      return [`deadlock after ${seq} steps:`, ...lines].join('\n');
    }
    case 'divergence':
      return `divergence after ${seq} steps: ${JSON.stringify(details.divergence)}`;
    case 'error':
      return `error at step ${seq}: ${String(details.error)}`;
    case 'violation':
      return `contract violation at step ${seq}: ${String(details.error)}`;
    default:
      return `${outcome} after ${seq} steps`;
  }
}
