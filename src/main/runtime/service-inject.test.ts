/**
 * run.inject through a real host session and a real worker thread: a free run
 * that can only wait for the user's injection stops and says so, each
 * injection flows through the network with its payload on the run.events
 * stream, and a wrong node id is an error that names the inject nodes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helloed, testHost, request } from '../host/test-helpers';

const WORKFLOW = `version: 1
name: button
processes:
  - { id: button, name: Button, kind: inject, ports: [ { name: a, dir: out, type: json } ], config: { payload: { pressed: true } } }
  - { id: twice, name: Twice, kind: map, ports: [ { name: a, dir: in, type: json }, { name: b, dir: out, type: json } ], config: { expression: "msg.n * 2" } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: b, dir: in, type: json } ] }
edges:
  - { id: pressed, from: button.a, to: twice.a }
  - { id: doubled, from: twice.b, to: sink.b }
`;

const call = request;

async function until<T>(probe: () => T | undefined, ms = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const host = testHost();
afterAll(async () => {
  await host.services.runs.stopAll();
});

describe('run.inject', () => {
  it('a free run stops waiting for an injection; injected messages flow with their payloads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inject-'));
    const file = join(dir, 'button.yaml');
    writeFileSync(file, WORKFLOW);
    const raw = await helloed(host);
    const started = await call(raw, 'run.start', { file, seed: 1 });
    expect(started.type).toBe('result');
    const { runId } = started.payload as { runId: string };
    await call(raw, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 10_000 });

    // Nothing injected yet: the run can only wait for the user, so it stops and names what it waits for.
    const first = await call(raw, 'run.continue', { runId, maxSteps: 1000 });
    expect(first.payload).toEqual({
      stop: { reason: 'waiting', seq: 0, waitingFor: [{ process: 'Button', kind: 'inject' }] },
    });

    const wrong = await call(raw, 'run.inject', { runId, node: 'buton', payload: { n: 1 } });
    expect(wrong.type).toBe('error');
    expect(String((wrong.payload as { message: string }).message)).toMatch(
      /no inject node "buton" in this run \(inject nodes: button\)/,
    );

    expect((await call(raw, 'run.inject', { runId, node: 'button', payload: { n: 21 } })).payload).toEqual({
      ok: true,
    });
    const cont2 = await call(raw, 'run.continue', { runId, maxSteps: 1000 });
    expect(cont2.payload).toMatchObject({
      stop: { reason: 'waiting', waitingFor: [{ process: 'Button', kind: 'inject' }] },
    });
    const steps = () =>
      raw.sent
        .filter((m) => m.type === 'event')
        .map((m) => m.payload.data as { type: string; steps?: { event: string; payload?: unknown }[] })
        .flatMap((e) => e.steps ?? []);
    const doubled = await until(() => steps().find((s) => s.event === 'doubled'));
    expect(doubled.payload).toBe(42);
    expect(steps().find((s) => s.event === 'deliver inject')?.payload).toEqual({ payload: { n: 21 } });
    // End the inject node: the map and the sink then wait forever (a deadlock with its wait-for graph).
    await call(raw, 'run.inject', { runId, node: 'button', end: true });
    const last = await call(raw, 'run.continue', { runId, maxSteps: 1000 });
    expect(last.payload).toMatchObject({ stop: { reason: 'deadlock' } });
    await call(raw, 'run.stop', { runId });
  }, 120_000);

  it('a free run waiting on the wall clock (or an LLM) can still be paused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tick-'));
    const file = join(dir, 'slow.yaml');
    writeFileSync(
      file,
      `version: 1
name: slow
processes:
  - { id: clock, name: Clock, kind: timer, ports: [ { name: t, dir: out } ], config: { interval: 600000 } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: t, dir: in } ] }
edges:
  - { id: ticks, from: clock.t, to: sink.t }
`,
    );
    const raw = await helloed(host);
    const started = await call(raw, 'run.start', { file, seed: 1, wallClock: true });
    const { runId } = started.payload as { runId: string };
    const cont = call(raw, 'run.continue', { runId, maxSteps: 10 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await call(raw, 'run.pause', { runId });
    expect((await cont).payload).toEqual({ stop: { reason: 'paused', seq: 0 } });
    const state = await call(raw, 'run.state', { runId });
    expect((state.payload as { stop: unknown }).stop).toMatchObject({
      reason: 'waiting',
      waitingFor: [{ process: 'Clock', kind: 'tick' }],
    });
    await call(raw, 'run.stop', { runId });
  }, 60_000);
});
