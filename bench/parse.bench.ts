/**
 * CSPm front end: parse + type-check a generated 10,000-line script
 * (bench/gen-cspm.ts). No peer exists in this environment (FDR is not
 * installed), so the figure is absolute against the target (< 1 s).
 */
import { parse } from '../src/engine/cspm/syntax/parse';
import { check } from '../src/engine/cspm/check/checker';
import { generateScript } from './gen-cspm';
import type { Benchmark } from './types';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const bench: Benchmark = {
  id: 'parse',
  title: 'CSPm parse + type-check',
  async run({ smoke, log }) {
    const lines = smoke ? 500 : 10_000;
    const reps = smoke ? 1 : 7;
    const text = generateScript(lines);
    const actualLines = text.split('\n').length - 1;
    // Warm-up (JIT) and a correctness gate: the generated script must be clean.
    const warm = check(parse(text, { file: 'gen.csp' }).ast);
    const warmParse = parse(text, { file: 'gen.csp' });
    const problems = [...warmParse.diagnostics, ...warm.diagnostics];
    if (problems.length > 0)
      throw new Error(`generated script has diagnostics: ${problems[0]!.message} at line ${problems[0]!.span.line}`);
    const parseTimes: number[] = [];
    const checkTimes: number[] = [];
    const totals: number[] = [];
    const cpus: number[] = [];
    for (let r = 0; r < reps; r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const p = parse(text, { file: 'gen.csp' });
      const t1 = performance.now();
      const c = check(p.ast);
      const t2 = performance.now();
      if (c.module.assertions.length === 0) throw new Error('no assertions checked');
      parseTimes.push((t1 - t0) / 1000);
      checkTimes.push((t2 - t1) / 1000);
      totals.push((t2 - t0) / 1000);
      const cpu = process.cpuUsage(cpu0);
      cpus.push((cpu.user + cpu.system) / 1e6);
      log(`rep ${r + 1}/${reps}: parse ${(t1 - t0).toFixed(1)} ms, check ${(t2 - t1).toFixed(1)} ms`);
    }
    const total = median(totals);
    const fmt = (s: number): string => s.toFixed(3);
    const markdown = [
      `Script: ${actualLines} generated lines (${text.length} characters), ${reps} repetitions after one warm-up; median with [min – max].`,
      '',
      '| phase | seconds | lines/s |',
      '| --- | --- | --- |',
      `| parse | ${fmt(median(parseTimes))} [${fmt(Math.min(...parseTimes))} – ${fmt(Math.max(...parseTimes))}] | ${Math.round(actualLines / median(parseTimes)).toLocaleString('en-US')} |`,
      `| type-check | ${fmt(median(checkTimes))} [${fmt(Math.min(...checkTimes))} – ${fmt(Math.max(...checkTimes))}] | ${Math.round(actualLines / median(checkTimes)).toLocaleString('en-US')} |`,
      `| **parse + type-check** | **${fmt(total)}** [${fmt(Math.min(...totals))} – ${fmt(Math.max(...totals))}] | **${Math.round(actualLines / total).toLocaleString('en-US')}** |`,
      `| parse + type-check, CPU time of this process | ${fmt(median(cpus))} [${fmt(Math.min(...cpus))} – ${fmt(Math.max(...cpus))}] | ${Math.round(actualLines / median(cpus)).toLocaleString('en-US')} |`,
      '',
      'Wall-clock seconds are the figure; CPU time is shown because other work on a shared machine inflates wall time.',
      '',
      `Target: under 1 s for 10,000 lines — ${total < 1 ? 'met' : 'NOT met'}${smoke ? ' (smoke size, not meaningful)' : ''}.`,
    ].join('\n');
    return { markdown, command: 'npm run bench -- --only parse' };
  },
};
