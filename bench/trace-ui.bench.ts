/**
 * The trace view on a long recorded run, in Chromium through web mode: a run
 * of 1,000,000 steps of the butler example is recorded by the host (run.start
 * and run.continue, the studio's own path into the store), then opened from
 * the Runs history as a user would, and the table is moved with the keyboard
 * (PageDown, End), the scrollbar dragged to the middle, and filtered by
 * channel. Each time is from the user's action to the frame where the
 * expected rows (their seq numbers) are drawn, measured from the test driver
 * (Playwright's round trips included). The host's page reads (run.trace) are
 * timed separately from a second client.
 */
import { chromium } from '@playwright/test';
import os from 'node:os';
import { startHost, tempDataDir } from '../e2e/host';
import { connect, recordRun } from '../e2e/protocol';
import {
  dragScrollbar,
  openRunsOf,
  seqCell,
  traceBody as body,
  traceStatus as status,
  waitForRows,
} from '../e2e/trace';
import type { Benchmark } from './types';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

async function timed(what: () => Promise<unknown>, until: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await what();
  await until();
  return performance.now() - t0;
}

export const bench: Benchmark = {
  id: 'trace-ui',
  title: 'Trace view in Chromium: a 1,000,000-step recorded run opened, scrolled and filtered',
  async run({ smoke, log }) {
    const steps = smoke ? 3_000 : 1_000_000;
    const data = tempDataDir();
    const host = await startHost({ dataDir: data.dir });
    const { client, close } = await connect(host);
    const browser = await chromium.launch({
      executablePath: process.env.CSP_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      // Playwright hides scrollbars in headless Chromium; this benchmark drags one.
      ignoreDefaultArgs: ['--hide-scrollbars'],
    });
    const rows: string[] = [];
    const row = (what: string, ms: number, target = ''): void => {
      log(`${what}: ${ms.toFixed(0)} ms`);
      rows.push(`| ${what} | ${ms.toFixed(0)} ms | ${target} |`);
    };
    let recordSeconds = 0;
    let channel = '';
    const pageTimes: number[] = [];
    const filteredTimes: number[] = [];
    try {
      const opened = await client.request('workflows.create', { example: 'dining-philosophers-butler.yaml' });
      const t0 = performance.now();
      const id = await recordRun(client, opened, 3, steps);
      recordSeconds = (performance.now() - t0) / 1000;
      log(`recorded ${steps} steps through the host in ${recordSeconds.toFixed(1)} s`);

      // The host's page reads, as the table asks for them: 100 rows after a random seq, plain and by channel.
      const first = (await client.request('run.trace', { storeRunId: id, afterSeq: 0, limit: 1 })).events[0]!;
      channel = first.event.split('.')[0]!;
      let x = 12345;
      for (let i = 0; i < (smoke ? 5 : 100); i++) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        const after = x % steps;
        let t = performance.now();
        await client.request('run.trace', { storeRunId: id, afterSeq: after, limit: 100 });
        pageTimes.push(performance.now() - t);
        t = performance.now();
        await client.request('run.trace', { storeRunId: id, afterSeq: after, limit: 100, channel });
        filteredTimes.push(performance.now() - t);
      }

      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(120_000);
      await page.goto(host.url);
      await page.getByTestId('connection-status').filter({ hasText: 'connected' }).waitFor();
      const runs = await openRunsOf(page, 'Dining philosophers with a butler');
      row(
        'Open from the Runs history → first page of rows drawn (run.open of the whole record included)',
        await timed(
          () => runs.getByRole('button', { name: `Open Run ${id}` }).click(),
          async () => {
            await status(page)
              .filter({ hasText: `${steps.toLocaleString('en-US')} steps` })
              .or(status(page).filter({ hasText: `${steps} steps` }))
              .waitFor();
            await seqCell(page, 1).waitFor();
          },
        ),
        '',
      );
      await body(page).press('Home');
      row(
        'PageDown → the next rows drawn',
        await timed(
          () => body(page).press('PageDown'),
          () => seqCell(page, 11).waitFor(),
        ),
        '',
      );
      row(
        `End → step ${steps} drawn (its page read from the store)`,
        await timed(
          () => body(page).press('End'),
          () => seqCell(page, steps).waitFor(),
        ),
        '',
      );
      row(
        'scrollbar dragged from the end to the middle → rows there drawn',
        await timed(
          () => dragScrollbar(page, body(page), 0.5),
          () => waitForRows(page, (seqs) => seqs.some((x) => x > steps * 0.3 && x < steps * 0.7)),
        ),
        '',
      );
      row(
        `filter by channel ${channel} → its steps drawn (includes the 300 ms typing pause)`,
        await timed(
          () => page.getByRole('combobox', { name: 'Filter by channel' }).fill(channel),
          () => status(page).filter({ hasText: 'matching step' }).waitFor(),
        ),
        '',
      );
      await page.close();
    } finally {
      close();
      await browser.close();
      await host.kill();
      data.remove();
    }
    const markdown = [
      `Run: the dining philosophers with a butler, seed 3, ${steps.toLocaleString('en-US')} steps, recorded by the web-mode host through run.start and run.continue (${recordSeconds.toFixed(1)} s, ${Math.round(steps / recordSeconds / 1000)}k steps/s). Headless Chromium (\`--disable-gpu\`), viewport 1440×900. One pass; times from the driver's action to the expected rows in the page.`,
      '',
      '| action | time | target |',
      '| --- | ---: | --- |',
      ...rows,
      '',
      `Host page reads from a second client over WebSocket (run.trace, 100 rows after a random seq, ${pageTimes.length} of each): all steps median ${median(pageTimes).toFixed(1)} ms (p95 ${p95(pageTimes).toFixed(1)} ms); on channel \`${channel}\` only median ${median(filteredTimes).toFixed(1)} ms (p95 ${p95(filteredTimes).toFixed(1)} ms). Target: a page in under 50 ms.`,
      '',
      'Opening reads the whole record for the replay (run.open): the store hands it to the run worker as columns (each step shape once, then a shape id, branch and virtual time per step; src/main/store/runs/replay.ts `recordColumns`). When it crossed as one object per step, opening this run took 80 s at load 20 (measured 2026-12-06 before that change).',
      '',
      `Load average when measured: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (shared machine).`,
    ].join('\n');
    return { markdown, command: 'npm run bench -- --only trace-ui' };
  },
};
