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
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(node)) throw new InvalidArgumentError(`--inject expects NODE or NODE=JSON, where NODE is an inject node's id; got "${v}"`);
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

const nonNegativeInt = (what: string) => (v: string): number => {
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
    .option('--inject <node[=json]>', 'send this payload from inject node NODE (repeat for more; in order)', injection, [])
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
    const progress = new ProgressLine(process.stderr.isTTY === true);
    const result = await runFile(file, {
      log: (line) => {
        progress.clear(); // a log line never lands in the middle of the progress line
        process.stderr.write(`${line}\n`);
      },
      onProgress: (seq, rate) => progress.show(`running: ${seq.toLocaleString('en-US')} of ${opts.steps.toLocaleString('en-US')} steps, ${Math.round(rate).toLocaleString('en-US')} steps/s`),
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
      if (opts.json === true) process.stdout.write(JSON.stringify({ file, events: [], outcome: 'error', errors: result.errors }, null, 2) + '\n');
      return EXIT_USAGE;
    }
    if (opts.json === true) {
      const events = result.steps.map((s) => ({
        seq: s.seq,
        event: s.event,
        processes: s.processes,
        ...(s.kind !== 'event' ? { kind: s.kind } : {}),
        ...(s.hidden ? { hidden: true } : {}),
        ...(s.payload !== undefined ? { payload: s.payload } : {}),
      }));
      const out = {
        file,
        seed: opts.seed,
        events,
        outcome: result.outcome,
        ...result.details,
        ...(result.runId !== undefined ? { runId: result.runId } : {}),
        // The contracts standing in for code in the checker are the monitor's contracts here too.
        ...(result.assumptions.length > 0 ? { assumptions: result.assumptions } : {}),
      };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      const width = String(result.steps.length).length;
      for (const s of result.steps) {
        const tag = s.hidden ? ' (hidden)' : '';
        const payload = s.payload !== undefined ? `  ${JSON.stringify(s.payload)}` : '';
        process.stdout.write(`${String(s.seq).padStart(width)}  ${s.event}${tag}  [${s.processes.join(', ')}]${payload}\n`);
      }
      process.stdout.write(describe(result.outcome, result.details) + (result.runId !== undefined ? ` (run ${result.runId})` : '') + '\n');
    }
    return result.outcome === 'step-limit' || result.outcome === 'terminated' ? EXIT_OK : EXIT_NO;
  } finally {
    store?.close();
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
      const waiting = (details.waiting ?? []) as { process: string; offers: string[]; waitsOn: { on: string; events: string[]; ended?: boolean }[] }[];
      const lines = waiting.map((w) => `  ${w.process} offers {${w.offers.join(', ')}}${w.waitsOn.length > 0 ? `, waits on ${w.waitsOn.map((x) => `${x.on} (${x.events.join(', ')}${x.ended === true ? `; ${x.on} has ended` : ''})`).join('; ')}` : ' and nothing else can happen'}`);
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
