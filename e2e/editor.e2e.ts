/**
 * The editor as a person uses it: open a .csp file as a script, see a typo's
 * marker and fix it, hover and complete, run the assertions and read the
 * verdicts and a counterexample, probe a process three events deep and walk
 * back; in a workflow, Monaco in the behaviour field (marker and canvas
 * badge, then gone) and the generated CSPm linked to the canvas.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { codeField, codeText, typeCode } from './code-editor';
import { shot } from './support/shot';
import { chooseFromFileMenu, dropFile } from './support/files';
import { useStudio } from './support/studio';

// Monaco, its workers and the TypeScript service load on first use: several MB on a 2-core machine.
test.describe.configure({ timeout: 240_000 });

const studio = useStudio();
const start = (page: Page) => studio.open(page, { colorScheme: 'light' });

// The dining philosophers of the CSPm fixtures, plus an assertion that fails (the plain system deadlocks).
const DINING = readFileSync(resolve(import.meta.dirname, '../src/engine/cspm/__fixtures__/pass/dining.csp'), 'utf8');
const SCRIPT = `${DINING}assert SYSTEM :[deadlock free [F]]\n`;

const scriptEditor = (page: Page): Locator => page.getByTestId('script-editor');
const assertions = (page: Page): Locator => page.getByRole('region', { name: 'Assertions' });
const probe = (page: Page): Locator => page.getByRole('region', { name: 'Probe' });

async function openScriptFile(page: Page): Promise<void> {
  await chooseFromFileMenu(page, 'Open CSPm Script…', {
    name: 'dining.csp',
    mimeType: 'text/plain',
    buffer: Buffer.from(SCRIPT),
  });
  // The first show of the editor loads Monaco (a few MB): slow on a busy machine.
  await expect(page.getByRole('heading', { name: 'dining', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(scriptEditor(page)).toContainText('Dining philosophers');
}

test('a .csp script: live errors, hover and completion, assertions with verdicts and a counterexample, the probe three events deep and back', async ({
  page,
}) => {
  await start(page);
  await openScriptFile(page);
  await expect(page.getByTestId('script-problems')).toHaveText('✓ No problems');
  await shot(page, 'editor-script');

  // A typo at the end: a marker and the Problems tab; clicking the problem puts the cursor on it; fixed there.
  await scriptEditor(page).click({ position: { x: 400, y: 60 } });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nTYPO = PHI(0)');
  await expect(page.getByTestId('script-problems')).toHaveText('1 error, 0 warnings');
  await expect(scriptEditor(page).locator('.squiggly-error')).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+Shift+M');
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems).toContainText("undefined name 'PHI'");
  await shot(page, 'editor-typo');
  await scriptEditor(page).click({ position: { x: 400, y: 60 } });
  await problems.getByRole('listitem').first().getByRole('button').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.insertText('TYPO = PHIL(0)');
  await expect(page.getByTestId('script-problems')).toHaveText('✓ No problems');
  await expect(scriptEditor(page).locator('.squiggly-error')).toHaveCount(0);

  // Hover shows a name's type (back at the top, where PHILS is defined); completion offers the names in scope.
  await page.keyboard.press('ControlOrMeta+Home');
  await scriptEditor(page).getByText('PHILS', { exact: true }).first().hover();
  await expect(page.getByRole('tooltip')).toContainText('PHILS :: Proc');
  await scriptEditor(page).click({ position: { x: 400, y: 60 } });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nX = BSYS');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('option', { name: /^BSYSTEM,/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(scriptEditor(page)).toContainText('X = BSYSTEM');
  await expect(page.getByTestId('script-problems')).toHaveText('✓ No problems');

  // Run every assertion: six pass, the one added fails with the deadlock of the plain system.
  await assertions(page).getByRole('button', { name: 'Run all' }).click();
  const rows = assertions(page).getByRole('listitem');
  await expect(rows).toHaveCount(7);
  await expect(assertions(page).getByTestId('assertion-status-7')).toContainText('failed', { timeout: 60_000 });
  for (let i = 1; i <= 6; i++)
    await expect(assertions(page).getByTestId(`assertion-status-${i}`)).toContainText('passed');
  await expect(assertions(page).getByTestId('assertion-status-7')).toContainText('states');
  const counterexample = page.getByRole('region', { name: 'Counterexample of assertion 7' });
  await expect(counterexample).toContainText('Deadlock after this trace');
  await expect(counterexample.getByRole('list', { name: 'Trace' }).getByRole('listitem').first()).toContainText(
    /thinks|sits|picks/,
  );
  await shot(page, 'editor-verdicts');

  // One assertion on its own, from its row.
  await assertions(page)
    .getByRole('button', { name: /^Run assertion 2:/ })
    .click();
  await expect(assertions(page).getByTestId('assertion-status-2')).toContainText('passed');

  // The probe: PHIL(0) three events deep, then back by key and by breadcrumb.
  await page.getByRole('tab', { name: 'Probe' }).click();
  await probe(page).getByLabel('Process').fill('PHIL(0)');
  await probe(page).getByRole('button', { name: 'Probe', exact: true }).click();
  const events = probe(page).getByRole('list', { name: 'Events' });
  await expect(events.getByRole('button')).toHaveCount(1);
  await expect(events.getByRole('button').first()).toHaveAccessibleName(/^thinks\.0 → sits\.0 -> /);
  for (const event of ['thinks.0', 'sits.0', 'picks.0.0']) {
    await events.getByRole('button', { name: new RegExp(`^${event.replace(/\./g, '\\.')} → `) }).click();
    await expect(probe(page).getByRole('navigation', { name: 'Probe path' })).toContainText(event);
  }
  const path = probe(page).getByRole('navigation', { name: 'Probe path' }).getByRole('listitem');
  await expect(path).toHaveCount(4);
  await expect(probe(page).getByTestId('probe-state')).toHaveText(/^picks\.0\.1 -> eats\.0 -> /);
  await shot(page, 'editor-probe-deep');
  // Backspace walks back one step; the breadcrumb walks back to the start.
  await events.getByRole('button').first().focus();
  await page.keyboard.press('Backspace');
  await expect(path).toHaveCount(3);
  await probe(page).getByRole('button', { name: 'Back to the start' }).click();
  await expect(path).toHaveCount(1);
  await expect(probe(page).getByTestId('probe-state')).toHaveText('PHIL(0)');
  await expect(events.getByRole('button').first()).toHaveAccessibleName(/^thinks\.0 → /);
  await shot(page, 'editor-probe-back');

  // Saved as typed: a reload opens the script again.
  await expect(page.getByTestId('save-status')).toHaveText('saved', { timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(scriptEditor(page)).toContainText('Dining philosophers');
});

test('a workflow: Monaco in the behaviour field (marker and badge, then gone) and the generated CSPm linked to the canvas', async ({
  page,
}) => {
  await start(page);
  const workflows = page.getByRole('region', { name: 'Workflows', exact: true });
  await workflows.getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  const canvas = page.getByRole('region', { name: 'Canvas' });
  const fork = canvas.getByRole('group', { name: 'Fork', exact: true });
  await fork.locator('.dn-summary').click();
  const properties = page.getByRole('region', { name: 'Properties' });
  const behaviour = codeField(properties, 'Behaviour');
  await expect(behaviour).toContainText('grip.j.up -> grip.j.down -> Fork(j)');

  // A typo: the marker in the field, the message under it, the badge on the node.
  await typeCode(behaviour, 'grip.j.up -> grip.j.down -> Frok(j)');
  await expect(behaviour.locator('.squiggly-error')).toHaveCount(1);
  await expect(properties.getByRole('list', { name: 'Problems' })).toContainText("undefined name 'Frok'");
  const badge = fork.getByRole('button', { name: /^Problems of fork/ });
  await expect(badge).toBeVisible();
  await shot(page, 'editor-field-typo');

  // Completion in the field knows the workflow's names (ports, processes, constructors).
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('grip.j.up -> grip.j.down -> Fo');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('option', { name: /^Fork,/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await typeCode(behaviour, 'grip.j.up -> grip.j.down -> Fork(j)');
  await expect(badge).toHaveCount(0);
  await expect(behaviour.locator('.squiggly-error')).toHaveCount(0);

  // The generated CSPm: clicking Phil's definition selects Phil; selecting Fork highlights its lines.
  await page.getByRole('tab', { name: 'Editor' }).click();
  const generated = page.getByRole('region', { name: 'CSPm' });
  await expect(generated).toContainText('Generated from Dining philosophers');
  await generated.getByText('Phil(i) =', { exact: true }).click();
  await expect(page.getByTestId('generated-element')).toHaveText('node Phil');
  await expect(properties.getByRole('heading', { name: 'Phil', exact: true })).toBeVisible();
  await shot(page, 'editor-generated');
  await page.getByRole('tab', { name: 'Canvas' }).click();
  await fork.locator('.dn-summary').click();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await expect(generated.locator('.generated-selected').first()).toBeVisible();
});

test('a script node: JavaScript in Monaco with the script API typed by the node’s ports', async ({ page }) => {
  await start(page);
  const workflows = page.getByRole('region', { name: 'Workflows', exact: true });
  await workflows.getByRole('button', { name: 'Open example Hospital triage', exact: true }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Hospital triage');
  await page
    .getByRole('region', { name: 'Canvas' })
    .getByRole('group', { name: 'Triage', exact: true })
    .locator('.dn-summary')
    .click();
  const properties = page.getByRole('region', { name: 'Properties' });
  const script = codeField(properties, 'Script');
  await expect(script).toContainText('Route each patient by severity');

  // Sending on a port the node does not have is a type error, at the port, naming the ports it has.
  await typeCode(script, "const severity = await recv('intake');\nawait send('nowhere', severity);\n");
  // The TypeScript worker loads on first use: slow on a busy machine.
  await expect(script.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });
  await script.getByText("'nowhere'").hover();
  await expect(page.getByRole('tooltip')).toContainText(
    `Argument of type '"nowhere"' is not assignable to parameter of type '"urgent" | "routine"'`,
  );
  await shot(page, 'editor-script-field');

  // Hover and completion know the API.
  await script.getByText('recv', { exact: true }).hover();
  await expect(page.getByRole('tooltip')).toContainText('function recv(port: "intake")');
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await script.click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('ctx.st');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('option', { name: /^state/ })).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('Escape');

  // A port it has: no error left.
  await typeCode(script, "const severity = await recv('intake');\nawait send('urgent', severity);\n");
  await expect(script.locator('.squiggly-error')).toHaveCount(0, { timeout: 15_000 });
});

test('a .csp file dropped on the window opens as written, its error marked; F12 goes to a definition', async ({
  page,
}) => {
  await start(page);
  const text = 'channel a, b : {0..2}\nP = a?x -> Q(x)\nQ(x) = b!x -> P\nR = P [] STOPP\n';
  await dropFile(page, 'pq.csp', text);
  await expect(page.getByRole('heading', { name: 'pq', exact: true })).toBeVisible({ timeout: 60_000 });
  const workflows = page.getByRole('region', { name: 'Workflows', exact: true });
  await expect(workflows.getByRole('listitem').filter({ hasText: 'pq' })).toContainText('CSPm');
  // Kept as written, the error included: marked where it is.
  await expect(page.getByTestId('script-problems')).toHaveText('1 error, 0 warnings');
  await expect(scriptEditor(page).locator('.squiggly-error')).toHaveCount(1);
  expect(await codeText(scriptEditor(page))).toBe(text);

  // F12 on Q in line 2 puts the cursor on Q's definition (line 3): typed text lands there.
  await scriptEditor(page).click({ position: { x: 400, y: 10 } });
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  const activeLine = scriptEditor(page).locator('.line-numbers.active-line-number');
  await expect(activeLine).toHaveText('2');
  await page.keyboard.press('F12');
  await expect(activeLine).toHaveText('3');
  await page.keyboard.insertText('-- Q is defined here\n');
  await expect
    .poll(() => codeText(scriptEditor(page)))
    .toContain('P = a?x -> Q(x)\n-- Q is defined here\nQ(x) = b!x -> P');

  // Fixed in place: no problems left.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('script-problems')).toHaveText('✓ No problems');
  await expect(scriptEditor(page).locator('.squiggly-error')).toHaveCount(0);
  await shot(page, 'editor-dropped');
});
