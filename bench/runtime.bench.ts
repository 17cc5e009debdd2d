/**
 * Runtime benchmark: our channel library (src/engine/runtime/lib) against the
 * npm peers medium, js-csp, @thi.ng/csp and ts-chan on five workloads, each
 * peer checked by its own results and by the two-consumer select probe.
 * Repetitions are interleaved (every peer once per round, rotating the order).
 */
import os from 'node:os';
import type { Benchmark, BenchOptions, BenchResult } from './types';
import { asyncPeers } from './runtime/peers';
import { jsCspSelectProbe, runJsCsp } from './runtime/jscsp';
import { fmtRate, median, settle, spread, withDeadline } from './runtime/measure';
import { philosophersSection } from './runtime/philosophers';
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

  const rates = new Map<string, number[]>(); // key `${workload}|${peer}`
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
          else rates.set(key, [...(rates.get(key) ?? []), check.messages / seconds]);
        } catch (e) {
          failures.set(key, e instanceof Error ? e.message : String(e));
        }
        await settle();
      }
    }
    options.log(`round ${rep + 1}/${reps} done`);
  }

  const lines: string[] = [];
  lines.push(`Sizes: ping-pong ${size.pingPong} round trips; pipeline ${size.pipelineStages} processes × ${size.pipelineMessages} messages; fan-in ${size.fanInProducers} producers × ${size.fanInPerProducer}; ALT over ${size.altChannels} channels × ${size.altPerChannel}; buffered capacity ${size.bufferCapacity} × ${size.bufferedMessages}. msgs/s counts channel transfers. ${reps} interleaved repetitions; median, spread = ±half the min–max range.`);
  lines.push(`Load average when the table was written: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; a shared, loaded machine widens the spreads.`);
  lines.push('');
  lines.push('Select probe (10 channels, two consumers selecting over all of them, every value exactly once):');
  for (const c of contenders) lines.push(`- ${c.name}: ${probeFailure.get(c.name) ?? 'passed'}`);
  for (const c of contenders) if (c.note !== undefined) lines.push(`- note on ${c.name}: ${c.note}`);
  lines.push('');
  lines.push('| workload | peer | msgs/s (median) | spread | ours ÷ peer | counts for target |');
  lines.push('| --- | --- | ---: | ---: | ---: | --- |');
  const verdicts: string[] = [];
  for (const id of WORKLOADS) {
    const ourRate = median(rates.get(`${id}|${OURS}`) ?? [0]);
    let best = 0;
    let bestName = '–';
    for (const c of contenders) {
      const key = `${id}|${c.name}`;
      const xs = rates.get(key);
      const failure = failures.get(key);
      const probeFail = id === 'alt' ? probeFailure.get(c.name) : undefined;
      const counts = c.name !== OURS && failure === undefined && probeFail === undefined;
      if (xs === undefined) {
        lines.push(`| ${id} | ${c.name} | – | – | – | no: ${failure ?? 'no result'} |`);
        continue;
      }
      const m = median(xs);
      if (counts && m > best) {
        best = m;
        bestName = c.name;
      }
      const why = c.name === OURS ? '(ours)' : counts ? 'yes' : `no: ${probeFail ?? failure ?? ''}`;
      lines.push(`| ${id} | ${c.name} | ${fmtRate(m)} | ${spread(xs)} | ${c.name === OURS ? '1.00×' : `${(ourRate / m).toFixed(2)}×`} | ${why} |`);
    }
    const ratio = best > 0 ? ourRate / best : Infinity;
    verdicts.push(`- ${id}: ours ${fmtRate(ourRate)} msgs/s = ${best > 0 ? ratio.toFixed(2) : '∞'}× the fastest correct peer (${bestName}): ${ratio >= 1 ? 'target met' : 'TARGET MISSED'}`);
  }
  lines.push('');
  lines.push('Against the target (≥ 1.0× the fastest correct peer):');
  lines.push(...verdicts);
  return lines.join('\n');
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
