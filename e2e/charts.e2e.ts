/**
 * The Charts tab of a past run, as a person uses it: a workflow whose HTTP node
 * and agent node call real servers on 127.0.0.1 (answering after known delays)
 * is run by another client and stopped; after a reload the run is opened from
 * the Runs history and its Charts tab shows the latency of each call (with
 * p50/p95) and the host's CPU and memory while it ran, as recorded, and process
 * states derived from its steps. A run without calls says so in words. A run
 * with buffered queues shows, opened from the history, the queue depths its
 * live run showed; the host chart has this run's own worker beside the host.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, recordRun } from './protocol';
import { useStudio } from './support/studio';
import { shot } from './support/shot';
import { openRunsOf } from './trace';
import { queuesWorkflow } from '../src/main/runtime/__fixtures__/queues-workflow';

const HTTP_DELAY_MS = 150;
const LLM_DELAY_MS = 300;
const studio = useStudio();
let server: Server | undefined;
let closeClient: (() => void) | undefined;

test.afterEach(async () => {
  closeClient?.();
  closeClient = undefined;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A JSON service and an OpenAI-compatible chat endpoint, each answering after its delay. */
async function services(): Promise<string> {
  let replies = 0;
  server = createServer((req, res) => {
    const llm = req.url === '/v1/chat/completions';
    req.resume();
    setTimeout(
      () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const said = { said: ++replies };
        res.end(
          JSON.stringify(
            llm ? { model: 'm', choices: [{ message: { role: 'assistant', content: JSON.stringify(said) } }] } : said,
          ),
        );
      },
      llm ? LLM_DELAY_MS : HTTP_DELAY_MS,
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** Once the replay has opened (it shows its trace first), the Charts tab. */
async function chartsOfReplay(page: Page, storeRunId: number): Promise<void> {
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status', { name: 'Trace status' })).toContainText(
    new RegExp(`^Run ${storeRunId} · .* at step \\d+ · \\d+ steps`),
  );
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true');
}

const workflow = (base: string): string => `version: 1
name: Calls chart
processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 100, count: 4 } }
  - { id: fetch, name: Fetch, kind: http, ports: [ { name: a, dir: in, type: json }, { name: res, dir: out, type: json } ], config: { url: "${base}/item", allow: [ "127.0.0.1" ] } }
  - id: ask
    name: Ask
    kind: agent
    ports: [ { name: q, dir: in, type: json }, { name: o, dir: out, type: json } ]
    agent: { provider: openai, model: m, baseUrl: "${base}/v1", system: Say something., replyPort: o }
  - { id: sink, name: Sink, kind: log, ports: [ { name: o, dir: in, type: json } ] }
edges:
  - { id: e1, from: clock.t, to: fetch.a }
  - { id: e2, from: fetch.res, to: ask.q }
  - { id: e3, from: ask.o, to: sink.o }
`;

test("a stored run's Charts tab: latency of its agent and HTTP calls with p50/p95, host CPU and memory, process states", async ({
  page,
}) => {
  const base = await services();
  const host = await studio.startHost();
  const { client, close } = await connect(host);
  closeClient = close;
  const created = await client.request('workflows.create', { name: 'Calls chart' });
  const saved = await client.request('workflows.save', { id: created.workflow.id, content: workflow(base) });
  const started = await client.request('run.start', {
    text: workflow(base),
    name: 'Calls chart.yaml',
    kind: 'workflow',
    seed: 1,
    workflowVersionId: saved.version.id,
  });
  const stop = await client.request('run.continue', { runId: started.runId, maxSteps: 10_000 });
  expect(['deadlock', 'terminated']).toContain(stop.stop.reason);
  // The host samples its CPU and memory once a second while the run is open.
  await expect
    .poll(async () => (await client.request('run.host', { storeRunId: started.storeRunId! })).samples, {
      timeout: 15_000,
    })
    .toBeGreaterThanOrEqual(3);
  await client.request('run.stop', { runId: started.runId });
  // A run of an example without agents or HTTP nodes, for the empty state.
  const butler = await client.request('workflows.create', { example: 'dining-philosophers-butler.yaml' });
  const quiet = await recordRun(client, butler, 1, 30);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  const runs = await openRunsOf(page, 'Calls chart');
  await runs.getByRole('button', { name: `Replay Run ${started.storeRunId}` }).click();
  await chartsOfReplay(page, started.storeRunId!);

  const latency = page.getByRole('figure', { name: 'Latency of agent and HTTP calls' });
  await expect(latency).toContainText(/8 calls · p50 \d+ ms · p95 \d+ ms/);
  const [, p50, p95] = /p50 (\d+) ms · p95 (\d+) ms/.exec((await latency.textContent())!)!.map(Number);
  // Measured around each call: never under the servers' delays.
  expect(p50).toBeGreaterThanOrEqual(HTTP_DELAY_MS - 1);
  expect(p95).toBeGreaterThanOrEqual(LLM_DELAY_MS - 1);
  await expect(latency).toContainText(/Fetch \(HTTP\) p50 \d+ ms/);
  await expect(latency).toContainText(/Ask \(agent\) p50 \d+ ms/);
  // A dot per call: 4 HTTP and 4 agent calls.
  await expect(latency.locator('.recharts-scatter-symbol')).toHaveCount(8);
  await expect(latency.getByText('latency (ms)')).toBeVisible();

  const hostChart = page.getByRole('figure', { name: 'Host CPU and memory' });
  await expect(hostChart).toContainText(
    /\d+ samples · at [\d.]+ s: host CPU [\d.]+%, RSS [\d.]+ MiB, heap [\d.]+ MiB; this run's worker: CPU [\d.]+%, heap [\d.]+ MiB/,
  );
  await expect(hostChart.getByText('memory (MiB)')).toBeVisible();
  // The host's CPU, RSS and heap, and this run's worker's CPU and heap.
  await expect(hostChart.locator('.recharts-line-curve')).toHaveCount(5);
  await expect(hostChart.getByText("this run's worker CPU %")).toBeVisible();

  const states = page.getByRole('figure', { name: 'Recorded process states' });
  await expect(states).toContainText(/at [\d.]+ s: running \d+, waiting \d+, done \d+, failed \d+/);
  // A taller panel, as someone reading charts would make it, scrolled to the latency and host charts.
  const splitter = page.getByRole('separator', { name: 'Resize the panel' });
  for (let i = 0; i < 8; i++) await splitter.press('Shift+ArrowUp');
  await latency.scrollIntoViewIfNeeded();
  await shot(page, 'charts-latency-host');

  // A dot names its call, and a click moves the run to the step that delivered it.
  const dot = latency.locator('.recharts-scatter-symbol').first();
  await dot.hover();
  const tip = latency.locator('.chart-tip');
  await expect(tip).toContainText(/· step \d+/);
  const seq = Number(/step (\d+)/.exec((await tip.textContent())!)![1]);
  await dot.click();
  await page.getByRole('tab', { name: 'Trace' }).click();
  await expect(page.getByRole('status', { name: 'Trace status' })).toContainText(`at step ${seq} ·`);
  await expect(page.getByRole('table', { name: 'Trace' }).getByRole('row', { selected: true })).toContainText(
    /deliver (http|llm-reply)/,
  );

  // A run without calls says so, and how latency would be measured.
  await page.getByRole('navigation', { name: 'Activity bar' }).getByRole('button', { name: 'Workflows' }).click();
  const quietRuns = await openRunsOf(page, 'Dining philosophers with a butler');
  await quietRuns.getByRole('button', { name: `Replay Run ${quiet}` }).click();
  await chartsOfReplay(page, quiet);
  await expect(page.getByRole('figure', { name: 'Latency of agent and HTTP calls' })).toContainText(
    'No agent or HTTP calls in this run.',
  );
  await shot(page, 'charts-no-calls');
});

test('while a run goes: its calls appear on the latency chart as they are answered, and the host samples itself', async ({
  page,
}) => {
  const base = await services();
  await studio.open(page);
  const { client, close } = await connect(studio.host);
  closeClient = close;
  const created = await client.request('workflows.create', { name: 'Calls chart' });
  await client.request('workflows.save', { id: created.workflow.id, content: workflow(base) });
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  await page
    .getByRole('region', { name: 'Workflows', exact: true })
    .getByRole('button', { name: /^Calls chart/ })
    .first()
    .click();
  await expect(page.getByTestId('document-name')).toHaveText('Calls chart');
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // Read from the host once a second while the run is open: all 8 calls, then host samples.
  const latency = page.getByRole('figure', { name: 'Latency of agent and HTTP calls' });
  await expect(latency).toContainText(/8 calls · p50 \d+ ms · p95 \d+ ms/, { timeout: 20_000 });
  await expect(latency.locator('.recharts-scatter-symbol')).toHaveCount(8);
  const hostChart = page.getByRole('figure', { name: 'Host CPU and memory' });
  await expect(hostChart).toContainText(/[2-9]\d* samples · at [\d.]+ s: host CPU/, { timeout: 20_000 });
  const splitter = page.getByRole('separator', { name: 'Resize the panel' });
  for (let i = 0; i < 8; i++) await splitter.press('Shift+ArrowUp');
  await shot(page, 'charts-live-calls');
});

const QUEUES = queuesWorkflow('Queues chart');

test("a stored run's queue depths: opened from the history, the chart shows what the live run showed", async ({
  page,
}) => {
  const host = await studio.startHost();
  const { client, close } = await connect(host);
  closeClient = close;
  const created = await client.request('workflows.create', { name: 'Queues chart' });
  const saved = await client.request('workflows.save', { id: created.workflow.id, content: QUEUES });
  const started = await client.request('run.start', {
    text: QUEUES,
    name: 'Queues chart.yaml',
    kind: 'workflow',
    seed: 5,
    workflowVersionId: saved.version.id,
  });
  const live: { seq: number; depths: Record<string, number> }[] = [];
  const sub = await client.subscribe('run.events', {
    runId: started.runId,
    onEvent: (e) => {
      if (e.type === 'metrics')
        live.push({ seq: e.seq, depths: Object.fromEntries(e.queues.map((q) => [q.id, q.depth])) });
    },
    onGap: () => undefined,
  });
  for (let i = 0; i < 40; i++) await client.request('run.step', { runId: started.runId });
  await expect.poll(() => live.at(-1)?.seq, { timeout: 10_000 }).toBe(40);
  await sub.close();
  await client.request('run.stop', { runId: started.runId });
  const last = live.at(-1)!.depths;

  await page.goto(host.url);
  await expect(page.getByTestId('connection-status')).toHaveText('connected');
  const runs = await openRunsOf(page, 'Queues chart');
  await runs.getByRole('button', { name: `Replay Run ${started.storeRunId}` }).click();
  await chartsOfReplay(page, started.storeRunId!);
  const chart = page.getByRole('figure', { name: 'Recorded queue depth' });
  // The caption's latest values are the live run's last report (after step 40).
  await expect(chart).toContainText(/2 series · at [\d.]+ s: /);
  await expect(chart).toContainText(`raw ${last.raw}`);
  await expect(chart).toContainText(`queue ${last.queue}`);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(2);
  await expect(chart.getByText('messages')).toBeVisible();
  const splitter = page.getByRole('separator', { name: 'Resize the panel' });
  for (let i = 0; i < 8; i++) await splitter.press('Shift+ArrowUp');
  await chart.scrollIntoViewIfNeeded();
  await shot(page, 'charts-stored-queues');
});
