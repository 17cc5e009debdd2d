/** The shell in Chromium against a real web-mode host. */
import { expect, test } from '@playwright/test';
import { shot } from './support/shot';
import { useStudio } from './support/studio';

const studio = useStudio();

test('the shell loads, shows "connected" and is not blank', async ({ page }) => {
  const host = await studio.open(page);
  // The token in the URL was traded for a cookie and removed from the address bar.
  await expect(page).toHaveURL(`http://127.0.0.1:${host.port}/`);
  await expect(page.getByTestId('host-mode')).toHaveText('web mode');
  await expect(page.getByRole('heading', { name: 'No workflow open' })).toBeVisible();
  await expect(page.getByTestId('output-log')).toContainText('web mode listening');
  await shot(page, 'shell');
});

test('every view opens from the keyboard; the help overlay lists the shortcuts', async ({ page }) => {
  await studio.open(page);
  await page.keyboard.press('Control+5');
  await expect(
    page.getByRole('region', { name: 'Checks' }).getByRole('heading', { name: 'No workflow open' }),
  ).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { name: 'No run to show' })).toBeVisible();
  await expect(page.getByText('npx csp runs show 1').first()).toBeVisible();
  await shot(page, 'shell-debugger');
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('note', { name: 'No live run' })).toBeVisible();
  await shot(page, 'shell-charts');
  await page.keyboard.press('Control+Comma');
  await expect(page.getByText(studio.dataDir).first()).toBeVisible();
  await expect(page.getByText(/store\.sqlite \(schema \d+\)/)).toBeVisible();
  // Secrets storage is stated honestly: a 0600 file, not encrypted, no OS keychain in web mode.
  await expect(page.getByText(/not encrypted: .*0600.*No OS keychain/)).toBeVisible();
  await shot(page, 'shell-settings');
  await page.keyboard.press('Control+2');
  // With nothing open, the editor says how to open or start a CSPm script (Monaco loads with one).
  await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByRole('tabpanel', { name: 'Editor' });
  await expect(editor.getByRole('heading', { name: 'No script open' })).toBeVisible({ timeout: 20_000 });
  await expect(editor.getByRole('button', { name: 'Open CSPm script…' })).toBeVisible();
  await shot(page, 'shell-editor');
  await page.keyboard.press('Control+1');
  await page.locator('body').click({ position: { x: 700, y: 300 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  // The overlay reads the command registry: shortcuts of every area, formatted for this platform.
  await expect(help.getByRole('row', { name: /Ctrl\+Shift\+P.*Show All Commands/ })).toBeVisible();
  await expect(help.getByRole('row', { name: /Ctrl\+S\s*Save/ })).toBeVisible();
  await shot(page, 'shell-help');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('kill the host: the UI says "disconnected, retrying" and reconnects when a host returns', async ({ page }) => {
  const { port, token, kill } = await studio.open(page);

  await kill();
  await expect(page.getByTestId('connection-status')).toHaveText('disconnected, retrying…');
  await expect(page.getByRole('alert')).toContainText('Disconnected from the host');
  await shot(page, 'shell-disconnected');

  // Same port and token, as a restarted host would have (the browser keeps its cookie).
  await studio.startHost({ port, token });
  await expect(page.getByTestId('connection-status')).toHaveText('connected', { timeout: 15_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('output-log')).toContainText('host restarted');

  // A host restarted with a NEW token cannot be reconnected by the old cookie: the UI says why.
  await studio.host.kill();
  await studio.startHost({ port });
  await expect(page.getByTestId('connection-status')).toHaveText('disconnected: host restarted', { timeout: 15_000 });
  await expect(page.getByRole('alert')).toContainText('new access token');
});
