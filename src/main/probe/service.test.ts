/** probe.* and cspm.processes through the protocol client over the in-process transport. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProtocolClient, ProtocolError } from '../../shared/protocol';
import { connectInProcess } from '../host/in-process';
import { testHost } from '../host/test-helpers';
import { EXAMPLES_DIR } from '../workflows/examples';
import { ProbeService } from './service';

const PHILOSOPHERS = `N = 3
channel thinks, sits, eats, getsup : {0..N-1}
channel picks, putsdown : {0..N-1}.{0..N-1}
PHIL(i) = thinks.i -> sits.i -> picks.i.i -> picks.i.(i+1)%N -> eats.i -> putsdown.i.(i+1)%N -> putsdown.i.i -> getsup.i -> PHIL(i)
FORK(i) = picks.i.i -> putsdown.i.i -> FORK(i) [] picks.(i-1)%N.i -> putsdown.(i-1)%N.i -> FORK(i)
SYSTEM = (||| i : {0..N-1} @ PHIL(i)) [| {| picks, putsdown |} |] (||| i : {0..N-1} @ FORK(i))
CHOICE = thinks.0 -> STOP |~| SKIP
BAD(n) = thinks.(2 / n) -> BAD(n - 1)
`;

const host = testHost();
afterAll(() => host.close());

async function client(): Promise<ProtocolClient> {
  const c = new ProtocolClient(connectInProcess(host).client);
  await c.hello();
  return c;
}

describe('probe', () => {
  it('opens a process by expression, walks three events deep, and ids are stable for walking back', async () => {
    const c = await client();
    const opened = await c.request('probe.open', { text: PHILOSOPHERS, name: 'phil.csp', process: 'PHIL(0)' });
    if (!opened.ok) throw new Error(JSON.stringify(opened.diagnostics));
    expect(opened.root.term).toBe('PHIL(0)');
    let state = opened.root;
    const path: number[] = [state.id];
    for (const expected of ['thinks.0', 'sits.0', 'picks.0.0']) {
      const x = await c.request('probe.expand', { probeId: opened.probeId, stateId: state.id });
      expect(x.transitions.map((t) => t.event)).toEqual([expected]);
      state = x.transitions[0]!.target;
      path.push(state.id);
    }
    expect(state.term).toBe('picks.0.1 -> eats.0 -> putsdown.0.1 -> putsdown.0.0 -> getsup.0 -> PHIL(0)');
    // Back two steps: the same state, the same transitions.
    const back = await c.request('probe.expand', { probeId: opened.probeId, stateId: path[1]! });
    expect(back.state.id).toBe(path[1]);
    expect(back.transitions[0]?.target.id).toBe(path[2]);
    c.close();
  });

  it('shows τ and ✓, the whole system by default, and a workflow compiled', async () => {
    const c = await client();
    const choice = await c.request('probe.open', { text: PHILOSOPHERS, process: 'CHOICE' });
    if (!choice.ok) throw new Error('expected a probe');
    const x = await c.request('probe.expand', { probeId: choice.probeId, stateId: choice.root.id });
    expect(x.transitions.map((t) => [t.kind, t.event])).toEqual([
      ['tau', 'τ'],
      ['tau', 'τ'],
    ]);
    const skip = x.transitions.find((t) => t.target.term === 'SKIP');
    const after = await c.request('probe.expand', { probeId: choice.probeId, stateId: skip!.target.id });
    expect(after.transitions).toEqual([
      { kind: 'tick', event: '✓', target: expect.objectContaining({ term: 'STOP' }) as unknown },
    ]);

    const system = await c.request('probe.open', { text: PHILOSOPHERS });
    expect(system).toMatchObject({ ok: true, process: 'SYSTEM' });
    const yaml = readFileSync(join(EXAMPLES_DIR, 'dining-philosophers.yaml'), 'utf8');
    const wf = await c.request('probe.open', { text: yaml, name: 'phil.yaml' });
    if (!wf.ok) throw new Error(JSON.stringify(wf.diagnostics));
    const first = await c.request('probe.expand', { probeId: wf.probeId, stateId: wf.root.id });
    expect(first.transitions.map((t) => t.event)).toContain('thinks.0');
    c.close();
  });

  it('reports errors as data: a bad expression at its column, a script error, an evaluation error in a state', async () => {
    const c = await client();
    const typo = await c.request('probe.open', { text: PHILOSOPHERS, process: 'PHIL(0) [] PHLI(1)' });
    expect(typo).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'CSP2001', file: 'process expression', line: 1, column: 12 }],
    });
    expect(typo.ok || typo.diagnostics[0]?.message).toMatch(
      /^in the process expression "PHIL\(0\) \[\] PHLI\(1\)": undefined name 'PHLI'/,
    );
    const notProcess = await c.request('probe.open', { text: PHILOSOPHERS, process: 'N + 1' });
    expect(notProcess.ok).toBe(false);
    const broken = await c.request('probe.open', { text: 'channel a\nP = a ->\n', name: 'p.csp', process: 'P' });
    expect(broken).toMatchObject({ ok: false, diagnostics: [{ code: 'CSP1004', file: 'p.csp', line: 3 }] });

    const bad = await c.request('probe.open', { text: PHILOSOPHERS, process: 'BAD(1)' });
    if (!bad.ok) throw new Error('expected a probe');
    // BAD(1) does thinks.2 to BAD(0), whose definition divides by zero: the expansion says so.
    const one = await c.request('probe.expand', { probeId: bad.probeId, stateId: bad.root.id });
    expect(one.state.term).toBe('BAD(1)');
    expect(one.transitions).toEqual([]);
    expect(one.error).toMatchObject({ code: 'CSP3001', file: 'script.csp', line: 8 });
    c.close();
  });

  it('refuses unknown probes and states, and keeps at most MAX_PROBES open', async () => {
    const c = await client();
    const e = (await c
      .request('probe.expand', { probeId: 'nope', stateId: 0 })
      .catch((x: unknown) => x)) as ProtocolError;
    expect(e).toBeInstanceOf(ProtocolError);
    expect(e.code).toBe('not_found');
    const opened = await c.request('probe.open', { text: PHILOSOPHERS, process: 'PHIL(0)' });
    if (!opened.ok) throw new Error('expected a probe');
    const noState = (await c
      .request('probe.expand', { probeId: opened.probeId, stateId: 99_999_999 })
      .catch((x: unknown) => x)) as ProtocolError;
    expect(noState.code).toBe('not_found');
    expect(await c.request('probe.close', { probeId: opened.probeId })).toEqual({ closed: true });
    expect(await c.request('probe.close', { probeId: opened.probeId })).toEqual({ closed: false });
    c.close();

    const small = new ProbeService(2);
    const open = (): { id: string; root: number } => {
      const r = small.open({ text: PHILOSOPHERS, name: 'p.csp', process: 'SYSTEM' });
      if (!r.ok) throw new Error('expected a probe');
      return { id: r.probeId, root: r.root.id };
    };
    const a = open();
    const b = open();
    small.expand(a.id, a.root); // a was used last, so b is the least recently used
    open();
    expect(small.size).toBe(2);
    expect(() => small.expand(b.id, b.root)).toThrow(/no probe/);
    expect(small.expand(a.id, a.root).transitions.length).toBeGreaterThan(0);
  });
});

describe('cspm.processes', () => {
  it('lists top-level processes with parameters and places, not values or channels', async () => {
    const c = await client();
    const r = await c.request('cspm.processes', { text: PHILOSOPHERS, name: 'phil.csp' });
    expect(r.processes.map((p) => [p.name, p.parameters, p.line])).toEqual([
      ['PHIL', [{ name: 'i', type: 'Int' }], 4],
      ['FORK', [{ name: 'i', type: 'Int' }], 5],
      ['SYSTEM', [], 6],
      ['CHOICE', [], 7],
      ['BAD', [{ name: 'n', type: 'Int' }], 8],
    ]);
    expect(r.processes[0]).toMatchObject({
      file: 'phil.csp',
      column: 1,
      type: expect.stringMatching(/Proc/) as unknown,
    });
    c.close();
  });
});
