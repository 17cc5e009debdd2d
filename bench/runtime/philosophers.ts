/**
 * CSP network free-run: the dining philosophers with a butler, as a workflow
 * compiles them (alphabetised parallel of PHIL(i), FORK(i), BUTLER), run by
 * the network scheduler with recording to memory (the RunLog) and snapshots on,
 * contracts off. Target: ≥ 1M events/s (docs/architecture.md#performance-budgets).
 */
import os from 'node:os';
import type { BenchOptions } from '../types';
import { alphabetisedPhilosophers } from '../../src/engine/runtime/network/philosophers';
import { networkOf } from '../../src/engine/runtime/network/network';
import { NetworkRun } from '../../src/engine/runtime/network/run';
import { fmtRate, median, settle, spread } from './measure';

export async function philosophersSection(options: BenchOptions): Promise<string> {
  const sizes = options.smoke ? [5] : [5, 50];
  const steps = options.smoke ? 20_000 : 2_000_000;
  const reps = options.smoke ? 1 : 7;
  const lines = [
    '| philosophers | components | steps per run | events/s (median, wall) | spread | events per CPU-second (median) | target ≥ 1M/s (wall) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const N of sizes) {
    const rates: number[] = [];
    const cpuRates: number[] = [];
    for (let rep = 0; rep < reps + 1; rep++) {
      const p = alphabetisedPhilosophers(N, true);
      const spec = networkOf(p.system, p.factory, p.events);
      const run = new NetworkRun(spec, { seed: rep + 1 });
      const started = performance.now();
      const cpu = process.cpuUsage();
      const stop = run.run(steps);
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      if (stop.reason !== 'steps')
        throw new Error(`philosophers(${N}) stopped early: ${stop.reason} at step ${stop.seq}`);
      if (run.log.length !== steps) throw new Error(`record holds ${run.log.length} steps, expected ${steps}`);
      if (rep > 0) {
        // the first run warms the JIT and the transition caches
        rates.push(steps / seconds);
        cpuRates.push(steps / ((used.user + used.system) / 1e6));
      }
      await settle();
    }
    const m = median(rates);
    lines.push(
      `| ${N} | ${2 * N + 1} | ${steps} | ${fmtRate(m)} | ${spread(rates)} | ${fmtRate(median(cpuRates))} | ${m >= 1e6 ? 'met' : 'MISSED'} |`,
    );
    options.log(`philosophers(${N}): ${fmtRate(m)} events/s`);
  }
  const load = os.loadavg()[0]!.toFixed(1);
  return `Seeded free run, recording every step to the in-memory run log, snapshot every 1,000 steps; each run builds a fresh factory (the first run is a warm-up). Load average at the end: ${load} on ${os.cpus().length} cores (other work on the machine slows wall-clock figures; the CPU-second column is this process's own time).\n\n${lines.join('\n')}`;
}
