/**
 * Free-run speed of a run started from the studio: the host's RunService (a
 * worker thread runs the network, the host thread records every step to a real
 * SQLite store and streams it to a subscriber, as it does for the studio's
 * trace). The subscriber serialises each event to JSON, as the session does
 * before the WebSocket; no browser.
 *
 * CSP_BENCH_BASELINE=<dir> measures another checkout too (a `git worktree` of
 * an older commit, node_modules linked), interleaved with this one, so a change
 * to the path is measured before and after on the same machine at the same load.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { performance as perf } from 'node:perf_hooks';
import type { Benchmark, BenchResult } from './types';
import type { RunService } from '../src/main/runtime/service';
import type { openStore } from '../src/main/store';

const root = join(import.meta.dirname, '..');

interface Workload {
  readonly name: string;
  readonly file: string;
  readonly steps: number;
}

interface Tree {
  readonly label: string;
  readonly dir: string;
}

interface Sample {
  readonly wall: number;
  readonly cpu: number;
  readonly hostBusy: number;
}

type RunServiceCtor = typeof RunService;
type OpenStore = typeof openStore;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const rate = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(Math.round(n));

async function measure(tree: Tree, w: Workload): Promise<Sample> {
  const { RunService: Service } = (await import(pathToFileURL(join(tree.dir, 'src/main/runtime/service.ts')).href)) as {
    RunService: RunServiceCtor;
  };
  const { openStore: open } = (await import(pathToFileURL(join(tree.dir, 'src/main/store/index.ts')).href)) as {
    openStore: OpenStore;
  };
  const dir = mkdtempSync(join(os.tmpdir(), 'csp-bench-studio-'));
  const store = open({ dataDir: dir, role: 'cli' });
  const service = new Service(() => store);
  try {
    const text = readFileSync(w.file, 'utf8');
    const started = await service.start({ text, name: w.file.split('/').pop()!, kind: 'workflow', seed: 1 });
    let streamed = 0;
    let bytes = 0;
    // The studio's subscription: every event serialised as the session sends it.
    service.subscribe(started.runId, 0, {
      event: (seq, data) => {
        bytes += JSON.stringify({ subscription: 1, seq, data }).length;
        const d = data as { type: string; steps?: unknown[] };
        if (d.type === 'steps') streamed += d.steps!.length;
      },
      gap: () => {
        throw new Error('the subscriber lost events');
      },
    });
    const elu0 = perf.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const done = await service.call(started.runId, { cmd: 'run', maxSteps: w.steps });
    await service.stop(started.runId);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const elu = perf.eventLoopUtilization(elu0);
    if (done.stop.seq !== w.steps) throw new Error(`${w.name}: stopped at ${done.stop.seq} (${done.stop.reason})`);
    const stored = store.runs.get(started.storeRunId!).eventCount;
    if (stored !== w.steps) throw new Error(`${tree.label}, ${w.name}: the store holds ${stored} of ${w.steps} steps`);
    if (streamed < w.steps) throw new Error(`${tree.label}, ${w.name}: ${streamed} of ${w.steps} steps streamed`);
    void bytes;
    return { wall, cpu: (cpu.user + cpu.system) / 1e6, hostBusy: elu.active / 1000 };
  } finally {
    await service.stopAll();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The checkout's commit, marked when its files differ from it (a change being measured before its commit). */
function commitOf(dir: string): string {
  try {
    const head = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();
    return changed === '' ? head : `${head} + uncommitted changes`;
  } catch {
    return 'unknown';
  }
}

export const bench: Benchmark = {
  id: 'studio-run',
  title: 'Free-run of a run started from the studio: worker → host → store and stream',
  async run({ smoke, log }): Promise<BenchResult> {
    const reps = smoke ? 1 : 3;
    const baseline = process.env.CSP_BENCH_BASELINE;
    const trees: Tree[] = [
      ...(baseline !== undefined && !smoke
        ? [{ label: `before (${commitOf(baseline)})`, dir: resolve(baseline) }]
        : []),
      { label: `this tree (${commitOf(root)})`, dir: root },
    ];
    const workloads: Workload[] = [
      {
        name: 'dining philosophers with a butler',
        file: join(root, 'resources/examples/dining-philosophers-butler.yaml'),
        steps: smoke ? 2000 : 500_000,
      },
      {
        name: 'sensor alerts (JSON payloads, timer, contracts)',
        file: join(root, 'resources/examples/sensor-alerts.yaml'),
        steps: smoke ? 500 : 50_000,
      },
    ];
    const rows: string[] = [];
    for (const w of workloads) {
      const samples = new Map<string, Sample[]>(trees.map((t) => [t.label, []]));
      // Interleaved: the load changes between repetitions, not between trees.
      for (let r = 0; r < reps; r++) for (const t of trees) samples.get(t.label)!.push(await measure(t, w));
      for (const t of trees) {
        const s = samples.get(t.label)!;
        const wall = median(s.map((x) => w.steps / x.wall));
        const cpu = median(s.map((x) => w.steps / x.cpu));
        const host = median(s.map((x) => (x.hostBusy * 1e6) / w.steps));
        log(
          `${w.name}, ${t.label}: ${rate(wall)} events/s, ${rate(cpu)} per CPU-second, host thread ${host.toFixed(2)} µs/step`,
        );
        rows.push(
          `| ${w.name} | ${t.label} | ${w.steps.toLocaleString('en-US')} | **${rate(wall)}** | ${rate(cpu)} | ${host.toFixed(2)} µs |`,
        );
      }
    }
    const load = os.loadavg()[0]!.toFixed(1);
    const markdown = [
      `\`RunService\` (src/main/runtime/service.ts) with a real store: \`start\` the example (seed 1), one free run of N steps (\`run\`, as \`run.continue\` sends it), \`stop\`; every step recorded and checked in the store, and streamed to one subscriber that JSON-serialises every event as the session does. ${reps} repetitions, interleaved, medians. Events per CPU-second count the whole process (worker and host threads); host thread is the host event loop's busy time per step (recording, streaming), from \`perf.eventLoopUtilization()\`.`,
      '',
      `Load average when written: ${load} on ${os.cpus().length} cores (shared with other work: wall rates fall with the load; read the ratio between rows measured together).`,
      '',
      '| workflow | code | steps | events/s (wall) | events per CPU-second | host thread per step |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      "Runs started from the studio record through the same path as `csp run`: the worker sends its steps as columns (src/main/runtime/step-batch.ts: a shape key, branch and virtual time per step, each (event, process) shape whole once, steps with payloads or outside values whole), and the host writes them with `StepRecorder` into the store's blocks (`RunWriter.appendStep`, cached shape ids). Before (a4d8a14 and earlier) the worker posted a StepInfo object per step and the host wrote each as a record through `RunWriter.append` (its shape looked up by text). In the sensor example most steps carry a payload or outside values, so they are sent and written whole either way (no gain there; the difference is within the noise of a loaded machine).",
    ].join('\n');
    return {
      markdown,
      command: `${baseline !== undefined ? 'CSP_BENCH_BASELINE=<worktree of the older commit> ' : ''}npm run bench -- --only studio-run`,
    };
  },
};
