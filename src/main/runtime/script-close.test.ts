/**
 * Close for code nodes (docs/workflow-semantics.md#buffered-edges-and-close): a script closes an output port with
 * `close('out')`, a reader's recv gives `CLOSED` once the buffer drained, and
 * an agent whose input closed closes its outputs and ends. Real QuickJS, real
 * compiled workflows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { NetworkRun } from '../../engine/runtime/network/run';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { loadQuickJS } from './script-node';
import { runYaml } from './builtins/run-helpers';
import { AgentNode } from './agents/agent-node';
import { ReplayProvider } from './agents/provider';
import { UsageMeter } from './agents/routing';

/**
 * Contracts that allow the close: the producer may send or close, the consumer takes any value or
 * the close. (Outputs are internal choices: the script picks the value, so it need not offer all.)
 */
const PRODUCER_CONTRACT = '(|~| x : {0..9} @ out!x -> Producer) |~| out_close -> SKIP';
const CONSUMER_CONTRACT = 'in?x -> Consumer [] in_closed -> SKIP';

/** A producer script, a closable buffered edge of capacity 2, a consumer script, each under a contract (null: the default). */
function pipeline(
  producer: string,
  consumer: string,
  producerContract: string | null = PRODUCER_CONTRACT,
  consumerContract: string | null = CONSUMER_CONTRACT,
): string {
  const indent = (s: string): string => s.replace(/^/gm, '      ');
  const contract = (c: string | null): string => (c === null ? '' : `    contract: "${c}"\n`);
  return `version: 1
name: closing
channels:
  - { id: raw, name: raw, type: "{0..9}", capacity: 2, close: true }
processes:
  - id: p
    name: Producer
    kind: script
    ports: [ { name: out, dir: out, type: "{0..9}" } ]
${contract(producerContract)}    script: |
${indent(producer)}
  - id: c
    name: Consumer
    kind: script
    ports: [ { name: in, dir: in, type: "{0..9}" } ]
${contract(consumerContract)}    script: |
${indent(consumer)}
edges:
  - { id: e, from: p.out, to: c.in, channel: raw }
`;
}

const SEND_THREE_AND_CLOSE = `for (const v of [3, 1, 4]) await send('out', v);
await close('out');`;

const RECEIVE_UNTIL_CLOSED = `ctx.state.got = [];
for (;;) {
  const v = await recv('in');
  if (v === CLOSED) break;
  ctx.state.got.push(v);
}
ctx.state.sawClose = true;`;

/** A port on two closable edges at each end; the contracts are the default one with the close events added. */
const TWO_EDGES = `version: 1
name: two edges
channels:
  - { id: one, name: one, type: "{0..9}", capacity: 2, close: true }
  - { id: two, name: two, type: "{0..9}", capacity: 2, close: true }
processes:
  - id: p
    name: Producer
    kind: script
    ports: [ { name: out, dir: out, type: "{0..9}" } ]
    contract: "let X = SKIP |~| CHAOS({| out, out_close |}) |~| ([] e : {| out, out_close |} @ e -> X) within X"
    script: |
      await send('out', 1);
      await send('out', 2);
      await close('out');
  - id: c
    name: Consumer
    kind: script
    ports: [ { name: in, dir: in, type: "{0..9}" } ]
    contract: "let X = SKIP |~| CHAOS({| in, in_closed |}) |~| ([] e : {| in, in_closed |} @ e -> X) within X"
    script: |
      ctx.state.got = []; ctx.state.closes = 0;
      while (ctx.state.closes < 2) {
        const v = await recv('in');
        if (v === CLOSED) ctx.state.closes++; else ctx.state.got.push(v);
      }
edges:
  - { id: e1, from: p.out, to: c.in, channel: one }
  - { id: e2, from: p.out, to: c.in, channel: two }
`;

function consumerState(run: NetworkRun): unknown {
  return run.processStates().find((p) => p.name === 'Consumer')?.script;
}

describe('close for script nodes', () => {
  beforeAll(async () => {
    await loadQuickJS();
  });

  it('a producer sends 3 values and closes; the consumer receives them, then CLOSED, and ends; a replay is identical', async () => {
    const r = await runYaml(pipeline(SEND_THREE_AND_CLOSE, RECEIVE_UNTIL_CLOSED));
    expect(r.stop.reason).toBe('terminated');
    expect(consumerState(r.run)).toEqual({ got: [3, 1, 4], sawClose: true });
    const events = r.steps.map((s) => s.event);
    // The close comes after the last write; the reader sees it only after the last read.
    expect(events.indexOf('raw_close')).toBeGreaterThan(events.lastIndexOf('raw.4'));
    expect(events.indexOf('raw_closed')).toBeGreaterThan(events.lastIndexOf('raw_out.4'));
    expect(events.filter((e) => e === '✓')).toHaveLength(4); // Producer, Consumer, the buffer, the system
    const replay = NetworkRun.replay(r.run.spec, r.run.log);
    expect(replay.steps()).toEqual(r.steps);
    expect(consumerState(replay)).toEqual({ got: [3, 1, 4], sawClose: true });
  });

  it('alt gives { index, value: CLOSED } for a recv case whose edge closed', async () => {
    const consumer = `ctx.state.got = [];
for (;;) {
  const r = await alt([{ recv: 'in' }]);
  if (r.value === CLOSED) { ctx.state.closedAt = r.index; break; }
  ctx.state.got.push(r.value);
}`;
    const r = await runYaml(pipeline(SEND_THREE_AND_CLOSE, consumer));
    expect(r.stop.reason).toBe('terminated');
    expect(consumerState(r.run)).toEqual({ got: [3, 1, 4], closedAt: 0 });
  });

  it('CLOSED is one frozen object that a script cannot replace', async () => {
    const consumer = `ctx.state.frozen = Object.isFrozen(CLOSED);
CLOSED = 1;
delete globalThis.CLOSED;
ctx.state.kept = typeof CLOSED === 'object' && CLOSED.closed === true;
while ((await recv('in')) !== CLOSED) {}`;
    const r = await runYaml(pipeline(SEND_THREE_AND_CLOSE, consumer));
    expect(r.stop.reason).toBe('terminated');
    expect(consumerState(r.run)).toEqual({ frozen: true, kept: true });
  });

  it('close on a port without a closable edge is an error naming the port', async () => {
    // Without close: true the contracts could not name out_close / in_closed, so the nodes keep the default ones.
    const yaml = pipeline(SEND_THREE_AND_CLOSE, RECEIVE_UNTIL_CLOSED, null, null).replace(', close: true', '');
    const r = await runYaml(yaml);
    expect(r.stop).toMatchObject({ reason: 'error', process: 'Producer' });
    expect(r.stop.error).toBe('Producer: port "out" is on no closable edge (set close: true on its buffered channel)');
  });

  it('send after close is an error, and so is closing twice', async () => {
    const late = await runYaml(
      pipeline(`await send('out', 1);\nawait close('out');\nawait send('out', 2);`, RECEIVE_UNTIL_CLOSED),
    );
    expect(late.stop).toMatchObject({ reason: 'error', process: 'Producer' });
    expect(late.stop.error).toBe('Producer: port "out" is closed');
    const twice = await runYaml(pipeline(`await close('out');\nawait close('out');`, RECEIVE_UNTIL_CLOSED));
    expect(twice.stop).toMatchObject({ reason: 'error', process: 'Producer' });
    expect(twice.stop.error).toBe('Producer: port "out" is already closed');
  });

  it('close on an input port and recv after the only edge closed are errors', async () => {
    const wrongWay = await runYaml(pipeline(SEND_THREE_AND_CLOSE, `await close('in');`));
    expect(wrongWay.stop).toMatchObject({ reason: 'error', process: 'Consumer' });
    expect(wrongWay.stop.error).toMatch(/^Consumer: port "in" is an in port; it cannot close/);
    const again = await runYaml(
      pipeline(SEND_THREE_AND_CLOSE, `while ((await recv('in')) !== CLOSED) {}\nawait recv('in');`),
    );
    expect(again.stop).toMatchObject({ reason: 'error', process: 'Consumer' });
    expect(again.stop.error).toMatch(/^Consumer: recv on port "in": every edge it reads has closed/);
  });

  it('a port on two closable edges: close closes both in edge order; the reader gets CLOSED once per edge', async () => {
    const r = await runYaml(TWO_EDGES);
    expect(r.stop.reason).toBe('terminated');
    expect(consumerState(r.run)).toMatchObject({ closes: 2 });
    expect((consumerState(r.run) as { got: number[] }).got.sort()).toEqual([1, 2]);
    const events = r.steps.map((s) => s.event);
    expect(events.indexOf('one_close')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('one_close')).toBeLessThan(events.indexOf('two_close'));
    expect(events.filter((e) => e.endsWith('_closed')).sort()).toEqual(['one_closed', 'two_closed']);
  });

  it('a contract that does not mention out_close is violated by close', async () => {
    const strict = await runYaml(
      pipeline(SEND_THREE_AND_CLOSE, RECEIVE_UNTIL_CLOSED, '|~| x : {0..9} @ out!x -> Producer'),
    );
    expect(strict.stop).toMatchObject({ reason: 'violation', process: 'Producer' });
    // Quiescent on close('out'), it offers only raw_close, which the contract never accepts: a refusal violation.
    expect(strict.stop.violation?.kind).toBe('refusal');
    expect(strict.stop.error).toContain('Producer offers {raw_close} but its contract must accept one of');
  });
});

const AGENT_BETWEEN = `version: 1
name: closing agent
declarations: |
  datatype Verdict = Yes | No
channels:
  - { id: asks, name: asks, type: "{0..9}", capacity: 2, close: true }
  - { id: tells, name: tells, type: Verdict, capacity: 2, close: true }
processes:
  - id: p
    name: Producer
    kind: script
    ports: [ { name: out, dir: out, type: "{0..9}" } ]
    contract: "(|~| x : {0..9} @ out!x -> Producer) |~| out_close -> SKIP"
    script: |
      await send('out', 1);
      await send('out', 2);
      await close('out');
  - id: a
    name: Judge
    kind: agent
    ports:
      - { name: question, dir: in, type: "{0..9}" }
      - { name: answer, dir: out, type: Verdict }
    agent:
      provider: replay
      model: recorded
      system: Is the number odd?
      replyPort: answer
      replies: [ "Yes", "No" ]
    contract: "question?x -> (|~| v : Verdict @ answer!v -> Judge) [] question_closed -> answer_close -> SKIP"
  - id: c
    name: Consumer
    kind: csp
    ports: [ { name: in, dir: in, type: Verdict } ]
    behaviour: in?x -> Consumer [] in_closed -> SKIP
edges:
  - { id: q, from: p.out, to: a.question, channel: asks }
  - { id: t, from: a.answer, to: c.in, channel: tells }
`;

describe('close for agent nodes', () => {
  it('an agent whose input closed closes its output and ends; the run terminates and a replay is identical', async () => {
    await loadQuickJS();
    const r = await runYaml(AGENT_BETWEEN);
    expect(r.stop.reason).toBe('terminated');
    const visible = r.steps.filter((s) => s.kind !== 'deliver' && s.event !== '✓').map((s) => s.event);
    expect(visible.filter((e) => e.startsWith('tells_out.'))).toEqual(['tells_out.Yes', 'tells_out.No']);
    // The agent closes its output only after its input closed, and the consumer sees it last.
    expect(visible.indexOf('tells_close')).toBeGreaterThan(visible.indexOf('asks_closed'));
    expect(visible[visible.length - 1]).toBe('tells_closed');
    expect(r.steps.find((s) => s.event === 'tells_close')?.processes).toContain('Judge');
    const replay = NetworkRun.replay(r.run.spec, r.run.log);
    expect(replay.steps()).toEqual(r.steps);
  });

  it('an agent with two closable inputs ends only when both have closed', async () => {
    await loadQuickJS();
    const r = await runYaml(`version: 1
name: two inputs
channels:
  - { id: a, name: ca, type: "{0..3}", capacity: 1, close: true }
  - { id: b, name: cb, type: "{0..3}", capacity: 1, close: true }
  - { id: o, name: co, json: {}, capacity: 1, close: true }
processes:
  - { id: p, name: P, kind: script, ports: [ { name: x, dir: out, type: "{0..3}" } ], script: "await close('x');" }
  - { id: q, name: Q, kind: script, ports: [ { name: y, dir: out, type: "{0..3}" } ], script: "await send('y', 2); await close('y');" }
  - id: j
    name: J
    kind: agent
    ports: [ { name: x, dir: in, type: "{0..3}" }, { name: y, dir: in, type: "{0..3}" }, { name: o, dir: out, type: json } ]
    agent: { provider: replay, model: recorded, system: Say something., replyPort: o, replies: [ { said: 2 } ] }
  - { id: s, name: S, kind: log, ports: [ { name: o, dir: in, type: json } ] }
edges:
  - { id: a, from: p.x, to: j.x, channel: a }
  - { id: b, from: q.y, to: j.y, channel: b }
  - { id: o, from: j.o, to: s.o, channel: o }
`);
    expect(r.stop.reason, r.stop.error).toBe('terminated');
    const events = r.steps.map((s) => s.event);
    // Its first input closes at once, yet it still answers the message on the second before closing its output.
    expect(events.indexOf('co_close')).toBeGreaterThan(
      Math.max(events.indexOf('ca_closed'), events.indexOf('cb_closed'), events.indexOf('co')),
    );
    expect(r.log).toEqual(['S: {"said":2}']);
  });

  it('under a contract that never makes it end, the agent performs its output close itself and then ends (✓)', async () => {
    const run = new NetworkRun(agentNetwork(), { seed: 1 });
    let stop = run.run(100);
    while (stop.reason === 'waiting') {
      await run.waitForOutside();
      stop = run.run(100);
    }
    expect(stop.reason).toBe('terminated');
    expect(
      run
        .steps()
        .filter((s) => s.event !== '✓')
        .map((s) => s.event),
    ).toEqual(['req.1', 'deliver llm-reply', 'ans.2', 'req_closed', 'ans_close']);
    expect(
      run.steps().find((s) => s.event === '✓' && s.processes.length === 1 && s.processes[0] === 'AGENT'),
    ).toBeDefined();
    const replay = NetworkRun.replay(run.spec, run.log);
    expect(replay.steps()).toEqual(run.steps());
  });
});

/** An agent between a user that sends once and closes, and a desk that ends when the agent closes; its contract may always go on or end. */
function agentNetwork(): NetworkSpec {
  const text = `channel req, ans : {0..3}
channel req_closed, ans_close
USER = req!1 -> req_closed -> SKIP
A = {| req, ans, req_closed, ans_close |}
AGENT = SKIP |~| CHAOS(A) |~| ([] e : A @ e -> AGENT)
DESK = ans?x -> DESK [] ans_close -> SKIP
SYSTEM = USER [ {| req, req_closed |} || A ] (AGENT [ A || {| ans, ans_close |} ] DESK)
`;
  const net = networkFromCspm(text);
  if (!net.ok) throw new Error(net.errors.join('\n'));
  const spec = net.spec;
  return {
    ...spec,
    components: spec.components.map((c) =>
      c.name !== 'AGENT'
        ? c
        : {
            ...c,
            code: (outside) =>
              new AgentNode({
                name: 'AGENT',
                system: 'Double it.',
                ports: [
                  { name: 'in', dir: 'in', channels: ['req'], json: false, closeEvents: ['req_closed'] },
                  { name: 'out', dir: 'out', channels: ['ans'], json: false, closeEvents: ['ans_close'] },
                ],
                events: spec.events,
                outside,
                provider: new ReplayProvider(['2']),
                routing: { structured: true, replyPort: 'out' },
                meter: new UsageMeter({}),
              }),
          },
    ),
  };
}
