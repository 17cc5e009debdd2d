/**
 * Free-run speed on the path users take: a workflow file → compiled network
 * (contracts of built-ins monitored) → run freely with a seed → every step
 * recorded to the store and printed as `csp run` prints it.
 *
 * In process: `runFile` (what `csp run` calls), split into what each part
 * adds: the run alone, + recording to a real SQLite store, + the printed lines
 * (StepLines into a buffer that is dropped, as /dev/null would). Start-up is
 * not included; loading and compiling the workflow is.
 * End to end: the `csp` command itself (bin/csp.mjs, the built JavaScript) in
 * a child process, recording to a data folder used once before (as a user's
 * is), its stdout read through a pipe; start-up included, and measured alone
 * with a 10-step run. CPU time is the child's user + system (bash `time`).
 *
 * The machine may be shared: wall rates then fall with the load, so CPU-second
 * rates are reported beside them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Benchmark, BenchResult } from './types';
import { openStore } from '../src/main/store';
import { runFile } from '../src/main/runtime/cli-run';
import { ByteOut, StepLines } from '../src/main/runtime/step-lines';
import { largeWorkflowYaml } from './workflow/gen-large';

const root = join(import.meta.dirname, '..');

interface Workload {
  readonly name: string;
  readonly file: string;
  readonly steps: number;
}

type Mode = 'run' | 'record' | 'record+print';

interface Sample {
  readonly steps: number;
  readonly wall: number;
  readonly cpu: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const rate = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(Math.round(n));

async function inProcess(w: Workload, mode: Mode): Promise<Sample> {
  const dir = mkdtempSync(join(os.tmpdir(), 'csp-bench-path-'));
  const store = mode === 'run' ? undefined : openStore({ dataDir: dir, role: 'cli' });
  const out = new ByteOut((_bytes, release) => release());
  let lines: StepLines | undefined;
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await runFile(w.file, {
      steps: w.steps,
      seed: 1,
      ...(store !== undefined ? { store } : {}),
      log: () => {},
      onSteps: (run, from, to) => {
        if (mode !== 'record+print') return;
        lines ??= new StepLines(String(w.steps).length);
        lines.write(run, from, to, out);
      },
    });
    out.flush();
    const wall = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu0);
    if (!result.ok) throw new Error(`${w.name}: ${result.errors.join('; ')}`);
    if (result.seq !== w.steps) throw new Error(`${w.name}: stopped after ${result.seq} steps (${result.outcome})`);
    if (store !== undefined && store.runs.get(result.runId!).eventCount !== w.steps)
      throw new Error(`${w.name}: the store holds ${store.runs.get(result.runId!).eventCount} steps`);
    return { steps: result.seq, wall, cpu: (used.user + used.system) / 1e6 };
  } finally {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `csp run FILE --steps N` into data folder `dir`, stdout read through a pipe and dropped. */
async function endToEnd(w: Workload, dir: string, steps = w.steps): Promise<Sample & { bytes: number }> {
  const args = [join(root, 'bin/csp.mjs'), '--data-dir', dir, 'run', w.file, '--steps', String(steps)];
  const t0 = performance.now();
  const child = spawn('bash', ['-c', 'TIMEFORMAT="__cpu %3U %3S"; time node "$@" 2>/dev/null', 'bash', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let bytes = 0;
  let last = '';
  child.stdout.on('data', (b: Buffer) => {
    bytes += b.length;
    last = (last + b.toString('utf8')).slice(-200);
  });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wall = (performance.now() - t0) / 1000;
  const m = /__cpu ([\d.]+) ([\d.]+)/.exec(err);
  if (code !== 0 || m === null) throw new Error(`csp run ${w.file} exited ${code}: ${err.trim()}`);
  if (!last.includes(`stopped after ${steps} steps`)) throw new Error(`csp run ${w.file} ended: ${last.trim()}`);
  return { steps, wall, cpu: Number(m[1]) + Number(m[2]), bytes };
}

/**
 * A data folder as a user's is after the first `csp run` (store created and migrated, audit key
 * made): one step run into it before the measured runs, so they do not count a first use.
 */
async function usedDataDir(w: Workload): Promise<string> {
  const dir = mkdtempSync(join(os.tmpdir(), 'csp-bench-path-'));
  await endToEnd(w, dir, 1);
  return dir;
}

/** Written by hand from profiles (not measured by this benchmark): kept with the section so a rerun keeps it. */
export const WHERE_THE_TIME_GOES = [
  '### Where `csp run` spends its CPU (profiles of 2026-12-07, load 6-15)',
  '',
  "Profiled on the butler example, 1M steps: `node --cpu-prof bin/csp.mjs --data-dir DIR run resources/examples/dining-philosophers-butler.yaml --steps 1000000 > /dev/null` (and `| cat > /dev/null`), page faults with `perf stat -e page-faults` and `perf record -e page-faults -g`, allocations with V8's sampling heap profiler (objects a scavenge collects included).",
  '',
  '- Start-up and fixed costs, about 0.45 CPU-s at load 6 (`csp --help` alone: 0.13): loading and compiling the modules (~0.1 s; Node 20 keeps no code cache for ES modules); reading the workflow (the YAML parse and schema check in libraries not yet compiled by the JIT, ~0.08 s; its CSPm parsed and checked, then compiled to the network and evaluated, ~0.08 s); opening the store (~0.07 s); the check of `bin/csp.mjs` that the build is not older than the sources (one stat per source file, ~0.03 s).',
  '- The steps, about 0.8 CPU-s per million: the engine (~0.4: the enabled-event set kept sorted as components move), recording (~0.2: blocks, zone map, SQLite commits), printing 38 MB of lines (~0.1), then GC and page faults.',
  '',
  'Cut in this round, with the printed lines (text and `--json`) and the stored runs (block rows, shapes, zone map, run totals) byte-identical on 8 runs of the examples:',
  '',
  '| cost found | change | effect |',
  '| --- | --- | --- |',
  "| the audit key's public key derived by @noble/curves in every process (a run start is an audited write), its base-point tables built on first use | derived by OpenSSL through node:crypto (same 32 bytes) | ~0.08 CPU-s of start-up at load 3 |",
  "| ~300 bytes of garbage per step: a synchronised event's two scratch arrays cut to length 0 and pushed (V8 drops the backing store at length 0) | written by index | 388 → 84 MB allocated per million steps |",
  "| page faults: the run log's branch and time columns (16 of its 24 bytes a step, zero for most runs) grown by doubling; 38 new 1 MB output buffers (the lines of `--steps 1000000` wait until the width is known, then were written in one loop that never let stdout give a buffer back) | columns made at the first non-zero value; lines printed in slices with a turn of the event loop, buffers filled again once written | 35.7k → 19.8k page faults per million steps, 0.1-0.2 s less system time |",
  "| a call per step into the store's writer (checks and bookkeeping per step) | plain steps handed over as columns, 4,096 a call | |",
  "| each new block's 1,024 steps counted twice (zone map, per-second counts) | counted once | |",
  "| a workflow's CSPm evaluated twice: by validation (to place errors in the YAML) and when the network is built | evaluated once, when the network is built; the file is read again with full validation only if that fails, so errors are placed as before | ~0.03 CPU-s at load 6-9 (within the noise of the 10-step runs) |",
  '',
  "Before (2aa4568) and after, interleaved, 3 runs each, `csp run` into a data folder used once, stdout through a pipe (medians): at load 6-7, 1M butler steps 1.78 → 1.25 CPU-s (562k → 800k events per CPU-second), 10 steps 0.59 → 0.47 CPU-s; again at load 9 with the CSPm evaluated once, 1.79 → 1.21 CPU-s (559k → 826k), 10 steps 0.57 → 0.48 CPU-s. Not done yet: start-up (above), the engine's enabled set, and the sensor example, whose steps mostly carry JSON payloads and outside values and take the full path (a record object, JSON text) when recorded.",
];

export const bench: Benchmark = {
  id: 'runtime-path',
  title: "Free-run on the user's path: workflow file → store (`csp run`)",
  async run({ smoke, log }): Promise<BenchResult> {
    const reps = smoke ? 1 : 3;
    const loadAtStart = os.loadavg()[0]!.toFixed(1);
    const largeDir = mkdtempSync(join(os.tmpdir(), 'csp-bench-large-'));
    const large = join(largeDir, 'large.yaml');
    const nodes = smoke ? 100 : 1000;
    writeFileSync(large, largeWorkflowYaml({ nodes }));
    const workloads: Workload[] = [
      {
        name: 'dining philosophers with a butler (resources/examples, YAML)',
        file: join(root, 'resources/examples/dining-philosophers-butler.yaml'),
        steps: smoke ? 2000 : 1_000_000,
      },
      {
        name: 'sensor alerts (built-ins, each under its generated contract; timer, JSON payloads)',
        file: join(root, 'resources/examples/sensor-alerts.yaml'),
        steps: smoke ? 500 : 100_000,
      },
      {
        name: `generated ring of ${nodes} CSP nodes with chords (bench/workflow/gen-large.ts)`,
        file: large,
        steps: smoke ? 2000 : 1_000_000,
      },
    ];
    const rows: string[] = [];
    const verdicts: string[] = [];
    const verdict = (what: string, perCpu: number): void => {
      verdicts.push(`- ${what}: ${rate(perCpu)}: ${perCpu >= 1e6 ? 'met' : 'NOT met'}`);
    };
    try {
      await measureAll();
    } finally {
      rmSync(largeDir, { recursive: true, force: true });
    }
    async function measureAll(): Promise<void> {
      for (const w of workloads) {
        for (const mode of ['run', 'record', 'record+print'] as const) {
          const samples: Sample[] = [];
          for (let r = 0; r < reps; r++) samples.push(await inProcess(w, mode));
          const wall = median(samples.map((s) => s.steps / s.wall));
          const cpu = median(samples.map((s) => s.steps / s.cpu));
          log(`${w.name}, ${mode}: ${rate(wall)} events/s wall, ${rate(cpu)} per CPU-second`);
          if (mode === 'record+print') verdict(`${w.name}, in process, recorded and printed`, cpu);
          rows.push(
            `| ${w.name} | in process: ${mode === 'run' ? 'run only' : mode === 'record' ? '+ recorded to the store' : '+ recorded + lines printed'} | ${w.steps.toLocaleString('en-US')} | ${rate(wall)} | ${median(samples.map((s) => s.wall)).toFixed(2)} s | ${rate(cpu)} |`,
          );
        }
        const dir = await usedDataDir(w);
        const samples: (Sample & { bytes: number })[] = [];
        const startUps: Sample[] = [];
        try {
          for (let r = 0; r < reps; r++) {
            samples.push(await endToEnd(w, dir));
            startUps.push(await endToEnd(w, dir, 10));
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        const wall = median(samples.map((s) => s.steps / s.wall));
        const cpu = median(samples.map((s) => s.steps / s.cpu));
        const startUp = median(startUps.map((s) => s.cpu));
        log(
          `${w.name}, csp run: ${rate(wall)} events/s wall, ${rate(cpu)} per CPU-second (10 steps: ${startUp.toFixed(2)} CPU-s)`,
        );
        verdict(`${w.name}, \`csp run\` end to end`, cpu);
        rows.push(
          `| ${w.name} | **\`csp run\`** (start-up included; ${(samples[0]!.bytes / 1e6).toFixed(0)} MB of output through a pipe) | ${w.steps.toLocaleString('en-US')} | **${rate(wall)}** | ${median(samples.map((s) => s.wall)).toFixed(2)} s | **${rate(cpu)}** |`,
          `| ${w.name} | \`csp run --steps 10\` (start-up and the run's fixed costs: ${startUp.toFixed(2)} CPU-s) | 10 | | ${median(startUps.map((s) => s.wall)).toFixed(2)} s | |`,
        );
      }
    }
    const load = `${loadAtStart} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`;
    const markdown = [
      `Seed 1, ${reps} repetitions each, medians. In process: \`runFile\` (src/main/runtime/cli-run.ts), loading and compiling the workflow included, start-up not. \`csp run\`: \`node bin/csp.mjs --data-dir DIR run FILE --steps N\` (the built JavaScript), recorded to the store in DIR, a data folder used once before (store made and migrated, audit key made: a first use is not counted), stdout read through a pipe; CPU time is the process's user + system time (bash \`time\`). The 10-step rows are the start-up and a run's fixed costs alone (loading the modules, reading and compiling the workflow, opening and closing the store). Contracts: the built-ins of sensor alerts run under their generated contracts, monitored at every step; the other two have CSP nodes only (their behaviour is the contract).`,
      '',
      `Load average (1 min) ${load}, on ${os.cpus().length} cores. On a shared machine the wall rates fall with the load; the CPU-second column (the process's own user + system time) is what the work costs, close to the wall rate of a quiet machine (one thread does everything), though contention inflates it too.`,
      '',
      '| workflow | path | steps | events/s (wall) | wall | events per CPU-second |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      'Target: ≥ 1M events/s on this path (issue: the butler example recorded to the store took 7.5 s for 1M steps, about 133k events/s, through tsx). Per CPU-second:',
      ...verdicts,
      '',
      ...WHERE_THE_TIME_GOES,
    ].join('\n');
    return { markdown, command: 'npm run bench -- --only runtime-path' };
  },
};
