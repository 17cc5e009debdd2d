import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileWorkflow, loadWorkflowYaml } from '../../engine/workflow';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { NetworkRun } from '../../engine/runtime/network/run';

function example(name: string): string {
  const wf = loadWorkflowYaml(
    readFileSync(new URL(`../../../resources/examples/${name}.yaml`, import.meta.url), 'utf8'),
  );
  if (!wf.ok || wf.workflow === undefined) throw new Error(`example ${name} does not load`);
  const compiled = compileWorkflow(wf.workflow);
  return compiled.cspm;
}

describe('the shipped workflow examples run', () => {
  it('runs the dining philosophers workflow as one component per node instance', () => {
    const net = networkFromCspm(example('dining-philosophers-butler'), { file: 'philosophers.csp' });
    expect(net.ok).toBe(true);
    if (!net.ok) return;
    expect(net.spec.components.map((c) => c.name)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `Phil(${i})`),
      ...[0, 1, 2, 3, 4].map((i) => `Fork(${i})`),
      'B(0)', // Butler's value is its let-body B(0): the term keeps no trace of the name Butler
    ]);
    const run = new NetworkRun(net.spec, { seed: 2 });
    expect(run.run(2_000).reason).toBe('steps');
    expect(run.steps(1, 1)[0]!.event).toMatch(/^thinks\.\d$/);
  });

  it('finds the deadlock of the philosophers without a butler', () => {
    const net = networkFromCspm(example('dining-philosophers'));
    if (!net.ok) throw new Error(net.errors.join('\n'));
    const run = new NetworkRun(net.spec, { seed: 1 });
    let stop = run.run(100_000);
    for (let i = 0; i < 50 && stop.reason === 'steps'; i++) stop = run.run(100_000);
    expect(stop.reason).toBe('deadlock');
    expect(stop.waiting!.length).toBeGreaterThan(0);
  });
});

describe('workflows with script nodes', () => {
  it('runs the hospital triage script in its sandbox under its contract', async () => {
    const { networkFromFile } = await import('./network-input');
    const net = await networkFromFile(
      new URL('../../../resources/examples/hospital-triage.yaml', import.meta.url).pathname,
      { attach: { seed: 2 } },
    );
    if (!net.ok) throw new Error(net.diagnostics.map((d) => d.message).join('\n'));
    const run = new NetworkRun(net.spec, { seed: 2 });
    const stop = run.run(200);
    // The script reads Severity values as {"$c": ...} (docs/workflow-semantics.md#data-on-channels) and sends them on; whatever it
    // does, every step it takes part in is checked against its contract.
    const triageSteps = run.steps().filter((s) => s.processes.includes('Triage'));
    expect(triageSteps.length).toBeGreaterThan(0);
    // The script routes on `severity.$c`, so it keeps its contract for the whole run.
    expect(stop).toMatchObject({ reason: 'steps' });
    const routed = triageSteps.filter((s) => /^(critical|minor)\./.test(s.event));
    expect(routed.length).toBeGreaterThan(0);
    for (const s of routed) expect(s.event.startsWith('critical.')).toBe(s.event.endsWith('.Critical'));
  });
});

describe('workflows with agent nodes', () => {
  it('runs the negotiation example with the replay provider; the monitor enforces stable failures', async () => {
    const { networkFromFile } = await import('./network-input');
    const net = await networkFromFile(
      new URL('../../../resources/examples/agent-negotiation.yaml', import.meta.url).pathname,
    );
    if (!net.ok) throw new Error(net.diagnostics.map((d) => d.message).join('\n'));
    const run = new NetworkRun(net.spec, { seed: 1 });
    let stop = run.run(50);
    while (stop.reason === 'waiting') {
      await run.waitForOutside();
      stop = run.run(50);
    }
    // The buyer opens (its contract starts with an output): its recorded reply is delivered as step 1.
    expect(run.steps(1, 1)[0]).toMatchObject({ kind: 'deliver', processes: ['Buyer'] });
    // The recorded talk: bid, counter, bid, accept; then both contracts leave nothing but ✓, so the
    // agents end (no further model call) and the network terminates.
    const visible = run
      .steps()
      .filter((s) => s.kind !== 'deliver')
      .map((s) => s.event);
    expect(visible.slice(0, 4)).toEqual(['offer.Bid', 'reply.Counter', 'offer.Bid', 'reply.Accept']);
    expect(stop).toMatchObject({ reason: 'terminated' });
  });

  it('the monitor enforces stable failures: an output written as `?` in a contract must accept every value', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const original = readFileSync(
      new URL('../../../resources/examples/agent-negotiation.yaml', import.meta.url),
      'utf8',
    );
    const broken = original.replace('(|~| o : Offer @ propose!o -> hear?r ->', '(propose?o -> hear?r ->');
    expect(broken).not.toBe(original);
    const file = join(mkdtempSync(join(tmpdir(), 'csp-agent-')), 'negotiation.yaml');
    writeFileSync(file, broken);
    const { networkFromFile } = await import('./network-input');
    const net = await networkFromFile(file);
    if (!net.ok) throw new Error(net.diagnostics.map((d) => d.message).join('\n'));
    const run = new NetworkRun(net.spec, { seed: 1 });
    let stop = run.run(50);
    while (stop.reason === 'waiting') {
      await run.waitForOutside();
      stop = run.run(50);
    }
    expect(stop).toMatchObject({ reason: 'violation', process: 'Buyer' });
    expect(stop.violation?.acceptances).toEqual([['offer.BadOffer', 'offer.Bid']]);
  });
});
