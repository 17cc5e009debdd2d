/** Agent providers against a small OpenAI-compatible server started by the test on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAICompatibleProvider, ProviderError, ReplayProvider, parseCompletion } from './provider';
import { matches, routeReply, UsageMeter } from './routing';

let server: Server;
let base = '';
let flaky = 0;
const seen: { auth: string | undefined; body: Record<string, unknown> }[] = [];

const completion = (message: Record<string, unknown>) =>
  JSON.stringify({ model: 'test-model', choices: [{ message }], usage: { prompt_tokens: 12, completion_tokens: 5 } });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      seen.push({ auth: req.headers.authorization, body: parsed });
      const mode = req.url?.split('/')[1];
      if (mode === 'slow') return; // never answers: the client must time out
      if (mode === 'garbage') return void res.end('<html>not json</html>');
      if (mode === 'flaky' && flaky++ < 1) {
        res.statusCode = 503;
        return void res.end('busy');
      }
      if (mode === 'bad') {
        res.statusCode = 400;
        return void res.end('{"error":"bad request"}');
      }
      res.setHeader('content-type', 'application/json');
      if (parsed.tools !== undefined)
        return void res.end(
          completion({ content: null, tool_calls: [{ function: { name: 'urgent', arguments: '{"level":3}' } }] }),
        );
      res.end(
        completion({ content: parsed.response_format !== undefined ? '{"kind":"refund","amount":20}' : 'hello' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const msgs = [{ role: 'user' as const, content: 'hi' }];

describe('OpenAI-compatible provider', () => {
  it('sends the model, the key, structured output and tools; reads content, tool calls and usage', async () => {
    const p = new OpenAICompatibleProvider({ baseUrl: `${base}/ok/v1`, model: 'm', apiKey: 'sk-test' });
    const plain = await p.complete({ messages: msgs });
    expect(plain).toEqual({ content: 'hello', usage: { promptTokens: 12, completionTokens: 5 }, model: 'test-model' });
    expect(seen.at(-1)).toMatchObject({ auth: 'Bearer sk-test', body: { model: 'm', messages: msgs } });
    const structured = await p.complete({ messages: msgs, schema: { type: 'object' } });
    expect(JSON.parse(structured.content!)).toEqual({ kind: 'refund', amount: 20 });
    const tool = await p.complete({ messages: msgs, tools: [{ port: 'urgent', schema: { type: 'object' } }] });
    expect(tool.toolCall).toEqual({ port: 'urgent', arguments: { level: 3 } });
  });

  it('slow, down, garbage and HTTP errors end in a clear error, never a hang; 5xx is retried', async () => {
    const slow = new OpenAICompatibleProvider({
      baseUrl: `${base}/slow`,
      model: 'm',
      timeoutMs: 200,
      retries: 1,
      backoffMs: () => 10,
    });
    await expect(slow.complete({ messages: msgs })).rejects.toThrow(/no reply within 200 ms.*gave up after 2 attempts/);
    const down = new OpenAICompatibleProvider({ baseUrl: 'http://127.0.0.1:1', model: 'm', retries: 0 });
    await expect(down.complete({ messages: msgs })).rejects.toMatchObject({ kind: 'network' });
    const garbage = new OpenAICompatibleProvider({ baseUrl: `${base}/garbage`, model: 'm' });
    await expect(garbage.complete({ messages: msgs })).rejects.toThrow('the reply is not JSON');
    const bad = new OpenAICompatibleProvider({ baseUrl: `${base}/bad`, model: 'm', retries: 3 });
    await expect(bad.complete({ messages: msgs })).rejects.toMatchObject({ kind: 'http' });
    const flakyP = new OpenAICompatibleProvider({
      baseUrl: `${base}/flaky`,
      model: 'm',
      retries: 2,
      backoffMs: () => 10,
    });
    expect((await flakyP.complete({ messages: msgs })).content).toBe('hello');
  });

  it('a reply without a message is garbage, named', () => {
    expect(() => parseCompletion('{"choices":[]}', 'x', 'm')).toThrow(ProviderError);
    expect(() => parseCompletion('{"choices":[{"message":{}}]}', 'x', 'm')).toThrow('neither content nor a tool call');
  });
});

describe('replay provider, routing and budget', () => {
  it('replays recorded replies in order and says when it runs out', async () => {
    const p = new ReplayProvider(['one', { port: 'b', arguments: { x: 1 } }, { ok: true }]);
    expect((await p.complete()).content).toBe('one');
    expect((await p.complete()).toolCall).toEqual({ port: 'b', arguments: { x: 1 } });
    expect((await p.complete()).content).toBe('{"ok":true}');
    await expect(p.complete()).rejects.toThrow('has no reply 4');
  });

  it('routes by tool call or by the first matching schema, never by guessing', () => {
    const reply = (content: string) => ({ content, usage: { promptTokens: 0, completionTokens: 0 }, model: 'm' });
    const r = {
      ports: ['refunds', 'other'],
      rules: [
        {
          port: 'refunds',
          match: { type: 'object', required: ['amount'], properties: { amount: { type: 'number', minimum: 0 } } },
        },
      ],
      structured: true,
    };
    expect(routeReply(reply('{"amount":5}'), r)).toEqual({ ok: true, port: 'refunds', value: { amount: 5 } });
    expect(routeReply(reply('{"note":1}'), r)).toEqual({
      ok: false,
      error: 'the reply matches no routing rule and the node has no replyPort',
    });
    expect(routeReply(reply('{"note":1}'), { ...r, replyPort: 'other' })).toMatchObject({ ok: true, port: 'other' });
    expect(routeReply(reply('not json'), r)).toMatchObject({ ok: false });
    expect(routeReply({ ...reply(''), toolCall: { port: 'nope', arguments: {} } }, r)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not an output port') as string,
    });
    expect(
      matches({ a: [1, 2] }, { type: 'object', properties: { a: { type: 'array', items: { type: 'integer' } } } }),
    ).toBe(true);
  });

  it('counts tokens and cost and stops at the budget', () => {
    const m = new UsageMeter({ maxTokens: 30, promptPricePer1k: 1, completionPricePer1k: 2 });
    expect(m.add({ promptTokens: 10, completionTokens: 5 })).toBeUndefined();
    expect(m.cost).toBeCloseTo(0.02);
    expect(m.add({ promptTokens: 10, completionTokens: 6 })).toBe('the run used 31 tokens, over its budget of 30');
  });
});
