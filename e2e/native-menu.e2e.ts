/**
 * The renderer's half of the Electron native menu, in Chromium: a stand-in
 * `window.csp` (the preload's bridge, carried over the real WebSocket) records
 * the menu models the studio sends and delivers menu clicks as command ids.
 * Main's half (validation, template, click → id) is tested with the fake
 * electron in src/main/electron.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { MenuModel } from '../src/shared/menu';
import { useStudio } from './support/studio';

const studio = useStudio();

declare global {
  interface Window {
    menusSent?: string[];
    clickMenu?: (id: string) => void;
  }
}

async function latestMenu(page: Page): Promise<MenuModel> {
  const text = await page.evaluate(() => window.menusSent?.at(-1) ?? 'null');
  return MenuModel.parse(JSON.parse(text));
}

test('the studio sends its menu model to the desktop shell and runs the command of a clicked item', async ({
  page,
}) => {
  // Trade the token for the session cookie first, as the desktop app needs no token.
  await studio.open(page);
  await page.addInitScript(() => {
    const on = {
      message: [] as Array<(t: string) => void>,
      close: [] as Array<(r: string) => void>,
      menu: [] as Array<(id: string) => void>,
    };
    let ws: WebSocket | undefined;
    const off =
      <T>(list: T[], l: T) =>
      () =>
        void list.splice(list.indexOf(l), 1);
    window.menusSent = [];
    window.clickMenu = (id) => on.menu.forEach((l) => l(id));
    window.csp = {
      connect: () => {
        ws = new WebSocket(`ws://${location.host}/ws`);
        ws.onmessage = (e) => on.message.forEach((l) => l(String(e.data)));
        ws.onclose = () => on.close.forEach((l) => l('closed'));
      },
      send: (text) => {
        if (ws?.readyState === WebSocket.OPEN) ws.send(text);
        else ws?.addEventListener('open', () => ws?.send(text), { once: true });
      },
      onMessage: (l) => (on.message.push(l), off(on.message, l)),
      onClose: (l) => (on.close.push(l), off(on.close, l)),
      disconnect: () => ws?.close(),
      setMenu: (json) => void window.menusSent?.push(json),
      onMenuCommand: (l) => (on.menu.push(l), off(on.menu, l)),
    };
  });
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  // The desktop app has its native menu: no menu bar in the page.
  await expect(page.getByRole('menubar')).toHaveCount(0);

  await expect
    .poll(async () => (await latestMenu(page).catch(() => [])).map((m) => m.menu))
    .toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
  const file = (await latestMenu(page)).find((m) => m.menu === 'File');
  // Run holds the checks; running a script's assertions waits for a script to be open.
  const run = (await latestMenu(page)).find((m) => m.menu === 'Run');
  expect(run?.items.find((i) => i.id === 'script.runAll')).toMatchObject({
    label: 'Run All Assertions',
    accelerator: 'Alt+Shift+R',
    enabled: false,
  });
  expect(file?.items.find((i) => i.id === 'file.save')).toMatchObject({
    label: 'Save',
    accelerator: 'CmdOrCtrl+S',
    enabled: false,
  });
  expect(file?.items.find((i) => i.id === 'file.new')).toMatchObject({ label: 'New Workflow', enabled: true });

  // A click arrives as a command id and runs like the key or the palette would.
  await page.evaluate(() => window.clickMenu?.('file.openExample'));
  const examples = page.getByRole('dialog', { name: 'Open an example' });
  await examples.getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await expect(page).toHaveTitle('Dining philosophers — CSP Studio');
  // Enablement follows the document: Save is enabled now.
  await expect
    .poll(
      async () =>
        (await latestMenu(page)).find((m) => m.menu === 'File')?.items.find((i) => i.id === 'file.save')?.enabled,
    )
    .toBe(true);
  // Unknown ids are ignored.
  await page.evaluate(() => window.clickMenu?.('no.such.command'));
  await page.evaluate(() => window.clickMenu?.('view.togglePanel'));
  await expect(page.getByRole('region', { name: 'Panel' })).toHaveCount(0);
});
