#!/usr/bin/env node
/**
 * Runs `csp check --json` over every `.csp` file of one or more folder trees,
 * one child process per file with a hard time limit, and prints how many files
 * each folder accepts:
 *
 *   node scripts/cspm-corpus.mjs [--timeout S] [--jobs N] [--eval-tests auto|always|never]
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

function usage(message) {
  process.stderr.write(`cspm-corpus: ${message}\n`);
  process.stderr.write(
    'usage: node scripts/cspm-corpus.mjs [--timeout S] [--jobs N] [--eval-tests auto|always|never] [--failures] [--json FILE] DIR...\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { timeout: 20, jobs: 1, evalTests: 'auto', failures: false, json: undefined, dirs: [] };
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
    else if (a === '--failures') opts.failures = true;
    else if (a === '--json') opts.json = value();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else opts.dirs.push(a);
  }
  if (!(opts.timeout > 0)) usage('--timeout must be a positive number of seconds');
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) usage('--jobs must be a positive integer');
  if (!['auto', 'always', 'never'].includes(opts.evalTests)) usage('--eval-tests is auto, always or never');
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

function runOne(file, opts) {
  const evalTests = opts.evalTests === 'always' || (opts.evalTests === 'auto' && /evaluator/.test(file.path));
  const args = [
    CSP,
    'check',
    '--json',
    '--timeout',
    String(opts.timeout),
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
        ...file,
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
const asExpected = (r) => (expectsFailure(r.folder) ? r.outcome === 'rejected' : r.outcome === 'accepted');

async function runAll(files, opts) {
  const results = new Array(files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      results[i] = await runOne(files[i], opts);
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

function table(results) {
  const folders = [...new Set(results.map((r) => r.folder))];
  const lines = [
    '| folder | files | accepted | rejected | not supported yet | crash | timeout | as expected |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const folder of folders) {
    const rs = results.filter((r) => r.folder === folder);
    const count = (o) => rs.filter((r) => r.outcome === o).length;
    const ok = rs.filter(asExpected).length;
    const pct = rs.length === 0 ? 0 : Math.round((100 * ok) / rs.length);
    lines.push(
      `| ${folder} | ${rs.length} | ${count('accepted')} | ${count('rejected')} | ${count('unsupported')} | ${count('crash')} | ${count('timeout')} | ${ok} (${pct}%) |`,
    );
  }
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
const unexpected = results.filter((r) => !asExpected(r));
if (opts.failures && unexpected.length > 0) {
  process.stdout.write('\nNot as expected:\n');
  for (const r of unexpected) {
    const what = expectsFailure(r.folder) && r.outcome === 'accepted' ? 'wrongly accepted' : r.outcome;
    process.stdout.write(`${r.folder}/${basename(r.path)}: ${what}${r.message ? `: ${r.message.trim()}` : ''}\n`);
  }
}
if (opts.json !== undefined) writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
