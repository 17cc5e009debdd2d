/**
 * `csp check FILE.csp|WORKFLOW.yaml [--json] [--assert N] [--timeout S] [--workers K] [--eval-tests] [--stage S]`
 * (docs/cspm.md#command-line-contract). One line per assertion in file order,
 * with a progress line on stderr when it is a TTY; `--json` prints one object.
 * Exit 0 when every assertion passed, 1 when any failed, 2 when the script
 * (or an assertion) has an error or the usage is wrong.
 */
import { ProgressLine } from '../progress-line';
import { InvalidArgumentError, type Command } from 'commander';
import type { Progress } from '../../../engine/check/budget';
import type { AssertionReport, ScriptReport } from '../../../engine/check/script';
import { runChecks } from '../../check/runner';
import { describeBuiltin, planCheck, type BuiltinMode } from '../../source/assertions';
import { formatForCli, toWire } from '../../source/diagnostics';
import { readSource } from '../../source/reader';
import { runTestBooleans, testLine, type TestBooleanReport } from '../../check/test-booleans';
import { EXIT_NO, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { isStage, runStage, STAGES, type Stage } from './check-stage';

interface CheckOptions {
  json?: boolean;
  assert?: number;
  timeout?: number;
  workers?: number;
  evalTests?: boolean;
  stage?: Stage;
  /** --builtins: true, --no-builtins: false, neither: undefined (auto). */
  builtins?: boolean;
}

const positiveInt =
  (what: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${what} must be a positive integer`);
    return n;
  };
const stageOption = (v: string): Stage => {
  if (!isStage(v)) throw new InvalidArgumentError(`the stage is one of ${STAGES.join(', ')}`);
  return v;
};
const positiveNumber = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('seconds must be a positive number');
  return n;
};

export function register(program: Command): void {
  program
    .command('check')
    .description('check the assertions of a CSPm script or a workflow (deadlock, divergence, determinism, refinement)')
    .argument('<file>', 'FILE.csp or WORKFLOW.yaml')
    .option('--assert <n>', 'check only the n-th assertion (1-based, file order)', positiveInt('--assert'))
    .option('--timeout <seconds>', 'time limit for the whole run; an undecided assertion is an error', positiveNumber)
    .option(
      '--workers <k>',
      'threads that search each deadlock, divergence, determinism and refinement check together (default: 1, this thread)',
      positiveInt('--workers'),
    )
    .option(
      '--builtins',
      'also check the built-in assertions (deadlock, divergence, contracts) when the file has its own',
    )
    .option(
      '--no-builtins',
      'never check the built-in assertions (by default they run when the file has no assertions of its own)',
    )
    .option(
      '--stage <stage>',
      'stop after one stage of the front end: parse, print (parse, pretty-print, parse again, same AST), types, or all (default)',
      stageOption,
    )
    .option('--eval-tests', "also evaluate every top-level boolean whose name starts with 'test' (each must be true)")
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CheckOptions>();
      process.exitCode = await check(file, opts);
    });
}

async function check(file: string, opts: CheckOptions): Promise<number> {
  const started = Date.now();
  const json = opts.json === true;
  const read = readSource({ file });
  if (!read.ok) {
    for (const d of read.diagnostics) process.stderr.write(`${formatForCli(d)}\n`);
    if (json)
      process.stdout.write(
        JSON.stringify({ file, assertions: [], errors: read.diagnostics.map(toWire) }, null, 2) + '\n',
      );
    return EXIT_USAGE;
  }
  for (const d of read.diagnostics) process.stderr.write(`${formatForCli(d)}\n`);
  if (opts.stage !== undefined && opts.stage !== 'all') return runStage(read.text, file, opts.stage, json);
  const mode: BuiltinMode = opts.builtins === true ? 'include' : opts.builtins === false ? 'exclude' : 'auto';
  let plan = planCheck(read, mode);
  // Asking for a built-in by its number brings the built-ins in.
  if (opts.assert !== undefined && opts.assert > plan.own && mode === 'auto') plan = planCheck(read, 'include');
  if (plan.own === 0 && !plan.builtinsRun && plan.errors.length === 0 && opts.evalTests !== true) {
    process.stderr.write(
      `csp: ${file} has no assertions${mode === 'exclude' ? ' (and --no-builtins)' : ', and no SYSTEM process for the built-in checks'}; nothing to check\n`,
    );
    if (json) process.stdout.write(JSON.stringify({ file, assertions: [] }, null, 2) + '\n');
    return EXIT_USAGE;
  }
  const builtins = plan.assertions.filter((a) => a.builtin !== undefined);
  const builtinOf = new Map(builtins.map((a) => [a.index, a.builtin]));
  if (!json && plan.builtinsRun && opts.assert === undefined) {
    const list = builtins.map(describeBuiltin).join(', ');
    process.stdout.write(
      plan.own === 0
        ? `no assertions in the file; checking the built-in ones: ${list}\n`
        : `checking the built-in assertions too: ${list}\n`,
    );
  }
  const input = { text: plan.text, sourceMap: read.sourceMap, assumptions: read.assumptions };
  const progress = new ProgressLine(!json && process.stderr.isTTY === true);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  let report: ScriptReport;
  try {
    report = await runChecks(
      {
        file,
        text: input.text,
        ...(input.sourceMap ? { sourceMap: input.sourceMap } : {}),
        assumptions: input.assumptions,
      },
      {
        workers: threadsFor(opts.workers),
        ...(opts.timeout !== undefined ? { timeoutSeconds: opts.timeout } : {}),
        ...(opts.assert !== undefined ? { only: opts.assert } : {}),
        signal: controller.signal,
        progressEveryMs: 250,
        onProgress: (index, p) => progress.show(progressText(index, p, process.memoryUsage.rss())),
        onAssertion: (r) => {
          if (json) return;
          progress.clear();
          process.stdout.write(humanLine(r, builtinOf.has(r.index)) + '\n');
        },
      },
    );
  } finally {
    process.off('SIGINT', onSignal);
    progress.clear();
  }

  for (const d of report.errors) process.stderr.write(formatForCli(d) + '\n');
  for (const d of report.diagnostics) if (d.severity !== 'error') process.stderr.write(formatForCli(d) + '\n');
  if (opts.assert !== undefined && report.errors.length === 0 && report.assertions.length === 0) {
    process.stderr.write(`csp: ${file} has no assertion number ${opts.assert}\n`);
    if (json) process.stdout.write(JSON.stringify({ file, assertions: [] }, null, 2) + '\n');
    return EXIT_USAGE;
  }
  const tests: TestBooleanReport[] =
    opts.evalTests === true && report.errors.length === 0 && read.kind === 'cspm'
      ? runTestBooleans(
          read.text,
          file,
          opts.timeout === undefined ? undefined : { deadline: started + opts.timeout * 1000, seconds: opts.timeout },
        )
      : [];
  if (!json) for (const t of tests) if (t.result !== 'true') process.stdout.write(testLine(t) + '\n');
  // docs/workflow-semantics.md#contracts-of-code-nodes: a verdict that rests on a contract standing in for code says so.
  const assumptions = [...new Set(report.assertions.flatMap((a) => a.assumptions ?? []))];
  if (!json && assumptions.length > 0) {
    process.stdout.write(`These verdicts assume:\n${assumptions.map((a) => `  - ${a}`).join('\n')}\n`);
  }
  if (json) {
    const out = {
      file,
      assertions: report.assertions.map((a) =>
        builtinOf.has(a.index) ? { ...a, builtin: builtinOf.get(a.index) } : a,
      ),
      ...(opts.evalTests === true ? { tests } : {}),
      ...(report.errors.length > 0
        ? {
            errors: report.errors.map((d) => ({
              code: d.code,
              message: d.message,
              file: d.span.file,
              line: d.span.line,
              column: d.span.column,
            })),
          }
        : {}),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  }
  if (
    report.errors.length > 0 ||
    report.assertions.some((a) => a.result === 'error') ||
    tests.some((t) => t.result === 'error')
  )
    return EXIT_USAGE;
  return report.assertions.some((a) => a.result === 'failed') || tests.some((t) => t.result === 'false')
    ? EXIT_NO
    : EXIT_OK;
}

/**
 * Where the search runs. One thread runs in this thread (no worker start-up) unless someone at a
 * terminal may press Ctrl-C: a search here would block the SIGINT handler until it ends, so at a
 * terminal it runs in one worker thread, and Ctrl-C stops it at once, saying how far it got.
 */
function threadsFor(workers: number | undefined): number {
  if (workers !== undefined && workers > 1) return workers;
  return process.stdin.isTTY === true ? 1 : 0;
}

/**
 * The progress line: `assertion 1: 1,234,567 states · 210,345/s · level 42 · queue 81,920 · 1.4 GB · 6 s`.
 * A breadth-first search does not know its total, so there is no ETA: the level, the queue (states
 * found but not yet expanded) and the whole process's memory say how it is going.
 */
export function progressText(index: number, p: Progress, rssBytes: number): string {
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  const gb = rssBytes >= 2 ** 30;
  const memory = gb ? `${(rssBytes / 2 ** 30).toFixed(1)} GB` : `${Math.round(rssBytes / 2 ** 20)} MB`;
  return [
    `assertion ${index}: ${n(p.states)} states`,
    `${n(p.statesPerSecond)}/s`,
    ...(p.depth !== undefined ? [`level ${p.depth}`] : []),
    `queue ${n(p.queue)}`,
    memory,
    `${Math.round(p.seconds)} s`,
  ].join(' · ');
}

/** `3. P :[deadlock free [F]]: failed (deadlock after <a, b>; 12 states, 0.01 s)`; a built-in one says so after its text. */
export function humanLine(r: AssertionReport, builtin = false): string {
  const stats = `${r.states.toLocaleString('en-US')} ${r.states === 1 ? 'state' : 'states'}, ${r.seconds.toFixed(2)} s`;
  let detail = stats;
  if (r.result === 'error' && r.error) detail = `${r.error.code}: ${r.error.message}; ${stats}`;
  const ce = r.counterexample;
  if (ce) {
    const trace = refusalTrace(ce);
    const what =
      ce.kind === 'deadlock'
        ? `deadlock after ${trace}`
        : ce.kind === 'divergence'
          ? `divergence after ${trace}`
          : ce.kind === 'refusal'
            ? `refuses {${(ce.refused ?? []).join(', ')}} after ${trace}`
            : ce.kind === 'revival'
              ? `refuses {${(ce.refused ?? []).join(', ')}} and accepts ${ce.event ?? '?'} after ${trace}`
              : ce.kind === 'trace'
                ? `performs ${ce.event ?? '?'} after ${trace}`
                : ce.kind === 'nondeterminism'
                  ? `may both accept and refuse ${ce.event ?? '?'} after ${trace}`
                  : `cannot perform ${ce.event ?? '?'} after ${trace}`;
    // the failures models' ✓ axiom is easy to miss: name it when it is the reason
    const why =
      ce.terminates === true
        ? ' (it can terminate there, and a process that can terminate may refuse every other event)'
        : '';
    detail = `${what}${why}; ${stats}`;
  }
  const notes = (r.notes ?? []).map((n) => `; ${n}`).join('');
  return `${r.index}. ${r.text}${builtin ? ' (built-in)' : ''}: ${r.result} (${detail}${notes})`;
}

/**
 * The trace as `<a, b>`; for refusal testing, with what was refused before
 * each event when that state was stable: `<{c} a, b>` (refused {c}, then a;
 * nothing observed before b).
 */
function refusalTrace(ce: NonNullable<AssertionReport['counterexample']>): string {
  const refusals = ce.refusals;
  if (refusals === undefined) return `<${ce.trace.join(', ')}>`;
  return `<${ce.trace.map((e, i) => (refusals[i] ? `{${(refusals[i] ?? []).join(', ')}} ${e}` : e)).join(', ')}>`;
}
