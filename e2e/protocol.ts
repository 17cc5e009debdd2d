/**
 * A second client of a test's web host, as `csp` or another window would be:
 * the shared ProtocolClient over a real WebSocket (token in the URL, as
 * non-browser clients present it). Tests use it to set the scene (record runs)
 * and to read what the host holds, to check the UI against it.
 */
import { WebSocket } from 'ws';
import { ProtocolClient } from '../src/shared/protocol';
import type { ClientTransport } from '../src/shared/protocol';
import type { WebHost } from './host';

export async function connect(host: WebHost): Promise<{ client: ProtocolClient; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const transport: ClientTransport = {
    send: (text) => ws.send(text),
    onMessage: (listener) => ws.on('message', (data: Buffer) => listener(data.toString())),
    onClose: (listener) => ws.once('close', () => listener('closed')),
    close: () => ws.close(),
  };
  const client = new ProtocolClient(transport);
  await client.hello([], { name: 'e2e', version: '1' });
  return { client, close: () => ws.close() };
}

/** Creates a workflow from an example and records a run of `steps` steps with `seed`; returns the stored run id. */
export async function recordRun(
  client: ProtocolClient,
  opened: { workflow: { id: number; name: string }; content: string; version: { id: number } | null },
  seed: number,
  steps: number,
): Promise<number> {
  const started = await client.request('run.start', {
    text: opened.content,
    // Named as the studio names the runs it starts.
    name: `${opened.workflow.name}.yaml`,
    kind: 'workflow',
    seed,
    ...(opened.version ? { workflowVersionId: opened.version.id } : {}),
  });
  await client.request('run.continue', { runId: started.runId, maxSteps: steps });
  await client.request('run.stop', { runId: started.runId });
  if (started.storeRunId === undefined) throw new Error('the host did not record the run');
  return started.storeRunId;
}

/** Every stored step of a run, read forward in pages. */
export async function storedEvents(
  client: ProtocolClient,
  storeRunId: number,
): Promise<Array<{ seq: number; event: string; processes: string[] }>> {
  const all: Array<{ seq: number; event: string; processes: string[] }> = [];
  let after = 0;
  for (;;) {
    const page = await client.request('run.trace', { storeRunId, afterSeq: after, limit: 1000 });
    all.push(...page.events.map((e) => ({ seq: e.seq, event: e.event, processes: e.processes })));
    if (page.next === null) return all;
    after = page.next;
  }
}

/**
 * Opens a stored run, follows its record for `at` steps, then takes another enabled step than the
 * recorded one (a fork, stored as a new run with steps 1..at copied) and goes on; returns the fork's
 * stored run id.
 */
export async function recordFork(
  client: ProtocolClient,
  storeRunId: number,
  at: number,
  more: number,
): Promise<number> {
  const recorded = await storedEvents(client, storeRunId);
  const opened = await client.request('run.open', { storeRunId });
  await client.request('run.goto', { runId: opened.runId, seq: at });
  const { enabled } = await client.request('run.enabled', { runId: opened.runId });
  const other = enabled.findIndex((e) => e.text !== recorded[at]?.event);
  if (other < 0) throw new Error(`step ${at + 1} has no other enabled event to fork with`);
  await client.request('run.step', { runId: opened.runId, index: other });
  await client.request('run.continue', { runId: opened.runId, maxSteps: more });
  await client.request('run.stop', { runId: opened.runId });
  const { runs } = await client.request('run.list', { limit: 1 });
  const fork = runs[0];
  if (!fork || fork.storeRunId === storeRunId) throw new Error('the fork was not recorded');
  return fork.storeRunId;
}
