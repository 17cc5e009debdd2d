/**
 * A script node without a contract may do, refuse or end anything (docs/workflow-semantics.md
 * §4): ending after it sent is not a violation, and it can send on a channel
 * that carries no data.
 */
import { describe, expect, it } from 'vitest';
import { loadQuickJS } from './script-node';
import { runYaml } from './builtins/run-helpers';

describe('the default contract of a code node', () => {
  it('lets a script send on a bare channel, twice, and then end', async () => {
    await loadQuickJS();
    const r = await runYaml(`version: 1
name: bare
processes:
  - id: s
    name: S
    kind: script
    ports: [ { name: ping, dir: out } ]
    script: |
      await send('ping');
      await send('ping', null);
  - { id: c, name: C, kind: csp, ports: [ { name: ping, dir: in } ], behaviour: ping -> ping -> SKIP }
edges:
  - { id: e, from: s.ping, to: c.ping }
`);
    expect(r.steps.map((s) => s.event)).toEqual(['e', 'e', '✓', '✓', '✓']);
    expect(r.stop.reason).toBe('terminated');
  });

  it('still reports a value that does not fit a bare channel', async () => {
    await loadQuickJS();
    const r = await runYaml(`version: 1
name: bare
processes:
  - { id: s, name: S, kind: script, ports: [ { name: ping, dir: out } ], script: "await send('ping', 3);" }
  - { id: c, name: C, kind: csp, ports: [ { name: ping, dir: in } ], behaviour: ping -> SKIP }
edges:
  - { id: e, from: s.ping, to: c.ping }
`);
    expect(r.stop).toMatchObject({ reason: 'error', process: 'S' });
    expect(r.stop.error).toMatch(/send on port "ping": 3 is not a value of channel e's type/);
  });

  it('lets an uncontracted script close a closable edge and an uncontracted reader see it', async () => {
    await loadQuickJS();
    const r = await runYaml(`version: 1
name: closing
channels:
  - { id: q, name: q, type: "{0..3}", capacity: 2, close: true }
processes:
  - { id: w, name: W, kind: script, ports: [ { name: out, dir: out, type: "{0..3}" } ], script: "await send('out', 1); await send('out', 2); await close('out');" }
  - id: r
    name: R
    kind: script
    ports: [ { name: in, dir: in, type: "{0..3}" } ]
    script: |
      ctx.state.got = [];
      for (;;) { const v = await recv('in'); if (v === CLOSED) break; ctx.state.got.push(v); }
edges:
  - { id: q, from: w.out, to: r.in, channel: q }
`);
    expect(r.stop.reason, r.stop.error).toBe('terminated');
    expect(r.run.processStates().find((p) => p.name === 'R')?.script).toEqual({ got: [1, 2] });
  });
});
