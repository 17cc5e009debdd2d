import { describe, it, expect, beforeAll } from 'vitest';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { NetworkRun } from '../../engine/runtime/network/run';
import { loadQuickJS, type ScriptPort } from './script-node';
import { attachScripts } from './scripts';

const PORTS: ScriptPort[] = [
  { name: 'in', dir: 'in', channels: ['c'], json: false },
  { name: 'out', dir: 'out', channels: ['d'], json: false },
];

function network(contract: string, source: string, log?: (l: string) => void) {
  const text = `channel c, d : {0..5}
PROD = c!1 -> c!2 -> STOP
WORKER = ${contract}
CONS = d?x -> CONS
SYSTEM = PROD [ {|c|} || {|c, d|} ] (WORKER [ {|c, d|} || {|d|} ] CONS)
`;
  const net = networkFromCspm(text);
  if (!net.ok) throw new Error(net.errors.join('\n'));
  return attachScripts(
    net.spec,
    [{ component: 'WORKER', source, ports: PORTS, limits: { cpuBudget: 20, memoryBytes: 4 * 1024 * 1024 } }],
    log ? { log } : {},
  );
}

const ECHO_PLUS_ONE = `for (;;) { const v = await recv('in'); ctx.state.last = v; await send('out', v + 1); }`;

describe('script nodes', () => {
  beforeAll(async () => {
    await loadQuickJS();
  });

  it('exchange values with CSP nodes; the run ends in a deadlock when the producer stops', () => {
    const run = new NetworkRun(network('CHAOS({|c, d|})', ECHO_PLUS_ONE), { seed: 1 });
    const stop = run.run(100);
    expect(run.steps().map((s) => s.event)).toEqual(['c.1', 'd.2', 'c.2', 'd.3']);
    expect(stop.reason).toBe('deadlock');
    expect(stop.waiting!.find((w) => w.process === 'WORKER')!.offers).toContain('c.0');
  });

  it('a script that throws stops the run with an error at that process', () => {
    const run = new NetworkRun(
      network('CHAOS({|c, d|})', `const v = await recv('in'); throw new Error('bad input ' + v);`),
    );
    const stop = run.run(100);
    expect(stop).toMatchObject({ reason: 'error', process: 'WORKER', seq: 1 });
    expect(stop.error).toContain('threw Error: bad input 1');
  });

  it('a script that loops forever or allocates without bound is stopped with a clear error', () => {
    const loop = new NetworkRun(network('CHAOS({|c, d|})', `await recv('in'); for (;;) {}`)).run(10);
    expect(loop).toMatchObject({ reason: 'error', process: 'WORKER' });
    expect(loop.error).toContain('CPU budget');
    const hog = new NetworkRun(
      network('CHAOS({|c, d|})', `const a = []; for (;;) a.push('x'.repeat(1000) + a.length);`),
    ).run(10);
    expect(hog).toMatchObject({ reason: 'error', process: 'WORKER' });
    expect(hog.error).toMatch(/memory|CPU budget/);
  });

  it('a bad send value is an error at that send', () => {
    const stop = new NetworkRun(network('CHAOS({|c, d|})', `await send('out', 99);`)).run(10);
    expect(stop.error).toContain('send on port "out": 99 is not a value of channel d\'s type');
  });

  it('the contract monitor stops a trace violation', () => {
    // The contract may refuse after c (STOP), so the node offering d.2 is no refusal; doing d.2 is a trace violation.
    const stop = new NetworkRun(network('c?x -> (d!x -> WORKER |~| STOP)', ECHO_PLUS_ONE)).run(10);
    expect(stop).toMatchObject({ reason: 'violation', process: 'WORKER', seq: 2 });
    expect(stop.error).toContain('WORKER did d.2, which its contract does not allow here (it allows {d.1})');
  });

  it('the contract monitor stops a refusal violation, naming the acceptance missed', () => {
    const stop = new NetworkRun(network('c?x -> d?y -> WORKER', `await recv('in'); await recv('in');`)).run(10);
    expect(stop).toMatchObject({ reason: 'violation', process: 'WORKER', seq: 1 });
    expect(stop.violation!.kind).toBe('refusal');
    expect(stop.violation!.acceptances![0]).toContain('d.0');
  });

  it('has no Date or Math.random; now() and random() are recorded and replayed exactly', () => {
    const lines: string[] = [];
    const source = `log(typeof Date, typeof Math.random, typeof performance);
      for (;;) { const v = await recv('in'); ctx.state.r = random(); log(now(), ctx.state.r); await send('out', v); }`;
    const spec = network('CHAOS({|c, d|})', source, (l) => lines.push(l));
    const run = new NetworkRun(spec, { seed: 3 });
    run.run(100);
    expect(lines[0]).toBe('WORKER: undefined undefined undefined');
    const recorded = lines.slice(1);
    expect(run.log.outside.map((o) => o.kind)).toEqual(['random', 'now', 'random', 'now']);
    lines.length = 0;
    const replay = NetworkRun.replay(spec, run.log);
    expect(replay.steps()).toEqual(run.steps());
    expect(lines.slice(1)).toEqual(recorded);
    // Step back with code nodes replays from the start with the recorded values.
    lines.length = 0;
    run.goto(2);
    expect(run.seq).toBe(2);
    expect(lines.slice(1)).toEqual(recorded.slice(0, 1));
  });
});
