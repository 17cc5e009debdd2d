/**
 * The trace and the runs history, as a person uses them: runs recorded by
 * another client are listed per workflow after a reload; one is opened and
 * replayed from the store, identical event for event; clicking a step moves
 * the run there; filters by channel, process and text; two runs of different
 * seeds compared with the first divergence highlighted.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import config from '../playwright.config';
import { connect, recordFork, recordRun, storedEvents } from './protocol';
import { useStudio } from './support/studio';
import { shot } from './support/shot';
import { dragScrollbar, openRunsOf as runsOf, seqCell, settledRows } from './trace';
import type { RowsDrawn } from './trace';

// Scrollbars drawn and usable (Playwright hides them in headless Chromium): the long-run test drags one.
test.use({ launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } });

const studio = useStudio();
let closeClient: (() => void) | undefined;

test.afterEach(() => {
  closeClient?.();
  closeClient = undefined;
});

/** A host with a second client (to set the scene and read the store), before any page opens. */
async function hostAndClient() {
  const host = await studio.startHost();
  const { client, close } = await connect(host);
  closeClient = close;
  return client;
}

async function openPage(page: Page): Promise<void> {
  await page.goto(studio.host.url);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
}

const STEPS = 40;

async function scene(page: Page) {
  const client = await hostAndClient();
  const opened = await client.request('workflows.create', { example: 'dining-philosophers-butler.yaml' });
  const first = await recordRun(client, opened, 1, STEPS);
  const second = await recordRun(client, opened, 7, STEPS);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPage(page);
  return { client, opened, first, second };
}

const runs = (page: Page): Locator => page.getByRole('region', { name: 'Runs', exact: true });
const trace = (page: Page): Locator => page.getByRole('table', { name: 'Trace' });
const status = (page: Page): Locator => page.getByRole('status', { name: 'Trace status' });
const rowOf = (page: Page, seq: number): Locator =>
  trace(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(seq), exact: true }) });
const body = (page: Page): Locator => trace(page).getByRole('rowgroup').last();

async function openRunsOf(page: Page, workflow: string): Promise<void> {
  await runsOf(page, workflow);
  await expect(page.getByTestId('document-name')).toHaveText(workflow);
}

/** The cells of the selected row: step, time, event, processes, payload. */
async function selectedRow(page: Page): Promise<string[]> {
  return trace(page).getByRole('row', { selected: true }).getByRole('cell').allInnerTexts();
}

test('a stored run, after a reload: opened from the history, replayed identical event for event, stepped by clicking the trace', async ({
  page,
}) => {
  const { client, first } = await scene(page);
  const recorded = await storedEvents(client, first);
  expect(recorded).toHaveLength(STEPS);
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await openRunsOf(page, 'Dining philosophers with a butler');
  const list = runs(page);
  await expect(list.getByText(`Run ${first}`, { exact: true })).toBeVisible();
  await expect(
    list
      .getByText(`terminated`)
      .or(list.getByText(/40 steps/))
      .first(),
  ).toBeVisible();
  await shot(page, 'runs-history');

  await list.getByRole('button', { name: `Replay Run ${first}` }).click();
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(status(page)).toContainText(`at step ${STEPS} · ${STEPS} steps`);
  // The Charts tab of a past run: its steps per second by channel as the store recorded them.
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page.getByRole('figure', { name: /^Recorded steps per second by channel/ })).toContainText(
    /series · at [\d.]+ s: \w+ \d+/,
  );
  await shot(page, 'charts-recorded');
  await page.getByRole('tab', { name: 'Trace' }).click();

  // Every row of the replay, read off the table by walking it with the keyboard, is the recorded step.
  // Home selects the first step; Enter moves the run there.
  await body(page).press('Home');
  await expect(rowOf(page, 1)).toHaveAttribute('aria-selected', 'true');
  await body(page).press('Enter');
  await expect(status(page)).toContainText('at step 1 ');
  for (const step of recorded) {
    const cells = await selectedRow(page);
    expect(cells[0]).toBe(String(step.seq));
    expect(cells[2]).toBe(step.event);
    expect(cells[3]).toBe(step.processes.join(', '));
    await body(page).press('ArrowDown');
  }

  // Time travel: clicking step 10 moves the run there; later steps stay, dimmed, as its record.
  await body(page).press('Home');
  for (let i = 1; i < 10; i++) await body(page).press('ArrowDown');
  const row10 = rowOf(page, 10);
  await expect(row10).toHaveAttribute('aria-selected', 'true');
  await row10.click();
  await expect(status(page)).toContainText('at step 10 ');
  await expect(row10).toHaveAttribute('aria-current', 'step');
  const details = page.getByRole('complementary', { name: 'Step details' });
  await expect(details).toContainText(recorded[9]!.event);
  await shot(page, 'trace-table');

  // The sequence chart agrees: step 10 is the current one, an arrow from the first process to the others.
  await page.getByRole('button', { name: 'Sequence chart' }).click();
  // A taller panel, as someone reading a chart would make it.
  const splitter = page.getByRole('separator', { name: 'Resize the panel' });
  for (let i = 0; i < 6; i++) await splitter.press('Shift+ArrowUp');
  const chart = page.getByRole('table', { name: 'Sequence chart' });
  const [p0, ...rest] = recorded[9]!.processes;
  const description = `Step 10: ${recorded[9]!.event}, ${p0}${rest.length ? ` → ${rest.join(', ')}` : ''}`;
  await expect(chart.getByRole('row', { name: description })).toHaveAttribute('aria-current', 'step');
  for (const name of recorded[9]!.processes) await expect(chart.getByRole('columnheader', { name })).toBeVisible();
  await shot(page, 'sequence-chart');
  // Clicking another step of the chart moves the run there too.
  const row8 = chart.getByRole('row', { name: new RegExp(`^Step 8: `) });
  await row8.click();
  await expect(status(page)).toContainText('at step 8 ');
  await expect(row8).toHaveAttribute('aria-current', 'step');

  // Exports: the chart as SVG (every step, a lane per process), the trace as Mermaid and CSV, whole.
  const svg = await downloaded(page, 'Export the sequence chart as SVG');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  for (const step of recorded) expect(svg).toContain(`>${step.seq}. ${step.event}<`);
  const mermaid = await downloaded(page, 'Export the trace as Mermaid');
  expect(mermaid.startsWith('sequenceDiagram')).toBe(true);
  const csv = await downloaded(page, 'Export the trace as CSV');
  expect(csv.trim().split('\n')).toHaveLength(STEPS + 1);
});

async function downloaded(page: Page, button: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await (await download).path();
  return readFileSync(file, 'utf8');
}

test('filters by channel, process and value text read the store; two seeds compared show the first divergence', async ({
  page,
}) => {
  const { client, first, second } = await scene(page);
  const a = await storedEvents(client, first);
  const b = await storedEvents(client, second);
  await openRunsOf(page, 'Dining philosophers with a butler');
  await runs(page)
    .getByRole('button', { name: `Open Run ${first}` })
    .click();
  await expect(status(page)).toContainText(`at step 0 · ${STEPS} steps`);

  // By channel: every row shown is on that channel, and as many as the store holds.
  const channel = a[0]!.event.split('.')[0]!;
  const onChannel = a.filter((s) => s.event.split('.')[0] === channel);
  await page.getByRole('combobox', { name: 'Filter by channel' }).fill(channel);
  await expect(status(page)).toContainText(`${onChannel.length} matching step`);
  const events = await trace(page).getByRole('row').locator('.trace-event').allInnerTexts();
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) expect(e.split('.')[0]).toBe(channel);
  await page.getByRole('combobox', { name: 'Filter by channel' }).fill('');

  // By process.
  const process = a[0]!.processes[0]!;
  const ofProcess = a.filter((s) => s.processes.includes(process));
  await page.getByRole('combobox', { name: 'Filter by process' }).fill(process);
  await expect(status(page)).toContainText(`${ofProcess.length} matching step`);
  await page.getByRole('combobox', { name: 'Filter by process' }).fill('');

  // By value text (the store's full-text search): an event's whole text finds it.
  const target = a[5]!.event;
  const withText = a.filter((s) => s.event.toLowerCase().includes(target.toLowerCase()));
  await page.getByRole('searchbox', { name: 'Search values' }).fill(target);
  await expect(status(page)).toContainText(`${withText.length} matching step`);
  await expect(trace(page).getByRole('row').filter({ hasText: target }).first()).toBeVisible();
  // Text nothing holds: said in place of an empty table.
  await page.getByRole('searchbox', { name: 'Search values' }).fill('zzz-in-no-event');
  await expect(status(page)).toContainText('0 matching steps');
  await expect(page.getByRole('note', { name: 'No matching steps' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search values' }).fill('');
  await expect(status(page)).toContainText(`${STEPS} steps`);
  await expect(page.getByRole('note', { name: 'No matching steps' })).toHaveCount(0);

  // Compare the two seeds: the first step where they differ, computed here from the store, is highlighted.
  const at = a.findIndex((s, i) => s.event !== b[i]?.event || s.processes.join() !== b[i]?.processes.join()) + 1;
  expect(at).toBeGreaterThan(0);
  await runs(page)
    .getByRole('checkbox', { name: `Select Run ${first} to compare` })
    .check();
  await runs(page)
    .getByRole('checkbox', { name: `Select Run ${second} to compare` })
    .check();
  await runs(page).getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.getByRole('status', { name: 'Comparison' })).toContainText(`First divergence at step ${at}`);
  const divergent = page.getByRole('row', { name: `Step ${at}: first divergence` });
  await expect(divergent).toBeInViewport();
  await expect(divergent).toContainText(a[at - 1]!.event);
  await expect(divergent).toContainText(b[at - 1]!.event);
  await shot(page, 'runs-compare');
  await page.getByRole('button', { name: 'Close comparison' }).click();
  await expect(status(page)).toBeVisible();

  // A fork that left the record after step 12 differs first at step 13, not before.
  const fork = await recordFork(client, first, 12, 10);
  const f = await storedEvents(client, fork);
  expect(f.slice(0, 12)).toEqual(a.slice(0, 12));
  expect(f[12]!.event).not.toBe(a[12]!.event);
  await expect(runs(page).getByText(`Run ${fork}`, { exact: true })).toBeVisible();
  await runs(page)
    .getByRole('checkbox', { name: `Select Run ${second} to compare` })
    .uncheck();
  await runs(page)
    .getByRole('checkbox', { name: `Select Run ${fork} to compare` })
    .check();
  await runs(page).getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.getByRole('status', { name: 'Comparison' })).toContainText('First divergence at step 13');
  const forked = page.getByRole('row', { name: 'Step 13: first divergence' });
  await expect(forked).toContainText(f[12]!.event);
  await expect(forked).toBeInViewport();
  await shot(page, 'runs-compare-fork');
});

test('a long recorded run scrolls by keyboard and scrollbar: only the rows in view are drawn, each page read from the store', async ({
  page,
}) => {
  // 20,000 steps keeps npm test quick; the 1,000,000-step run is in the trace-ui benchmark.
  const client = await hostAndClient();
  const opened = await client.request('workflows.create', { example: 'dining-philosophers-butler.yaml' });
  const LONG = 20_000;
  const id = await recordRun(client, opened, 3, LONG);
  const stored = async (from: number, n: number) =>
    (await client.request('run.trace', { storeRunId: id, afterSeq: from - 1, limit: n })).events;
  /** The rows drawn, once the view has settled, are consecutive steps, each with the event the store holds. */
  const rowsMatchStore = async (drawn: RowsDrawn): Promise<void> => {
    const { seqs } = drawn;
    seqs.forEach((seq, i) => expect(seq).toBe(seqs[0]! + i));
    const events = await stored(seqs[0]!, seqs.length);
    expect(drawn.events).toEqual(events.map((e) => e.event));
  };
  await openPage(page);
  await openRunsOf(page, 'Dining philosophers with a butler');
  await runs(page)
    .getByRole('button', { name: `Open Run ${id}` })
    .click();
  await expect(status(page)).toContainText(`at step 0 · ${LONG} steps`);
  // A taller panel, as someone reading a long trace would make it.
  const splitter = page.getByRole('separator', { name: 'Resize the panel' });
  for (let i = 0; i < 6; i++) await splitter.press('Shift+ArrowUp');
  // Virtualised: a handful of rows in the page, not twenty thousand.
  expect(await trace(page).getByRole('row').count()).toBeLessThan(80);
  await rowsMatchStore(await settledRows(page, (seqs) => seqs[0] === 1));

  // Keyboard: Home selects step 1, PageDown moves ten rows down, End goes to the last step.
  await body(page).press('Home');
  await expect(rowOf(page, 1)).toHaveAttribute('aria-selected', 'true');
  await body(page).press('PageDown');
  await expect(rowOf(page, 11)).toHaveAttribute('aria-selected', 'true');
  await body(page).press('PageDown');
  await expect(rowOf(page, 21)).toHaveAttribute('aria-selected', 'true');
  await expect(seqCell(page, 21)).toBeInViewport();
  await body(page).press('End');
  await expect(rowOf(page, LONG)).toHaveAttribute('aria-selected', 'true');
  await expect(seqCell(page, LONG)).toBeInViewport();
  await rowsMatchStore(await settledRows(page, (seqs) => seqs.at(-1) === LONG));
  await shot(page, 'runs-long-end');

  // The scrollbar, dragged with the mouse from the end to the middle: the rows there come from the store.
  await dragScrollbar(page, body(page), 0.5);
  const middle = await settledRows(page, (seqs) => seqs.some((seq) => Math.abs(seq - LONG / 2) < LONG / 10));
  await rowsMatchStore(middle);
  await shot(page, 'runs-long-middle');
  // And back to the top.
  await dragScrollbar(page, body(page), 0);
  await rowsMatchStore(await settledRows(page, (seqs) => seqs[0] === 1));
});

test('charts show steps per second by channel and process states while a run goes', async ({ page }) => {
  await studio.open(page);
  const welcome = page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('note', { name: 'Start here' });
  await welcome.getByRole('button', { name: 'Open example Dining philosophers with a butler', exact: true }).click();
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const chart = page.getByRole('figure', { name: 'Steps per second by channel' });
  await expect(chart).toContainText(/series · at [\d.]+ s: \w+ \d+/);
  // Process states: the butler example's 11 processes (5 philosophers, 5 forks, the butler), each in one state.
  const states = page.getByRole('figure', { name: 'Process states' });
  await expect(states).toContainText(/at [\d.]+ s: running \d+, waiting \d+, done \d+, failed \d+/);
  const [, ...counts] = /running (\d+), waiting (\d+), done (\d+), failed (\d+)/.exec((await states.textContent())!)!;
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(11);
  expect(Number(counts[0])).toBeGreaterThan(0);
  await shot(page, 'charts-live');
});

test('a payload is shown in full and copied whole', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const client = await hostAndClient();
  const opened = await client.request('workflows.create', { example: 'sensor-alerts.yaml' });
  const id = await recordRun(client, opened, 1, 60);
  const page1 = await client.request('run.trace', { storeRunId: id, afterSeq: 0, limit: 60 });
  const withPayload = page1.events.find((e) => e.payload !== undefined);
  expect(withPayload, 'the sensor example sends payloads').toBeDefined();
  const step = withPayload!;
  await openPage(page);
  await openRunsOf(page, 'Sensor alerts');
  await runs(page)
    .getByRole('button', { name: `Open Run ${id}` })
    .click();
  await body(page).press('Home');
  for (let i = 1; i < step.seq; i++) await body(page).press('ArrowDown');
  await expect(rowOf(page, step.seq)).toHaveAttribute('aria-selected', 'true');
  const full = JSON.stringify(step.payload, null, 2);
  await expect(page.getByLabel(`Payload of step ${step.seq}`)).toHaveText(full);
  await page.getByRole('button', { name: 'Copy payload' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(full);
});
