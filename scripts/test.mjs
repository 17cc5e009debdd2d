#!/usr/bin/env node
/**
 * `npm test`: every phase CI runs, in order, each timed. All phases run even
 * when one fails (so one run shows every problem); the exit code is non-zero
 * if any failed. `--only a,b` / `--skip a,b` select phases by name.
 *
 * Phases: typecheck (root and engine tsconfigs), lint (ESLint, then Prettier --check), build (electron-vite for
 * the app; scripts/node-build.mjs for the command line, web mode and workers),
 * unit (vitest), bench (smoke sizes), e2e (scripts/chromium.mjs finds Chromium,
 * or installs Debian's package when it can; then Playwright in it, web mode).
 *
 * typecheck, lint and build depend on nothing but the sources and each is one
 * single-threaded process, so they run side by side (`sideBySide`), each
 * phase's output collected and printed whole when it ends: on CI's 2 cores
 * that saves about 40 s of a run held to 15 minutes. Lint's two steps also run
 * at once (`stepsTogether`): ESLint then Prettier in a row was the longest of
 * the three.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recapLines } from './test-recap.mjs';
import { runStep } from './test-step.mjs';
import { runUnit } from './test-unit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

const PHASES = [
  {
    name: 'typecheck',
    limitS: 600,
    sideBySide: true,
    steps: [
      [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit'],
      [bin('typescript', 'bin/tsc'), '-p', 'src/engine/tsconfig.json', '--noEmit'],
    ],
  },
  {
    name: 'lint',
    limitS: 600,
    sideBySide: true,
    // Prettier (about a third of lint's CPU) need not wait for ESLint: the two run at once.
    stepsTogether: true,
    steps: [
      [bin('eslint', 'bin/eslint.js'), '--max-warnings=0', '.'],
      [bin('prettier', 'bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'],
    ],
  },
  {
    name: 'build',
    limitS: 600,
    sideBySide: true,
    // out/node only when its sources are newer: `npm ci` has just built it (npm's prepare).
    steps: [
      [bin('electron-vite', 'bin/electron-vite.js'), 'build'],
      ['scripts/node-build.mjs', '--if-stale'],
    ],
  },
  { name: 'unit', limitS: 1500, steps: [[bin('vitest', 'vitest.mjs'), 'run']] },
  { name: 'bench', limitS: 900, steps: [['--import', 'tsx', 'bench/run.ts', '--smoke']] },
  // No browser, no e2e: the second step runs only when the first found (or installed) one.
  {
    name: 'e2e',
    limitS: 1800,
    steps: [['scripts/chromium.mjs'], [bin('@playwright/test', 'cli.js'), 'test']],
    stopAtFailure: true,
  },
];

function parseList(flag) {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : undefined;
}
const only = parseList('--only');
const skip = parseList('--skip') ?? [];
for (const name of [...(only ?? []), ...skip]) {
  if (!PHASES.some((p) => p.name === name)) {
    process.stderr.write(`unknown phase "${name}"; phases: ${PHASES.map((p) => p.name).join(', ')}\n`);
    process.exit(2);
  }
}
const selected = PHASES.filter((p) => (!only || only.includes(p.name)) && !skip.includes(p.name));

/**
 * Runs one phase's steps in order; with `output`, their lines are collected
 * there, else printed as they come and kept in the result (`chunks`) for the recap.
 */
async function runPhase(phase, output) {
  const t0 = performance.now();
  if (phase.stepsTogether && output) {
    // Each step's lines collected apart, then kept in step order, so they do not interleave.
    const outputs = phase.steps.map(() => []);
    const outcomes = await Promise.all(
      phase.steps.map((step, i) => runStep(root, step, phase.limitS, { output: outputs[i] })),
    );
    output.push(...outputs.flat());
    const ok = outcomes.every((outcome) => outcome === 'ok');
    return { name: phase.name, ok, seconds: (performance.now() - t0) / 1000, chunks: output };
  }
  const tail = output ? undefined : [];
  let ok = true;
  for (const step of phase.steps) {
    const passed =
      phase.name === 'unit'
        ? await runUnit(root, step, phase.limitS, tail)
        : (await runStep(root, step, phase.limitS, { output, tail })) === 'ok';
    ok = passed && ok;
    if (!ok && phase.stopAtFailure) break;
  }
  return { name: phase.name, ok, seconds: (performance.now() - t0) / 1000, chunks: output ?? tail };
}

const ended = (r) => `━━ ${r.name}: ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds.toFixed(1)}s\n`;

const results = [];
const started = performance.now();
const together = selected.filter((p) => p.sideBySide);
if (together.length > 0) {
  process.stdout.write(`\n━━ ${together.map((p) => p.name).join(', ')}, side by side ━━\n`);
  // Each phase is printed whole when it ends, in the order they end.
  await Promise.all(
    together.map(async (phase) => {
      const output = [];
      const result = await runPhase(phase, output);
      results.push(result);
      process.stdout.write(`\n━━ ${phase.name} ━━\n`);
      for (const chunk of output) process.stdout.write(chunk);
      process.stdout.write(ended(result));
    }),
  );
}
for (const phase of selected.filter((p) => !p.sideBySide)) {
  process.stdout.write(`\n━━ ${phase.name} ━━\n`);
  const result = await runPhase(phase);
  results.push(result);
  process.stdout.write(ended(result));
}

results.sort((a, b) => PHASES.findIndex((p) => p.name === a.name) - PHASES.findIndex((p) => p.name === b.name));
process.stdout.write('\nSummary\n');
for (const r of results)
  process.stdout.write(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)}s\n`);
process.stdout.write(`  total           ${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s\n`);
const failed = results.filter((r) => !r.ok).map((r) => r.name);
for (const r of results.filter((r) => !r.ok)) {
  process.stdout.write(`\n━━ ${r.name} failed; its telling lines again:\n`);
  for (const line of recapLines(r.chunks)) process.stdout.write(`  ${line}\n`);
}
if (failed.length > 0) {
  process.stdout.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
