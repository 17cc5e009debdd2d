/**
 * A script node without a contract may do, refuse or end anything (WORKFLOW.md
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
});
