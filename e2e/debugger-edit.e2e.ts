/**
 * Editing a message in flight, as a person does it in the studio against the
 * real runtime: pause the bounded-buffer pipeline with two values queued on
 * its buffered edge, open the editor of one, see text that is not JSON and a
 * value the channel does not take refused beside the editor, cancel with
 * Escape, then edit from the palette; step back undoes the edit and stepping
 * forward repeats it; the run goes on with the edited value, as the trace shows.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { useStudio } from './support/studio';
import { shot as saveShot } from './support/shot';

const studio = useStudio();

const shot = (page: Page, name: string): Promise<Buffer> => saveShot(page, `debugger-edit-${name}`);
const controls = (page: Page): Locator => page.getByRole('toolbar', { name: 'Run controls' });
const position = (page: Page): Locator => controls(page).getByRole('status', { name: 'Run position' });
const enabledPanel = (page: Page): Locator => page.getByRole('region', { name: 'Enabled events' });
const messages = (page: Page): Locator => page.getByRole('region', { name: 'Messages in flight' });
const trace = (page: Page): Locator => page.getByRole('table', { name: 'Trace' });

/** The event cell (third) of each trace row, in order. */
async function traceEvents(page: Page): Promise<string[]> {
  const rows = trace(page).getByRole('row');
  const out: string[] = [];
  for (const row of await rows.all()) {
    const cells = await row.getByRole('cell').allInnerTexts();
    if (cells.length > 2) out.push(cells[2]!);
  }
  return out;
}

test('pause with two values queued on a buffered edge, edit one, continue: the trace shows the edited value', async ({
  page,
}) => {
  await studio.open(page, { colorScheme: 'dark' });
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: 'Open example Bounded-buffer pipeline', exact: true })
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Bounded-buffer pipeline');

  // Step starts the run paused and takes its only possible first step: the producer writes 0 into the buffer.
  await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toHaveText('step 1');
  await enabledPanel(page).getByRole('button', { name: 'Fire raw.1', exact: true }).click();
  await expect(position(page)).toHaveText('step 2');

  // Both values wait on the raw edge; each can be edited.
  const first = messages(page).getByRole('listitem', { name: 'Message 0 on raw' });
  const second = messages(page).getByRole('listitem', { name: 'Message 1 on raw' });
  await expect(first.getByLabel('Value of message 0 on raw')).toHaveText('0');
  await expect(second.getByLabel('Value of message 1 on raw')).toHaveText('1');

  await first.getByRole('button', { name: 'Edit message 0 on raw' }).click();
  const editor = first.getByRole('textbox', { name: 'New value of message 0 on raw' });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('0');
  // Not JSON: said beside the editor, nothing sent.
  await editor.fill('{ 2');
  await first.getByRole('button', { name: 'Save the new value of message 0 on raw' }).click();
  await expect(first.getByRole('alert')).toContainText('Not JSON');
  // JSON, but not a value of the channel's type {0..2}: the host's reason.
  await editor.fill('7');
  await editor.press('Control+Enter');
  await expect(first.getByRole('alert')).toHaveText("BUF_raw, message 0: 7 is not a value of channel raw_out's type");
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(position(page)).toHaveText('step 2');
  await shot(page, 'refused');
  // Escape cancels: the value is as it was.
  await editor.press('Escape');
  await expect(editor).toBeHidden();
  await expect(first.getByLabel('Value of message 0 on raw')).toHaveText('0');

  // From the palette: the editor of the first message opens with the keyboard in it.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('edit message in flight');
  await page
    .getByRole('dialog', { name: 'Command palette' })
    .getByRole('option', { name: /Run: Edit Message in Flight…/ })
    .click();
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();
  await expect(position(page)).toHaveText('step 3');
  await expect(first.getByLabel('Value of message 0 on raw')).toHaveText('2');
  await shot(page, 'edited');

  // Step back past the edit: the old value is back; step forward again: the edit is repeated.
  await page.keyboard.press('Shift+F10');
  await expect(position(page)).toHaveText('step 2 of 3');
  await expect(first.getByLabel('Value of message 0 on raw')).toHaveText('0');
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 3');
  await expect(first.getByLabel('Value of message 0 on raw')).toHaveText('2');

  // Continue to the end: the worker took 2, not 0.
  await page.keyboard.press('F5');
  await expect(enabledPanel(page).getByRole('status').filter({ hasText: 'Finished' })).toBeVisible();
  await page.getByRole('tab', { name: 'Trace' }).click();
  const filters = page.getByRole('search', { name: 'Filter the trace' });
  // What left the raw edge, in order: the edited 2 first.
  await filters.getByRole('combobox', { name: 'Filter by channel' }).fill('raw_out');
  await expect(trace(page).getByRole('cell', { name: 'raw_out.1', exact: true })).toBeVisible();
  // Polled: the filter applies after a pause in typing, and the rows re-render as it does.
  await expect.poll(() => traceEvents(page)).toEqual(['raw_out.2', 'raw_out.1', 'raw_out.2']);
  await filters.getByRole('combobox', { name: 'Filter by channel' }).fill('');
  // The edit is a step of the trace, with what it replaced.
  await filters.getByLabel('Search values').fill('edit');
  const editRow = trace(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'edit raw', exact: true }) });
  await expect(editRow).toBeVisible();
  await expect(editRow.getByRole('cell').first()).toHaveText('3');
  await expect(editRow).toContainText('"was":0');
  await shot(page, 'trace');
});

test('a JSON message waiting in a buffer node is edited and the log sink receives the edited payload', async ({
  page,
}) => {
  await studio.open(page, { colorScheme: 'dark' });
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: 'Open example Sensor alerts', exact: true })
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Sensor alerts');
  await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toHaveText('step 1');

  // Fire anything but the pager's take (alerts) until a reading waits in the Queue buffer node.
  const waiting = messages(page).getByRole('listitem', { name: 'Message 0 on queue' });
  for (let i = 0; i < 80 && !(await waiting.isVisible()); i++) {
    const before = await position(page).innerText();
    const items = enabledPanel(page).getByRole('button', { name: /^Fire (?!alerts)/ });
    await items.first().click();
    await expect(position(page)).not.toHaveText(before);
  }
  await expect(waiting).toBeVisible();
  const old = JSON.parse(await waiting.getByLabel('Value of message 0 on queue').innerText()) as { temp: number };
  expect(old.temp).toBeGreaterThanOrEqual(30);

  await waiting.getByRole('button', { name: 'Edit message 0 on queue' }).click();
  const editor = waiting.getByRole('textbox', { name: 'New value of message 0 on queue' });
  await expect(editor).toBeFocused();
  await editor.fill('{ "temp": 99, "edited": true }');
  await editor.press('Control+Enter');
  await expect(editor).toBeHidden();
  await expect(waiting.getByLabel('Value of message 0 on queue')).toContainText('"edited": true');

  // The pager takes it: the alerts step carries the edited payload.
  await enabledPanel(page).getByRole('button', { name: 'Fire alerts', exact: true }).click();
  await page.getByRole('tab', { name: 'Trace' }).click();
  const filters = page.getByRole('search', { name: 'Filter the trace' });
  await filters.getByRole('combobox', { name: 'Filter by channel' }).fill('alerts');
  const row = trace(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'alerts', exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('"edited":true');
  // The filter has applied (it waits for a pause in typing): the other channels' rows are gone.
  await expect(
    trace(page)
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'joined', exact: true }) }),
  ).toHaveCount(0);
  await shot(page, 'json');
});
