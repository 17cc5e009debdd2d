import { describe, it, expect, beforeAll } from 'vitest';
import { loadWorkflowYaml } from '../../engine/workflow';
import { NetworkRun } from '../../engine/runtime/network/run';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { loadQuickJS, type ScriptNode } from './script-node';
import { workflowNetwork } from './workflow-net';
import { AgentNode } from './agents/agent-node';
import { ReplayProvider, type ChatRequest, type Provider } from './agents/provider';
import { UsageMeter } from './agents/routing';

/** A CSP dispatcher hands two rounds of jobs to three replicated script workers and collects the results in reverse order. */
const WORKERS = `version: 1
name: Replicated workers
parameters: { N: 3 }
processes:
  - id: dispatcher
    name: Dispatcher
    kind: csp
    ports:
      - { name: assign, dir: out, type: "{0..N-1}.{0..9}" }
      - { name: collect, dir: in, type: "{0..N-1}.{0..99}" }
    behaviour: |
      assign.0!0 -> assign.1!1 -> assign.2!2 -> collect.2?c -> collect.1?b -> collect.0?a ->
      assign.0!3 -> assign.1!4 -> assign.2!5 -> collect.2?c -> collect.1?b -> collect.0?a -> STOP
  - id: worker
    name: Worker
    kind: script
    replicate: i in {0..N-1}
    ports:
      - { name: job, dir: in, type: "{0..9}", index: i }
      - { name: done, dir: out, type: "{0..99}", index: i }
    script: |
      for (;;) {
        const v = await recv('job');
        ctx.state.seen = [...(ctx.state.seen ?? []), v];
        await send('done', v * 10 + ctx.index);
      }
    contract: |
      job.i?v -> (|~| d : {0..99} @ done.i!d -> Worker(i))
edges:
  - { id: jobs, from: dispatcher.assign, to: worker.job }
  - { id: results, from: worker.done, to: dispatcher.collect }
`;

function workflow(text: string) {
  const wf = loadWorkflowYaml(text);
  if (!wf.ok || wf.workflow === undefined) throw new Error(`fixture does not load: ${JSON.stringify(wf.diagnostics)}`);
  return wf.workflow;
}

function network(text: string, created?: ScriptNode[]): NetworkSpec {
  const net = workflowNetwork(workflow(text), 'fixture.yaml', {
    seed: 1,
    ...(created !== undefined ? { created } : {}),
  });
  if (!net.ok) throw new Error(net.errors.join('\n'));
  return net.spec;
}

async function runToEnd(run: NetworkRun) {
  for (;;) {
    const stop = run.run(100);
    if (stop.reason !== 'waiting') return stop;
    await run.waitForOutside();
  }
}

describe('replicated script nodes', () => {
  beforeAll(async () => {
    await loadQuickJS();
  });

  it('each replica runs in its own sandbox on its own events, with ctx.index and its own ctx.state', () => {
    const created: ScriptNode[] = [];
    const spec = network(WORKERS, created);
    expect(spec.components.map((c) => c.name)).toEqual(['Dispatcher', 'Worker(0)', 'Worker(1)', 'Worker(2)']);
    const run = new NetworkRun(spec, { seed: 3 });
    const stop = run.run(100);
    // A result is job * 10 + the replica's index: each job reached the replica its index names and no other.
    expect(run.steps().map((s) => s.event)).toEqual([
      'jobs.0.0',
      'jobs.1.1',
      'jobs.2.2',
      'results.2.22',
      'results.1.11',
      'results.0.0',
      'jobs.0.3',
      'jobs.1.4',
      'jobs.2.5',
      'results.2.52',
      'results.1.41',
      'results.0.30',
    ]);
    for (const s of run.steps()) {
      const i = s.event.split('.')[1];
      expect(s.processes).toEqual(['Dispatcher', `Worker(${i})`]);
    }
    expect(stop.reason).toBe('deadlock');
    // Each replica, waiting for its next job, offers only its own slice of the jobs channel.
    const offers = stop.waiting!.find((w) => w.process === 'Worker(1)')!.offers;
    expect(offers.length).toBe(10);
    for (const o of offers) expect(o).toMatch(/^jobs\.1\.\d$/);
    const states = new Map(created.map((n) => [n.name, n.inspect()]));
    expect(states).toEqual(
      new Map([
        ['Worker(0)', { seen: [0, 3] }],
        ['Worker(1)', { seen: [1, 4] }],
        ['Worker(2)', { seen: [2, 5] }],
      ]),
    );
    for (const n of created) n.dispose();
  });

  it('the shipped replicated-workers example runs under its contracts; each replica logs with its own name and index', async () => {
    const { networkFromFile } = await import('./network-input');
    const lines: string[] = [];
    const file = new URL('../../../resources/examples/replicated-workers.yaml', import.meta.url).pathname;
    const net = await networkFromFile(file, { attach: { seed: 2, log: (l) => lines.push(l) } });
    if (!net.ok) throw new Error(net.diagnostics.map((d) => d.message).join('\n'));
    const run = new NetworkRun(net.spec, { seed: 2 });
    // A wrong square or a result on another slice would stop the run with a contract violation.
    expect(run.run(60)).toEqual({ reason: 'steps', seq: 60 });
    const open = new Map<string, number>();
    for (const s of run.steps()) {
      const [channel, k, v] = s.event.split('.');
      if (channel === 'jobs') open.set(k!, Number(v));
      else expect(Number(v)).toBe(open.get(k!)! ** 2);
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^Worker\((\d)\): worker \1 squares \d$/);
    expect(new Set(lines.map((l) => l.slice(0, 9))).size).toBe(3);
  });

  it('an index expression picks another replica’s slice: done at (i+1)%N', () => {
    const shifted = WORKERS.replace(
      '{ name: done, dir: out, type: "{0..99}", index: i }',
      '{ name: done, dir: out, type: "{0..99}", index: (i+1)%N }',
    ).replace('done.i!d', 'done.((i+1)%N)!d');
    expect(shifted).not.toBe(WORKERS);
    const run = new NetworkRun(network(shifted), { seed: 1 });
    run.run(100);
    // Worker(1) answers on results.2, Worker(0) on results.1, Worker(2) on results.0.
    expect(run.steps(4, 6).map((s) => [s.event, s.processes[1]])).toEqual([
      ['results.2.11', 'Worker(1)'],
      ['results.1.0', 'Worker(0)'],
      ['results.0.22', 'Worker(2)'],
    ]);
  });

  it('a replay of the recorded run gives the identical trace', () => {
    const spec = network(WORKERS);
    const run = new NetworkRun(spec, { seed: 5 });
    run.run(100);
    expect(run.seq).toBe(12);
    const replay = NetworkRun.replay(spec, run.log);
    expect(replay.steps()).toEqual(run.steps());
    expect(replay.processStates()).toEqual(run.processStates());
  });

  it('a replica that sends a value outside the channel type stops the run with an error naming that replica', () => {
    const bad = WORKERS.replace(
      "await send('done', v * 10 + ctx.index);",
      "await send('done', ctx.index === 2 ? 500 : v);",
    );
    expect(bad).not.toBe(WORKERS);
    const stop = new NetworkRun(network(bad), { seed: 1 }).run(100);
    expect(stop).toMatchObject({ reason: 'error', process: 'Worker(2)', seq: 3 });
    expect(stop.error).toBe('Worker(2): send on port "done": 500 is not a value of channel results\'s type at index 2');
  });

  it('the contract monitor checks each replica against its own instance Worker(i)', () => {
    // Replica 1 answers twice per job (the dispatcher would take it): Worker(1)'s contract allows one answer.
    const chatty = WORKERS.replace(
      "await send('done', v * 10 + ctx.index);",
      "await send('done', v * 10 + ctx.index);\n        if (ctx.index === 1) await send('done', 7);",
    ).replace(
      'collect.2?c -> collect.1?b -> collect.0?a ->\n',
      'collect.2?c -> collect.1?b -> collect.1?x -> collect.0?a ->\n',
    );
    const run = new NetworkRun(network(chatty), { seed: 1 });
    const stop = run.run(100);
    expect(stop).toMatchObject({ reason: 'violation', process: 'Worker(1)' });
    expect(run.steps().map((s) => s.event)).toEqual([
      'jobs.0.0',
      'jobs.1.1',
      'jobs.2.2',
      'results.2.22',
      'results.1.11',
    ]);
    // After one answer, Worker(1)'s contract instance must take its next job, and only its own jobs.1.*.
    expect(stop.error).toContain('Worker(1) offers {results.1.7} but its contract must accept one of');
    expect(stop.violation?.acceptances).toEqual([Array.from({ length: 10 }, (_, v) => `jobs.1.${v}`)]);
  });
});

/** Two expert agents answer questions about their own topic slice; replies come from the replay provider. */
const EXPERTS = `version: 1
name: Replicated experts
parameters: { N: 2 }
declarations: |
  datatype Topic = Price | Stock
  datatype Verdict = Yes | No
processes:
  - id: desk
    name: Desk
    kind: csp
    ports:
      - { name: ask, dir: out, type: "{0..N-1}.Topic" }
      - { name: hear, dir: in, type: "{0..N-1}.Verdict" }
    behaviour: ask.0!Price -> ask.1!Stock -> hear.1?v -> hear.0?w -> ask.1!Price -> hear.1?x -> STOP
  - id: expert
    name: Expert
    kind: agent
    replicate: i in {0..N-1}
    ports:
      - { name: question, dir: in, type: Topic, index: i }
      - { name: answer, dir: out, type: Verdict, index: i }
    agent:
      provider: replay
      model: recorded
      system: Answer Yes or No.
      replyPort: answer
      replies: [ "Yes", "No" ]
    contract: |
      question.i?t -> (|~| v : Verdict @ answer.i!v -> Expert(i))
edges:
  - { id: questions, from: desk.ask, to: expert.question }
  - { id: answers, from: expert.answer, to: desk.hear }
`;

describe('replicated agent nodes', () => {
  it('each replica is its own agent on its own events, with its own replayed replies; a replay gives the same trace', async () => {
    const spec = network(EXPERTS);
    expect(spec.components.map((c) => c.name)).toEqual(['Desk', 'Expert(0)', 'Expert(1)']);
    const run = new NetworkRun(spec, { seed: 1 });
    const stop = await runToEnd(run);
    const visible = run.steps().filter((s) => s.kind !== 'deliver');
    // Each replica replays its own list: Expert(1) says Yes then No, Expert(0) says Yes.
    expect(visible.map((s) => s.event)).toEqual([
      'questions.0.Price',
      'questions.1.Stock',
      'answers.1.Yes',
      'answers.0.Yes',
      'questions.1.Price',
      'answers.1.No',
    ]);
    for (const s of visible) expect(s.processes).toEqual(['Desk', `Expert(${s.event.split('.')[1]})`]);
    const delivered = run
      .steps()
      .filter((s) => s.kind === 'deliver')
      .map((s) => s.processes[0]);
    expect(delivered.sort()).toEqual(['Expert(0)', 'Expert(1)', 'Expert(1)']);
    expect(stop.reason).toBe('deadlock');
    const replay = NetworkRun.replay(spec, run.log);
    expect(replay.steps()).toEqual(run.steps());
  });

  it('a node replicated over a datatype: replicas Expert(Price), Expert(Stock) on bare indexed questions', async () => {
    const byTopic = EXPERTS.replace('replicate: i in {0..N-1}', 'replicate: t in Topic')
      .replace('{ name: question, dir: in, type: Topic, index: i }', '{ name: question, dir: in, index: t }')
      .replace(
        '{ name: answer, dir: out, type: Verdict, index: i }',
        '{ name: answer, dir: out, type: Verdict, index: t }',
      )
      .replace(
        'question.i?t -> (|~| v : Verdict @ answer.i!v -> Expert(i))',
        'question.t -> (|~| v : Verdict @ answer.t!v -> Expert(t))',
      )
      .replace('{ name: ask, dir: out, type: "{0..N-1}.Topic" }', '{ name: ask, dir: out, type: Topic }')
      .replace('{ name: hear, dir: in, type: "{0..N-1}.Verdict" }', '{ name: hear, dir: in, type: Topic.Verdict }')
      .replace(
        'ask.0!Price -> ask.1!Stock -> hear.1?v -> hear.0?w -> ask.1!Price -> hear.1?x -> STOP',
        'ask.Stock -> ask.Price -> hear.Stock?v -> hear.Price?w -> ask.Stock -> hear.Stock?x -> STOP',
      );
    const spec = network(byTopic);
    expect(spec.components.map((c) => c.name)).toEqual(['Desk', 'Expert(Price)', 'Expert(Stock)']);
    const run = new NetworkRun(spec, { seed: 1 });
    expect((await runToEnd(run)).reason).toBe('deadlock');
    const visible = run.steps().filter((s) => s.kind !== 'deliver');
    expect(visible.map((s) => s.event)).toEqual([
      'questions.Stock',
      'questions.Price',
      'answers.Stock.Yes',
      'answers.Price.Yes',
      'questions.Stock',
      'answers.Stock.No',
    ]);
    for (const s of visible) expect(s.processes[1]).toBe(`Expert(${s.event.split('.')[1]})`);
  });

  it('a replica is told its instance in the system prompt and receives only the data after its index', async () => {
    const text = `datatype Topic = Price | Stock
channel ask : {0..1}.Topic
channel hear : {0..1}.Topic
DESK = ask.0!Stock -> ask.1!Price -> hear.1?t -> STOP
AGENT(i) = ask.i?t -> hear.i!t -> AGENT(i)
SYSTEM = DESK [ {|ask, hear|} || {|ask.1, hear.1|} ] AGENT(1)
`;
    const net = networkFromCspm(text);
    if (!net.ok) throw new Error(net.errors.join('\n'));
    const requests: ChatRequest[] = [];
    const recording = (): Provider => {
      const inner = new ReplayProvider(['Price']);
      return { complete: (r: ChatRequest) => (requests.push(r), inner.complete()) };
    };
    const spec: NetworkSpec = {
      ...net.spec,
      components: net.spec.components.map((c) =>
        c.name !== 'AGENT(1)'
          ? c
          : {
              ...c,
              code: (outside) =>
                new AgentNode({
                  name: c.name,
                  system: 'Echo the topic.\n',
                  ports: [
                    { name: 'in', dir: 'in', channels: ['ask'], json: false, prefix: [1] },
                    { name: 'out', dir: 'out', channels: ['hear'], json: false, prefix: [1] },
                  ],
                  events: net.spec.events,
                  outside,
                  provider: recording(),
                  routing: { structured: false, replyPort: 'out' },
                  meter: new UsageMeter(),
                  instance: { variable: 'i', value: '1' },
                }),
            },
      ),
    };
    const run = new NetworkRun(spec, { seed: 1 });
    const stop = await runToEnd(run);
    expect(run.steps().map((s) => s.event)).toEqual([
      'ask.0.Stock',
      'ask.1.Price',
      'deliver llm-reply',
      'hear.1.Price',
    ]);
    expect(stop.reason).toBe('deadlock');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.messages).toEqual([
      { role: 'system', content: 'Echo the topic.\n\nYou are instance i = 1.' },
      { role: 'user', content: '{"$c":"Price","args":[]}' },
    ]);
  });
});
