/**
 * Remote nodes from the studio, against real processes: a `csp serve` node on
 * 127.0.0.1 with a token, and the web-mode studio. The Nodes panel adds the
 * node (URL + token, kept by the studio's host), shows its status, and moves
 * the workspace to it; a workflow deployed there runs with the same screens and
 * its steps arrive. The node is killed mid-run: the UI says so and retries;
 * started again on its port, the UI reconnects by itself and works on.
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

const shot = (page: Page, name: string): Promise<Buffer> => saveShot(page, `nodes-${name}`);

const nodesView = (page: Page): Locator => page.getByRole('region', { name: 'Nodes', exact: true });
const position = (page: Page): Locator =>
  page.getByRole('toolbar', { name: 'Run controls' }).getByRole('status', { name: 'Run position' });

async function activeRuns(port: number, token: string): Promise<number> {
  const reply = await httpGet(port, '/health', { Authorization: `Bearer ${token}` });
  return (JSON.parse(reply.body) as { runs: { active: number } }).runs.active;
}

test('attach the studio to a node, run a workflow there, survive the node being killed and restarted', async ({
  page,
}) => {
  const nodeData = tempDataDir();
  const studioData = tempDataDir();
  dirs.push(nodeData, studioData);
  const token = await makeToken(nodeData.dir, 'studio', 'operator');
  node = await serve(nodeData.dir, ['--quiet']);
  const port = node.port;
  host = await startHost({ dataDir: studioData.dir });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Nodes' }).click();
  const view = nodesView(page);

  // A wrong token is refused with the node's reason, and nothing is remembered.
  await view.getByLabel('Node URL').fill(`ws://127.0.0.1:${port}/ws`);
  await view.getByLabel('Node token').fill('cspn_wrong');
  await view.getByRole('button', { name: 'Add node' }).click();
  await expect(view.getByRole('alert')).toContainText('401');
  await expect(view.getByRole('list', { name: 'Cluster overview' })).toHaveCount(0);

  await view.getByLabel('Node token').fill(token);
  await view.getByLabel('Node label').fill('big-node');
  await view.getByRole('button', { name: 'Add node' }).click();
  const row = view.getByRole('listitem', { name: 'node big-node' });
  await expect(row.getByTestId('node-status')).toContainText(/online · v\S+ · up \d+ s · 0 runs · load/);
  await expect(view.getByRole('status', { name: 'Workspace' })).toHaveText('Workspace: this studio');
  // The token stays with the studio's host: the page never gets it back.
  expect(await page.content()).not.toContain(token);
  await shot(page, 'added');

  // Switch the workspace: every screen now talks to the node, which is labelled as such.
  await row.getByRole('button', { name: 'Use this node' }).click();
  await expect(page.getByTestId('workspace-label')).toHaveText('Remote: big-node');
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await expect(page.getByTestId('host-mode')).toHaveText('remote node');
  await expect(row.getByText('in use')).toBeVisible();

  // Deploy an example to the node and step it there.
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Workflows' }).click();
  const workflows = page.getByRole('region', { name: 'Workflows', exact: true });
  await workflows.getByRole('button', { name: 'Open example Dining philosophers', exact: true }).click();
  await expect(page.getByTestId('document-name')).toHaveText('Dining philosophers');
  await page
    .getByRole('region', { name: 'Canvas' })
    .getByRole('application')
    .click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 1');
  await page.keyboard.press('F10');
  await page.keyboard.press('F10');
  await expect(position(page)).toHaveText('step 3');
  expect(await activeRuns(port, token)).toBe(1);
  await shot(page, 'running-remotely');

  // The node dies mid-run: the UI says so and keeps retrying.
  await node.kill();
  await expect(page.getByTestId('connection-status')).toHaveText('disconnected, retrying…', { timeout: 20_000 });
  await expect(page.getByTestId('workspace-label')).toHaveText('Remote: big-node');
  await expect(page.getByRole('alert').filter({ hasText: 'Disconnected from node big-node.' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Nodes' }).click();
  await expect(
    nodesView(page).getByRole('listitem', { name: 'node big-node' }).getByTestId('node-status'),
  ).toContainText('unreachable', { timeout: 20_000 });
  await shot(page, 'node-down');

  // Back on the same port: the UI reattaches by itself and works against the node again.
  node = await serve(nodeData.dir, ['--quiet', '--port', String(port)]);
  await expect(page.getByTestId('connection-status')).toHaveText('connected', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Node big-node restarted' })).toBeVisible();
  await expect(
    nodesView(page).getByRole('listitem', { name: 'node big-node' }).getByTestId('node-status'),
  ).toContainText('online', { timeout: 20_000 });
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Workflows' }).click();
  await expect(
    page.getByRole('region', { name: 'Workflows', exact: true }).getByText('Dining philosophers').first(),
  ).toBeVisible();
  await shot(page, 'reconnected');

  // And back to this studio.
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Nodes' }).click();
  await nodesView(page).getByRole('button', { name: 'Back to this studio' }).click();
  await expect(page.getByTestId('workspace-label')).toHaveCount(0);
  await expect(page.getByTestId('host-mode')).toHaveText('web mode');
});
