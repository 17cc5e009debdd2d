/**
 * Checker vs SPIN on the same state spaces, on the user's path: dining
 * philosophers with the butler at N=7 and N=8, and the pipeline of N=13
 * one-place bit buffers. Ours: the built `csp check --json` on the CSPm
 * script (a deadlock check), with one thread and with `--workers 2`. SPIN:
 * the Promela twin in bench/promela (processes.ts has the flags). SPIN's
 * count must be ours + 1 (its init process) or the run fails.
 *
 * Every run is its own process under GNU time: wall and CPU seconds and the
 * whole process's peak RSS. Repetitions interleave the three runs of a model
 * (the order rotates), so each ratio is taken within one repetition (same
 * moment, same load) and the median of those is reported. The machine is
 * shared: the load average is written next to the figures, and the CPU
 * seconds too, which other work disturbs less than wall time.
 * Then the compression figures (checker/compression.ts).
 */
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL, SMOKE, compressionSection } from './checker/compression';
import { butlerRefusalScript, butlerScript, pipelineScript } from './checker/models';
import {
  buildPan,
  cspEntry,
  fmt,
  haveSpin,
  median,
  panDepthLimit,
  runOurs,
  runPan,
  spread,
  type OursRun,
  type Sample,
} from './checker/processes';
import type { Benchmark } from './types';

const here = dirname(fileURLToPath(import.meta.url));

interface Model {
  readonly label: string;
  readonly script: string;
  readonly pml: string;
  readonly N: number;
  /** Whether SPIN runs on it (a quick run leaves out SPIN on butler N=8: finding its depth alone takes minutes). */
  readonly spin: boolean;
  /** A refinement with no Promela twin: only in the parallel speed-up table. */
  readonly parallelOnly?: true;
}

/** Refusal testing (`[R=`) on butler N, one thread against two: SEATED(0) [R= BSYSTEM (models.ts). */
const refusalModel = (N: number): Model => ({
  label: `butler N=${N}, SEATED(0) [R= BSYSTEM`,
  script: butlerRefusalScript(N),
  pml: '',
  N,
  spin: false,
  parallelOnly: true,
});

/**
 * `CSP_BENCH_QUICK=1`: 2 repetitions, and no SPIN on butler N=8, for a loaded machine and a deadline;
 * the section says so and gives the command with the variable.
 */
const quick = process.env.CSP_BENCH_QUICK === '1';

interface Runs {
  readonly one: OursRun[];
  readonly two: OursRun[];
  readonly spin: Sample[];
}

const load = (): string => loadavg()[0]?.toFixed(1) ?? '?';
const rate = (s: Sample): number => s.states / Math.max(s.seconds, 1e-9);
const mb = (s: Sample): number => s.rssKb / 1024;
/** Per repetition a / b, then spread. */
const ratios = <S extends Sample>(a: readonly S[], b: readonly S[], f: (x: S) => number): number[] =>
  a.map((x, i) => f(x) / f(b[i] as S));

export const bench: Benchmark = {
  id: 'checker',
  title: 'Checker vs SPIN: speed, memory, parallel speed-up, compressions',
  async run({ smoke, log }) {
    const models: Model[] = smoke
      ? [
          { label: 'philosophers + butler N=3', script: butlerScript(3), pml: 'philosophers.pml', N: 3, spin: true },
          refusalModel(3),
        ]
      : [
          { label: 'philosophers + butler N=7', script: butlerScript(7), pml: 'philosophers.pml', N: 7, spin: true },
          { label: 'philosophers + butler N=8', script: butlerScript(8), pml: 'philosophers.pml', N: 8, spin: !quick },
          { label: 'pipeline N=13', script: pipelineScript(13), pml: 'pipeline.pml', N: 13, spin: true },
          refusalModel(7),
        ];
    const reps = smoke ? 1 : quick ? 2 : 3;
    const spin = haveSpin();
    if (!spin) log('SPIN, gcc or GNU time not found: reporting our figures only');
    const entry = await cspEntry();
    const work = mkdtempSync(join(tmpdir(), 'csp-bench-checker-'));
    const loadStart = load();
    try {
      const pans = new Map<string, { pan: string; m: number }>();
      const runs = new Map<string, Runs>();
      for (const m of models) {
        writeFileSync(join(work, `${m.label.replace(/\W+/g, '-')}.csp`), m.script);
        runs.set(m.label, { one: [], two: [], spin: [] });
        if (!spin || !m.spin) continue;
        const dir = join(work, m.label.replace(/\W+/g, '-'));
        mkdirSync(dir, { recursive: true });
        const pan = buildPan(dir, join(here, 'promela', m.pml), m.N);
        pans.set(m.label, { pan, m: panDepthLimit(pan) });
      }
      for (let r = 0; r < reps; r++) {
        for (const m of models) {
          const file = join(work, `${m.label.replace(/\W+/g, '-')}.csp`);
          const got = runs.get(m.label) as Runs;
          const p = pans.get(m.label);
          const jobs: (() => Promise<void>)[] = [
            async () => void got.one.push(await runOurs(entry, file, 1)),
            async () => void got.two.push(await runOurs(entry, file, 2)),
            ...(p ? [async () => void got.spin.push(runPan(p.pan, p.m))] : []),
          ];
          for (let j = 0; j < jobs.length; j++) await (jobs[(j + r) % jobs.length] as () => Promise<void>)();
          const [o, t, s] = [got.one.at(-1), got.two.at(-1), got.spin.at(-1)] as [OursRun, OursRun, Sample];
          if (s !== undefined && s.states !== (o as Sample).states + 1)
            throw new Error(
              `${m.label}: SPIN stored ${s.states} states, ours ${(o as Sample).states}; the models differ`,
            );
          if ((t as Sample).states !== (o as Sample).states)
            throw new Error(`${m.label}: 2 threads found a different count`);
          log(
            `rep ${r + 1} ${m.label} (load ${load()}): 1 thread ${o.wall.toFixed(1)} s (CPU ${o.threads.main.toFixed(1)}), 2 threads ${t.wall.toFixed(1)} s (main ${t.threads.main.toFixed(1)} + threads ${t.threads.others
              .slice(0, 2)
              .map((x) => x.toFixed(1))
              .join(' ')} CPU s)${s ? `, SPIN ${s.wall.toFixed(1)} s` : ''}`,
          );
        }
      }
      const loadEnd = load();
      const markdown = [
        ...(quick && !smoke
          ? [
              'A quick run (`CSP_BENCH_QUICK=1`): 2 repetitions, and SPIN left out on butler N=8 (its depth search alone takes minutes under load).',
              '',
            ]
          : []),
        `${reps} repetition(s) per model; in each, ours with one thread, ours with \`--workers 2\` and SPIN ran back to back (order rotating), each in its own process. Medians, spread min–max; ratios are taken within each repetition, then their median. **Load average (1 min) ${loadStart} at the start, ${loadEnd} at the end, on 2 cores shared with other work**: wall times are inflated and noisy, CPU seconds much less so.`,
        '',
        `Ours: \`node <build>/csp.js check --json [--workers 2] MODEL.csp\` (the built \`csp\` command), \`deadlock free [F]\` (and, in the parallel table only, a refusal-testing refinement \`SEATED(0) [R= BSYSTEM\`: CHAOS that never seats N philosophers at once); "check s" is the assertion's own time, "whole" the command from start to exit. SPIN ${spin ? '`spin -o3 -a`, `gcc -O2 -DNOREDUCE -DSAFETY`, `pan -m<depth+1%>`' : '(not available)'}; its states/s over pan's elapsed time. Memory: whole-process peak RSS (GNU time), nothing subtracted.`,
        '',
        '### Speed and memory against SPIN',
        '',
        '| model | states (ours / SPIN) | ours check s, 1 thread | ours states/s, 1 thread | SPIN s | SPIN states/s | states/s ratio, 1 thread | states/s ratio, 2 threads | peak RSS MB: ours 1 thread / 2 threads / SPIN | memory ratio, 1 thread (target ≤ 0.5) | memory ratio, 2 threads |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...models.filter((m) => m.parallelOnly !== true).map((m) => speedRow(m.label, runs.get(m.label) as Runs)),
        '',
        '### Parallel speed-up of one assertion (`csp check --workers 2` against one thread)',
        '',
        '| model | wall s, 1 thread | wall s, 2 threads | speed-up, wall (target ≥ 1.6) | CPU s, 1 thread (whole process) | CPU s, 2 threads (whole process) | CPU s per thread, 2 threads: main / busiest / next (each run) | speed-up, CPU accounting (target ≥ 1.6) |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...models.map((m) => parallelRow(m.label, runs.get(m.label) as Runs)),
        '',
        "CPU accounting: each thread's CPU time is sampled from /proc every 50 ms while the command runs. With one thread the check runs in the main thread; with `--workers 2` the main thread waits while a coordinating worker (partition 0) and a helper (partition 1) search. The speed-up by CPU accounting is the one-thread run's main-thread CPU over (main thread + busiest worker thread) of the two-thread run: the wall time each would take with a quiet core per thread. It leaves out the threads' idle wait for each other at the end of a layer. Wall-clock speed-up needs a quiet machine: this one schedules by session (autogroup), so a command's threads share their session's slice of the 2 cores and a second thread gains wall time only when the session gets more than one core.",
        '',
        await compressionSection(entry, work, smoke ? SMOKE : FULL, log),
      ].join('\n');
      return {
        markdown,
        command: smoke
          ? 'npm run bench -- --smoke --only checker'
          : `${quick ? 'CSP_BENCH_QUICK=1 ' : ''}npm run bench -- --only checker`,
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

function speedRow(label: string, r: Runs): string {
  const o = r.one[0] as Sample;
  const mem = `${fmt(median(r.one.map(mb)))} / ${fmt(median(r.two.map(mb)))} / ${r.spin.length ? fmt(median(r.spin.map(mb))) : '–'}`;
  if (r.spin.length === 0)
    return `| ${label} | ${fmt(o.states)} | ${spread(
      r.one.map((x) => x.seconds),
      2,
    )} | ${fmt(median(r.one.map(rate)))} | – | – | – | – | ${mem} | – | – |`;
  const s = r.spin[0] as Sample;
  return [
    label,
    `${fmt(o.states)} / ${fmt(s.states)}`,
    spread(
      r.one.map((x) => x.seconds),
      2,
    ),
    fmt(median(r.one.map(rate))),
    spread(
      r.spin.map((x) => x.seconds),
      2,
    ),
    fmt(median(r.spin.map(rate))),
    `**${spread(ratios(r.one, r.spin, rate), 2, '×')}**`,
    spread(ratios(r.two, r.spin, rate), 2, '×'),
    mem,
    `**${spread(ratios(r.one, r.spin, mb), 2, '×')}**`,
    spread(ratios(r.two, r.spin, mb), 2, '×'),
  ]
    .join(' | ')
    .replace(/^/, '| ')
    .concat(' |');
}

function parallelRow(label: string, r: Runs): string {
  const inverse = (f: (x: OursRun) => number) => (x: OursRun) => 1 / f(x);
  const threads = (x: OursRun): string =>
    [x.threads.main, ...x.threads.others.slice(0, 2)].map((c) => c.toFixed(1)).join(' / ');
  return [
    label,
    spread(
      r.one.map((x) => x.wall),
      2,
    ),
    spread(
      r.two.map((x) => x.wall),
      2,
    ),
    `**${spread(
      ratios(
        r.two,
        r.one,
        inverse((x) => x.wall),
      ),
      2,
      '×',
    )}**`,
    spread(
      r.one.map((x) => x.cpu),
      2,
    ),
    spread(
      r.two.map((x) => x.cpu),
      2,
    ),
    r.two.map(threads).join('; '),
    `**${spread(
      ratios(
        r.two,
        r.one,
        inverse((x) => x.quietCpu),
      ),
      2,
      '×',
    )}**`,
  ]
    .join(' | ')
    .replace(/^/, '| ')
    .concat(' |');
}
