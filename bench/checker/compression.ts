/**
 * The compression figures, through `csp check` like every other run:
 *  - the reduction of each compression on classic models (the whole process
 *    compressed: states of the checked system before and after);
 *  - a check that is out of reach without compression: a chain of 40 hidden
 *    one-token cells has 2^40 ≈ 1.1 × 10^12 states; with `normal` at every
 *    step of the chain it is checked in seconds. The same chain at 20 cells
 *    is checked both ways, to show the price of not compressing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDUCTIONS, reductionScript, tokenChainScript } from './models';
import { fmt, runOurs } from './processes';

export interface CompressionSizes {
  readonly reductions: readonly { readonly model: 'butler' | 'pipeline'; readonly N: number }[];
  /** Chain lengths checked with and without compression. */
  readonly both: number;
  /** Chain length checked with compression only. */
  readonly compressedOnly: number;
}

export const FULL: CompressionSizes = {
  reductions: [
    { model: 'pipeline', N: 8 },
    { model: 'butler', N: 5 },
  ],
  both: 20,
  compressedOnly: 40,
};
export const SMOKE: CompressionSizes = { reductions: [{ model: 'pipeline', N: 3 }], both: 6, compressedOnly: 10 };

export async function compressionSection(
  entry: string,
  work: string,
  sizes: CompressionSizes,
  log: (line: string) => void,
): Promise<string> {
  const lines: string[] = [];
  lines.push('### Compressions', '');
  lines.push(
    "Each model's whole process compressed, one `deadlock free [F]` per compression in one `csp check` run: states of the checked system (for a compressed process, its compressed transition system; `normal` embeds a node with several acceptances as a few states) and the check's seconds, compression included.",
    '',
  );
  lines.push(`| model | ${REDUCTIONS.map((r) => r.label).join(' | ')} |`);
  lines.push(`| --- | ${REDUCTIONS.map(() => '---').join(' | ')} |`);
  const notes: string[] = [];
  for (const { model, N } of sizes.reductions) {
    const file = join(work, `reduce-${model}-${N}.csp`);
    writeFileSync(file, reductionScript(model, N));
    const run = await runOurs(entry, file, 1);
    const cells = run.assertions.map((a) => `${fmt(a.states)} (${a.seconds.toFixed(2)} s)`);
    const states = (label: string): number | undefined =>
      run.assertions[REDUCTIONS.findIndex((r) => r.label === label)]?.states;
    // wbisim gives up on a τ-saturated relation past 4M pairs and returns sbisim's quotient: say when it did
    if (states('wbisim') === states('sbisim') && states('sbisim') !== states('normal')) notes.push(`${model} N=${N}`);
    lines.push(`| ${model === 'butler' ? 'philosophers + butler' : 'pipeline'} N=${N} | ${cells.join(' | ')} |`);
    log(`reductions ${model} N=${N}: ${cells.join(', ')}`);
  }
  lines.push(
    '',
    `\`wbisim\` settles for \`sbisim\` when the τ-saturated relation would pass 4M pairs${notes.length > 0 ? ` (it did on ${notes.join(', ')})` : ''}; \`sbisim(diamond(P))\` is the usual combination.`,
    '',
    `Inductive compression: a chain of one-token cells, links hidden, \`normal\` at every step (\`tokenChainScript\` in bench/checker/models.ts); three assertions (deadlock [F], divergence, \`COUNT(0) [FD= CHAIN(N)\`), one thread.`,
    '',
    '| chain | compression | states at the top | seconds (the 3 checks) | whole command s | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  const chain = async (N: number, compression: 'normal' | 'none'): Promise<void> => {
    const file = join(work, `chain-${N}-${compression}.csp`);
    writeFileSync(file, tokenChainScript(N, compression));
    const run = await runOurs(entry, file, 1);
    lines.push(
      `| ${N} cells | ${compression} | ${fmt(run.states)} | ${run.seconds.toFixed(2)} | ${run.wall.toFixed(2)} | ${fmt(run.rssKb / 1024)} |`,
    );
    log(`chain ${N} ${compression}: ${fmt(run.states)} states, ${run.seconds.toFixed(2)} s`);
  };
  await chain(sizes.both, 'none');
  await chain(sizes.both, 'normal');
  await chain(sizes.compressedOnly, 'normal');
  const states = 2 ** sizes.compressedOnly;
  lines.push(
    `| ${sizes.compressedOnly} cells | none | ${fmt(states)} (2^${sizes.compressedOnly}) | not run: at 8 bytes a state the states alone would need ${fmt((states * 8) / 2 ** 30, 1)} GiB | | |`,
  );
  return lines.join('\n');
}
