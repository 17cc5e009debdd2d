/**
 * The charts' reads of a run through a real host, worker thread and SQLite
 * store: a workflow calls a real HTTP server and a real OpenAI-compatible
 * endpoint on 127.0.0.1, each answering after a known delay. The calls'
 * latencies are measured by the live run and kept with it (run.calls), the
 * host's CPU and memory are sampled while it is open (run.host), process states
 * are derived from its steps (run.states); after a restart, opening and
 * replaying the run reports the same latencies and calls nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store';
import { closeOpenHosts, hostOn } from './__fixtures__/host-on';
import { until } from './__fixtures__/until';

const root = join(__dirname, '../../..');
const HTTP_DELAY_MS = 120;
const LLM_DELAY_MS = 200;
let server: Server;
let base = '';
const requests = { http: 0, llm: 0 };
const dir = mkdtempSync(join(tmpdir(), 'csp-service-metrics-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const llm = req.url === '/v1/chat/completions';
    if (llm) requests.llm++;
    else requests.http++;
    req.resume();
    setTimeout(
      () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            llm
              ? {
                  model: 'test-model',
                  choices: [{ message: { role: 'assistant', content: `{"said":${requests.llm}}` } }],
                  usage: { prompt_tokens: 3, completion_tokens: 2 },
                }
              : { n: requests.http },
          ),
        );
      },
      llm ? LLM_DELAY_MS : HTTP_DELAY_MS,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeOpenHosts();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const workflow = (): string => `version: 1
name: calls
processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 100, count: 3 } }
  - { id: fetch, name: Fetch, kind: http, ports: [ { name: a, dir: in, type: json }, { name: res, dir: out, type: json } ], config: { url: "${base}/item", allow: [ "127.0.0.1" ] } }
  - id: ask
    name: Ask
    kind: agent
    ports: [ { name: q, dir: in, type: json }, { name: o, dir: out, type: json } ]
    agent: { provider: openai, model: test-model, baseUrl: "${base}/v1", system: Say something., replyPort: o }
  - { id: sink, name: Sink, kind: log, ports: [ { name: o, dir: in, type: json } ] }
edges:
  - { id: e1, from: clock.t, to: fetch.a }
  - { id: e2, from: fetch.res, to: ask.q }
  - { id: e3, from: ask.o, to: sink.o }
`;

describe('latency, host samples and process states of a run', () => {
  it('are measured live, kept with the run, and read back unchanged after a restart and a replay that calls nothing', async () => {
    const dataDir = join(dir, 'data');
    const first = await hostOn(dataDir);
    let storeRunId: number;
    let calls: unknown;
    try {
      const started = await first.client.request('run.start', { text: workflow(), name: 'calls.yaml', seed: 3 });
      storeRunId = started.storeRunId!;
      const stop = await first.client.request('run.continue', { runId: started.runId, maxSteps: 10_000 });
      expect(['deadlock', 'terminated']).toContain(stop.stop.reason);
      expect(requests).toEqual({ http: 3, llm: 3 });
      const got = await until('six calls', async () => {
        const r = await first.client.request('run.calls', { storeRunId });
        return r.count === 6 ? r : undefined;
      });
      for (const c of got.calls) {
        expect(c.failed).toBe(false);
        expect(c.node).toBe(c.kind === 'http' ? 'Fetch' : 'Ask');
        // Measured around the call: never less than the server's delay.
        expect(c.latencyMs).toBeGreaterThanOrEqual(c.kind === 'http' ? HTTP_DELAY_MS - 1 : LLM_DELAY_MS - 1);
      }
      expect(got.nodes.map((n) => [n.node, n.kind, n.count]).sort()).toEqual([
        ['Ask', 'llm-reply', 3],
        ['Fetch', 'http', 3],
      ]);
      expect(got.p50Ms).toBeGreaterThanOrEqual(HTTP_DELAY_MS - 1);
      expect(got.p95Ms).toBeGreaterThanOrEqual(LLM_DELAY_MS - 1);
      calls = got;

      // The run is still open: the host samples its CPU and memory about once a second.
      const host = await until('a host sample', async () => {
        const r = await first.client.request('run.host', { storeRunId });
        return r.samples > 0 ? r : undefined;
      });
      expect(host.points[0]!.rssMb).toBeGreaterThan(10);
      expect(host.points[0]!.heapMb).toBeGreaterThan(1);
      expect(host.points[0]!.cpu).toBeGreaterThanOrEqual(0);
      await first.client.request('run.stop', { runId: started.runId });
      // Each call is kept by the step that delivered its result to that node.
      for (const c of got.calls)
        expect(first.store.runs.steps.at(storeRunId, c.seq)).toMatchObject({
          kind: 'deliver',
          event: `deliver ${c.kind}`,
          processes: [c.node],
        });
    } finally {
      await first.close();
    }

    const second = await hostOn(dataDir);
    try {
      expect(await second.client.request('run.calls', { storeRunId })).toEqual(calls);
      const states = await second.client.request('run.states', { storeRunId });
      expect(states.processes).toBeGreaterThanOrEqual(4);
      expect(states.points.length).toBeGreaterThan(0);
      for (const p of states.points) expect(p.running + p.waiting + p.done + p.failed).toBe(states.processes);
      expect(states.points.some((p) => p.running > 0)).toBe(true);

      const opened = await second.client.request('run.open', { storeRunId });
      await second.client.request('run.continue', { runId: opened.runId, maxSteps: 10_000 });
      await second.client.request('run.stop', { runId: opened.runId });
      // The replay handed back the recorded replies: no request, nothing measured again.
      expect(requests).toEqual({ http: 3, llm: 3 });
      expect(await second.client.request('run.calls', { storeRunId })).toEqual(calls);
      await expect(second.client.request('run.calls', { storeRunId: 999_999 })).rejects.toThrow(/999999/);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('a run recorded by csp run keeps its call latencies too', async () => {
    const dataDir = join(dir, 'cli');
    const file = join(dir, 'calls.yaml');
    writeFileSync(file, workflow());
    const before = { ...requests };
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [join(root, 'bin/csp.mjs'), '--data-dir', dataDir, '--json', 'run', file, '--seed', '3'],
        { cwd: root, timeout: 120_000 },
        // Exit code 1: the network ends in a deadlock once the timer's ticks are used up.
        (error, stdout, stderr) => (stdout.trim() === '' ? reject(error ?? new Error(stderr)) : resolve(stdout)),
      );
    });
    const { runId } = JSON.parse(out) as { runId: number };
    expect(requests).toEqual({ http: before.http + 3, llm: before.llm + 3 });
    const store = openStore({ dataDir, role: 'cli' });
    try {
      const calls = store.runs.metrics.calls(runId);
      expect(calls.map((c) => c.node).sort()).toEqual(['Ask', 'Ask', 'Ask', 'Fetch', 'Fetch', 'Fetch']);
      for (const c of calls) {
        expect(c.endedMs - c.startedMs).toBeGreaterThanOrEqual(
          c.kind === 'http' ? HTTP_DELAY_MS - 1 : LLM_DELAY_MS - 1,
        );
        expect(store.runs.steps.at(runId, c.seq)).toMatchObject({ kind: 'deliver', processes: [c.node] });
      }
    } finally {
      store.close();
    }
  }, 120_000);
});
