/**
 * Explore from here, as a person uses it: from a paused run of the dining
 * philosophers, Alt+F6 (also in the palette and the toolbar) searches every
 * interleaving within the steps from where the run stands, lists the deadlock
 * it finds, shows that state (its processes, the path to it, the transitions
 * out), browses on and back, exports the graph as DOT (drawn by Graphviz when
 * it is installed), and replays the path in the run, which stops at the same
 * deadlock. A large exploration shows its progress and is cancelled.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { artifact, shot } from './support/shot';
import { useStudio } from './support/studio';

const studio = useStudio();

const canvas = (page: Page): Locator => page.getByRole('region', { name: 'Canvas' });
const controls = (page: Page): Locator => page.getByRole('toolbar', { name: 'Run controls' });
const position = (page: Page): Locator => controls(page).getByRole('status', { name: 'Run position' });
const panel = (page: Page): Locator => page.getByRole('region', { name: 'Explore from here' });

async function openPhilosophers(page: Page): Promise<void> {
  await studio.open(page, { colorScheme: 'dark' });
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: 'Open example Dining philosophers', exact: true })
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
}

test('explore from a paused run: the deadlock found, its state browsed, the graph exported as DOT, the path replayed in the run', async ({
  page,
}) => {
  await openPhilosophers(page);
  await canvas(page)
    .getByRole('application')
    .click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 1');
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 2');

  // The palette lists it with its key; the toolbar has it too.
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('explore');
  await expect(palette.getByRole('option', { name: 'Run: Explore from Here (Alt+F6)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(controls(page).getByRole('button', { name: 'Explore from here' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Alt+F6',
  );

  // A shallow exploration first (three steps, typed in), exported as DOT: a node per state and an edge per
  // transition, drawn by Graphviz when it is installed.
  await page.keyboard.press('Alt+F6');
  const steps3 = panel(page).getByRole('spinbutton', { name: 'Steps to explore' });
  const summary = panel(page).getByRole('status', { name: 'Exploration summary' });
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await steps3.fill('3');
  await panel(page).getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(summary).toContainText(/^From step 2: [\d,]+ states, [\d,]+ transitions within 3 steps/, {
    timeout: 60_000,
  });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel(page).getByRole('button', { name: 'Export DOT' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('explored-states.dot');
  const file = artifact('debugger-explored-states.dot');
  await download.saveAs(file);
  const dot = readFileSync(file, 'utf8');
  const counts = /([\d,]+) states, ([\d,]+) transitions/.exec((await summary.textContent()) ?? '')!;
  const num = (s: string): number => Number(s.replace(/,/g, ''));
  expect(dot.startsWith('digraph "explored" {')).toBe(true);
  expect(dot.match(/^ {2}s\d+ \[/gm)).toHaveLength(num(counts[1]!));
  expect(dot.match(/^ {2}s\d+ -> s\d+ /gm)).toHaveLength(num(counts[2]!));
  expect(dot).toContain('Phil(0) = ');
  if (existsSync('/usr/bin/dot')) {
    const svg = spawnSync('/usr/bin/dot', ['-Tsvg', file], { encoding: 'utf8', timeout: 60_000 });
    expect(svg.status).toBe(0);
    expect(svg.stdout).toContain('<svg');
  }
  // Then twenty steps, from the keyboard: Enter in the field explores again.
  await steps3.fill('20');
  await steps3.press('Enter');
  await expect(summary).toContainText(/^From step 2: [\d,]+ states, [\d,]+ transitions within 20 steps/, {
    timeout: 60_000,
  });
  await expect(summary).toContainText('1 finding');
  const findings = panel(page).getByRole('list', { name: 'Findings' });
  await expect(findings.getByRole('listitem')).toHaveCount(1);
  await expect(findings).toContainText(/deadlock after \d+ steps \(state \d+\)/);
  // The run did not move.
  await expect(position(page)).toHaveText('step 2');

  // State 0 is where the run stands: its processes' terms are the inspector's.
  await expect(panel(page).getByRole('region', { name: 'State 0' })).toBeVisible();
  await expect(panel(page).getByLabel('Term of Phil(0) in state 0')).toHaveText(/\S/);

  // Show the deadlock: its state, the path from the start, no transitions out.
  const show = findings.getByRole('button', { name: /^Show the deadlock at state \d+$/ });
  const deadlockId = Number(/(\d+)$/.exec((await show.getAttribute('aria-label')) ?? '')![1]);
  await show.click();
  const stuck = panel(page).getByRole('region', { name: `State ${deadlockId}` });
  await expect(stuck.getByRole('heading', { level: 3 })).toContainText('deadlock: nothing can happen');
  await expect(stuck.getByRole('heading', { name: 'No transitions out' })).toBeVisible();
  const path = stuck.getByRole('list', { name: 'Path from the start' }).getByRole('button');
  const steps = await path.count();
  expect(steps).toBeGreaterThan(0);
  await shot(page, 'debugger-explore-deadlock');

  // Browse: the path's first step goes to a state whose transitions lead on; Back returns.
  const firstId = Number(/to state (\d+)$/.exec((await path.first().getAttribute('aria-label')) ?? '')?.[1] ?? NaN);
  await path.first().click();
  const first = panel(page).getByRole('region', { name: `State ${firstId}` });
  await expect(first).toBeVisible();
  await expect(
    first
      .getByRole('list', { name: `Transitions out of state ${firstId}` })
      .getByRole('button')
      .first(),
  ).toBeVisible();
  await first.getByRole('button', { name: `Back to state ${deadlockId}` }).click();
  await expect(stuck).toBeVisible();

  // Replay the deadlock in the run: it takes the same path and stops at the deadlock, drawn on the canvas.
  await findings.getByRole('button', { name: `Replay the deadlock at state ${deadlockId} in the run` }).click();
  await expect(position(page)).toHaveText(`step ${2 + steps}`);
  await expect(canvas(page).getByRole('status', { name: 'Debug mode' })).toContainText(`Deadlock at step ${2 + steps}`);
  await expect(
    canvas(page).getByRole('img', { name: 'State of Phil: 5 waiting, on the wait-for cycle' }),
  ).toBeVisible();
  await expect(summary).toContainText(`The run has moved to step ${2 + steps}`);
  await shot(page, 'debugger-explore-replayed');
});

test('a large exploration shows its progress and is cancelled from the keyboard, keeping what it found', async ({
  page,
}) => {
  await openPhilosophers(page);
  // Nine philosophers: far more states than the limit, so the search is still going when cancelled.
  const value = page
    .getByRole('region', { name: 'Inspector' })
    .getByRole('group', { name: 'Parameter N' })
    .getByRole('textbox', { name: 'Value' });
  await value.fill('9');
  await value.press('Enter');
  await expect(page.getByText('saved', { exact: true })).toBeVisible();
  await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toHaveText('step 1');
  await controls(page).getByRole('button', { name: 'Explore from here' }).click();
  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  // Start again with limits typed in: a thousand steps, a hundred thousand states.
  await panel(page).getByRole('spinbutton', { name: 'Steps to explore' }).fill('1000');
  await panel(page).getByRole('spinbutton', { name: 'States to keep at most' }).fill('100000');
  await panel(page).getByRole('button', { name: 'Explore', exact: true }).click();
  const progress = panel(page).getByRole('status', { name: 'Exploration progress' });
  await expect(progress).toContainText(/Exploring… [\d,]+ states, [\d,]+ transitions, step \+\d+/, { timeout: 30_000 });
  await shot(page, 'debugger-explore-progress');
  await page.keyboard.press('Shift+Alt+F6');
  const summary = panel(page).getByRole('status', { name: 'Exploration summary' });
  await expect(summary).toContainText('(cancelled: what was found so far)', { timeout: 30_000 });
  await expect(summary).toContainText(/^From step 1: [\d,]+ states/);
  await expect(panel(page).getByRole('region', { name: 'State 0' })).toBeVisible();
});
