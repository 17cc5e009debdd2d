/**
 * What a workflow deployed to a node may do, on a real `csp serve` child:
 * a hostile script cannot take the node's memory (its peak resident memory
 * is read from /proc, the peak reset just before the run), the memory goes
 * back when the run stops and the node keeps serving; a workflow cannot reach
 * 127.0.0.1 from the node; a run stops at the node's step quota.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemoteNode } from './client/remote-node';
import { makeToken, serve } from './__fixtures__/serve-child';
import type { ServeChild } from './__fixtures__/serve-child';

const MiB = 1024 * 1024;
const HEAP_MIB = 32;
/** What a run costs the node besides its scripts' heap: a worker thread with its own V8 and the run's code. */
const MARGIN = 160 * MiB;
const dataDir = mkdtempSync(join(tmpdir(), 'csp-node-runs-'));
let node: ServeChild;
let client: RemoteNode;
let target: Server;
let targetPort = 0;
let hits = 0;

const HOSTILE = `version: 1
name: hostile
processes:
  - id: hog
    name: Hog
    kind: script
    ports:
      - { name: out, dir: out, type: "{0..1}" }
    script: |
      const a = []; for (;;) a.push(new Array(100000).fill(1));
  - { id: sink, name: Sink, kind: csp, ports: [ { name: in, dir: in, type: "{0..1}" } ], behaviour: "in?x -> Sink" }
edges:
  - { id: e, from: hog.out, to: sink.in }
`;

function egressWorkflow(port: number): string {
  return `version: 1
name: reach home
processes:
  - { id: src, name: Src, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - id: call
    name: Call
    kind: http
    ports:
      - { name: a, dir: in, type: json }
      - { name: res, dir: out, type: json }
    config: { url: "http://127.0.0.1:${port}/admin", allow: [ "127.0.0.1:${port}" ] }
  - { id: ok, name: Ok, kind: log, ports: [ { name: res, dir: in, type: json } ] }
edges:
  - { id: e1, from: src.a, to: call.a }
  - { id: e2, from: call.res, to: ok.res }
`;
}

/** Resident and peak resident memory of a process, in bytes. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

beforeAll(async () => {
  target = createServer((_req, res) => {
    hits++;
    res.end('secret admin page');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  const a = target.address();
  targetPort = typeof a === 'object' && a !== null ? a.port : 0;
  const token = await makeToken(dataDir, 'ops', 'operator');
  node = await serve(dataDir, ['--quiet', '--sandbox-memory', String(HEAP_MIB), '--quota-events', '5000']);
  client = new RemoteNode({ url: node.url, token });
  await client.start();
}, 120_000);

afterAll(async () => {
  client.close();
  expect(await node.stop()).toBe(0);
  await new Promise<void>((r) => target.close(() => r()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('runs on a node', () => {
  it('stop a hostile script at the heap limit without the node growing past it, give the memory back, and keep serving', async () => {
    const pid = node.child.pid!;
    // A first ordinary run warms the node up (the first worker loads the run code), so the margin is the run's own.
    const warm = await client.request('run.start', { text: 'channel a\nP = a -> P\nSYSTEM = P\n', name: 'warm.csp' });
    await client.request('run.continue', { runId: warm.runId, maxSteps: 100 });
    await client.request('run.stop', { runId: warm.runId });
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets the peak (VmHWM) to the present RSS
    const before = memory(pid);
    const started = await client.request('run.start', { text: HOSTILE, name: 'hostile.yaml' });
    const { stop } = await client.request('run.continue', { runId: started.runId, maxSteps: 10 });
    expect(stop).toMatchObject({ reason: 'error', process: 'Hog' });
    expect(stop.error).toContain(
      `stopped: the script went over its memory limit (the run's scripts share ${HEAP_MIB} MiB`,
    );
    const during = memory(pid);
    expect(during.peak - before.rss).toBeLessThan(HEAP_MIB * MiB + MARGIN);
    await client.request('run.stop', { runId: started.runId });
    // The run's worker and its script heap are gone: resident memory comes back down.
    let after = memory(pid);
    for (let i = 0; i < 50 && after.rss - before.rss > MARGIN / 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = memory(pid);
    }
    expect(after.rss - before.rss).toBeLessThan(MARGIN / 2);
    const health = await client.health();
    expect(health).toMatchObject({ status: 'ok', runs: { active: 0 } });
    const again = await client.request('run.start', { text: 'channel a\nP = a -> P\nSYSTEM = P\n', name: 'after.csp' });
    expect((await client.request('run.continue', { runId: again.runId, maxSteps: 50 })).stop).toMatchObject({
      reason: 'steps',
      seq: 50,
    });
    await client.request('run.stop', { runId: again.runId });
  }, 120_000);

  it('refuses a workflow that tries to reach 127.0.0.1 from the node', async () => {
    const started = await client.request('run.start', { text: egressWorkflow(targetPort), name: 'reach.yaml' });
    await client.request('run.inject', { runId: started.runId, node: 'src', payload: { q: 1 } });
    const { stop } = await client.request('run.continue', { runId: started.runId, maxSteps: 20 });
    expect(stop).toMatchObject({ reason: 'error', process: 'Call' });
    expect(stop.error).toContain('egress refused: 127.0.0.1 is a loopback address');
    expect(hits).toBe(0);
    await client.request('run.stop', { runId: started.runId });
  }, 60_000);

  it("stops a run at the node's step quota", async () => {
    const started = await client.request('run.start', {
      text: 'channel a\nP = a -> P\nSYSTEM = P\n',
      name: 'long.csp',
    });
    const { stop } = await client.request('run.continue', { runId: started.runId, maxSteps: 100_000 });
    expect(stop).toEqual({ reason: 'error', seq: 5000, error: 'quota: this node lets a run take at most 5000 steps' });
    await client.request('run.stop', { runId: started.runId });
  }, 60_000);
});
