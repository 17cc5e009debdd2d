/**
 * Start-up of the `csp` command: `csp --help` and `csp check` of a small
 * script (25 assertions, each a few states), as users run them (bin/csp.mjs,
 * the JavaScript build) next to the TypeScript sources through tsx (the way
 * bin/csp.mjs ran before the build existed). Runs are interleaved so load on
 * the machine hits both alike; each figure is the median wall time of the
 * runs, with the fastest and slowest. `node -e 0` is Node's own start-up, the floor.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './types';

const root = join(import.meta.dirname, '..');
const script = 'bench/startup/small.csp';
const TARGETS = { help: 0.3, check: 0.5 };

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  readonly target?: number;
}

const CASES: readonly Case[] = [
  { label: '`node -e 0` (Node alone)', args: ['-e', '0'] },
  { label: '`csp --help`, built', args: ['bin/csp.mjs', '--help'], target: TARGETS.help },
  { label: '`csp --help`, sources through tsx', args: ['--import', 'tsx', 'src/main/cli/main.ts', '--help'] },
  { label: `\`csp check ${script}\`, built`, args: ['bin/csp.mjs', 'check', script], target: TARGETS.check },
  {
    label: `\`csp check ${script}\`, sources through tsx`,
    args: ['--import', 'tsx', 'src/main/cli/main.ts', 'check', script],
  },
];

interface Sample {
  readonly wall: number;
  /** User + system CPU seconds (from GNU time); NaN where it is not installed. */
  readonly cpu: number;
}

const GNU_TIME = '/usr/bin/time';
const cpuFile = join(tmpdir(), `csp-startup-bench-${process.pid}.txt`);

/** One run: wall seconds, and CPU seconds through GNU time; a failing command fails the benchmark. */
function timeOnce(c: Case): Sample {
  const [command, args] = existsSync(GNU_TIME)
    ? [GNU_TIME, ['-o', cpuFile, '-f', '%U %S', process.execPath, ...c.args]]
    : [process.execPath, [...c.args]];
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${c.label} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const cpu = existsSync(GNU_TIME)
    ? readFileSync(cpuFile, 'utf8')
        .trim()
        .split(/\s+/)
        .map(Number)
        .reduce((a, b) => a + b, 0)
    : NaN;
  return { wall, cpu };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

export const bench: Benchmark = {
  id: 'startup',
  title: 'Start-up of the csp command (built JavaScript vs. tsx)',
  async run({ smoke, log }) {
    const runs = smoke ? 1 : 15;
    // Warm-up: builds out/node when it is stale and fills tsx's compile cache, so neither is timed
    // (the smoke run only proves every command works).
    if (!smoke) for (const c of CASES) timeOnce(c);
    const loadBefore = loadavg()[0] ?? 0;
    const samples = new Map<Case, Sample[]>(CASES.map((c) => [c, []]));
    try {
      for (let i = 0; i < runs; i++) {
        for (const c of CASES) samples.get(c)?.push(timeOnce(c));
        if (!smoke) log(`round ${i + 1}/${runs}`);
      }
    } finally {
      rmSync(cpuFile, { force: true });
    }
    const loadAfter = loadavg()[0] ?? 0;
    const rows = CASES.map((c) => {
      const wall = (samples.get(c) ?? []).map((s) => s.wall);
      const m = median(wall);
      const cpu = median((samples.get(c) ?? []).map((s) => s.cpu));
      const target = c.target === undefined ? '' : `< ${c.target.toFixed(1)} s: ${m < c.target ? 'met' : 'NOT met'}`;
      return `| ${c.label} | ${m.toFixed(3)} | ${Math.min(...wall).toFixed(3)}–${Math.max(...wall).toFixed(3)} | ${Number.isNaN(cpu) ? '–' : cpu.toFixed(2)} | ${target} |`;
    });
    const markdown = [
      smoke
        ? 'Smoke run: one run of each, no warm-up (it only proves every command works).'
        : `${runs} runs of each, interleaved, after one warm-up run (tsx's compile cache warm, out/node built).`,
      `Load average (1 min) ${loadBefore.toFixed(2)} at the start, ${loadAfter.toFixed(2)} at the end: on a shared machine the wall times`,
      'grow with the load; CPU time (user + system, from GNU time) much less so.',
      '',
      '| command | median wall s | fastest–slowest s | median CPU s | target (wall) |',
      '| --- | ---: | ---: | ---: | --- |',
      ...rows,
    ].join('\n');
    return { markdown, command: 'npm run bench -- --only startup' };
  },
};
