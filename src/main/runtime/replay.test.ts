/**
 * Exact replay from a stored record (a real SQLite store): a workflow with a
 * timer, a script using now() and random(), and an HTTP call to a real local
 * server that counts requests. Also: virtual time waits for a result under
 * way, and a script stopped by the wall-clock backstop of its CPU budget stops
 * at the same instruction on replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { NetworkRun, type StepInfo } from '../../engine/runtime/network/run';
import { openStore, type Store } from '../store';
import { QueuedInjections } from './builtins/sources';
import { networkOfYaml, runYaml } from './builtins/run-helpers';
import { logFromRecord } from './record-log';
import { toRecord } from './records';
import { loadQuickJS } from './script-node';
import { attachScripts } from './scripts';

let server: Server;
let base = '';
let requests = 0;
let dataDir = '';
let store: Store;

beforeAll(async () => {
  await loadQuickJS();
  server = createServer((req, res) => {
    requests++;
    // Slow on purpose: the run has timers due meanwhile, and virtual time must wait for this.
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ n: requests, path: req.url }));
    }, 150);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'csp-replay-'));
  store = openStore({ dataDir, role: 'cli' });
});

afterAll(async () => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** inject -> http -> stamp (a script: now(), random()) -> log, and a timer ticking into the same script. */
const workflow = (): string => `version: 1
name: replayed
processes:
  - { id: src, name: Src, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out, type: json } ], config: { interval: 100, count: 3 } }
  - id: call
    name: Call
    kind: http
    ports:
      - { name: a, dir: in, type: json }
      - { name: res, dir: out, type: json }
    config: { url: "${base}/item", allow: [ "127.0.0.1" ] }
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
        ctx.state.seen = (ctx.state.seen ?? 0) + 1;
        await send('out', { got: r.value, at: now(), luck: random() });
      }
  - { id: sink, name: Sink, kind: log, ports: [ { name: out, dir: in, type: json } ] }
edges:
  - { id: e1, from: src.a, to: call.a }
  - { id: e2, from: call.res, to: stamp.res }
  - { id: e3, from: clock.t, to: stamp.t }
  - { id: e4, from: stamp.out, to: sink.out }
`;

function injecting(...payloads: unknown[]): QueuedInjections {
  const q = new QueuedInjections();
  for (const p of payloads) q.add('src', p);
  return q;
}

/** What a step shows, without the wall clock. */
const shown = (s: StepInfo): unknown => ({
  seq: s.seq,
  event: s.event,
  kind: s.kind,
  processes: s.processes,
  payload: s.payload,
  branch: s.branch,
  time: s.time ?? 0,
  outside: s.outside ?? [],
});

describe('virtual time and results under way', () => {
  it('the clock waits for an HTTP response under way: no timer tick overtakes it, whatever the latency', async () => {
    const r = await runYaml(workflow(), { injections: injecting({ id: 1 }), seed: 3 });
    expect(r.stop.reason).not.toBe('error');
    const delivers = r.steps.filter((s) => s.kind === 'deliver').map((s) => `${s.event}@${s.time ?? 0}`);
    // The injection is due at 0 and starts the request; the ticks at 100, 200, 300 come only after its
    // response (and after the end of the injections, also due at 0).
    expect(delivers).toEqual([
      'deliver inject@0',
      'deliver http@0',
      'deliver inject@0',
      'deliver tick@100',
      'deliver tick@200',
      'deliver tick@300',
    ]);
    const stamps = r.steps.filter((s) => s.event === 'e4').map((s) => (s.payload as { at: number }).at);
    expect(stamps).toEqual([0, 100, 200, 300]);
  });
});

describe('replaying a stored run', () => {
  it('is identical event for event from the store, and makes no HTTP request', async () => {
    const live = await runYaml(workflow(), { injections: injecting({ id: 7 }), seed: 11 });
    expect(live.steps.length).toBeGreaterThan(10);
    const writer = store.runs.start({ seed: 11, mode: 'free', label: 'replayed.yaml' });
    store.runs.saveReplay(writer.runId, {
      source: { kind: 'workflow', name: 'replayed.yaml', text: workflow() },
      beforeFirst: live.run.log.outsideAt(0).map(({ seq: _s, ...o }) => o),
    });
    writer.appendMany(live.steps.map((s) => toRecord(s, 0)));
    writer.finish({ outcome: 'terminated' });

    const before = requests;
    const { info, steps } = store.runs.record(writer.runId);
    expect(info.source.text).toBe(workflow());
    // A fresh network (as after a restart): nothing of the live run is reused.
    const net = networkOfYaml(info.source.text, { injections: injecting(), seed: 99 });
    const built = logFromRecord(net.spec, steps, info.beforeFirst);
    if (!built.ok) throw new Error(built.error);
    const replay = NetworkRun.fromRecord(net.spec, built.log, { offline: new Set(['http', 'llm-reply']) });
    expect(live.stop.reason).toBe('deadlock');
    expect(replay.run(1_000_000)).toEqual(live.stop);
    expect(replay.steps().map(shown)).toEqual(live.steps.map(shown));
    expect(replay.processStates()).toEqual(live.run.processStates());
    expect(requests).toBe(before);

    // Back to the middle and forward again along the record: still identical, still offline.
    replay.goto(5);
    replay.run(1_000_000);
    expect(replay.steps().map(shown)).toEqual(live.steps.map(shown));
    expect(replay.forkedAt).toBeUndefined();
    expect(requests).toBe(before);
  });

  it('leaving the record is explicit, and a fork that needs a response the record lacks stops rather than call the server', async () => {
    const live = await runYaml(workflow(), { injections: injecting({ id: 1 }, { id: 2 }), seed: 5 });
    // A record that ends just after the second injection was delivered (its request not yet made).
    const second = live.steps.filter((s) => s.event === 'deliver inject')[1]!.seq;
    const net = networkOfYaml(workflow(), { injections: injecting({ id: 1 }, { id: 2 }), seed: 5 });
    const replay = NetworkRun.fromRecord(net.spec, live.run.log.prefix(second), { offline: new Set(['http']) });
    const before = requests;
    expect(replay.run(1_000_000)).toEqual({ reason: 'record-end', seq: second });
    expect(replay.forkedAt).toBeUndefined();
    // Going on past the end leaves the record (said once); the request the fork needs is not made.
    const stop = replay.run(1_000_000);
    expect(replay.forkedAt).toBe(second);
    expect(replay.forks).toBe(1);
    expect(stop).toMatchObject({ reason: 'error', process: 'Call' });
    expect(stop.error).toMatch(/needs a http the record does not hold .* a replay never calls a live service/);
    expect(requests).toBe(before);
  });
});

describe('a script stopped by its CPU budget', () => {
  const text = `channel c : {0..5}
PROD = c!1 -> STOP
WORKER = c?x -> STOP
SYSTEM = PROD [ {|c|} || {|c|} ] WORKER
`;
  const spinning = `await recv('in'); for (let i = 0; ; i++) { if (i % 2000 === 0) log('at ' + i); }`;
  const network = (wallMs: number, cpuBudget: number, log: string[]) => {
    const net = networkFromCspm(text);
    if (!net.ok) throw new Error(net.errors.join('\n'));
    const ports = [{ name: 'in', dir: 'in' as const, channels: ['c'], json: false }];
    return attachScripts(net.spec, [{ component: 'WORKER', source: spinning, ports, limits: { cpuBudget, wallMs } }], {
      log: (l) => log.push(l),
    });
  };

  it('stops at the same instruction on replay, even when the wall-clock backstop stopped it live', () => {
    const liveLog: string[] = [];
    const live = new NetworkRun(network(2, 1e9, liveLog));
    const stop = live.run(10);
    expect(stop).toMatchObject({ reason: 'error', process: 'WORKER', seq: 1 });
    const interrupt = live.log.outside.find((o) => o.kind === 'cpu-interrupt');
    expect(interrupt).toMatchObject({ seq: 1, node: 'WORKER' });
    expect(live.steps()[0]!.outside).toEqual([{ node: 'WORKER', kind: 'cpu-interrupt', value: interrupt!.value }]);

    // Through the store and back, replayed with a wall clock that could never fire and a budget far past the interrupt.
    const writer = store.runs.start({ seed: 1, mode: 'free', label: 'spin.csp' });
    store.runs.saveReplay(writer.runId, { source: { kind: 'cspm', name: 'spin.csp', text }, beforeFirst: [] });
    writer.appendMany(live.steps().map((s) => toRecord(s, 0)));
    writer.finish({ outcome: 'error' });
    const { steps } = store.runs.record(writer.runId);
    const replayLog: string[] = [];
    const spec = network(1e9, (interrupt!.value as number) + 50, replayLog);
    const built = logFromRecord(spec, steps, []);
    if (!built.ok) throw new Error(built.error);
    const replay = NetworkRun.fromRecord(spec, built.log);
    const again = replay.run(10);
    expect(again).toMatchObject({ reason: 'error', process: 'WORKER', seq: 1 });
    expect(replay.log.outside.filter((o) => o.kind === 'cpu-interrupt')).toEqual([interrupt]);
    expect(replayLog).toEqual(liveLog);
  });
});
