/**
 * Runtime benchmark: our channel library (src/engine/runtime/lib) against the
 * npm peers medium, js-csp, @thi.ng/csp and ts-chan on five workloads, each
 * peer checked by its own results and by the two-consumer select probe.
 * Repetitions are interleaved (every peer once per round, rotating the order),
 * and the verdict is the median of per-round ratios (see runtime/rounds.ts).
 */
import os from 'node:os';
import type { Benchmark, BenchOptions, BenchResult } from './types';
import { asyncPeers } from './runtime/peers';
import { jsCspSelectProbe, runJsCsp } from './runtime/jscsp';
import { fmtRate, median, settle, spread, withDeadline } from './runtime/measure';
import { philosophersSection } from './runtime/philosophers';
import { againstFastestPerRound, medianRatioPerRound, type RoundRates, type RoundVerdict } from './runtime/rounds';
import { WORKLOADS, runWorkload, selectProbe, type WorkloadId, type WorkloadSize, type RunCheck } from './runtime/workloads';

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
  const reps = options.smoke ? 1 : 7;
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
  const warm: WorkloadSize = { ...size, pingPong: size.pingPong / 10, pipelineMessages: size.pipelineMessages / 10, fanInPerProducer: Math.max(1, size.fanInPerProducer / 10), altPerChannel: size.altPerChannel / 10, bufferedMessages: size.bufferedMessages / 10 };
  for (const id of WORKLOADS) for (const c of contenders) await withDeadline(c.run(id, warm), deadlineMs, `${c.name} ${id}`).catch(() => undefined);

  // rates.get(key)[round]: one rate per round, undefined where the run failed or was skipped.
  const rates = new Map<string, (number | undefined)[]>(); // key `${workload}|${peer}`
  const failures = new Map<string, string>();
  for (let rep = 0; rep < reps; rep++) {
    for (const id of WORKLOADS) {
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(k + rep) % contenders.length]!;
        const key = `${id}|${c.name}`;
        if (failures.has(key)) continue;
        const started = performance.now();
        try {
          const check = await withDeadline(c.run(id, size), deadlineMs, `${c.name} ${id}`);
          const seconds = (performance.now() - started) / 1000;
          if (check.error !== undefined) failures.set(key, check.error);
          else {
            const xs = rates.get(key) ?? [];
            xs[rep] = check.messages / seconds;
            rates.set(key, xs);
          }
        } catch (e) {
          failures.set(key, e instanceof Error ? e.message : String(e));
        }
        await settle();
      }
    }
    options.log(`round ${rep + 1}/${reps} done`);
  }
  const measured = (key: string): number[] | undefined => rates.get(key)?.filter((x): x is number => x !== undefined);

  const lines: string[] = [];
  lines.push(`Sizes: ping-pong ${size.pingPong} round trips; pipeline ${size.pipelineStages} processes × ${size.pipelineMessages} messages; fan-in ${size.fanInProducers} producers × ${size.fanInPerProducer}; ALT over ${size.altChannels} channels × ${size.altPerChannel}; buffered capacity ${size.bufferCapacity} × ${size.bufferedMessages}. msgs/s counts channel transfers. ${reps} interleaved repetitions (rounds: every library once per round, rotating the order); median, spread = ±half the min–max range.`);
  lines.push(`Load average when the table was written: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; a shared, loaded machine widens the spreads. The per-round column divides ours by the peer within each round (same moment, same load) and takes the median of those ratios; the verdict uses it.`);
  lines.push('');
  lines.push('Select probe (10 channels, two consumers selecting over all of them, every value exactly once):');
  for (const c of contenders) lines.push(`- ${c.name}: ${probeFailure.get(c.name) ?? 'passed'}`);
  for (const c of contenders) if (c.note !== undefined) lines.push(`- note on ${c.name}: ${c.note}`);
  lines.push('');
  lines.push('| workload | peer | msgs/s (median) | spread | ours ÷ peer (medians) | ours ÷ peer (per round, median) | counts for target |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | --- |');
  const verdicts: string[] = [];
  for (const id of WORKLOADS) {
    const ours = rates.get(`${id}|${OURS}`) ?? [];
    const ourRate = median(measured(`${id}|${OURS}`) ?? [0]);
    const counting = new Map<string, RoundRates>();
    for (const c of contenders) {
      const key = `${id}|${c.name}`;
      const xs = measured(key);
      const failure = failures.get(key);
      const probeFail = id === 'alt' ? probeFailure.get(c.name) : undefined;
      const counts = c.name !== OURS && failure === undefined && probeFail === undefined;
      if (xs === undefined || xs.length === 0) {
        lines.push(`| ${id} | ${c.name} | – | – | – | – | no: ${failure ?? 'no result'} |`);
        continue;
      }
      if (counts) counting.set(c.name, rates.get(key)!);
      const m = median(xs);
      const why = c.name === OURS ? '(ours)' : counts ? 'yes' : `no: ${probeFail ?? failure ?? ''}`;
      const perRound = medianRatioPerRound(ours, rates.get(key)!);
      lines.push(`| ${id} | ${c.name} | ${fmtRate(m)} | ${spread(xs)} | ${c.name === OURS ? '1.00×' : `${(ourRate / m).toFixed(2)}×`} | ${c.name === OURS ? '1.00×' : fmtRatio(perRound)} | ${why} |`);
    }
    verdicts.push(verdictLine(id, ourRate, againstFastestPerRound(ours, counting)));
  }
  lines.push('');
  lines.push('Against the target (≥ 1.0× the fastest correct peer, as the median over rounds of ours ÷ the fastest correct peer of that round):');
  lines.push(...verdicts);
  return lines.join('\n');
}

function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '–';
}

function verdictLine(id: WorkloadId, ourRate: number, v: RoundVerdict): string {
  if (v.ratios.length === 0) return `- ${id}: ours ${fmtRate(ourRate)} msgs/s; no round had both ours and a correct peer: no verdict`;
  const fastest = [...v.fastest.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n}/${v.ratios.length}`).join(', ');
  const range = `${Math.min(...v.ratios).toFixed(2)}–${Math.max(...v.ratios).toFixed(2)}×`;
  return `- ${id}: ${fmtRatio(v.median)} median per-round, won ${v.won}/${v.ratios.length} rounds (per-round range ${range}; fastest correct peer per round: ${fastest}); ours ${fmtRate(ourRate)} msgs/s: ${v.median >= 1 ? 'target met' : 'TARGET MISSED'}`;
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
