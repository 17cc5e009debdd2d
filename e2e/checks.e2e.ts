/**
 * Checks from the canvas, as a person uses them: open the dining philosophers,
 * run the deadlock check, see it fail with a counterexample in node and edge
 * names, select an event and see its nodes lit on the canvas, copy and export
 * the result; the butler variant passes; a long check shows its progress and
 * is cancelled; an edit marks verdicts stale.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { artifact, shot } from './support/shot';
import { chooseFromFileMenu } from './support/files';
import { useStudio } from './support/studio';

const studio = useStudio();
const start = (page: Page) => studio.open(page, { colorScheme: 'dark', clipboard: true });

const browser = (page: Page): Locator => page.getByRole('region', { name: 'Workflows', exact: true });
const checks = (page: Page): Locator => page.getByRole('region', { name: 'Checks', exact: true });
const result = (page: Page): Locator => page.getByRole('region', { name: 'Check result', exact: true });
const canvas = (page: Page): Locator => page.getByRole('region', { name: 'Canvas' });
const node = (page: Page, name: string): Locator => canvas(page).getByRole('group', { name, exact: true });
const row = (page: Page, index: number): Locator =>
  checks(page).getByRole('button', { name: new RegExp(`^(Assertion|Built-in check) ${index}, `) });

/** Opens an example from the Workflows view (shown on first start), then shows the Checks view. */
async function openExample(page: Page, name: string): Promise<void> {
  await browser(page)
    .getByRole('button', { name: `Open example ${name}`, exact: true })
    .click();
  await expect(page.getByTestId('document-name')).toHaveText(new RegExp(name));
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Checks' }).click();
  await expect(checks(page).getByRole('list', { name: 'Assertions' })).toBeVisible();
}

test('the philosophers deadlock: the check fails, its counterexample is in node names, an event lights its nodes', async ({
  page,
}) => {
  await start(page);
  await openExample(page, 'Dining philosophers');
  // Own assertions first; the built-in deadlock and divergence checks they repeat are not listed twice.
  await expect(row(page, 1)).toHaveAccessibleName(/^Assertion 1, SYSTEM :\[deadlock free \[F\]\]: not checked yet$/);
  await expect(checks(page).getByText('also the built-in deadlock freedom')).toBeVisible();
  await expect(checks(page).getByRole('list', { name: 'Built-in checks' })).toHaveCount(0);

  await checks(page).getByRole('button', { name: 'Run check 1' }).click();
  await expect(row(page, 1)).toHaveAccessibleName(/: failed: deadlock after 10 events$/);
  await expect(row(page, 2)).toHaveAccessibleName(/: not checked yet$/);
  await expect(checks(page).getByText('as documented')).toBeVisible();

  // The Check result tab opened on the failure: the events in node and edge names.
  const events = result(page).getByRole('listbox', { name: 'Counterexample events' });
  await expect(events.getByRole('option')).toHaveCount(10);
  await expect(events.getByRole('option').first()).toHaveAccessibleName('1. thinks.0 — Phil › thinks');
  const sixth = events.getByRole('option', { name: '6. lefthand.0.up — Phil.left → Fork.grip' });
  await expect(sixth).toBeVisible();
  await expect(result(page).getByText('Then nothing can happen: deadlock.')).toBeVisible();
  const components = result(page).getByRole('table', { name: 'Components at the end' });
  await expect(components.getByRole('row', { name: /Phil\(0\) Phil right\.1\.up -> eats\.0/ })).toBeVisible();
  await expect(components.getByRole('row', { name: /Fork\(4\) Fork grip\.4\.down -> Fork\(4\)/ })).toBeVisible();

  // Selecting an event lights the nodes (and the edge) it happened on.
  await sixth.click();
  await expect(sixth).toHaveAttribute('aria-selected', 'true');
  await expect(
    node(page, 'Phil').getByRole('note', { name: 'Highlighted on Phil: step 6 · lefthand.0.up' }),
  ).toBeVisible();
  await expect(
    node(page, 'Fork').getByRole('note', { name: 'Highlighted on Fork: step 6 · lefthand.0.up' }),
  ).toBeVisible();
  await shot(page, 'checks-deadlock-counterexample');
  // The keyboard walks the events: up to the first one, a node-only event.
  await events.press('Home');
  await expect(node(page, 'Phil').getByRole('note', { name: 'Highlighted on Phil: step 1 · thinks.0' })).toBeVisible();
  await expect(node(page, 'Fork').getByRole('note')).toHaveCount(0);
  // From Settings, selecting an event brings the canvas back to show it.
  await page.keyboard.press('Control+Comma');
  await expect(canvas(page)).toHaveCount(0);
  await events.getByRole('option', { name: /^10\. / }).click();
  await expect(
    node(page, 'Fork').getByRole('note', { name: 'Highlighted on Fork: step 10 · lefthand.4.up' }),
  ).toBeVisible();

  // Copy and export the result.
  await result(page).getByRole('button', { name: 'Copy', exact: true }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('failed: deadlock after 10 events');
  expect(copied).toMatch(/ 6\. lefthand\.0\.up +Phil\.left → Fork\.grip/);
  const download = page.waitForEvent('download');
  await result(page).getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('dining-philosophers-assertion-1.json');
  const json = JSON.parse(readFileSync((await file.path()) as string, 'utf8')) as {
    assertion: { result: string; counterexample: { trace: string[] } };
    events: { where?: string }[];
  };
  expect(json.assertion.result).toBe('failed');
  expect(json.assertion.counterexample.trace).toHaveLength(10);
  expect(json.events[5]?.where).toBe('Phil.left → Fork.grip');

  // For FDR users: the counterexample as a standalone script, checked here by the real csp command.
  const scriptDownload = page.waitForEvent('download');
  await result(page).getByRole('button', { name: 'Export .csp' }).click();
  const script = await scriptDownload;
  expect(script.suggestedFilename()).toBe('dining-philosophers-assertion-1.csp');
  const scriptPath = artifact('checks-counterexample.csp');
  writeFileSync(scriptPath, readFileSync((await script.path()) as string));
  const checked = spawnSync(
    process.execPath,
    [resolve(import.meta.dirname, '..', 'bin', 'csp.mjs'), 'check', scriptPath],
    {
      encoding: 'utf8',
    },
  );
  expect(checked.stdout).toMatch(/SYSTEM :\[deadlock free \[F\]\]: failed \(deadlock after </);
  expect(checked.stdout).toMatch(/SYSTEM :\[has trace\]: <[^>]+>: passed/);
});

test('the butler variant passes every check; run all from the keyboard', async ({ page }) => {
  await start(page);
  await openExample(page, 'Dining philosophers with a butler');
  await row(page, 1).focus();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(row(page, 1)).toHaveAccessibleName(/: passed$/);
  await expect(row(page, 2)).toHaveAccessibleName(/: passed$/);
  await expect(checks(page).getByRole('status', { name: 'Check summary' })).toHaveText('2 passed, 0 failed');
  await row(page, 1).click();
  await expect(result(page).getByText(/It holds, and rests on no assumption/)).toBeVisible();
  await shot(page, 'checks-butler-passes');
});

test('a long check shows its progress and is cancelled; an edit marks verdicts stale', async ({ page }) => {
  await start(page);
  await openExample(page, 'Dining philosophers with a butler');
  await checks(page).getByRole('button', { name: 'Run check 2' }).click();
  await expect(row(page, 2)).toHaveAccessibleName(/: passed$/);

  // Nine philosophers: millions of states (unsaved edit: the check takes what is on screen).
  const properties = page.getByRole('region', { name: 'Properties' });
  await properties.getByRole('group', { name: 'Parameter N' }).getByRole('textbox', { name: 'Value' }).fill('9');
  await expect(row(page, 2)).toHaveAccessibleName(/: passed \(the document changed since\)$/);
  await expect(checks(page).getByText('changed since').first()).toBeVisible();

  await checks(page).getByRole('button', { name: 'Run check 1' }).click();
  const progress = checks(page).getByRole('status', { name: 'Check progress' });
  await expect(progress).toContainText(/Checking assertion 1: [\d,]+ states · [\d,]+ states\/s · \d+ s elapsed/);
  await shot(page, 'checks-long-check-progress');
  await page.keyboard.press('Control+.');
  await expect(row(page, 1)).toHaveAccessibleName(/: cancelled before it was decided$/);
  await expect(progress).toHaveCount(0);
  await expect(checks(page).getByRole('button', { name: 'Run all' })).toBeEnabled();
  await shot(page, 'checks-long-check-cancelled');
});

test('assumptions: every verdict says what it rests on, as csp check prints them', async ({ page }) => {
  await start(page);
  await openExample(page, 'Sensor alerts');
  // From the Run menu this time.
  await page.getByRole('menubar').getByRole('menuitem', { name: 'Run', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Run' });
  await expect(menu.getByRole('menuitem', { name: 'Cancel Workflow Check' })).toBeDisabled();
  await menu.getByRole('menuitem', { name: 'Run All Checks' }).click();
  await expect(checks(page).getByRole('status', { name: 'Check summary' })).toHaveText('2 passed, 0 failed');
  const mapped = 'node sensor (map) is checked as "any output value after each input"';
  await expect(checks(page).getByRole('region', { name: 'Assumptions' }).getByText(mapped)).toBeVisible();
  await row(page, 1).click();
  await expect(result(page).getByRole('region', { name: 'Assumptions' }).getByText(mapped)).toBeVisible();
  await shot(page, 'checks-assumptions');
});

test('a check that cannot be decided says why and where, in the text the person wrote', async ({ page }) => {
  await start(page);
  // No assertions of its own (the built-ins stand in); a division by zero only evaluating finds.
  const file = join(studio.dataDir, 'broken-counter.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Broken counter',
      'declarations: |',
      '  C(n) = tick -> (if n == 3 then C(n / (n - 3)) else C(n + 1))',
      'processes:',
      '  - id: counter',
      '    name: Counter',
      '    kind: csp',
      '    ports:',
      '      - { name: tick, dir: out }',
      '    behaviour: C(0)',
      '',
    ].join('\n'),
  );
  await chooseFromFileMenu(page, 'Import Workflow (YAML or CSPm)…', file);
  await expect(page.getByTestId('document-name')).toHaveText('Broken counter');
  await page.keyboard.press('Control+5');
  await expect(checks(page).getByText('No assertions of its own: these stand in')).toBeVisible();
  await expect(row(page, 1)).toHaveAccessibleName(
    /^Built-in check 1, deadlock freedom, SYSTEM :\[deadlock free \[F\]\]/,
  );

  await checks(page).getByRole('button', { name: 'Run all' }).click();
  await expect(row(page, 1)).toHaveAccessibleName(/: error: CSP3001 division by zero in 3 \/ 0$/);
  await expect(row(page, 2)).toHaveAccessibleName(/: error: CSP3001 division by zero in 3 \/ 0$/);
  await expect(checks(page).getByRole('status', { name: 'Check summary' })).toHaveText('0 passed, 0 failed, 2 errors');
  await row(page, 1).click();
  const alert = result(page).getByRole('alert');
  await expect(alert).toContainText('CSP3001 division by zero in 3 / 0 · in declarations · line 1:34');
  await shot(page, 'checks-error-located');
  await alert.getByRole('button', { name: 'show where' }).click();
  await expect(page.getByRole('region', { name: 'Inspector' }).getByText('Declarations').first()).toBeVisible();
});

test('built-in contract checks are listed by node name next to the own assertions; a failure before any event', async ({
  page,
}) => {
  await start(page);
  await openExample(page, 'LLM agents negotiating');
  const builtins = checks(page).getByRole('list', { name: 'Built-in checks' });
  await expect(
    builtins.getByRole('button', { name: /^Built-in check 7, contract of Buyer \(divergence freedom\), / }),
  ).toBeVisible();
  await expect(
    builtins.getByRole('button', { name: /^Built-in check 8, contract of Seller \(divergence freedom\), / }),
  ).toBeVisible();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(checks(page).getByRole('status', { name: 'Check summary' })).toHaveText('5 passed, 1 failed');
  await expect(row(page, 4)).toHaveAccessibleName(/: failed: may both accept and refuse offer\.BadOffer at the start$/);
  await row(page, 4).click();
  await expect(result(page).getByText('No visible events: it fails after 1 internal step.')).toBeVisible();
  await expect(
    result(page).getByText('Then it may both accept and refuse offer.BadOffer: it is not deterministic.'),
  ).toBeVisible();
  await shot(page, 'checks-contracts-and-determinism');
});

test('refusal testing: the counterexample shows what was refused before each event', async ({ page }) => {
  await start(page);
  // The machine offers tea and coffee, then milk: the specification offers milk after coffee
  // only where it did not refuse milk first, so revivals pass and refusal testing fails (and the
  // built-in deadlock check fails too: the machine stops).
  const file = join(studio.dataDir, 'refusal-testing.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Refusal testing',
      'declarations: |',
      '  SPEC = (tea -> STOP [] coffee -> STOP) |~| (coffee -> milk -> STOP [] milk -> STOP)',
      '  M = tea -> STOP [] coffee -> milk -> STOP',
      'processes:',
      '  - id: machine',
      '    name: Machine',
      '    kind: csp',
      '    ports:',
      '      - { name: tea, dir: out }',
      '      - { name: coffee, dir: out }',
      '      - { name: milk, dir: out }',
      '    behaviour: M',
      'assertions:',
      '  - { id: revivals, text: "SPEC [V= SYSTEM", expect: pass }',
      '  - { id: refusals, text: "SPEC [R= SYSTEM", expect: fail }',
      '',
    ].join('\n'),
  );
  await chooseFromFileMenu(page, 'Import Workflow (YAML or CSPm)…', file);
  await expect(page.getByTestId('document-name')).toHaveText('Refusal testing');
  await page.keyboard.press('Control+5');
  await checks(page).getByRole('button', { name: 'Run all' }).click();
  await expect(checks(page).getByRole('status', { name: 'Check summary' })).toHaveText('2 passed, 2 failed');
  await expect(row(page, 2)).toHaveAccessibleName(/: failed: performs milk after 1 event/);
  await row(page, 2).click();
  const events = result(page).getByRole('listbox', { name: 'Counterexample events' });
  await expect(events.getByRole('option')).toHaveCount(1);
  await expect(events.getByRole('option').first()).toHaveAccessibleName(
    '1. coffee — Machine › coffee — refused {milk}',
  );
  await expect(events.getByText('refused {milk}', { exact: true })).toBeVisible();
  await expect(result(page).getByText('Refusal testing: each event comes with what the process refused')).toBeVisible();
  await expect(
    result(page).getByText('Then it can perform milk, which the specification does not allow.'),
  ).toBeVisible();
  await shot(page, 'checks-refusal-testing');
});
