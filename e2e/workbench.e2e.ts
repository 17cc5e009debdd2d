/** The workbench as a person uses it: command palette, menu bar by keyboard, panels, theme. */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { shot } from './support/shot';
import { useStudio } from './support/studio';
import type { OpenOptions } from './support/studio';

const studio = useStudio();
const start = (page: Page, options: OpenOptions = {}) => studio.open(page, options);

test('the command palette lists every command with its shortcut, filters fuzzily and runs one', async ({ page }) => {
  await start(page, { colorScheme: 'dark' });
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  const list = palette.getByRole('listbox', { name: 'Commands' });
  await expect(list.getByRole('option', { name: 'File: Save (Ctrl+S)' })).toBeVisible();
  await expect(list.getByRole('option', { name: 'View: Toggle Panel (Ctrl+J)' })).toBeVisible();
  await expect(list.getByRole('option', { name: 'File: New Workflow (Ctrl+Alt+N)' })).toBeVisible();
  // Save needs an open workflow: listed, but disabled.
  await expect(list.getByRole('option', { name: 'File: Save (Ctrl+S)' })).toHaveAttribute('aria-disabled', 'true');
  await shot(page, 'workbench-palette');

  await page.keyboard.type('tog pan');
  await expect(list.getByRole('option').first()).toHaveAccessibleName('View: Toggle Panel (Ctrl+J)');
  await expect(page.getByRole('region', { name: 'Panel' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Panel' })).toHaveCount(0);

  // Arrow keys move the selection; Escape closes without running anything.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('theme');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toHaveAccessibleName('Preferences: Theme: Light');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'light');
});

test('the menu bar works by keyboard (ARIA menus) and runs commands', async ({ page }) => {
  await start(page, { colorScheme: 'dark' });
  const bar = page.getByRole('menubar', { name: 'Application menu' });
  // Menus without commands are left out (Edit and Run fill as features register theirs).
  await expect(bar.getByRole('menuitem').first()).toHaveText('File');
  await expect(bar.getByRole('menuitem').last()).toHaveText('Help');
  await bar.getByRole('menuitem', { name: 'File' }).focus();
  await page.keyboard.press('Enter');
  const file = page.getByRole('menu', { name: 'File' });
  await expect(file).toBeVisible();
  await expect(file.getByRole('menuitem', { name: 'New Workflow' })).toBeFocused();
  await expect(file.getByRole('menuitem', { name: 'Save' })).toHaveAttribute('aria-disabled', 'true');
  await shot(page, 'workbench-menu-file');
  // Right moves to the next menu, still open.
  await page.keyboard.press('ArrowRight');
  const next = page.getByRole('menu').first();
  await expect(next).toBeVisible();
  await expect(next).not.toHaveAccessibleName('File');
  // Escape closes and returns focus to the bar.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  // View › Theme: Light, by keyboard only.
  await bar.getByRole('menuitem', { name: 'View' }).focus();
  await page.keyboard.press('ArrowDown');
  const view = page.getByRole('menu', { name: 'View' });
  await expect(view).toBeVisible();
  for (let i = 0; i < 40; i++) {
    if (await view.getByRole('menuitem', { name: 'Theme: Light' }).evaluate((el) => el === document.activeElement))
      break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // Help › About names the versions and the data folder.
  await bar.getByRole('menuitem', { name: 'Help' }).click();
  await page.getByRole('menu', { name: 'Help' }).getByRole('menuitem', { name: 'About CSP Studio' }).click();
  const about = page.getByRole('dialog', { name: 'About CSP Studio' });
  await expect(about).toContainText(studio.dataDir);
  await about.getByRole('button', { name: 'Close' }).last().click();
  await expect(about).toHaveCount(0);
});

test('themes: follow the system by default, switch in Settings, remembered after a reload', async ({ page }) => {
  await start(page, { colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'workbench-theme-dark');
  await page.keyboard.press('Control+Comma');
  await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Light').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(246, 247, 249)');
  await shot(page, 'workbench-theme-light');
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('panels resize with the mouse and the keyboard, hide by command, and are remembered', async ({ page }) => {
  await start(page);
  const sidebar = page.getByRole('separator', { name: 'Resize the sidebar' });
  const before = Number(await sidebar.getAttribute('aria-valuenow'));
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('no splitter box');
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 220, { steps: 5 });
  await page.mouse.up();
  await expect(sidebar).toHaveAttribute('aria-valuenow', String(before + 78));
  const panel = page.getByRole('separator', { name: 'Resize the panel' });
  await panel.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(panel).toHaveAttribute('aria-valuenow', String(200 + 16 + 64));
  await page.keyboard.press('Control+B');
  await expect(page.getByRole('region', { name: 'Workflows', exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(page.getByRole('region', { name: 'Workflows', exact: true })).toHaveCount(0);
  await expect(page.getByRole('separator', { name: 'Resize the panel' })).toHaveAttribute('aria-valuenow', '280');
  await page.keyboard.press('Control+B');
  await expect(page.getByRole('separator', { name: 'Resize the sidebar' })).toHaveAttribute(
    'aria-valuenow',
    String(before + 78),
  );
});
