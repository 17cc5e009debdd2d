/**
 * Checker vs SPIN on the same state spaces (issue 4, docs/architecture.md#performance-budgets):
 * dining philosophers with the butler at N=7 and N=8, and the pipeline of
 * N=13 one-place bit buffers. Ours: `csp`'s engine on the CSPm script (a
 * deadlock check, one thread). SPIN: the Promela twin in bench/promela,
 * `spin -o3 -a`, `gcc -O2 -DNOREDUCE -DSAFETY`, `pan -m<depth + 1%>` (its
 * own invalid-end-state check, i.e. deadlock). SPIN's count must be ours + 1
 * (its init process) or the run fails.
 *
 * Each run is its own process, wrapped in GNU time for peak RSS. Memory per
 * state = (peak RSS − peak RSS of the same command on a one-state model) ÷
 * states. Repetitions interleave ours and SPIN's; figures are medians with
 * the min–max spread.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ONE_STATE_PROMELA } from './checker/models';
import type { Benchmark } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const TIME = '/usr/bin/time';

interface Sample {
  readonly states: number;
  readonly seconds: number;
  readonly rssKb: number;
}

interface Model {
  readonly label: string;
  readonly ours: string;
  readonly pml: string;
  readonly N: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function rssOf(stderr: string): number {
  const m = /RSS (\d+)/.exec(stderr);
  if (!m) throw new Error(`no peak RSS in: ${stderr.slice(-300)}`);
  return Number(m[1]);
}

function runOurs(model: string, N: number): Sample {
  const r = spawnSync(TIME, ['-f', 'RSS %M', process.execPath, '--import', 'tsx', join(here, 'checker', 'child.ts'), model, String(N)], {
    encoding: 'utf8',
    cwd: join(here, '..'),
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`our checker failed on ${model} N=${N}: ${r.stderr.slice(-500)}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { states: number; seconds: number; result: string };
  if (model !== 'one' && out.result !== 'passed') throw new Error(`${model} N=${N} should be deadlock free, got ${out.result}`);
  return { states: out.states, seconds: out.seconds, rssKb: rssOf(r.stderr) };
}

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-500)}${r.stdout.slice(-500)}`);
  return r.stdout;
}

/** Generates and compiles pan for a model in its own folder. */
function buildPan(dir: string, pml: string, N: number | undefined): string {
  const defines = N === undefined ? [] : [`-DN=${N}`];
  sh('spin', ['-o3', ...defines, '-a', pml], dir);
  sh('gcc', ['-O2', '-DNOREDUCE', '-DSAFETY', '-o', 'pan', 'pan.c'], dir);
  return join(dir, 'pan');
}

function runPan(pan: string, depthLimit: number): Sample & { depth: number } {
  const r = spawnSync(TIME, ['-f', 'RSS %M', pan, `-m${depthLimit}`], { cwd: dirname(pan), encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`pan failed: ${r.stderr.slice(-500)}`);
  const states = /(\d+) states, stored/.exec(r.stdout);
  const depth = /depth reached (\d+)/.exec(r.stdout);
  const elapsed = /elapsed time ([\d.e+-]+) seconds/.exec(r.stdout);
  const errors = /errors: (\d+)/.exec(r.stdout);
  if (!states || !depth || !errors) throw new Error(`unexpected pan output: ${r.stdout.slice(-800)}`);
  if (Number(errors[1]) !== 0) throw new Error(`pan found errors: ${r.stdout.slice(-800)}`);
  return { states: Number(states[1]), depth: Number(depth[1]), seconds: elapsed ? Number(elapsed[1]) : 0, rssKb: rssOf(r.stderr) };
}

function haveSpin(): boolean {
  return existsSync(TIME) && spawnSync('spin', ['-V']).status === 0 && spawnSync('gcc', ['--version']).status === 0;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const bench: Benchmark = {
  id: 'checker',
  title: 'Checker vs SPIN (states/s and memory per state, one worker)',
  async run({ smoke, log }) {
    const models: Model[] = smoke
      ? [{ label: 'philosophers + butler N=3', ours: 'butler', pml: 'philosophers.pml', N: 3 }]
      : [
          { label: 'philosophers + butler N=7', ours: 'butler', pml: 'philosophers.pml', N: 7 },
          { label: 'philosophers + butler N=8', ours: 'butler', pml: 'philosophers.pml', N: 8 },
          { label: 'pipeline N=13', ours: 'pipeline', pml: 'pipeline.pml', N: 13 },
        ];
    const reps = smoke ? 1 : 5;
    const spin = haveSpin();
    if (!spin) log('SPIN, gcc or GNU time not found: reporting our figures only');
    const work = mkdtempSync(join(tmpdir(), 'csp-bench-checker-'));
    try {
      // SPIN: build every pan, find each depth once, then run with -m just above it
      const pans = new Map<string, { pan: string; m: number }>();
      let spinBase = 0;
      if (spin) {
        for (const m of models) {
          const dir = join(work, m.label.replace(/\W+/g, '-'));
          rmSync(dir, { recursive: true, force: true });
          spawnSync('mkdir', ['-p', dir]);
          const pan = buildPan(dir, join(here, 'promela', m.pml), m.N);
          // SPIN allocates its whole DFS stack up front, so grow the probe instead of starting huge
          let limit = 100_000;
          let probe = runPan(pan, limit);
          while (probe.depth >= limit - 1) {
            limit *= 4;
            probe = runPan(pan, limit);
          }
          pans.set(m.label, { pan, m: Math.ceil(probe.depth * 1.01) + 10 });
          log(`${m.label}: SPIN depth ${fmt(probe.depth)}, -m${pans.get(m.label)?.m}`);
        }
        const oneDir = join(work, 'one');
        spawnSync('mkdir', ['-p', oneDir]);
        writeFileSync(join(oneDir, 'one.pml'), ONE_STATE_PROMELA);
        const onePan = buildPan(oneDir, join(oneDir, 'one.pml'), undefined);
        spinBase = median(Array.from({ length: reps }, () => runPan(onePan, 1000).rssKb));
      }
      const oursBase = median(Array.from({ length: reps }, () => runOurs('one', 0).rssKb));
      log(`baselines (peak RSS of a one-state model): ours ${fmt(oursBase / 1024, 1)} MB, SPIN ${fmt(spinBase / 1024, 1)} MB`);

      const ours = new Map<string, Sample[]>(models.map((m) => [m.label, []]));
      const theirs = new Map<string, Sample[]>(models.map((m) => [m.label, []]));
      for (let r = 0; r < reps; r++) {
        for (const m of models) {
          const o = runOurs(m.ours, m.N);
          ours.get(m.label)?.push(o);
          let line = `rep ${r + 1} ${m.label}: ours ${fmt(o.states)} states ${o.seconds.toFixed(2)} s`;
          const p = pans.get(m.label);
          if (p !== undefined) {
            const s = runPan(p.pan, p.m);
            if (s.states !== o.states + 1) throw new Error(`${m.label}: SPIN stored ${s.states} states, ours ${o.states}; the models differ`);
            theirs.get(m.label)?.push(s);
            line += `, SPIN ${fmt(s.states)} states ${s.seconds.toFixed(2)} s`;
          }
          log(line);
        }
      }

      const rows: string[] = [];
      for (const m of models) {
        const o = ours.get(m.label) ?? [];
        const s = theirs.get(m.label) ?? [];
        const states = (o[0] as Sample).states;
        const oRate = o.map((x) => x.states / x.seconds);
        const oBytes = ((median(o.map((x) => x.rssKb)) - oursBase) * 1024) / states;
        if (s.length === 0) {
          rows.push(`| ${m.label} | ${fmt(states)} | ${fmt(median(o.map((x) => x.seconds)), 2)} | ${fmt(median(oRate))} (${fmt(Math.min(...oRate))}–${fmt(Math.max(...oRate))}) | ${fmt(oBytes, 1)} | – | – | – | – | – |`);
          continue;
        }
        const sStates = (s[0] as Sample).states;
        const sRate = s.map((x) => (x.seconds > 0 ? x.states / x.seconds : 0));
        const sBytes = ((median(s.map((x) => x.rssKb)) - spinBase) * 1024) / sStates;
        // ratios per repetition (each pair ran back to back), then their median
        const rateRatios = o.map((x, i) => (x.states / x.seconds) / ((s[i] as Sample).states / Math.max((s[i] as Sample).seconds, 1e-9)));
        rows.push(
          `| ${m.label} | ${fmt(states)} / ${fmt(sStates)} | ${fmt(median(o.map((x) => x.seconds)), 2)} | ${fmt(median(oRate))} (${fmt(Math.min(...oRate))}–${fmt(Math.max(...oRate))}) | ${fmt(oBytes, 1)} | ${fmt(median(s.map((x) => x.seconds)), 2)} | ${fmt(median(sRate))} (${fmt(Math.min(...sRate))}–${fmt(Math.max(...sRate))}) | ${fmt(sBytes, 1)} | **${fmt(median(rateRatios), 2)}×** (${fmt(Math.min(...rateRatios), 2)}–${fmt(Math.max(...rateRatios), 2)}) | **${fmt(oBytes / sBytes, 3)}×** |`,
        );
      }
      const markdown = [
        `${reps} interleaved repetitions per model, each run in its own process; medians, spread min–max. States: ours / SPIN's (SPIN's includes its init process).`,
        `Memory per state = (peak RSS − peak RSS on a one-state model) ÷ states; baselines: ours ${fmt(oursBase / 1024, 1)} MB, SPIN ${fmt(spinBase / 1024, 1)} MB.`,
        `Ours: \`csp\` engine, CSPm script, \`deadlock free [F]\`, one thread. SPIN ${spin ? '(`spin -o3 -a`, `gcc -O2 -DNOREDUCE -DSAFETY`, `pan -m<depth+1%>`)' : '(not available)'}.`,
        'Multi-worker: an assertion is explored by one thread (workers run different assertions), so there is no multi-worker figure per model.',
        '',
        '| model | states | ours s | ours states/s | ours B/state | SPIN s | SPIN states/s | SPIN B/state | states/s ratio (target ≥ 1.0) | memory ratio (target ≤ 0.25) |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n');
      return { markdown, command: smoke ? 'npm run bench -- --smoke --only checker' : 'npm run bench -- --only checker' };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
