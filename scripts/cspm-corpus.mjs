#!/usr/bin/env node
/**
 * Runs `csp check --json` over every `.csp` file of one or more folder trees,
 * one child process per file with a hard time limit, and prints how many files
 * each folder accepts:
 *
 *   node scripts/cspm-corpus.mjs [--timeout S] [--jobs N] [--eval-tests auto|always|never]
 *                                [--stage auto|parse|print|types|all] [--stage-only]
 *                                [--failures] [--json FILE] DIR...
 *
 * Each file is classified as
 *   accepted       parsed, type-checked and evaluated; no assertion error other than a
 *                  time or state limit (an undecided assertion is noted); with --eval-tests,
 *                  every `test…` boolean true
 *   rejected       an error with a line and column (or a false `test…` boolean)
 *   unsupported    the first error is "not supported yet: …"
 *   crash          no JSON on stdout, an unexpected exit status, or an error without a location
 *   timeout        still running `--timeout` + 10 s after it started (the CLI's own limit failed)
 *
 * A folder whose path contains `should_fail` expects rejection (a located error
 * that is not "not supported yet"); any other folder expects acceptance. The
 * "as expected" column counts files that met their folder's expectation.
 * `--eval-tests auto` (the default) evaluates `test…` booleans in folders whose
 * path contains `evaluator` (libcspm's convention); `always` does it everywhere.
 *
 * Stages, as libcspm's own harness (tests/Main.hs) checks each of its folders:
 * a file is first classified at its folder's stage (`csp check --stage S`), then
 * again through the whole pipeline (parse, types, evaluation, assertions), and
 * the table shows both "as expected" columns. `--stage auto` (the default)
 * picks the stage from a folder named after a libcspm section anywhere in the
 * file's path: `parser` → parse, `prettyprinter` → print (parse, pretty-print,
 * parse again, same AST), `typechecker` and `desugar` → types, anything else
 * (`evaluator`, a corpus of real scripts) → all. `--stage-only` skips the
 * second, whole-pipeline run.
 *
 * Exit status: 0 when it ran (whatever the results), 2 on bad usage.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CSP = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'csp.mjs');
/** Assertion errors that only mean "undecided within the budget" (state, time limit, cancelled). */
const LIMIT_CODES = new Set(['CSP4001', 'CSP4002', 'CSP4003']);
const GRACE_SECONDS = 10;
const STAGES = ['parse', 'print', 'types', 'all'];
/** libcspm's test sections and the stage its harness checks each one up to. */
const SECTION_STAGE = { parser: 'parse', prettyprinter: 'print', typechecker: 'types', desugar: 'types' };

function usage(message) {
  process.stderr.write(`cspm-corpus: ${message}\n`);
  process.stderr.write(
    'usage: node scripts/cspm-corpus.mjs [--timeout S] [--jobs N] [--eval-tests auto|always|never]\n' +
      '       [--stage auto|parse|print|types|all] [--stage-only] [--failures] [--json FILE] DIR...\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    timeout: 20,
    jobs: 1,
    evalTests: 'auto',
    stage: 'auto',
    stageOnly: false,
    failures: false,
    json: undefined,
    dirs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--timeout') opts.timeout = Number(value());
    else if (a === '--jobs') opts.jobs = Number(value());
    else if (a === '--eval-tests') opts.evalTests = value();
    else if (a === '--stage') opts.stage = value();
    else if (a === '--stage-only') opts.stageOnly = true;
    else if (a === '--failures') opts.failures = true;
    else if (a === '--json') opts.json = value();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else opts.dirs.push(a);
  }
  if (!(opts.timeout > 0)) usage('--timeout must be a positive number of seconds');
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) usage('--jobs must be a positive integer');
  if (!['auto', 'always', 'never'].includes(opts.evalTests)) usage('--eval-tests is auto, always or never');
  if (opts.stage !== 'auto' && !STAGES.includes(opts.stage)) usage('--stage is auto, parse, print, types or all');
  if (opts.dirs.length === 0) usage('give at least one folder');
  return opts;
}

/** Every `.csp` file under `dir`, sorted, with the folder it belongs to (relative to `root`'s parent). */
function collect(dir, root, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    usage(`cannot read ${dir}: ${e.message}`);
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) collect(path, root, out);
    else if (e.isFile() && e.name.endsWith('.csp')) out.push({ path, folder: relative(dirname(root), dir) || '.' });
  }
  return out;
}

/** The stage a file is classified at: given, or by the libcspm section folder in its path below DIR's parent. */
function stageOf(file, opts) {
  if (opts.stage !== 'auto') return opts.stage;
  // Only the folders from the given DIR down: a corpus kept under some `parser/` folder is not a parser section.
  const sections = file.folder.split(/[\\/]/).filter((part) => part in SECTION_STAGE);
  return sections.length > 0 ? SECTION_STAGE[sections[sections.length - 1]] : 'all';
}

/** The file at its stage, then (unless --stage-only, or the stage is already everything) through the whole pipeline. */
async function runFile(file, opts) {
  const stage = stageOf(file, opts);
  const atStage = await runOne(file, opts, stage);
  const full = stage === 'all' ? atStage : opts.stageOnly ? undefined : await runOne(file, opts, 'all');
  return {
    ...file,
    stage,
    ...atStage,
    full: full === undefined ? undefined : { outcome: full.outcome, message: full.message, seconds: full.seconds },
  };
}

function runOne(file, opts, stage) {
  const evalTests =
    stage === 'all' && (opts.evalTests === 'always' || (opts.evalTests === 'auto' && /evaluator/.test(file.path)));
  const args = [
    CSP,
    'check',
    '--json',
    '--timeout',
    String(opts.timeout),
    ...(stage === 'all' ? [] : ['--stage', stage]),
    ...(evalTests ? ['--eval-tests'] : []),
    file.path,
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      (opts.timeout + GRACE_SECONDS) * 1000,
    );
    const started = Date.now();
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({
        seconds: (Date.now() - started) / 1000,
        ...classify({ code, signal, stdout, stderr, timedOut }),
      });
    });
  });
}

function at(x) {
  return x && x.line > 0 ? `${x.line}:${x.column}` : '';
}

function classify({ code, signal, stdout, stderr, timedOut }) {
  if (timedOut) return { outcome: 'timeout', message: `killed after the --timeout grace period` };
  const firstStderr = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { outcome: 'crash', message: `exit ${code ?? signal}, no JSON output: ${firstStderr}` };
  }
  if (![0, 1, 2].includes(code)) return { outcome: 'crash', message: `exit ${code ?? signal}: ${firstStderr}` };
  const errors = report.errors ?? [];
  if (errors.length > 0) {
    const e = typeof errors[0] === 'string' ? { message: errors[0] } : errors[0];
    if (/^not supported yet/.test(e.message))
      return { outcome: 'unsupported', message: `${at(e)} ${e.code}: ${e.message}` };
    if (!(e.line > 0)) return { outcome: 'crash', message: `error without a location: ${e.message}` };
    return { outcome: 'rejected', message: `${at(e)} ${e.code}: ${e.message}` };
  }
  const badAssertion = (report.assertions ?? []).find((a) => a.result === 'error' && !LIMIT_CODES.has(a.error?.code));
  if (badAssertion) {
    const e = badAssertion.error ?? { message: 'error without details' };
    const outcome = /^not supported yet/.test(e.message) ? 'unsupported' : e.line > 0 ? 'rejected' : 'crash';
    return { outcome, message: `${at(e)} ${e.code}: assertion ${badAssertion.index}: ${e.message}` };
  }
  const badTest = (report.tests ?? []).find((t) => t.result !== 'true');
  if (badTest) {
    const e = badTest.error;
    const message = e
      ? `${at(e)} ${e.code}: ${badTest.name}: ${e.message}`
      : `${at(badTest)} ${badTest.name} was false`;
    return { outcome: e && /^not supported yet/.test(e.message) ? 'unsupported' : 'rejected', message };
  }
  // A valid script without assertions: `csp check` says there is nothing to check.
  if (code === 2 && /nothing to check/.test(stderr)) return { outcome: 'accepted', message: '' };
  // Accepted, with assertions left undecided by the time or state limit (exit 2 for those).
  const undecided = (report.assertions ?? []).filter((a) => a.result === 'error').length;
  if (code === 2 && undecided > 0)
    return { outcome: 'accepted', message: `${undecided} assertion(s) undecided within the limits` };
  if (code === 2) return { outcome: 'crash', message: `exit 2 without an error: ${firstStderr}` };
  return { outcome: 'accepted', message: '' };
}

const expectsFailure = (folder) => /should_fail/.test(folder);
const expected = (folder, outcome) => (expectsFailure(folder) ? outcome === 'rejected' : outcome === 'accepted');
const asExpected = (r) => expected(r.folder, r.outcome);
/** The whole pipeline met the folder's expectation (undefined with --stage-only). */
const fullAsExpected = (r) => (r.full === undefined ? undefined : expected(r.folder, r.full.outcome));

async function runAll(files, opts) {
  const results = new Array(files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      results[i] = await runFile(files[i], opts);
      if (process.stderr.isTTY)
        process.stderr.write(
          `\r${next}/${files.length} ${relative(process.cwd(), files[i].path)}`.slice(0, 120).padEnd(120),
        );
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, files.length) }, worker));
  if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(121) + '\r');
  return results;
}

const percent = (n, of) => `${n} (${of === 0 ? 0 : Math.round((100 * n) / of)}%)`;

/** Outcome counts are at each folder's stage; the last two columns compare the stage with the whole pipeline. */
function table(results) {
  const folders = [...new Set(results.map((r) => r.folder))];
  const lines = [
    '| folder | files | stage | accepted | rejected | not supported yet | crash | timeout | as expected at the stage | as expected, whole pipeline |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const folder of folders) {
    const rs = results.filter((r) => r.folder === folder);
    const count = (o) => rs.filter((r) => r.outcome === o).length;
    const stages = [...new Set(rs.map((r) => r.stage))].join(', ');
    const full = rs.some((r) => r.full === undefined)
      ? 'not run'
      : percent(rs.filter(fullAsExpected).length, rs.length);
    lines.push(
      `| ${folder} | ${rs.length} | ${stages} | ${count('accepted')} | ${count('rejected')} | ${count('unsupported')} | ${count('crash')} | ${count('timeout')} | ${percent(rs.filter(asExpected).length, rs.length)} | ${full} |`,
    );
  }
  const total = (pred) => results.filter(pred).length;
  const fullTotal = results.some((r) => r.full === undefined)
    ? 'not run'
    : percent(total(fullAsExpected), results.length);
  lines.push(`| all | ${results.length} | | | | | | | ${percent(total(asExpected), results.length)} | ${fullTotal} |`);
  return lines.join('\n');
}

const opts = parseArgs(process.argv.slice(2));
const files = opts.dirs.flatMap((d) => {
  const root = resolve(d);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) usage(`${d} is not a folder`);
  return collect(root, root, []);
});
const started = Date.now();
const results = await runAll(files, opts);
process.stdout.write(table(results) + '\n');
process.stdout.write(
  `\n${files.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s (timeout ${opts.timeout} s, ${opts.jobs} job(s))\n`,
);
const describe = (folder, outcome, message) =>
  `${expectsFailure(folder) && outcome === 'accepted' ? 'wrongly accepted' : outcome}${message ? `: ${message.trim()}` : ''}`;
const unexpected = results.filter((r) => !asExpected(r));
if (opts.failures && unexpected.length > 0) {
  process.stdout.write("\nNot as expected at the folder's stage:\n");
  for (const r of unexpected)
    process.stdout.write(`${r.folder}/${basename(r.path)} [${r.stage}]: ${describe(r.folder, r.outcome, r.message)}\n`);
}
const fullOnly = results.filter((r) => asExpected(r) && fullAsExpected(r) === false);
if (opts.failures && fullOnly.length > 0) {
  process.stdout.write('\nAs expected at the stage, not through the whole pipeline:\n');
  for (const r of fullOnly)
    process.stdout.write(`${r.folder}/${basename(r.path)}: ${describe(r.folder, r.full.outcome, r.full.message)}\n`);
}
if (opts.json !== undefined) writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
