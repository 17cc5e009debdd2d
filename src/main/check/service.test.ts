/** check.run / check.events / check.result / check.cancel through a real host session and real worker threads. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helloed, testHost, type RawMessage, type RawSession } from '../host/test-helpers';

const PHILOSOPHERS = `
N = 5
channel thinks, sits, eats, getsup : {0..N-1}
channel picks, putsdown : {0..N-1}.{0..N-1}
PHIL(i) = thinks.i -> sits.i -> picks.i.i -> picks.i.(i+1)%N -> eats.i -> putsdown.i.(i+1)%N -> putsdown.i.i -> getsup.i -> PHIL(i)
FORK(i) = picks.i.i -> putsdown.i.i -> FORK(i) [] picks.(i-1)%N.i -> putsdown.(i-1)%N.i -> FORK(i)
SYSTEM = (||| i : {0..N-1} @ PHIL(i)) [| {| picks, putsdown |} |] (||| i : {0..N-1} @ FORK(i))
BUTLER(n) = n < N-1 & sits?i -> BUTLER(n+1) [] n > 0 & getsup?i -> BUTLER(n-1)
assert SYSTEM :[deadlock free [F]]
assert SYSTEM [| {| sits, getsup |} |] BUTLER(0) :[deadlock free [F]]
`;

async function until(raw: RawSession, pred: (m: RawMessage) => boolean, ms = 60_000): Promise<RawMessage> {
  const start = Date.now();
  for (;;) {
    const m = raw.sent.find(pred);
    if (m) return m;
    if (Date.now() - start > ms) throw new Error('timed out waiting for a message');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('check protocol', () => {
  it('runs in workers, streams progress/assertions/done, and keeps the result', async () => {
    const host = testHost();
    const raw = await helloed(host);
    const started = await raw.call('check.run', { text: PHILOSOPHERS, name: 'phil.csp', workers: 2 });
    expect(started.type).toBe('result');
    const { checkId, assertions, errors } = started.payload as {
      checkId: string;
      assertions: { index: number }[];
      errors: unknown[];
    };
    expect(assertions.map((a) => a.index)).toEqual([1, 2]);
    expect(errors).toEqual([]);
    const sub = await raw.call('subscribe', { stream: 'check.events', runId: checkId, sinceSeq: 0, credit: 1000 });
    expect(sub.type).toBe('result');
    const done = await until(raw, (m) => m.type === 'event' && (m.payload.data as { type?: string }).type === 'done');
    expect(done.payload.data).toMatchObject({ type: 'done', status: 'done', passed: 1, failed: 1, errors: 0 });
    const reports = raw.sent
      .filter((m) => m.type === 'event' && (m.payload.data as { type: string }).type === 'assertion')
      .map((m) => (m.payload.data as { report: { index: number; result: string } }).report);
    expect(reports.map((r) => [r.index, r.result])).toEqual([
      [1, 'failed'],
      [2, 'passed'],
    ]);
    const result = await raw.call('check.result', { checkId });
    expect(result.payload).toMatchObject({
      status: 'done',
      assertions: [
        { index: 1, result: 'failed', counterexample: { kind: 'deadlock' } },
        { index: 2, states: 15712 },
      ],
    });
    expect((await raw.call('check.cancel', { checkId })).payload).toEqual({ cancelled: false });
  }, 120_000);

  it('reports script errors with positions and refuses bad params', async () => {
    const host = testHost();
    const raw = await helloed(host);
    const bad = await raw.call('check.run', { text: 'channel a\nP = a ->\n', name: 'bad.csp' });
    expect(bad.payload).toMatchObject({
      assertions: [],
      errors: [{ file: 'bad.csp', line: expect.any(Number) as number }],
    });
    const neither = await raw.call('check.run', {});
    expect(neither).toMatchObject({ type: 'error', payload: { code: 'invalid_params' } });
    const unknown = await raw.call('check.result', { checkId: 'nope' });
    expect(unknown).toMatchObject({ type: 'error', payload: { code: 'not_found' } });
  });

  it('check.cancel stops a long check; its assertion ends as an error, never passed', async () => {
    const host = testHost();
    const raw = await helloed(host);
    const big = `channel a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p\nP(x) = x -> P(x)\nQ = ||| x : {a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p} @ (x -> x -> x -> x -> x -> x -> x -> SKIP)\nassert Q :[deadlock free [F]]\n`;
    const started = await raw.call('check.run', { text: big, name: 'big.csp' });
    const { checkId } = started.payload as { checkId: string };
    await new Promise((r) => setTimeout(r, 1500));
    expect((await raw.call('check.cancel', { checkId })).payload).toEqual({ cancelled: true });
    for (let i = 0; i < 300; i++) {
      const r = await raw.call('check.result', { checkId });
      if ((r.payload as { status: string }).status !== 'running') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const r = await raw.call('check.result', { checkId });
    expect(r.payload).toMatchObject({
      status: 'cancelled',
      assertions: [{ result: 'error', error: { code: 'CSP4003' } }],
    });
  }, 60_000);
  it('check.run with assertions runs just those (a built-in among them), and names the node of an unconnected port', async () => {
    const host = testHost();
    const raw = await helloed(host);
    const file = resolve(import.meta.dirname, '../../../resources/examples/dining-philosophers.yaml');
    const listed = await raw.call('check.assertions', { file });
    const all = (listed.payload as { assertions: { index: number; builtin?: { kind: string } }[] }).assertions;
    const builtinDivergence = all.find((a) => a.builtin?.kind === 'divergence')?.index;
    expect(builtinDivergence).toBe(4);
    const both = await raw.call('check.run', { file, assertion: 1, assertions: [1] });
    expect(both).toMatchObject({ type: 'error', payload: { code: 'invalid_params' } });
    const started = await raw.call('check.run', { file, assertions: [1, 4], builtins: 'include' });
    const { checkId, assertions } = started.payload as { checkId: string; assertions: { index: number }[] };
    expect(assertions.map((a) => a.index)).toEqual([1, 4]);
    let result = await raw.call('check.result', { checkId });
    for (let i = 0; i < 1200 && (result.payload as { status: string }).status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      result = await raw.call('check.result', { checkId });
    }
    const done = result.payload as {
      status: string;
      assertions: {
        index: number;
        result: string;
        builtin?: { kind: string };
        counterexample?: { trace: string[]; traceSources?: (string | null)[] };
      }[];
    };
    expect(done.status).toBe('done');
    expect(done.assertions.map((a) => [a.index, a.result, a.builtin?.kind])).toEqual([
      [1, 'failed', undefined],
      [4, 'passed', 'divergence'],
    ]);
    const ce = done.assertions[0]?.counterexample;
    expect(ce?.trace[0]).toBe('thinks.0');
    expect(ce?.traceSources?.[0]).toBe('node phil');
    expect(ce?.traceSources?.at(-1)).toBe('edge lefthand');
  }, 120_000);
});
