/** The shell in Chromium against a real web-mode host. */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from './png';
import { startHost, tempDataDir } from './host';
import type { WebHost } from './host';

const artifacts = resolve(import.meta.dirname, 'artifacts');
mkdirSync(artifacts, { recursive: true });

let host: WebHost | undefined;
let data: ReturnType<typeof tempDataDir> | undefined;

test.afterEach(async () => {
  await host?.kill();
  host = undefined;
  data?.remove();
  data = undefined;
});

test('the shell loads, shows "connected" and is not blank', async ({ page }) => {
  data = tempDataDir();
  host = await startHost({ dataDir: data.dir });
  await page.goto(host.url);
  // The token in the URL was traded for a cookie and removed from the address bar.
  await expect(page).toHaveURL(`http://127.0.0.1:${host.port}/`);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(page.getByTestId('host-mode')).toHaveText('web mode');
  await expect(page.getByRole('heading', { name: 'No workflow open' })).toBeVisible();
  await expect(page.getByTestId('output-log')).toContainText('web mode listening');

  const file = join(artifacts, 'shell.png');
  const shot = await page.screenshot({ path: file });
  const stats = PNG.stats(shot);
  // A blank page is one colour; the shell has text, icons and panels.
  expect(stats.distinctColours).toBeGreaterThan(50);
  expect(stats.stdDev).toBeGreaterThan(5);
});

test('every view opens from the keyboard; the help overlay lists the shortcuts', async ({ page }) => {
  data = tempDataDir();
  host = await startHost({ dataDir: data.dir });
  await page.goto(host.url);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await page.keyboard.press('Control+5');
  await expect(
    page.getByRole('region', { name: 'Checks' }).getByRole('heading', { name: 'No workflow open' }),
  ).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { name: 'No run to show' })).toBeVisible();
  await expect(page.getByText('npx csp runs show 1').first()).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'debugger.png') });
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('note', { name: 'No live run' })).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'charts.png') });
  await page.keyboard.press('Control+Comma');
  await expect(page.getByText(data.dir).first()).toBeVisible();
  await expect(page.getByText(/store\.sqlite \(schema \d+\)/)).toBeVisible();
  // Secrets storage is stated honestly: a 0600 file, not encrypted, no OS keychain in web mode.
  await expect(page.getByText(/not encrypted: .*0600.*No OS keychain/)).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'settings.png') });
  await page.keyboard.press('Control+2');
  // With nothing open, the editor says how to open or start a CSPm script (Monaco loads with one).
  await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByRole('tabpanel', { name: 'Editor' });
  await expect(editor.getByRole('heading', { name: 'No script open' })).toBeVisible({ timeout: 20_000 });
  await expect(editor.getByRole('button', { name: 'Open CSPm script…' })).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'editor.png') });
  await page.keyboard.press('Control+1');
  await page.locator('body').click({ position: { x: 700, y: 300 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  // The overlay reads the command registry: shortcuts of every area, formatted for this platform.
  await expect(help.getByRole('row', { name: /Ctrl\+Shift\+P.*Show All Commands/ })).toBeVisible();
  await expect(help.getByRole('row', { name: /Ctrl\+S\s*Save/ })).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'help.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('kill the host: the UI says "disconnected, retrying" and reconnects when a host returns', async ({ page }) => {
  data = tempDataDir();
  host = await startHost({ dataDir: data.dir });
  const { port, token } = host;
  await page.goto(host.url);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');

  await host.kill();
  await expect(page.getByTestId('connection-status')).toHaveText('disconnected, retrying…');
  await expect(page.getByRole('alert')).toContainText('Disconnected from the host');
  await page.screenshot({ path: join(artifacts, 'disconnected.png') });

  // Same port and token, as a restarted host would have (the browser keeps its cookie).
  host = await startHost({ dataDir: data.dir, port, token });
  await expect(page.getByTestId('connection-status')).toHaveText('connected', { timeout: 15_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('output-log')).toContainText('host restarted');

  // A host restarted with a NEW token cannot be reconnected by the old cookie: the UI says why.
  await host.kill();
  host = await startHost({ dataDir: data.dir, port });
  await expect(page.getByTestId('connection-status')).toHaveText('disconnected: host restarted', { timeout: 15_000 });
  await expect(page.getByRole('alert')).toContainText('new access token');
});
