/**
 * `npm run screenshots`: the README's pictures, taken from the real UI. It
 * starts a web-mode host on a temporary data folder (as the e2e tests do),
 * opens the studio in Chromium, opens the dining philosophers example and
 * writes docs/images/designer.png (dark theme) and designer-light.png, then
 * runs it to its deadlock in the debugger (docs/images/debugger.png); and
 * the first-start welcome as docs/images/first-start.png. The renderer must
 * be built (`npm run build`, which the npm script runs first).
 */
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startHost, tempDataDir } from '../e2e/host';

const out = resolve(import.meta.dirname, '..', 'docs', 'images');
const CHROMIUM = process.env.CSP_CHROMIUM || '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function connected(page: Page): Promise<void> {
  await page
    .getByTestId('connection-status')
    .filter({ hasText: /^connected$/ })
    .waitFor({ timeout: 30_000 });
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const data = tempDataDir();
  const host = await startHost({ dataDir: data.dir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    await page.goto(host.url);
    await connected(page);
    await page
      .getByRole('note', { name: 'Start here' })
      .getByRole('button', { name: /^Open example / })
      .first()
      .waitFor();
    await page.mouse.move(1000, 860);
    await page.screenshot({ path: join(out, 'first-start.png') });
    console.log(`wrote ${join(out, 'first-start.png')}`);

    await page.getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
    await page.getByTestId('document-name').filter({ hasText: 'Dining philosophers' }).waitFor();
    // The designer lays the example out and fits it to the view; let it settle, with the pointer out of the way.
    await page.mouse.move(1000, 860);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(out, 'designer.png') });
    console.log(`wrote ${join(out, 'designer.png')}`);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'designer-light.png') });
    console.log(`wrote ${join(out, 'designer-light.png')}`);

    // The debugger: run the philosophers to their deadlock; the wait-for cycle is drawn in red.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .getByRole('status', { name: 'Debug mode' })
      .filter({ hasText: /^Deadlock at step/ })
      .waitFor({ timeout: 60_000 });
    await page.mouse.move(1000, 860);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(out, 'debugger.png') });
    console.log(`wrote ${join(out, 'debugger.png')}`);
  } finally {
    await browser.close();
    await host.kill();
    data.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
