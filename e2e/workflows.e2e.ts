/**
 * Workflows in the studio, as a person uses them: examples on first start,
 * the browser (create, rename, duplicate, delete and undo, search), saving
 * (autosave and reload), history (diff, restore), import and export, drop.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeField, typeCode } from './code-editor';
import { shot } from './support/shot';
import { chooseFromFileMenu, dropFile } from './support/files';
import { useStudio } from './support/studio';

const root = resolve(import.meta.dirname, '..');
const studio = useStudio();
const start = (page: Page) => studio.open(page, { colorScheme: 'dark' });

const browser = (page: Page) => page.getByRole('region', { name: 'Workflows', exact: true });
const allList = (page: Page) => browser(page).getByRole('region', { name: 'All workflows' });

test('first start offers the examples; one click opens an editable copy', async ({ page }) => {
  await start(page);
  const welcome = browser(page).getByRole('note', { name: 'Start here' });
  await expect(welcome.getByRole('button', { name: 'Open example Dining philosophers', exact: true })).toBeVisible();
  await expect(welcome.getByRole('button', { name: /^Open example / })).toHaveCount(10);
  await shot(page, 'workflows-first-start');
  await welcome.getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  await expect(page).toHaveTitle('Dining philosophers — CSP Studio');
  await expect(allList(page).getByRole('button', { name: /^Dining philosophers/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  // Always one click away afterwards too.
  await browser(page).getByRole('button', { name: 'Open example' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open an example' });
  await dialog.getByRole('button', { name: 'Open example Dining philosophers with a butler' }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers with a butler');
  await shot(page, 'workflows-example-open');
});

test('create, rename, duplicate, delete and undo in the browser; search by name', async ({ page }) => {
  await start(page);
  await browser(page).getByRole('button', { name: 'New workflow' }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Untitled workflow');

  await allList(page).getByRole('button', { name: 'Rename Untitled workflow' }).click();
  const input = allList(page).getByRole('textbox', { name: 'New name for Untitled workflow' });
  await input.fill('Pipeline A');
  await input.press('Enter');
  await expect(allList(page).getByRole('button', { name: /^Pipeline A/ })).toBeVisible();
  await expect(page).toHaveTitle('Pipeline A — CSP Studio');

  await allList(page).getByRole('button', { name: 'Duplicate Pipeline A' }).click();
  await expect(allList(page).getByRole('button', { name: /^Pipeline A copy/ })).toBeVisible();

  await allList(page).getByRole('button', { name: 'Delete Pipeline A copy' }).click();
  await expect(allList(page).getByRole('button', { name: /^Pipeline A copy/ })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted "Pipeline A copy".' })).toBeVisible();
  await shot(page, 'workflows-deleted-toast');
  await page.keyboard.press('Control+Z');
  await expect(allList(page).getByRole('button', { name: /^Pipeline A copy/ })).toBeVisible();

  // Delete again, and bring it back with the toast's Undo button this time.
  await allList(page).getByRole('button', { name: 'Delete Pipeline A copy' }).click();
  await expect(allList(page).getByRole('button', { name: /^Pipeline A copy/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(allList(page).getByRole('button', { name: /^Pipeline A copy/ })).toBeVisible();

  await browser(page).getByRole('searchbox', { name: 'Search workflows by name' }).fill('copy');
  await expect(browser(page).getByRole('region', { name: 'All workflows' })).toHaveCount(0);
  const matching = browser(page).getByRole('region', { name: 'Matching' });
  await expect(matching.getByRole('listitem')).toHaveCount(1);
  await expect(matching.getByRole('button', { name: /^Pipeline A copy/ })).toBeVisible();
  await shot(page, 'workflows-browser');
});

test('saves survive a reload; history lists versions, shows a readable diff, restores', async ({ page }) => {
  await start(page);
  await browser(page).getByRole('button', { name: 'Open example Bounded-buffer pipeline' }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Bounded-buffer pipeline');
  // Renaming writes the new name into the YAML: version 2.
  await allList(page).getByRole('button', { name: 'Rename Bounded-buffer pipeline' }).click();
  await allList(page).getByRole('textbox').fill('Buffers');
  await allList(page).getByRole('textbox').press('Enter');
  await expect(page).toHaveTitle('Buffers — CSP Studio');

  await page.keyboard.press('Control+Shift+H');
  const history = page.getByRole('region', { name: 'History' });
  const versions = history.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await history.getByRole('button', { name: 'Compare version 1 with the current one' }).click();
  const diff = page.getByRole('dialog', { name: 'Version 1 compared with the current version' });
  await expect(diff.getByRole('region', { name: 'Workflow' })).toContainText('changed name');
  await expect(diff.getByLabel('Text differences')).toContainText('-name: Bounded-buffer pipeline');
  await expect(diff.getByLabel('Text differences')).toContainText('+name: Buffers');
  await shot(page, 'workflows-history-diff');
  await diff.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(versions.getByRole('listitem')).toHaveCount(3);
  await expect(versions.getByRole('listitem').first()).toContainText('restored from version 1');
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  // Version 1 had the old name: restoring it brings the name back too.
  await expect(page).toHaveTitle('Bounded-buffer pipeline — CSP Studio');
  await shot(page, 'workflows-history-restored');

  // Reload: the studio reopens the workflow as it was stored.
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(page.getByTestId('document-name')).toHaveText('Bounded-buffer pipeline');
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  await page.keyboard.press('Control+Shift+H');
  await expect(
    page.getByRole('region', { name: 'History' }).getByRole('list', { name: 'Versions' }).getByRole('listitem'),
  ).toHaveCount(3);
});

/** What `csp export FILE --to FORMAT` prints (the real command line, as a child process). */
function cliExport(file: string, format: 'yaml' | 'cspm'): Buffer {
  return execFileSync(process.execPath, [join(root, 'bin/csp.mjs'), 'export', file, '--to', format], {
    cwd: root,
    timeout: 120_000,
  });
}

async function exportFromMenu(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: item }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('an edit on the canvas side is autosaved as a version and is there after a reload', async ({ page }) => {
  await start(page);
  await browser(page).getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  const description = page
    .getByRole('region', { name: 'Inspector' })
    .getByRole('textbox', { name: 'Description' })
    .first();
  // Every title the window shows from here on, in order: the marker may come and go within the
  // autosave's quiet time (a second), quicker than a loaded machine lets a check of the title poll.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { titlesSeen: string[] }).titlesSeen = seen;
    new MutationObserver(() => seen.push(document.title)).observe(document.querySelector('title')!, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await description.fill('Edited in the studio');
  // Dirty at once (title marker), then saved by autosave after the quiet time, which clears it.
  const titles = async (): Promise<string[]> => {
    const seen = await page.evaluate(() => (window as unknown as { titlesSeen: string[] }).titlesSeen);
    return seen.filter((t, i) => t !== seen[i - 1]);
  };
  await expect
    .poll(titles, { timeout: 15_000 })
    .toEqual(['Dining philosophers● — CSP Studio', 'Dining philosophers — CSP Studio']);
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  await expect(
    page.getByRole('region', { name: 'Inspector' }).getByRole('textbox', { name: 'Description' }).first(),
  ).toHaveValue('Edited in the studio');
  await page.keyboard.press('Control+Shift+H');
  await expect(
    page.getByRole('region', { name: 'History' }).getByRole('list', { name: 'Versions' }).getByRole('listitem'),
  ).toHaveCount(2);
});

test('Ctrl+S saves at once; leaving with an unsaved edit asks first, and the edit is saved meanwhile', async ({
  page,
}) => {
  await start(page);
  // A long autosave delay, so the edit is still pending when the page is left.
  await page.keyboard.press('Control+Comma');
  await page.getByRole('spinbutton', { name: 'Autosave after' }).fill('60');
  await page.keyboard.press('Control+1');
  await browser(page).getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  const description = page
    .getByRole('region', { name: 'Inspector' })
    .getByRole('textbox', { name: 'Description' })
    .first();
  // Ctrl+S saves at once, even with the focus in the field.
  await description.fill('Saved by Ctrl+S');
  await expect(page.getByTestId('save-status')).toHaveText('unsaved changes');
  await description.press('Control+S');
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  await description.fill('Not saved yet');
  await expect(page.getByTestId('save-status')).toHaveText('unsaved changes');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  // Staying: the guard started a save at once.
  await expect(page.getByTestId('save-status')).toHaveText('saved');
});

test('import a YAML example from the File menu and export it again: the original bytes, as csp export gives them', async ({
  page,
}) => {
  await start(page);
  const file = join(root, 'resources/examples/request-response-timeout.yaml');
  await chooseFromFileMenu(page, 'Import Workflow (YAML or CSPm)…', file);
  await expect(page.getByTestId('document-name')).toHaveText('Request/response with a timeout');

  const yaml = await exportFromMenu(page, 'Export as YAML…');
  expect(yaml.name).toMatch(/\.yaml$/);
  expect(yaml.bytes.equals(cliExport(file, 'yaml'))).toBe(true);
  // Import then export gives the file back byte for byte, comments and all.
  expect(yaml.bytes.equals(readFileSync(file))).toBe(true);
  const cspm = await exportFromMenu(page, 'Export as CSPm…');
  expect(cspm.name).toMatch(/\.csp$/);
  expect(cspm.bytes.equals(cliExport(file, 'cspm'))).toBe(true);
});

test('drop a broken YAML file: an error with line and column, nothing imported', async ({ page }) => {
  await start(page);
  const broken = 'version: 1\nname: Broken\nprocesses:\n  - id: a\n    kind: csp\n    behaviour: [unclosed\n';
  await dropFile(page, 'broken.yaml', broken, 'application/yaml');
  const dialog = page.getByRole('alertdialog', { name: 'broken.yaml was not imported' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Nothing was stored');
  await expect(dialog.getByRole('listitem').first()).toContainText(/broken\.yaml:\d+:\d+/);
  await expect(dialog.getByRole('listitem').first()).toContainText(/line \d+, column \d+/);
  await shot(page, 'workflows-import-error');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  // Still the first-start welcome: nothing was stored.
  await expect(browser(page).getByRole('note', { name: 'Start here' })).toBeVisible();

  // A CSPm script that is no network (as many written for FDR): refused as a workflow, it opens as a script instead.
  const fdr = 'channel a, b\nP = a -> b -> P\nassert P :[deadlock free]\n';
  await chooseFromFileMenu(page, 'Import Workflow (YAML or CSPm)…', {
    name: 'fdr-style.csp',
    mimeType: 'text/plain',
    buffer: Buffer.from(fdr),
  });
  const refused = page.getByRole('alertdialog', { name: 'fdr-style.csp was not imported' });
  await expect(refused).toContainText('not a parallel composition');
  await refused.getByRole('button', { name: 'Open as a CSPm script' }).click();
  await expect(page.getByRole('heading', { name: 'fdr-style', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(browser(page).getByRole('listitem').filter({ hasText: 'fdr-style' })).toContainText('CSPm');
});

test('the Problems tab lists the open workflow’s errors as you edit; clicking one shows the field', async ({
  page,
}) => {
  await start(page);
  await browser(page).getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const declarations = inspector.getByRole('textbox', { name: 'Declarations' });
  await typeCode(codeField(inspector, 'Declarations'), 'datatype Grip = up | down\nnametype Bad = {0..Nope}');
  await page.keyboard.press('Control+Shift+M');
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('listitem').first()).toContainText("undefined name 'Nope'");
  await expect(problems.getByRole('listitem').first()).toContainText('declarations');
  await expect(page.getByRole('tab', { name: /Problems/ })).toContainText(/\d/);
  await shot(page, 'workflows-problems');
  // Clicking a problem reveals its place: the field is focused in the inspector.
  await page.getByRole('region', { name: 'Canvas' }).click({ position: { x: 20, y: 20 } });
  await problems.getByRole('listitem').first().getByRole('button').click();
  await expect(declarations).toBeFocused();
  // Fixing it (back on the workflow's own properties) empties the list.
  await page.getByRole('region', { name: 'Canvas' }).click({ position: { x: 20, y: 20 } });
  await typeCode(codeField(inspector, 'Declarations'), 'datatype Grip = up | down');
  await expect(page.getByRole('note', { name: 'No problems' })).toBeVisible();
});

test('two windows edit one workflow: the later save is a conflict, the guard asks before losing it, keep mine overwrites', async ({
  page,
  context,
}) => {
  await start(page);
  await browser(page).getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await browser(page).getByRole('button', { name: 'New workflow' }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Untitled workflow');
  await allList(page)
    .getByRole('button', { name: /^Dining philosophers/ })
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');

  // A second window on the same workflow (it reopens what was open last).
  const other = await context.newPage();
  await other.goto(`http://127.0.0.1:${studio.host.port}/`);
  await expect(other.getByTestId('document-name')).toHaveText('Dining philosophers');

  const description = (p: Page) =>
    p.getByRole('region', { name: 'Inspector' }).getByRole('textbox', { name: 'Description' }).first();
  await description(other).fill('From the other window');
  await expect(other.getByTestId('save-status')).toHaveText('saved', { timeout: 15_000 });

  await description(page).fill('From the first window');
  await expect(page.getByTestId('save-status')).toHaveText('changed elsewhere · keep mine', { timeout: 15_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'was saved elsewhere' })).toBeVisible();
  await shot(page, 'workflows-save-conflict');

  // Opening another workflow now would lose the edit: the guard asks; Stay keeps it.
  await allList(page)
    .getByRole('button', { name: /^Untitled workflow/ })
    .click();
  const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(ask).toContainText('was changed elsewhere');
  await ask.getByRole('button', { name: 'Stay' }).click();
  // Still open, still marked unsaved.
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers●');

  await page.getByTestId('save-status').click();
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  await other.reload();
  await expect(description(other)).toHaveValue('From the first window');

  // Revert drops edits on screen for what the store holds (after asking).
  await page.keyboard.press('Control+Comma');
  await page.getByRole('spinbutton', { name: 'Autosave after' }).fill('60');
  await page.keyboard.press('Control+1');
  await description(page).fill('A draft');
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Revert to Stored Version' }).click();
  await page
    .getByRole('alertdialog', { name: 'Revert to the stored version' })
    .getByRole('button', { name: 'Revert' })
    .click();
  await expect(description(page)).toHaveValue('From the first window');
  await expect(page.getByTestId('save-status')).toHaveText('saved');
});
