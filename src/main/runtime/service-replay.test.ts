/**
 * Replaying stored runs through the protocol, as the debugger does: a run
 * recorded by `csp run` (another process) or by a host that was then closed is
 * opened by a new host (run.open) and replayed event for event; leaving the
 * record is announced (forked) and never reaches the HTTP server, which counts
 * the requests it gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProtocolClient } from '../../shared/protocol';
import type { RunEvent } from '../../shared/protocol/methods/run';
import type { Store } from '../store';
import { closeOpenHosts, hostOn } from './__fixtures__/host-on';

const root = join(__dirname, '../../..');
let server: Server;
let base = '';
let requests = 0;
const dir = mkdtempSync(join(tmpdir(), 'csp-service-replay-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ n: requests, path: req.url }));
    }, 50);
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
name: replayed
processes:
  - { id: src, name: Src, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 100, count: 3 } }
  - { id: call, name: Call, kind: http, ports: [ { name: a, dir: in, type: json }, { name: res, dir: out, type: json } ], config: { url: "${base}/item", allow: [ "127.0.0.1" ] } }
  - id: stamp
    name: Stamp
    kind: script
    ports:
      - { name: res, dir: in, type: json }
      - { name: t, dir: in, type: json }
      - { name: out, dir: out, type: json }
    script: |
      for (;;) {
        const r = await alt([{ recv: 'res' }, { recv: 't' }]);
        await send('out', { got: r.value, at: now(), luck: random() });
      }
  - { id: sink, name: Sink, kind: log, ports: [ { name: out, dir: in, type: json } ] }
edges:
  - { id: e1, from: src.a, to: call.a }
  - { id: e2, from: call.res, to: stamp.res }
  - { id: e3, from: clock.t, to: stamp.t }
  - { id: e4, from: stamp.out, to: sink.out }
`;

/** `csp run` in a child process (async: the test's HTTP server must keep answering). */
function csp(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin/csp.mjs'), ...args],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : error ? 1 : 0, stdout, stderr });
      },
    );
  });
}

/** Collects a run's events from run.events. */
async function watch(client: ProtocolClient, runId: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  await client.subscribe('run.events', { runId, window: 1000, onEvent: (e) => events.push(e) });
  return events;
}

const stepsOf = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'steps' ? e.steps : []));

/** The stored steps as the replay must show them (no wall clock). */
function stored(store: Store, runId: number) {
  const out = [];
  let after = 0;
  for (;;) {
    const page = store.runs.query.page(runId, { afterSeq: after, limit: 1000 });
    out.push(...page.events);
    if (page.next === null) break;
    after = page.next;
  }
  return out.map((e) => ({
    seq: e.seq,
    event: e.event,
    processes: e.processes,
    payload: e.payload ?? undefined,
    outside: e.outside ?? undefined,
    time: e.virtualTime,
  }));
}

const shown = (steps: ReturnType<typeof stepsOf>) =>
  steps.map((s) => ({
    seq: s.seq,
    event: s.event,
    processes: s.processes,
    payload: s.payload,
    outside: s.outside,
    time: s.time ?? 0,
  }));

const until = async (f: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !f(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('stored runs replayed by a new host', () => {
  it('a run recorded by csp run replays identically, event for event, without a request; going past its end forks, offline', async () => {
    const dataDir = join(dir, 'cli');
    const file = join(dir, 'replayed.yaml');
    writeFileSync(file, workflow());
    const recorded = await csp(
      '--data-dir',
      dataDir,
      '--json',
      'run',
      file,
      '--seed',
      '4',
      '--inject',
      'src={"id":1}',
      '--inject',
      'src={"id":2}',
    );
    expect(recorded.code).toBe(1); // the network ends in a deadlock once the injections and ticks are used up
    const out = JSON.parse(recorded.stdout) as {
      runId: number;
      outcome: string;
      events: { seq: number; event: string }[];
    };
    const second = out.events.filter((e) => e.event === 'deliver inject')[1]!.seq;
    // The same run cut just after the second injection arrives: its request is not in the record.
    const cut = JSON.parse(
      (
        await csp(
          '--data-dir',
          dataDir,
          '--json',
          'run',
          file,
          '--seed',
          '4',
          '--steps',
          String(second),
          '--inject',
          'src={"id":1}',
          '--inject',
          'src={"id":2}',
        )
      ).stdout,
    ) as { runId: number };
    const made = requests;

    const h = await hostOn(dataDir);
    try {
      const opened = await h.client.request('run.open', { storeRunId: out.runId });
      expect(opened.record).toEqual({ length: out.events.length, offline: true });
      const events = await watch(h.client, opened.runId);
      const stop = await h.client.request('run.continue', { runId: opened.runId });
      expect(stop.stop.reason).toBe(out.outcome);
      await until(() => stepsOf(events).length >= out.events.length);
      expect(shown(stepsOf(events))).toEqual(stored(h.store, out.runId));
      // Step back and forward again along the record: the same steps, no fork.
      await h.client.request('run.goto', { runId: opened.runId, seq: 3 });
      await h.client.request('run.continue', { runId: opened.runId });
      const state = await h.client.request('run.state', { runId: opened.runId });
      expect(state.record).toEqual({ length: out.events.length, offline: true });
      expect(requests).toBe(made);

      const other = await h.client.request('run.open', { storeRunId: cut.runId });
      const otherEvents = await watch(h.client, other.runId);
      expect((await h.client.request('run.continue', { runId: other.runId })).stop).toEqual({
        reason: 'record-end',
        seq: second,
      });
      const past = await h.client.request('run.continue', { runId: other.runId });
      expect(past.stop.reason).toBe('error');
      expect(past.stop.error).toMatch(
        /Call: needs a http the record does not hold .* a replay never calls a live service/,
      );
      await until(() => otherEvents.some((e) => e.type === 'forked'));
      const forked = otherEvents.find((e) => e.type === 'forked');
      expect(forked).toMatchObject({ type: 'forked', seq: second, fromStoreRunId: cut.runId });
      const fork = (forked as { storeRunId: number }).storeRunId;
      expect((await h.client.request('run.state', { runId: other.runId })).record).toMatchObject({
        forkedAt: second,
        offline: true,
      });
      expect(requests).toBe(made);
      // The new timeline is a run of its own in the store, beginning with the steps it copied.
      await h.client.request('run.stop', { runId: other.runId });
      expect(stored(h.store, fork).slice(0, second)).toEqual(stored(h.store, cut.runId));
      expect(h.store.runs.replayInfo(fork)?.parent).toEqual({ runId: cut.runId, seq: second });
    } finally {
      await h.close();
    }
  }, 240_000);

  it('a run recorded by a host that was closed replays identically on the next host; another enabled step forks it', async () => {
    const dataDir = join(dir, 'hosts');
    const first = await hostOn(dataDir);
    let storeRunId: number;
    let live: ReturnType<typeof shown>;
    try {
      const text =
        'channel a, b : {0..2}\nP = a?x -> b!x -> P\nQ = (a!1 -> Q |~| a!2 -> Q) [] b?x -> Q\nSYSTEM = P [ {|a, b|} || {|a, b|} ] Q\n';
      const started = await first.client.request('run.start', { text, name: 'pq.csp', seed: 9 });
      const events = await watch(first.client, started.runId);
      await first.client.request('run.continue', { runId: started.runId, maxSteps: 300 });
      await until(() => stepsOf(events).length >= 300);
      live = shown(stepsOf(events));
      storeRunId = started.storeRunId!;
      await first.client.request('run.stop', { runId: started.runId });
    } finally {
      await first.close();
    }

    const second = await hostOn(dataDir);
    try {
      const opened = await second.client.request('run.open', { storeRunId });
      const events = await watch(second.client, opened.runId);
      expect((await second.client.request('run.continue', { runId: opened.runId })).stop).toEqual({
        reason: 'record-end',
        seq: 300,
      });
      await until(() => stepsOf(events).length >= 300);
      expect(shown(stepsOf(events))).toEqual(live);
      // At step 10, pick an enabled item that is not the recorded step 11.
      await second.client.request('run.goto', { runId: opened.runId, seq: 10 });
      const { enabled } = await second.client.request('run.enabled', { runId: opened.runId });
      const index = enabled.findIndex((i) => i.text !== live[10]!.event);
      expect(index).toBeGreaterThanOrEqual(0);
      const step = await second.client.request('run.step', { runId: opened.runId, index });
      expect(step.step?.seq).toBe(11);
      await until(() => events.some((e) => e.type === 'forked'));
      expect(events.find((e) => e.type === 'forked')).toMatchObject({ seq: 10, fromStoreRunId: storeRunId });
      expect((await second.client.request('run.state', { runId: opened.runId })).record).toEqual({
        length: 11,
        forkedAt: 10,
        offline: true,
      });
    } finally {
      await second.close();
    }
  }, 240_000);
});
