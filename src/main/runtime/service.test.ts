/** run.* through a real host session and a real worker thread. */
import { afterAll, describe, expect, it } from 'vitest';
import { helloed, testHost, request } from '../host/test-helpers';

const SYSTEM = `channel a, b : {0..2}
P = a?x -> b!x -> P
Q = a!1 -> b?y -> Q [] a!2 -> b?y -> Q
SYSTEM = P [ {|a, b|} || {|a, b|} ] Q
STUCK = a!0 -> STOP
`;

const call = request;

const host = testHost();
afterAll(async () => {
  await host.services.runs.stopAll();
});

describe('run service', () => {
  it('starts, steps, runs to a breakpoint, steps back, forks and stops; steps stream in batches', async () => {
    const raw = await helloed(host);
    const started = await call(raw, 'run.start', { text: SYSTEM, name: 'ab.csp', seed: 5 });
    expect(started.type).toBe('result');
    const { runId, enabled } = started.payload as { runId: string; enabled: { text: string }[] };
    expect(enabled.map((e) => e.text)).toEqual(['a.1', 'a.2']);
    await call(raw, 'subscribe', { stream: 'run.events', runId, sinceSeq: 0, credit: 10_000 });

    const step = await call(raw, 'run.step', { runId, index: 1 });
    expect(step.payload).toMatchObject({
      step: { seq: 1, event: 'a.2', processes: ['P', 'Q'] },
      stop: { reason: 'steps', seq: 1 },
    });

    const bp = await call(raw, 'run.breakpoints.add', {
      runId,
      spec: { kind: 'event', pattern: 'b.*', where: [{ field: 0, op: '==', value: 1 }] },
    });
    expect(bp.payload).toMatchObject({ id: 'bp1', enabled: true });
    const cont = await call(raw, 'run.continue', { runId, maxSteps: 1000 });
    const stop = (cont.payload as { stop: { reason: string; seq: number; breakpoint?: string } }).stop;
    expect(stop.reason).toBe('breakpoint');
    expect(stop.breakpoint).toBe('bp1');

    const back = await call(raw, 'run.stepBack', { runId });
    expect(back.payload).toEqual({ seq: stop.seq - 1 });
    const state = await call(raw, 'run.state', { runId });
    expect((state.payload as { seq: number }).seq).toBe(stop.seq - 1);

    const fork = await call(raw, 'run.fork', { runId, seq: 1 });
    const forkId = (fork.payload as { runId: string; seq: number }).runId;
    expect((fork.payload as { seq: number }).seq).toBe(1);
    expect((await call(raw, 'run.stop', { runId: forkId })).payload).toEqual({ ok: true });

    const events = raw.sent
      .filter((m) => m.type === 'event')
      .map((m) => m.payload.data as { type: string; steps?: { seq: number }[] });
    const seqs = events.filter((e) => e.type === 'steps').flatMap((e) => e.steps!.map((s) => s.seq));
    expect(seqs.slice(0, stop.seq)).toEqual(Array.from({ length: stop.seq }, (_, i) => i + 1));
    expect(events.some((e) => e.type === 'stopped')).toBe(true);
    expect((await call(raw, 'run.stop', { runId })).payload).toEqual({ ok: true });
  }, 120_000);

  it('reports a deadlock with the wait-for graph, and bad input as errors', async () => {
    const raw = await helloed(host);
    const started = await call(raw, 'run.start', { text: SYSTEM, name: 'ab.csp', process: 'STUCK' });
    const { runId } = started.payload as { runId: string };
    const cont = await call(raw, 'run.continue', { runId });
    expect(cont.payload).toMatchObject({
      stop: { reason: 'deadlock', seq: 1, waiting: [{ process: 'STUCK', state: 'STOP', offers: [], waitsOn: [] }] },
    });
    const bad = await call(raw, 'run.start', { text: 'channel a\nSYSTEM = a ->\n', name: 'bad.csp' });
    expect(bad).toMatchObject({ type: 'error', payload: { code: 'invalid_params' } });
    expect(String((bad.payload as { message: string }).message)).toMatch(/bad\.csp:\d+:\d+/);
    const unknown = await call(raw, 'run.step', { runId: 'nope' });
    expect(unknown).toMatchObject({ type: 'error', payload: { code: 'not_found' } });
    await call(raw, 'run.stop', { runId });
  }, 120_000);
});
