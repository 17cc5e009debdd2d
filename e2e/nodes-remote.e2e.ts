/**
 * Working on a node from the studio, against real processes (a `csp serve`
 * child on 127.0.0.1 with a token, and the web-mode studio): the open workflow
 * goes to the node in one click (command palette, or the node's row in the
 * Nodes panel), opens there, and runs and checks with the same screens; a long
 * check on the node streams its progress to the laptop, is cancelled, and the
 * node goes on serving.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { makeToken, serve } from '../src/main/node/__fixtures__/serve-child';
import type { ServeChild } from '../src/main/node/__fixtures__/serve-child';
import { httpGet } from '../src/main/node/__fixtures__/tools';
import { startHost, tempDataDir } from './host';
import type { WebHost } from './host';
import { shot as saveShot } from './support/shot';

let host: WebHost | undefined;
let node: ServeChild | undefined;
const dirs: ReturnType<typeof tempDataDir>[] = [];

test.afterEach(async () => {
  await host?.kill();
  await node?.kill();
  for (const d of dirs.splice(0)) d.remove();
});

const shot = (page: Page, name: string): Promise<Buffer> => saveShot(page, `nodes-remote-${name}`);

const activity = (page: Page, name: string): Promise<void> =>
  page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name }).click();
const nodesView = (page: Page): Locator => page.getByRole('region', { name: 'Nodes', exact: true });
const checks = (page: Page): Locator => page.getByRole('region', { name: 'Checks', exact: true });
const position = (page: Page): Locator =>
  page.getByRole('toolbar', { name: 'Run controls' }).getByRole('status', { name: 'Run position' });

interface NodeHealth {
  runs: { active: number };
  checks: { active: number };
}
async function health(port: number, token: string): Promise<NodeHealth> {
  const reply = await httpGet(port, '/health', { Authorization: `Bearer ${token}` });
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body) as NodeHealth;
}

/** A node with an operator token and a studio beside it, the node added in the Nodes panel as big-node. */
async function studioWithNode(page: Page): Promise<{ port: number; token: string }> {
  const nodeData = tempDataDir();
  const studioData = tempDataDir();
  dirs.push(nodeData, studioData);
  const token = await makeToken(nodeData.dir, 'studio', 'operator');
  node = await serve(nodeData.dir, ['--quiet']);
  host = await startHost({ dataDir: studioData.dir });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await activity(page, 'Nodes');
  const view = nodesView(page);
  await view.getByLabel('Node URL').fill(`ws://127.0.0.1:${node.port}/ws`);
  await view.getByLabel('Node token').fill(token);
  await view.getByLabel('Node label').fill('big-node');
  await view.getByRole('button', { name: 'Add node' }).click();
  await expect(view.getByRole('listitem', { name: 'node big-node' }).getByTestId('node-status')).toContainText(
    'online',
  );
  return { port: node.port, token };
}

async function openExample(page: Page, name: string): Promise<void> {
  await activity(page, 'Workflows');
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: `Open example ${name}`, exact: true })
    .click();
  await expect(page.getByTestId('document-name')).toHaveText(name);
}

test('deploy the open workflow to a node from the command palette, open it there and run it', async ({ page }) => {
  const { port, token } = await studioWithNode(page);
  await openExample(page, 'Dining philosophers');

  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Deploy Open Workflow');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Deploy to a node' });
  await dialog.getByRole('button', { name: 'Deploy to big-node' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Deployed “Dining philosophers” to big-node as a new workflow.');
  await shot(page, 'deployed');
  await dialog.getByRole('button', { name: 'Open on big-node' }).click();

  // The workspace is the node now, with the node's copy open: every screen works on it.
  await expect(page.getByTestId('workspace-label')).toHaveText('Remote: big-node');
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(page.getByTestId('host-mode')).toHaveText('remote node');
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  await page
    .getByRole('region', { name: 'Canvas' })
    .getByRole('application')
    .click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 1');
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 2');
  expect((await health(port, token)).runs.active).toBe(1);
  await shot(page, 'running-on-node');

  // Deploying again from home makes no copy: the node's document gets a version only when it changed.
  await activity(page, 'Nodes');
  await nodesView(page).getByRole('button', { name: 'Back to this studio' }).click();
  await expect(page.getByTestId('workspace-label')).toHaveCount(0);
  // The studio's own copy, from its Workflows list.
  await activity(page, 'Workflows');
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: /^Dining philosophers(?! with)/ })
    .first()
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  const row = nodesView(page);
  await activity(page, 'Nodes');
  await row
    .getByRole('listitem', { name: 'node big-node' })
    .getByRole('button', { name: 'Deploy open workflow' })
    .click();
  await expect(row.getByRole('status').filter({ hasText: 'Deployed' })).toHaveText(
    /^Deployed “Dining philosophers” to big-node \(it already had this version, 1\)\./,
  );
});

test('a long check sent to a node streams its progress to the studio, is cancelled, and the node goes on', async ({
  page,
}) => {
  const { port, token } = await studioWithNode(page);
  await openExample(page, 'Dining philosophers with a butler');
  // Nine philosophers: millions of states. The edit is unsaved; deploying saves it first.
  const properties = page.getByRole('region', { name: 'Properties' });
  await properties.getByRole('group', { name: 'Parameter N' }).getByRole('textbox', { name: 'Value' }).fill('9');

  await activity(page, 'Nodes');
  const row = nodesView(page).getByRole('listitem', { name: 'node big-node' });
  await row.getByRole('button', { name: 'Deploy open workflow' }).click();
  await expect(row.getByRole('status')).toHaveText(
    /^Deployed “Dining philosophers with a butler” to big-node as a new workflow\./,
  );
  await row.getByRole('button', { name: 'Open on big-node' }).click();
  await expect(page.getByTestId('workspace-label')).toHaveText('Remote: big-node');
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers with a butler');
  await expect(
    page
      .getByRole('region', { name: 'Properties' })
      .getByRole('group', { name: 'Parameter N' })
      .getByRole('textbox', { name: 'Value' }),
  ).toHaveValue('9');

  await activity(page, 'Checks');
  await checks(page).getByRole('button', { name: 'Run check 1' }).click();
  const progress = checks(page).getByRole('status', { name: 'Check progress' });
  const shape = /Checking assertion 1: ([\d,]+) states · [\d,]+ states\/s · \d+ s elapsed/;
  await expect(progress).toContainText(shape);
  // The check runs on the node (its /health counts it), and its progress keeps coming to the laptop.
  expect((await health(port, token)).checks.active).toBe(1);
  const first = shape.exec((await progress.textContent()) ?? '')?.[1];
  await expect(progress).not.toContainText(`: ${first ?? ''} states`);
  await shot(page, 'check-progress');

  await page.keyboard.press('Control+.');
  const row1 = checks(page).getByRole('button', { name: /^Assertion 1, / });
  await expect(row1).toHaveAccessibleName(/: cancelled before it was decided$/);
  await expect(progress).toHaveCount(0);
  await expect.poll(async () => (await health(port, token)).checks.active).toBe(0);
  await shot(page, 'check-cancelled');

  // The node goes on serving: the same workflow steps there.
  expect(node?.child.exitCode).toBeNull();
  await page
    .getByRole('region', { name: 'Canvas' })
    .getByRole('application')
    .click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 1');
  expect((await health(port, token)).runs.active).toBe(1);
});
