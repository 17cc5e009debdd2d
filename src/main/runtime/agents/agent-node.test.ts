import { describe, it, expect } from 'vitest';
import { networkFromCspm } from '../../../engine/runtime/network/load';
import { NetworkRun } from '../../../engine/runtime/network/run';
import type { NetworkSpec } from '../../../engine/runtime/network/network';
import { AgentNode } from './agent-node';
import { ReplayProvider, type Provider } from './provider';
import { UsageMeter } from './routing';

const TEXT = `datatype Kind = Refund | Question
channel req : Kind
channel refunds, answers : Kind
USER = req!Refund -> req!Question -> STOP
AGENT = CHAOS({| req, refunds, answers |})
DESK = refunds?k -> DESK [] answers?k -> DESK
SYSTEM = USER [ {|req|} || {|req, refunds, answers|} ] (AGENT [ {|req, refunds, answers|} || {|refunds, answers|} ] DESK)
`;

function network(provider: () => Provider, maxTokens?: number, prompt?: string): NetworkSpec {
  const net = networkFromCspm(TEXT);
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
                system: 'Route the request.',
                ...(prompt !== undefined ? { prompt } : {}),
                ports: [
                  { name: 'in', dir: 'in', channels: ['req'], json: false },
                  { name: 'refunds', dir: 'out', channels: ['refunds'], json: false },
                  { name: 'answers', dir: 'out', channels: ['answers'], json: false },
                ],
                events: spec.events,
                outside,
                provider: provider(),
                routing: {
                  structured: true,
                  rules: [{ port: 'refunds', match: { const: 'Refund' } }],
                  replyPort: 'answers',
                },
                meter: new UsageMeter(maxTokens !== undefined ? { maxTokens } : {}),
              }),
          },
    ),
  };
}

async function runToEnd(run: NetworkRun) {
  for (;;) {
    const stop = run.run(100);
    if (stop.reason !== 'waiting') return stop;
    await run.waitForOutside();
  }
}

describe('agent nodes', () => {
  it('route replies to ports; deliveries are steps; a replay answers from the record without the provider', async () => {
    let calls = 0;
    const replies = ['"Refund"', '"Question"'];
    const counting = (): Provider => {
      const inner = new ReplayProvider(replies);
      return { complete: () => (calls++, inner.complete()) } as Provider;
    };
    const spec = network(counting);
    const run = new NetworkRun(spec, { seed: 1 });
    const stop = await runToEnd(run);
    expect(run.steps().map((s) => s.event)).toEqual([
      'req.Refund',
      'deliver llm-reply',
      'refunds.Refund',
      'req.Question',
      'deliver llm-reply',
      'answers.Question',
    ]);
    expect(stop.reason).toBe('deadlock');
    expect(calls).toBe(2);
    const replay = NetworkRun.replay(spec, run.log);
    expect(replay.steps()).toEqual(run.steps());
    expect(calls).toBe(2);
  });

  it('a provider error, a reply that is not the channel type, and a spent budget stop the run at the agent', async () => {
    const failing = (): Provider => ({ complete: () => Promise.reject(new Error('HTTP 500 from the model server')) });
    const e1 = await runToEnd(new NetworkRun(network(failing)));
    expect(e1).toMatchObject({ reason: 'error', process: 'AGENT' });
    expect(e1.error).toContain('agent call failed: HTTP 500');
    const wrong = await runToEnd(new NetworkRun(network(() => new ReplayProvider(['"Complaint"']))));
    expect(wrong.error).toContain('is not a value of channel answers');
    const costly = (): Provider => ({
      complete: () =>
        Promise.resolve({ content: '"Refund"', usage: { promptTokens: 50, completionTokens: 10 }, model: 'm' }),
    });
    const spent = await runToEnd(new NetworkRun(network(costly, 40)));
    expect(spent.error).toContain('over its budget of 40');
  });

  it('asks with the prompt template: {input} is the input, {port} the port it came on', async () => {
    const asked: string[] = [];
    const replay = new ReplayProvider(['"Refund"', '"Question"']);
    const recording: Provider = {
      complete: (request) => {
        asked.push(request.messages.map((m) => `${m.role}: ${m.content}`).join(' | '));
        return replay.complete();
      },
    };
    const run = new NetworkRun(
      network(() => recording, undefined, 'Classify this {port} message: {input}. Answer with one word.'),
      { seed: 1 },
    );
    await runToEnd(run);
    expect(asked[0]).toBe(
      'system: Route the request. | user: Classify this in message: {"$c":"Refund","args":[]}. Answer with one word.',
    );
  });
});
