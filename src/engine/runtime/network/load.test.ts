import { describe, it, expect } from 'vitest';
import { networkFromCspm } from './load';
import { NetworkRun } from './run';

describe('networkFromCspm', () => {
  it('loads and runs a CSPm system', () => {
    const net = networkFromCspm('channel a, b\nP = a -> b -> P\nQ = a -> Q\nSYSTEM = P [ {a, b} || {a} ] Q\n');
    if (!net.ok) throw new Error(net.errors.join('\n'));
    expect(net.spec.components.map((c) => c.name)).toEqual(['P', 'Q']);
    const run = new NetworkRun(net.spec);
    run.run(4);
    expect(run.steps().map((s) => s.event)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('reports bad scripts and a missing process with positions', () => {
    const bad = networkFromCspm('channel a\nP = a -> \n', { file: 'bad.csp' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/^bad\.csp:\d+:\d+: error/);
    const missing = networkFromCspm('channel a\nP = a -> P\n', { file: 'p.csp' });
    expect(missing).toEqual({
      ok: false,
      errors: ['p.csp: no process named SYSTEM without parameters to run (processes: P)'],
    });
    const chosen = networkFromCspm('channel a\nP = a -> P\n', { process: 'P' });
    expect(chosen.ok).toBe(true);
  });
});
