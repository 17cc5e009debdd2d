/**
 * run.events carries more than steps: process states (scripts' ctx.state
 * included) and metrics with queue depths of buffered edges, through a real
 * host session and worker thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helloed, testHost, request } from '../host/test-helpers';

const host = testHost();
afterAll(async () => {
  await host.services.runs.stopAll();
});

const call = request;

type Event = {
  type: string;
  seq?: number;
  processes?: { name: string; state: string; script?: unknown }[];
  queues?: { id: string; depth: number; capacity: number }[];
};

describe('run.events: states and metrics', () => {
  it('streams process states with a script ctx.state, and queue depths of a buffered edge', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'progress-')), 'counter.yaml');
    writeFileSync(
      file,
      `version: 1
name: counter
channels:
  - { id: q, name: q, type: "{0..9}", capacity: 3 }
processes:
  - id: counter
    name: Counter
    kind: script
    ports: [ { name: out, dir: out, type: "{0..9}" } ]
    script: |
      for (let i = 0; i < 3; i++) {
        ctx.state.sent = i + 1;
        await send('out', i);
      }
  - { id: sink, name: Sink, kind: csp, ports: [ { name: in, dir: in, type: "{0..9}" } ], behaviour: STOP }
edges:
  - { id: q, from: counter.out, to: sink.in, channel: q }
`,
    );
    const raw = await helloed(host);
    const { runId } = (await call(raw, 'run.start', { file, seed: 1 })).payload as { runId: string };
    await call(raw, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 10_000 });
    const cont = await call(raw, 'run.continue', { runId, maxSteps: 100 });
    expect(cont.payload).toMatchObject({ stop: { reason: 'deadlock' } }); // the sink never reads
    const events = raw.sent.filter((m) => m.type === 'event').map((m) => m.payload.data as Event);
    const states = events.filter((e) => e.type === 'states').at(-1)!;
    expect(states.processes!.find((p) => p.name === 'Counter')).toMatchObject({ state: 'ended', script: { sent: 3 } });
    const metrics = events.filter((e) => e.type === 'metrics').at(-1)!;
    expect(metrics.seq).toBe(states.seq);
    expect(metrics.queues).toEqual([{ id: 'q', depth: 3, capacity: 3 }]);
    await call(raw, 'run.stop', { runId });
  }, 60_000);
});
