/**
 * The Trace tab as a user reaches it, for the runs e2e and the trace-ui benchmark: the table,
 * its scroller and status, the seq numbers drawn, and dragging the scrollbar with the mouse.
 */
import type { Locator, Page } from '@playwright/test';

export const traceTable = (page: Page): Locator => page.getByRole('table', { name: 'Trace' });
/** The scrolled body of the table (takes the keys: arrows, PageUp/PageDown, Home, End, Enter). */
export const traceBody = (page: Page): Locator => traceTable(page).getByRole('rowgroup').last();
export const traceStatus = (page: Page): Locator => page.getByRole('status', { name: 'Trace status' });
export const seqCell = (page: Page, seq: number): Locator =>
  traceTable(page).getByRole('cell', { name: String(seq), exact: true });

/** Opens the Runs view of a workflow picked in the Workflows list. */
export async function openRunsOf(page: Page, workflow: string): Promise<Locator> {
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: new RegExp(`^${workflow}`) })
    .first()
    .click();
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Runs' }).click();
  return page.getByRole('region', { name: 'Runs', exact: true });
}

/** The rows drawn at one moment, top to bottom: seq and event of each loaded row, and how many still load. */
export interface RowsDrawn {
  readonly seqs: number[];
  readonly events: string[];
  readonly loading: number;
}

/**
 * Reads the rows drawn in one evaluation, so no render comes between counting the rows still loading
 * and reading the others (read in separate calls, a scroll's next render could fall in between and
 * leave a gap in the seqs).
 */
export async function rowsDrawn(page: Page): Promise<RowsDrawn> {
  return traceTable(page).evaluate((table) => {
    const drawn = { seqs: [] as number[], events: [] as string[], loading: 0 };
    for (const row of table.querySelectorAll('[role="row"]')) {
      if (row.classList.contains('loading')) drawn.loading++;
      const seq = Number(row.querySelector('.trace-seq')?.textContent);
      if (!(seq > 0)) continue;
      drawn.seqs.push(seq);
      drawn.events.push(row.querySelector('.trace-event')?.textContent ?? '');
    }
    return drawn;
  });
}

/** The seq numbers of the rows drawn now, top to bottom (rows still loading are left out). */
export async function seqsDrawn(page: Page): Promise<number[]> {
  return (await rowsDrawn(page)).seqs;
}

/** Waits until the rows drawn (none loading) satisfy `ok`; throws with what is drawn after `ms`. */
export async function waitForRows(page: Page, ok: (seqs: number[]) => boolean, ms = 30_000): Promise<number[]> {
  return (await waitForDrawn(page, ok, ms, false)).seqs;
}

/**
 * As waitForRows, and the view has settled: the same rows are drawn two frames later (a scroll still
 * going on, or a page of rows still arriving, changes them). What the tests compare with the store.
 */
export async function settledRows(page: Page, ok: (seqs: number[]) => boolean, ms = 30_000): Promise<RowsDrawn> {
  return waitForDrawn(page, ok, ms, true);
}

async function waitForDrawn(
  page: Page,
  ok: (seqs: number[]) => boolean,
  ms: number,
  settled: boolean,
): Promise<RowsDrawn> {
  const end = Date.now() + ms;
  // Settled means one window of consecutive steps: while a dragged scrollbar's pages arrive, a frame
  // can still hold rows of the old place below those of the new (9951… then 17401…), twice alike.
  const consecutive = (seqs: number[]): boolean => seqs.every((seq, i) => seq === seqs[0]! + i);
  const ready = (d: RowsDrawn): boolean =>
    d.loading === 0 && d.seqs.length > 0 && ok(d.seqs) && (!settled || consecutive(d.seqs));
  for (;;) {
    const drawn = await rowsDrawn(page);
    if (ready(drawn)) {
      if (!settled) return drawn;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const again = await rowsDrawn(page);
      if (JSON.stringify(again) === JSON.stringify(drawn)) return drawn;
    }
    if (Date.now() > end) {
      const { seqs, loading } = drawn;
      throw new Error(`rows drawn: ${seqs[0] ?? '-'}..${seqs[seqs.length - 1] ?? '-'} (${loading} loading)`);
    }
    await page.waitForTimeout(10);
  }
}

/**
 * Drags the scroller's vertical scrollbar thumb with the mouse so the view's top goes to `fraction`
 * of the content, as a person does: grab the thumb, drag, look, drag again if short (at most four
 * times). The thumb is found from the scroll geometry (Chromium's classic scrollbar: an arrow
 * button as tall as the bar is wide at each end); its real length may differ a little from the
 * estimate, which the next drag corrects.
 */
export async function dragScrollbar(page: Page, scroller: Locator, fraction: number): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const g = await scroller.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return {
        x: r.right,
        y: r.top,
        height: el.clientHeight,
        bar: (el as HTMLElement).offsetWidth - el.clientWidth,
        top: el.scrollTop,
        max: el.scrollHeight - el.clientHeight,
        ratio: el.clientHeight / el.scrollHeight,
      };
    });
    if (g.bar <= 0) throw new Error('the scroller shows no scrollbar');
    if (Math.abs(g.top / g.max - fraction) < 0.01) return;
    const track = g.height - 2 * g.bar;
    const thumb = Math.max(g.bar, track * g.ratio);
    const at = (top: number): number => g.y + g.bar + thumb / 2 + ((track - thumb) * top) / g.max;
    const x = g.x - g.bar / 2;
    await page.mouse.move(x, at(g.top));
    await page.mouse.down();
    await page.mouse.move(x, at(g.max * fraction), { steps: 8 });
    await page.mouse.up();
  }
}
