/**
 * The unit phase of `npm test`: vitest, watched. A test file that runs past
 * FILE_LIMIT_S (none takes a minute; the slowest take seconds) is taken as
 * hung: vitest is stopped with its workers, the hung file and its test are
 * named, and the files that had not finished run once more in a new vitest.
 * The phase passes only if no file failed and the second run passes; a file
 * that hangs twice fails it. A hang that passes on the second run is printed
 * as such, to be found and fixed, never hidden.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runStep } from './test-step.mjs';

/** Seconds a test file may run (CSP_TEST_FILE_LIMIT_S overrides it, to try this runner). */
const FILE_LIMIT_S = Number(process.env.CSP_TEST_FILE_LIMIT_S) || 600;

function readState(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The reason to stop vitest, when a file has been running past the limit. */
function stuckFile(stateFile) {
  const state = readState(stateFile);
  for (const { started, test, name } of Object.values(state?.running ?? {})) {
    const s = (Date.now() - started) / 1000;
    if (s > FILE_LIMIT_S) return `${name} ran past ${FILE_LIMIT_S} s${test ? ` (in "${test}")` : ''}: it hung`;
  }
  return undefined;
}

async function watchedRun(root, args, limitS, attempt, tail) {
  const stateFile = join(tmpdir(), `csp-vitest-${process.pid}-${attempt}.json`);
  rmSync(stateFile, { force: true });
  const outcome = await runStep(root, args, limitS, {
    env: { CSP_VITEST_STATE: stateFile },
    stuck: () => stuckFile(stateFile),
    tail,
  });
  const state = existsSync(stateFile) ? readState(stateFile) : undefined;
  rmSync(stateFile, { force: true });
  return { outcome, state };
}

/** Runs vitest (`args`), and once more on the files left by a hang. True when every file passed. */
export async function runUnit(root, args, limitS, tail) {
  const t0 = Date.now();
  const first = await watchedRun(root, args, limitS, 1, tail);
  if (first.outcome !== 'stopped') return first.outcome === 'ok';
  if (first.state === undefined) return false;
  const rel = (f) => relative(root, f);
  const failed = first.state.failed.map(rel);
  const left = first.state.files.filter((f) => !first.state.done.includes(f)).map(rel);
  if (failed.length > 0) process.stderr.write(`✗ unit: failed before the hang: ${failed.join(', ')}\n`);
  process.stderr.write(
    `✗ unit: running the ${left.length} files that had not finished once more: ${left.join(', ')}\n`,
  );
  const remainingS = Math.max(300, limitS - (Date.now() - t0) / 1000);
  const second = await watchedRun(root, [...args, ...left], remainingS, 2, tail);
  const passed = second.outcome === 'ok';
  process.stderr.write(
    passed
      ? `⚠ unit: the files left by the hang passed on a second run; the hang above is a real bug to fix\n`
      : `✗ unit: the files left by the hang failed (or hung) again\n`,
  );
  return passed && failed.length === 0;
}
