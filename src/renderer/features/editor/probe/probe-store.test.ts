/**
 * The probe's path: open, walk three events deep, walk back, expansions asked
 * once per state. The host's side (real semantics) is tested in
 * src/main/probe; here a small state graph answers as the host would.
 */
import { describe, expect, it } from 'vitest';
import type { ProbeRequest } from './probe-store';
import { createProbeStore } from './probe-store';

/** P = a -> b -> c -> P, as state ids 0..2 with their terms. */
function fakeHost(): { request: ProbeRequest; calls: string[] } {
  const terms = ['P', 'b -> c -> P', 'c -> P'];
  const events = ['a', 'b', 'c'];
  const calls: string[] = [];
  const request = (async (method: string, params: Record<string, unknown>) => {
    calls.push(`${method} ${JSON.stringify(params.stateId ?? params.process ?? params.probeId)}`);
    if (method === 'probe.open')
      return params.process === 'Q'
        ? { ok: false, diagnostics: [{ code: 'CSP2001', severity: 'error', message: "undefined name 'Q'" }] }
        : { ok: true, probeId: 'p1', process: 'P', root: { id: 0, term: 'P' } };
    if (method === 'probe.expand') {
      const id = params.stateId as number;
      const next = (id + 1) % 3;
      return {
        state: { id, term: terms[id] },
        transitions: [{ kind: 'event', event: events[id], target: { id: next, term: terms[next] } }],
        more: 0,
      };
    }
    return { closed: true };
  }) as ProbeRequest;
  return { request, calls };
}

describe('probe store', () => {
  it('walks three events deep and back, expanding each state once', async () => {
    const host = fakeHost();
    const probe = createProbeStore(host.request);
    await probe.getState().open({ text: 'x', name: 'x.csp', kind: 'cspm' }, 'P', 4);
    expect(probe.getState().path.map((s) => s.state.term)).toEqual(['P']);
    for (let i = 0; i < 3; i++) await probe.getState().choose(0);
    const path = probe.getState().path;
    expect(path.map((s) => s.via?.event ?? '')).toEqual(['', 'a', 'b', 'c']);
    expect(path.at(-1)?.state.id).toBe(0);
    probe.getState().back(1);
    expect(probe.getState().path.map((s) => s.state.term)).toEqual(['P', 'b -> c -> P']);
    await probe.getState().choose(0);
    expect(host.calls.filter((c) => c.startsWith('probe.expand'))).toEqual([
      'probe.expand 0',
      'probe.expand 1',
      'probe.expand 2',
    ]);
  });

  it('shows why a process cannot be probed, and closes the previous probe when another opens', async () => {
    const host = fakeHost();
    const probe = createProbeStore(host.request);
    await probe.getState().open({ text: 'x', name: 'x.csp', kind: 'cspm' }, 'P', 1);
    await probe.getState().open({ text: 'x', name: 'x.csp', kind: 'cspm' }, 'Q', 1);
    expect(host.calls).toContain('probe.close "p1"');
    expect(probe.getState().probeId).toBeUndefined();
    expect(probe.getState().problems).toMatchObject([{ code: 'CSP2001' }]);
  });
});
