/**
 * The lines csp run prints, made by StepLines into ByteOut buffers, are the
 * plain formatting of each step (seq padded to the width, event, hidden,
 * processes, payload), whatever the slices the steps come in, a seq wider than
 * the width, or buffers given back and filled again.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runFile } from './cli-run';
import { ByteOut, StepLines } from './step-lines';
import type { NetworkRun, StepInfo } from '../../engine/runtime/network/run';

const examples = join(import.meta.dirname, '../../../resources/examples');

function plain(s: StepInfo, width: number): string {
  const payload = s.payload !== undefined ? `  ${JSON.stringify(s.payload)}` : '';
  return `${String(s.seq).padStart(width)}  ${s.event}${s.hidden ? ' (hidden)' : ''}  [${s.processes.join(', ')}]${payload}\n`;
}

/** Runs `file` and prints its steps with StepLines in slices of `slice`; returns the text and the expected text. */
async function printed(
  file: string,
  steps: number,
  width: number,
  slice: number,
  giveBack: boolean,
): Promise<{ text: string; expected: string; buffers: number }> {
  const parts: Buffer[] = [];
  const seen = new Set<ArrayBufferLike>();
  const out = new ByteOut((bytes, release) => {
    parts.push(Buffer.from(bytes)); // a copy: the buffer may be filled again once released
    seen.add(bytes.buffer);
    if (giveBack) release();
  }, 4096);
  const lines = new StepLines(width);
  let run: NetworkRun | undefined;
  const result = await runFile(join(examples, file), {
    steps,
    seed: 3,
    log: () => {},
    onSteps: (r, from, to) => {
      run = r;
      for (let s = from; s <= to; s += slice) lines.write(r, s, Math.min(to, s + slice - 1), out);
    },
    chunk: 700,
  });
  out.flush();
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const expected = run!
    .steps()
    .map((s) => plain(s, width))
    .join('');
  return { text: Buffer.concat(parts).toString('utf8'), expected, buffers: seen.size };
}

describe('StepLines', () => {
  it('prints the butler example as the plain formatting, in any slices, reusing the buffers given back', async () => {
    const a = await printed('dining-philosophers-butler.yaml', 3000, 4, 1, true);
    expect(a.text).toBe(a.expected);
    expect(a.buffers).toBeLessThanOrEqual(2);
    const b = await printed('dining-philosophers-butler.yaml', 3000, 4, 333, false);
    expect(b.text).toBe(a.expected);
    // Nothing given back: every flush had a buffer of its own, none overwritten.
    expect(b.buffers).toBeGreaterThan(20);
  });

  it('prints the payloads of the sensor example', async () => {
    const r = await printed('sensor-alerts.yaml', 1200, 4, 97, true);
    expect(r.text).toBe(r.expected);
    expect(r.expected).toContain('{"sample":');
  });

  it('prints hidden steps and the final ✓ of the pipeline example', async () => {
    const r = await printed('bounded-buffer-pipeline.yaml', 100, 3, 5, true);
    expect(r.text).toBe(r.expected);
    expect(r.expected).toContain(' (hidden)  [');
  });

  it('widens the seq column when a seq has more digits than the width', async () => {
    const r = await printed('dining-philosophers-butler.yaml', 150, 2, 40, true);
    expect(r.text).toBe(r.expected);
    expect(r.text).toContain('\n 9  ');
    expect(r.text).toContain('\n10  ');
    expect(r.text).toContain('\n100  ');
  });
});
