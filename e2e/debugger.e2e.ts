/**
 * The debugger on the canvas, as a person uses it, against the real runtime:
 * run controls from the toolbar, keys, the Run menu and the palette; the
 * canvas read-only and tinted during a run; step, step back, fork; node
 * rings and the wait-for cycle of a deadlock; the enabled events fired by
 * click; Edit and re-run.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { useStudio } from './support/studio';
import { shot as saveShot } from './support/shot';

const studio = useStudio();

async function openExample(page: Page, name: string): Promise<void> {
  await studio.open(page, { colorScheme: 'dark' });
  const workflows = page.getByRole('region', { name: 'Workflows', exact: true });
  await workflows.getByRole('button', { name: `Open example ${name}`, exact: true }).click();
  await expect(page.getByTestId('document-name')).toHaveText(name);
}

const shot = (page: Page, name: string): Promise<Buffer> => saveShot(page, `debugger-${name}`);

const canvas = (page: Page): Locator => page.getByRole('region', { name: 'Canvas' });
const controls = (page: Page): Locator => page.getByRole('toolbar', { name: 'Run controls' });
const position = (page: Page): Locator => controls(page).getByRole('status', { name: 'Run position' });
const enabledPanel = (page: Page): Locator => page.getByRole('region', { name: 'Enabled events' });

test('run controls drive the real runtime: step, step back, fork, the canvas read-only and tinted, edit and re-run', async ({
  page,
}) => {
  await openExample(page, 'Dining philosophers');
  await expect(canvas(page)).not.toHaveAttribute('aria-readonly', 'true');
  await expect(controls(page).getByRole('button', { name: 'Run', exact: true })).toBeEnabled();

  // The Run menu and the palette list the controls with their keys.
  const bar = page.getByRole('menubar', { name: 'Application menu' });
  await bar.getByRole('menuitem', { name: 'Run' }).click();
  const menu = page.getByRole('menu', { name: 'Run' });
  for (const item of [
    'Run / Continue F5',
    'Pause F6',
    'Step F10',
    'Step Back Shift+F10',
    'Run to Breakpoint Ctrl+F5',
    'Stop Shift+F5',
    'Restart with the Same Seed Ctrl+Shift+F5',
    'Fork from Here Alt+F10',
    'Edit and Re-run Alt+F5',
  ])
    await expect(menu.getByRole('menuitem', { name: item, exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const options = palette.getByRole('listbox', { name: 'Commands' });
  await page.keyboard.type('step back');
  await expect(options.getByRole('option', { name: 'Run: Step Back (Shift+F10)' })).toBeVisible();
  await page.keyboard.press('Escape');

  // F10 starts a run paused at step 0 and steps once: the canvas is in debug mode.
  await canvas(page)
    .getByRole('application')
    .click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 1');
  await expect(canvas(page)).toHaveAttribute('aria-readonly', 'true');
  await expect(canvas(page).getByRole('status', { name: 'Debug mode' })).toContainText('Dining philosophers · seed 1');
  await expect(controls(page).getByRole('button', { name: 'Edit and re-run' })).toBeVisible();

  // Step 9 more with the key, then back 3.
  for (let i = 0; i < 9; i++) await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 10');
  await controls(page).getByRole('button', { name: 'Step back' }).click();
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Shift+F10');
  await expect(position(page)).toHaveText('step 7 of 10');

  // Each node shows its state; the edge of the event just fired says what fired.
  await expect(canvas(page).getByRole('img', { name: /^State of Phil: / })).toBeVisible();
  // Narrowed by the run's side panel, the canvas gives the minimap's corner back to the drawing.
  await expect(canvas(page).getByRole('img', { name: 'Minimap' })).toBeHidden();
  await expect(canvas(page).getByRole('img', { name: /^State of Fork: / })).toBeVisible();

  // The graph is read-only: deleting a node is refused and says why.
  await canvas(page).getByRole('group', { name: 'Phil', exact: true }).click();
  await page.keyboard.press('Delete');
  await expect(page.getByText(/read-only while a run is open/)).toBeVisible();
  await expect(canvas(page).getByRole('group', { name: 'Phil', exact: true })).toBeVisible();

  // Inspect: the selected node's processes, each with its current term as CSPm.
  const inspect = enabledPanel(page).getByRole('region', { name: 'Inspect Phil' });
  await expect(inspect).toContainText('after step 7');
  await expect(inspect.getByRole('listitem', { name: /^State of Phil\(\d\)$/ })).toHaveCount(5);
  await expect(inspect.getByLabel('Term of Phil(0)')).toHaveText(/\S/);

  // The enabled events: clicking one fires exactly that event.
  const first = enabledPanel(page)
    .getByRole('button', { name: /^Fire (left|right)hand\./ })
    .first();
  const fired = ((await first.getAttribute('aria-label')) ?? '').replace(/^Fire /, '');
  await first.click();
  // The same event as the recorded step 8 follows the record; another one starts a new timeline.
  await expect(position(page)).toHaveText(/^step 8( of 10)?$/);
  const channel = fired.startsWith('left') ? 'lefthand' : 'righthand';
  await expect(canvas(page).getByRole('note', { name: `Fired on ${channel} at step 8: ${fired}` })).toBeVisible();
  await shot(page, 'stepping');

  // Fork from here: the studio follows the fork, which runs on.
  await controls(page).getByRole('button', { name: 'Fork from here' }).click();
  await expect(canvas(page).getByRole('status', { name: 'Debug mode' })).toContainText('(fork)');
  await expect(position(page)).toHaveText(/^step 8/);
  await page.keyboard.press('F10');
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 10');

  // Run (F5) at full speed: the philosophers deadlock; the wait-for cycle is drawn in red.
  await page.keyboard.press('F5');
  await expect(canvas(page).getByRole('status', { name: 'Debug mode' })).toContainText('Deadlock at step', {
    timeout: 30_000,
  });
  await expect(enabledPanel(page).getByRole('alert')).toContainText('Deadlock at step');
  await expect(
    canvas(page).getByRole('img', { name: 'State of Phil: 5 waiting, on the wait-for cycle' }),
  ).toBeVisible();
  await expect(
    canvas(page).getByRole('img', { name: 'State of Fork: 5 waiting, on the wait-for cycle' }),
  ).toBeVisible();
  await shot(page, 'deadlock');

  // Edit and re-run: one click back to an editable canvas; the next run uses the same seed.
  await controls(page).getByRole('button', { name: 'Edit and re-run' }).click();
  await expect(canvas(page)).not.toHaveAttribute('aria-readonly', 'true');
  await expect(canvas(page).getByRole('img', { name: /^State of / })).toHaveCount(0);
  await expect(canvas(page).getByRole('img', { name: 'Minimap' })).toBeVisible();
  await expect(controls(page).getByRole('spinbutton', { name: 'Seed' })).toHaveValue('1');
  await controls(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(canvas(page).getByRole('status', { name: 'Debug mode' })).toContainText('Deadlock at step', {
    timeout: 30_000,
  });
  await page.keyboard.press('Shift+F5');
  await expect(canvas(page)).not.toHaveAttribute('aria-readonly', 'true');
});

test('breakpoints: a channel breakpoint with a payload condition stops there and shows the payload that matched; F9 on a node; saved with the workflow', async ({
  page,
}) => {
  await openExample(page, 'Sensor alerts');
  await controls(page).getByRole('button', { name: 'Breakpoints' }).click();
  const panel = page.getByRole('region', { name: 'Breakpoints' });
  await expect(panel).toBeVisible();

  // An edge breakpoint with a condition over the message.
  await panel.getByRole('combobox', { name: 'New breakpoint on' }).selectOption({ label: 'edge readings' });
  await panel.getByRole('button', { name: 'Add' }).click();
  const condition = panel.getByRole('textbox', { name: 'Condition of the breakpoint on edge readings' });
  await condition.fill('msg.temp >= 35');
  await condition.press('Enter');
  await expect(panel.getByRole('checkbox', { name: 'Enable the breakpoint on edge readings' })).toBeChecked();

  // F9 on the selected node toggles a node breakpoint: on, off.
  // Opening the panel narrows the canvas: fit again so Pager is in view, and wait until the
  // click has selected it (the inspector shows it) before F9 acts on the selection.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await canvas(page).getByRole('group', { name: 'Pager', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { name: 'Pager' })).toBeVisible();
  await page.keyboard.press('F9');
  await expect(panel.getByRole('checkbox', { name: 'Enable the breakpoint on node Pager' })).toBeChecked();
  await page.keyboard.press('F9');
  await expect(panel.getByRole('checkbox', { name: 'Enable the breakpoint on node Pager' })).toHaveCount(0);

  // Run at full speed: it stops on readings with the first reading at 35 degrees or more, and shows that message.
  await page.keyboard.press('F5');
  await expect(position(page)).toHaveText('step 18', { timeout: 30_000 });
  const current = enabledPanel(page).getByRole('status', { name: 'Breakpoint hit' });
  await expect(current).toContainText('Breakpoint on edge readings when msg.temp >= 35 hit at step 18: readings.Hot');
  await expect(canvas(page).getByRole('status', { name: 'Debug mode' })).toContainText('Breakpoint at step 18');
  await expect(current.getByLabel('Payload')).toHaveText(JSON.stringify({ sample: 5, temp: 35 }, null, 2));
  await shot(page, 'breakpoint');

  // Going on stops at the next match (temp 38).
  await page.keyboard.press('F5');
  await expect(position(page)).toHaveText('step 24');
  await expect(current.getByLabel('Payload')).toHaveText(JSON.stringify({ sample: 6, temp: 38 }, null, 2));

  // Disabled while the run is open, it no longer stops the run (which goes on to its step limit or end).
  await panel.getByRole('checkbox', { name: 'Enable the breakpoint on edge readings' }).uncheck();
  await page.keyboard.press('Shift+F5');

  // Saved with the workflow: after a reload the breakpoint is there, disabled, with its condition.
  await expect(page.getByText('saved', { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: /Sensor alerts/ })
    .first()
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Sensor alerts');
  const again = page.getByRole('region', { name: 'Breakpoints' });
  await expect(again.getByRole('checkbox', { name: 'Enable the breakpoint on edge readings' })).not.toBeChecked();
  await expect(again.getByRole('textbox', { name: 'Condition of the breakpoint on edge readings' })).toHaveValue(
    'msg.temp >= 35',
  );
});

test('a failed deadlock check, run for real: the runtime follows the counterexample and stops at the same deadlock', async ({
  page,
}) => {
  await openExample(page, 'Dining philosophers');
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Checks' }).click();
  const checks = page.getByRole('region', { name: 'Checks', exact: true });
  await checks.getByRole('button', { name: 'Run check 1' }).click();
  const row = checks.getByRole('button', { name: /^Assertion 1, / });
  await expect(row).toHaveAccessibleName(/: failed: deadlock after 10 events$/, { timeout: 60_000 });

  await controls(page).getByRole('button', { name: 'Run it for real' }).click();
  const mode = canvas(page).getByRole('status', { name: 'Debug mode' });
  await expect(mode).toContainText('Deadlock at step 10', { timeout: 30_000 });
  await expect(
    canvas(page).getByRole('img', { name: 'State of Phil: 5 waiting, on the wait-for cycle' }),
  ).toBeVisible();
  await expect(
    canvas(page).getByRole('img', { name: 'State of Fork: 5 waiting, on the wait-for cycle' }),
  ).toBeVisible();
  await expect(enabledPanel(page).getByRole('alert')).toContainText('Deadlock at step 10');
  await shot(page, 'counterexample');
});
