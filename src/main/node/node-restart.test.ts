/**
 * A node that dies mid-run (SIGKILL: nothing closed cleanly) and is started
 * again on the same port and data folder, with a studio attached throughout:
 * the client says it is offline, retries, comes back on its own, is told the
 * node restarted (its streams begin again), and the run it was watching is in
 * the node's store as interrupted, holding every step the client saw, by seq,
 * with nothing missing. The node serves new runs after the restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent, RunStep, StoredStep } from '../../shared/protocol/methods/run';
import { RemoteNode } from './client/remote-node';
import type { NodeStatus } from './client/remote-node';
import { makeToken, serve } from './__fixtures__/serve-child';
import type { ServeChild } from './__fixtures__/serve-child';

const LOOP = 'channel a, b\nP = a -> b -> P\nSYSTEM = P\n';
const dataDir = mkdtempSync(join(tmpdir(), 'csp-node-restart-'));
let node: ServeChild;
let client: RemoteNode | undefined;

function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const start = Date.now();
  return new Promise((done, fail) => {
    const poll = (): void => {
      if (condition()) return done();
      if (Date.now() - start > ms) return fail(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

beforeAll(async () => {
  node = await serve(dataDir, ['--quiet']);
}, 120_000);

afterAll(async () => {
  client?.close();
  expect(await node.stop()).toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a node restarted under an attached studio', () => {
  it('reports the outage, reattaches by itself, and keeps the interrupted run readable up to its last step', async () => {
    const token = await makeToken(dataDir, 'ops', 'operator');
    const statuses: NodeStatus[] = [];
    client = new RemoteNode({
      url: node.url,
      token,
      backoff: { initialMs: 50, maxMs: 300 },
      onStatus: (s) => statuses.push(s),
    });
    await client.start();
    const started = await client.request('run.start', { text: LOOP, name: 'loop.csp' });
    expect(started.storeRunId).toBeGreaterThan(0);

    const seen = new Map<number, string>();
    let resets = 0;
    await client.subscribe('run.events', {
      runId: started.runId,
      onEvent: (e: RunEvent) => {
        if (e.type === 'steps') for (const s of e.steps as RunStep[]) seen.set(s.seq, s.event);
      },
      onReset: () => resets++,
    });
    // Far more steps than can happen before the kill: the run is live when the node dies.
    void client.request('run.continue', { runId: started.runId, maxSteps: 50_000_000 }).catch(() => undefined);
    // A busy run's steps are committed about every 200 ms (and at the latest every 65,536): well into
    // the run, so the node dies with some of it in its store and the newest steps not yet.
    await until(() => seen.size >= 70_000, 'the run to be well under way', 90_000);

    const port = node.port;
    await node.kill();
    await until(() => statuses.some((s) => s.state === 'offline'), 'the client to notice the node is gone');
    await expect(client.request('host.info', {})).rejects.toMatchObject({ code: 'unavailable' });
    // A few retries fail while nothing listens; backoff keeps going.
    await until(() => statuses.filter((s) => s.state === 'offline').length >= 2, 'a failed retry');

    node = await serve(dataDir, ['--quiet', '--port', String(port)]);
    await until(() => client?.online === true, 'the client to reattach by itself');
    const online = statuses.at(-1);
    expect(online).toMatchObject({ state: 'online', restarted: true });
    expect(resets).toBe(1);

    // The run died with the node; the store holds it as interrupted, with every step the client saw.
    const { runs } = await client.request('run.list', {});
    const stored = runs.find((r) => r.storeRunId === started.storeRunId);
    expect(stored).toMatchObject({ status: 'interrupted' });
    const trace: StoredStep[] = [];
    for (let after = 0; ;) {
      const page = await client.request('run.trace', { storeRunId: started.storeRunId!, afterSeq: after, limit: 1000 });
      trace.push(...page.events);
      if (page.next === null) break;
      after = page.next;
    }
    expect(trace.map((s) => s.seq)).toEqual(trace.map((_s, i) => i + 1));
    expect(trace.length).toBe(stored!.steps);
    // What the client received before the kill is a gapless prefix, and the store agrees with it step by step
    // (the store may hold a few steps more: those taken after the last frame the client read).
    const seqs = [...seen.keys()].sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
    const common = Math.min(seqs.length, trace.length);
    expect(common).toBeGreaterThan(0);
    // The store lags the client by what was taken since its last commit, never a whole batch.
    expect(seqs.length - trace.length).toBeLessThan(65_536);
    for (let i = 0; i < common; i++) expect(trace[i]!.event).toBe(seen.get(i + 1));

    // The restarted node serves: a new run goes to its end.
    const again = await client.request('run.start', { text: LOOP, name: 'loop.csp' });
    const stepped = await client.request('run.continue', { runId: again.runId, maxSteps: 10 });
    expect(stepped).toBeDefined();
    expect((await client.request('run.stop', { runId: again.runId })).ok).toBe(true);
  }, 180_000);
});
