/**
 * A free run whose driver is gone: the session that sent run.continue closes
 * (a page closed or reloaded) and no other session follows the run, so the
 * host pauses it instead of running it on unseen; it stays open, and another
 * session finds it from its stored run (run.attach) and continues it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Host } from '../host/host';
import { HostLog } from '../host/log';
import { helloed, request, type RawSession } from '../host/test-helpers';
import { openStore } from '../store';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-orphan-run-'));
const store = openStore({ dataDir, role: 'cli' });
const host = new Host({ mode: 'web', dataDir, version: '0.0.0-test', store, log: new HostLog(() => new Date(0)) });
afterAll(async () => {
  await host.services.runs.stopAll();
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Never stops by itself: a free run of it goes on to maxSteps. */
const TICKS = 'channel tick\nP = tick -> P\nSYSTEM = P\n';

interface State {
  seq: number;
  stop: { reason: string };
}

async function state(raw: RawSession, runId: string): Promise<State> {
  const reply = await request(raw, 'run.state', { runId });
  expect(reply.type).toBe('result');
  return reply.payload as unknown as State;
}

/** Polls (real time, generous) until the run's state satisfies `ok`; fails the test if it never does. */
async function until(raw: RawSession, runId: string, ok: (s: State) => boolean, what: string): Promise<State> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = await state(raw, runId);
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`the run never ${what}; last state ${JSON.stringify(s)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Session A free-runs the ticks and goes away (its transport closes), with `follower` subscribed to the run if given. */
async function freeRunLeftBehind(follower?: RawSession): Promise<{ b: RawSession; runId: string; storeRunId: number }> {
  const a = await helloed(host);
  const started = await request(a, 'run.start', { text: TICKS, name: 'ticks.csp', seed: 1 });
  expect(started.type).toBe('result');
  const { runId, storeRunId } = started.payload as { runId: string; storeRunId: number };
  expect((await request(a, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 1 })).type).toBe('result');
  // A follower that reads slowly (one event of credit): it still follows, at no cost to this test.
  if (follower !== undefined)
    expect((await request(follower, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 1 })).type).toBe(
      'result',
    );
  // The page's Run: a free run it never sees the end of.
  a.send({ v: 1, id: 'free-run', type: 'run.continue', payload: { runId, maxSteps: 1e9 } });
  const b = await helloed(host);
  await until(b, runId, (s) => s.seq > 0, 'advanced');
  a.session.transportClosed();
  return { b, runId, storeRunId };
}

interface Attached {
  runId: string;
  seq: number;
  running: boolean;
  stop: { reason: string; seq: number };
  enabled: unknown[];
}

async function attach(raw: RawSession, storeRunId: number): Promise<Attached> {
  const reply = await request(raw, 'run.attach', { storeRunId });
  expect(reply.type).toBe('result');
  return reply.payload as unknown as Attached;
}

describe('a free run whose session closed', () => {
  it('pauses, stays open, and another session attaches to it and continues it', async () => {
    const { b, runId, storeRunId } = await freeRunLeftBehind();
    // The runs list marks it open, whatever its record says.
    const list = await request(b, 'run.list', {});
    expect((list.payload as { runs: { storeRunId: number; liveRunId?: string }[] }).runs).toContainEqual(
      expect.objectContaining({ storeRunId, liveRunId: runId }),
    );
    // The free run that session A sent is cut short, as Pause does (polled: the worker answers between chunks).
    const deadline = Date.now() + 60_000;
    let joined = await attach(b, storeRunId);
    while (joined.running) {
      if (Date.now() > deadline) throw new Error(`the run never paused: ${JSON.stringify(joined)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      joined = await attach(b, storeRunId);
    }
    expect(joined).toMatchObject({ runId, running: false, stop: { reason: 'paused', seq: joined.seq } });
    expect(joined.enabled.length).toBeGreaterThan(0);
    // Paused for good: a while later it stands where it paused.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await state(b, runId)).seq).toBe(joined.seq);
    const more = await request(b, 'run.continue', { runId, maxSteps: 25 });
    expect(more.type).toBe('result');
    expect(more.payload).toMatchObject({ stop: { reason: 'steps', seq: joined.seq + 25 } });
  }, 120_000);

  it('goes on while another session follows it', async () => {
    const follower = await helloed(host);
    const { b, runId, storeRunId } = await freeRunLeftBehind(follower);
    const before = await state(b, runId);
    await until(b, runId, (s) => s.seq > before.seq + 100, 'went on');
    expect((await attach(b, storeRunId)).running).toBe(true);
    expect((await request(b, 'run.pause', { runId })).type).toBe('result');
  }, 120_000);

  it('is not_found to attach once stopped, and run.list no longer marks it', async () => {
    const { b, runId, storeRunId } = await freeRunLeftBehind();
    expect((await request(b, 'run.stop', { runId })).payload).toEqual({ ok: true });
    const reply = await request(b, 'run.attach', { storeRunId });
    expect(reply).toMatchObject({ type: 'error', payload: { code: 'not_found' } });
    const list = await request(b, 'run.list', {});
    const summary = (list.payload as { runs: { storeRunId: number; liveRunId?: string }[] }).runs.find(
      (r) => r.storeRunId === storeRunId,
    );
    expect(summary).toBeDefined();
    expect(summary?.liveRunId).toBeUndefined();
  }, 120_000);
});
