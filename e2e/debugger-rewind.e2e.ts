/**
 * Step and rewind as a person does it with the run toolbar and its keys:
 * start a run, step 10 events with the Step button and F10, step back 3 with
 * the Step back button and Shift+F10, then the trace table's selected row,
 * the sequence chart's highlighted message and the canvas (its mode line and
 * the event flashed on its edge) all name the same step by its number and
 * event. Then Fork from here: the fork starts at that step and runs on, the
 * trace following it.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { shot } from './support/shot';
import { useStudio } from './support/studio';

const studio = useStudio();

const canvas = (page: Page): Locator => page.getByRole('region', { name: 'Canvas' });
const controls = (page: Page): Locator => page.getByRole('toolbar', { name: 'Run controls' });
const position = (page: Page): Locator => controls(page).getByRole('status', { name: 'Run position' });
const mode = (page: Page): Locator => canvas(page).getByRole('status', { name: 'Debug mode' });
const trace = (page: Page): Locator => page.getByRole('table', { name: 'Trace' });
const chart = (page: Page): Locator => page.getByRole('table', { name: 'Sequence chart' });

/** The cells of a table row: step, time, event, processes, payload. */
async function cellsOf(row: Locator): Promise<string[]> {
  return row.getByRole('cell').allInnerTexts();
}

/** Asserts that the table, the chart and the canvas all stand at step `seq`, which fired `event`. */
async function allAgreeOn(page: Page, seq: number, event: string): Promise<void> {
  await expect(position(page)).toHaveText(new RegExp(`^step ${seq}( of \\d+)?$`));
  await expect(mode(page)).toContainText(`at step ${seq} `);

  // The trace table: the selected row is the current step.
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  const selected = trace(page).getByRole('row', { selected: true });
  await expect(selected).toHaveAttribute('aria-current', 'step');
  const cells = await cellsOf(selected);
  expect(cells[0]).toBe(String(seq));
  expect(cells[2]).toBe(event);

  // The sequence chart: the highlighted message is the same step and event.
  await page.getByRole('button', { name: 'Sequence chart', exact: true }).click();
  const highlighted = chart(page).getByRole('row', { selected: true });
  await expect(highlighted).toHaveAttribute('aria-current', 'step');
  await expect(highlighted).toHaveAccessibleName(new RegExp(`^Step ${seq}: ${escape(event)}, `));

  // The canvas: the event flashed on its edge (or node) is that step's.
  const flash = canvas(page).getByRole('note', { name: /^Fired on / });
  await expect(flash).toHaveCount(1);
  await expect(flash).toHaveAccessibleName(new RegExp(` at step ${seq}: ${escape(event)}$`));
  await page.getByRole('button', { name: 'Table', exact: true }).click();
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('step 10 with the toolbar and F10, back 3 with the toolbar and Shift+F10: the trace table, the sequence chart and the canvas agree; the fork runs on', async ({
  page,
}) => {
  await studio.open(page, { colorScheme: 'dark' });
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: 'Open example Dining philosophers', exact: true })
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');

  // The Step button starts a run paused at step 0 and takes one step; then five more clicks and four F10s.
  const step = controls(page).getByRole('button', { name: 'Step', exact: true });
  await expect(step).toHaveAttribute('aria-keyshortcuts', 'F10');
  await step.click();
  await expect(position(page)).toHaveText('step 1');
  for (let i = 2; i <= 6; i++) {
    await step.click();
    await expect(position(page)).toHaveText(`step ${i}`);
  }
  for (let i = 7; i <= 10; i++) {
    await page.keyboard.press('F10');
    await expect(position(page)).toHaveText(`step ${i}`);
  }
  await page.getByRole('tab', { name: 'Trace' }).click();
  await expect(trace(page).getByRole('row', { selected: true })).toBeVisible();
  const events: string[] = [];
  for (let seq = 1; seq <= 10; seq++) {
    const row = trace(page)
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: String(seq), exact: true }) });
    events.push((await cellsOf(row))[2]!);
  }
  await allAgreeOn(page, 10, events[9]!);

  // Back 3: once with the button, twice with Shift+F10.
  const back = controls(page).getByRole('button', { name: 'Step back' });
  await expect(back).toHaveAttribute('aria-keyshortcuts', 'Shift+F10');
  await back.click();
  await expect(position(page)).toHaveText('step 9 of 10');
  await page.keyboard.press('Shift+F10');
  await expect(position(page)).toHaveText('step 8 of 10');
  await page.keyboard.press('Shift+F10');
  await expect(position(page)).toHaveText('step 7 of 10');
  await allAgreeOn(page, 7, events[6]!);
  await shot(page, 'debugger-rewound');

  // Fork from here: the studio follows the fork, which starts at step 7 and runs on.
  await controls(page).getByRole('button', { name: 'Fork from here' }).click();
  await expect(mode(page)).toContainText('(fork)');
  await expect(position(page)).toHaveText('step 7');
  await allAgreeOn(page, 7, events[6]!);
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 8');
  await step.click();
  await expect(position(page)).toHaveText('step 9');
  const ninth = await cellsOf(trace(page).getByRole('row', { selected: true }));
  expect(ninth[0]).toBe('9');
  await allAgreeOn(page, 9, ninth[2]!);
  // The fork's own history is the first 7 steps of the run it came from.
  for (let seq = 1; seq <= 7; seq++) {
    const row = trace(page)
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: String(seq), exact: true }) });
    expect((await cellsOf(row))[2]).toBe(events[seq - 1]);
  }
  await shot(page, 'debugger-forked');
});
