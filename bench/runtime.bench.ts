/**
 * Runtime benchmark: our channel library (src/engine/runtime/lib) against the
 * npm peers medium, js-csp, @thi.ng/csp and ts-chan on five workloads, each
 * peer checked by its own results and by the two-consumer select probe.
 * Repetitions are paired rounds: each peer runs next to a run of ours, and the
 * verdict is the median of the per-round ratios (see runtime/rounds.ts).
 */
import os from 'node:os';
import type { Benchmark, BenchOptions, BenchResult } from './types';
import { asyncPeers } from './runtime/peers';
import { jsCspSelectProbe, runJsCsp } from './runtime/jscsp';
import { fmtRate, median, settle, spread, withDeadline } from './runtime/measure';
import { philosophersSection } from './runtime/philosophers';
import {
  againstFastestPerRound,
  medianRatioPerRound,
  roundOrder,
  type PairedRates,
  type RoundVerdict,
} from './runtime/rounds';
import {
  WORKLOADS,
  runWorkload,
  selectProbe,
  type WorkloadId,
  type WorkloadSize,
  type RunCheck,
} from './runtime/workloads';

const FULL: WorkloadSize = {
  pingPong: 100_000,
  pipelineStages: 100,
  pipelineMessages: 2_000,
  fanInProducers: 1_000,
  fanInPerProducer: 200,
  altChannels: 10,
  altPerChannel: 20_000,
  bufferCapacity: 1_024,
  bufferedMessages: 300_000,
};

const SMOKE: WorkloadSize = {
  pingPong: 500,
  pipelineStages: 100,
  pipelineMessages: 10,
  fanInProducers: 1_000,
  fanInPerProducer: 1,
  altChannels: 10,
  altPerChannel: 50,
  bufferCapacity: 1_024,
  bufferedMessages: 2_000,
};

interface Contender {
  readonly name: string;
  readonly note?: string;
  run(id: WorkloadId, size: WorkloadSize): Promise<RunCheck>;
  probe(channels: number, perChannel: number): Promise<string | undefined>;
}

const contenders: Contender[] = [
  ...asyncPeers.map((p) => ({
    name: p.name,
    ...(p.note !== undefined ? { note: p.note } : {}),
    run: (id: WorkloadId, size: WorkloadSize) => runWorkload(p.world(), id, size),
    probe: (channels: number, per: number) => selectProbe(p.world(), channels, per),
  })),
  { name: 'js-csp', run: runJsCsp, probe: jsCspSelectProbe },
];

const OURS = contenders[0]!.name;

async function channelSection(options: BenchOptions): Promise<string> {
  const size = options.smoke ? SMOKE : FULL;
  const reps = options.smoke ? 1 : 9;
  const deadlineMs = options.smoke ? 10_000 : 120_000;

  // The correctness probe: two consumers selecting over the same channels.
  const probeFailure = new Map<string, string>();
  for (const c of contenders) {
    const failure = await withDeadline(c.probe(10, options.smoke ? 50 : 2_000), 10_000, `${c.name} select probe`).catch(
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    if (failure !== undefined) probeFailure.set(c.name, failure);
    options.log(`probe ${c.name}: ${failure ?? 'ok'}`);
    await settle();
  }

  // One unmeasured round at a tenth of the size so every library is compiled by the JIT first.
  const warm: WorkloadSize = {
    ...size,
    pingPong: size.pingPong / 10,
    pipelineMessages: size.pipelineMessages / 10,
    fanInPerProducer: Math.max(1, size.fanInPerProducer / 10),
    altPerChannel: size.altPerChannel / 10,
    bufferedMessages: size.bufferedMessages / 10,
  };
  for (const id of WORKLOADS)
    for (const c of contenders)
      await withDeadline(c.run(id, warm), deadlineMs, `${c.name} ${id}`).catch(() => undefined);

  // Paired rounds (see runtime/rounds.ts): per workload and peer, the peer's rate and the
  // rate of the run of ours next to it, one per round; the same per CPU-second of this process.
  const wall = new Map<string, { ours: number[]; peer: number[] }>(); // key `${workload}|${peer}`
  const cpu = new Map<string, { ours: number[]; peer: number[] }>();
  const failures = new Map<string, string>();
  const ourContender = contenders[0]!;
  const peers = contenders.slice(1);
  for (let rep = 0; rep < reps; rep++) {
    for (const id of WORKLOADS) {
      roundPairs: for (const [j, p] of roundOrder(peers, rep).entries()) {
        const pairKey = `${id}|${p.name}`;
        for (const c of (rep + j) % 2 === 0 ? [ourContender, p] : [p, ourContender]) {
          const key = `${id}|${c.name}`;
          if (failures.has(key) || failures.has(pairKey)) continue roundPairs;
          const result = await timedRun(c, id, size, deadlineMs);
          await settle();
          if (typeof result === 'string') {
            failures.set(key, result);
            continue roundPairs;
          }
          const side = c === p ? 'peer' : 'ours';
          slot(wall, pairKey)[side][rep] = result.wall;
          slot(cpu, pairKey)[side][rep] = result.cpu;
        }
      }
    }
    options.log(`round ${rep + 1}/${reps} done`);
  }

  const lines: string[] = [];
  lines.push(
    `Sizes: ping-pong ${size.pingPong} round trips; pipeline ${size.pipelineStages} processes × ${size.pipelineMessages} messages; fan-in ${size.fanInProducers} producers × ${size.fanInPerProducer}; ALT over ${size.altChannels} channels × ${size.altPerChannel}; buffered capacity ${size.bufferCapacity} × ${size.bufferedMessages}. msgs/s counts channel transfers. ${reps} rounds; in each round every peer runs right next to a run of ours (which goes first alternates; the order of the peers rotates, and reverses every other round). Median over all runs; spread = ±half the min–max range.`,
  );
  lines.push(
    `Load average when the table was written: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; a shared, loaded machine widens the spreads. "Per round" divides ours by the peer within each pair of adjacent runs (same moment, same load) and takes the median over rounds; the verdict uses it, and also gives the same ratio by CPU time of this process (rates per CPU-second), which other work on the machine disturbs less.`,
  );
  lines.push('');
  lines.push('Select probe (10 channels, two consumers selecting over all of them, every value exactly once):');
  for (const c of contenders) lines.push(`- ${c.name}: ${probeFailure.get(c.name) ?? 'passed'}`);
  for (const c of contenders) if (c.note !== undefined) lines.push(`- note on ${c.name}: ${c.note}`);
  lines.push('');
  lines.push(
    '| workload | peer | msgs/s (median) | spread | ours ÷ peer (medians) | ours ÷ peer (per round, median) | counts for target |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | --- |');
  const verdicts: string[] = [];
  for (const id of WORKLOADS) {
    const ourFailure = failures.get(`${id}|${OURS}`);
    const ourRuns = peers.flatMap((p) => defined(wall.get(`${id}|${p.name}`)?.ours ?? []));
    const ourRate = ourRuns.length > 0 ? median(ourRuns) : 0;
    lines.push(
      ourRuns.length > 0
        ? `| ${id} | ${OURS} | ${fmtRate(ourRate)} | ${spread(ourRuns)} | 1.00× | 1.00× | (ours)${ourFailure !== undefined ? `, then failed: ${ourFailure}` : ''} |`
        : `| ${id} | ${OURS} | – | – | – | – | failed: ${ourFailure ?? 'no result'} |`,
    );
    const counting = new Map<string, PairedRates>();
    const countingCpu = new Map<string, PairedRates>();
    for (const p of peers) {
      const key = `${id}|${p.name}`;
      const pair = wall.get(key);
      const xs = defined(pair?.peer ?? []);
      const failure = failures.get(key);
      const probeFail = id === 'alt' ? probeFailure.get(p.name) : undefined;
      if (pair === undefined || xs.length === 0) {
        lines.push(`| ${id} | ${p.name} | – | – | – | – | no: ${failure ?? 'no result'} |`);
        continue;
      }
      const counts = failure === undefined && probeFail === undefined;
      if (counts) {
        counting.set(p.name, pair);
        countingCpu.set(p.name, cpu.get(key)!);
      }
      const m = median(xs);
      const why = counts ? 'yes' : `no: ${probeFail ?? failure ?? ''}`;
      lines.push(
        `| ${id} | ${p.name} | ${fmtRate(m)} | ${spread(xs)} | ${fmtRatio(ourRate / m)} | ${fmtRatio(medianRatioPerRound(pair))} | ${why} |`,
      );
    }
    verdicts.push(verdictLine(id, ourRate, againstFastestPerRound(counting), againstFastestPerRound(countingCpu)));
  }
  lines.push('');
  lines.push(
    'Against the target (≥ 1.0× the fastest correct peer, as the median over rounds of ours ÷ the fastest correct peer of that round):',
  );
  lines.push(...verdicts);
  return lines.join('\n');
}

/** One measured run: its rates per wall-clock second and per CPU-second, or why it failed. */
async function timedRun(
  c: Contender,
  id: WorkloadId,
  size: WorkloadSize,
  deadlineMs: number,
): Promise<{ wall: number; cpu: number } | string> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  try {
    const check = await withDeadline(c.run(id, size), deadlineMs, `${c.name} ${id}`);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpuStarted);
    if (check.error !== undefined) return check.error;
    return { wall: check.messages / seconds, cpu: check.messages / ((used.user + used.system) / 1e6) };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function slot(table: Map<string, { ours: number[]; peer: number[] }>, key: string): { ours: number[]; peer: number[] } {
  let s = table.get(key);
  if (s === undefined) {
    s = { ours: [], peer: [] };
    table.set(key, s);
  }
  return s;
}

function defined(xs: readonly (number | undefined)[]): number[] {
  return xs.filter((x): x is number => x !== undefined);
}

function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '–';
}

function verdictLine(id: WorkloadId, ourRate: number, v: RoundVerdict, cpu: RoundVerdict): string {
  if (v.ratios.length === 0)
    return `- ${id}: ours ${fmtRate(ourRate)} msgs/s; no round had both ours and a correct peer: no verdict`;
  const fastest = [...v.fastest.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}/${v.ratios.length}`)
    .join(', ');
  const range = `${Math.min(...v.ratios).toFixed(2)}–${Math.max(...v.ratios).toFixed(2)}×`;
  return `- ${id}: ${fmtRatio(v.median)} median per-round, won ${v.won}/${v.ratios.length} rounds (per-round range ${range}; fastest correct peer per round: ${fastest}; by CPU time ${fmtRatio(cpu.median)}, won ${cpu.won}/${cpu.ratios.length}); ours ${fmtRate(ourRate)} msgs/s: ${v.median >= 1 ? 'target met' : 'TARGET MISSED'}`;
}

export const bench: Benchmark = {
  id: 'runtime',
  title: 'Channel runtime and CSP free-run',
  async run(options: BenchOptions): Promise<BenchResult> {
    const channels = await channelSection(options);
    const philosophers = await philosophersSection(options);
    return {
      markdown: `### Channels through the TypeScript API\n\n${channels}\n\n### CSP network free-run\n\n${philosophers}\n`,
      command: 'npm run bench -- --only runtime',
    };
  },
};
