/**
 * The HTTP request node against a real server started by the test on
 * 127.0.0.1: placeholders, JSON bodies, secret headers (never recorded),
 * error statuses, timeouts, garbage, redirects, the egress allow-list, and an
 * exact replay that makes no request at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetworkRun } from '../../../engine/runtime/network/run';
import { HttpConfigSchema } from '../../../engine/workflow/model';
import { performRequest } from './http';
import { networkOfYaml, runYaml } from './run-helpers';
import { QueuedInjections } from './sources';

const SECRET = 'sk-canary-3f9d1c';
let server: Server;
let base = '';
let requests = 0;
const seenAuth: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://x');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const json = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const item = /^\/items\/([^/]+)$/.exec(url.pathname);
      if (item)
        return json(200, {
          id: decodeURIComponent(item[1]!),
          name: `item ${decodeURIComponent(item[1]!)}`,
          q: url.searchParams.get('q'),
        });
      if (url.pathname === '/echo') {
        seenAuth.push(req.headers['x-api-key'] as string | undefined);
        return json(200, { got: JSON.parse(body || 'null'), authorised: req.headers['x-api-key'] === SECRET });
      }
      if (url.pathname === '/missing') return json(404, { error: 'no such thing' });
      if (url.pathname === '/garbage') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"half": ');
      }
      if (url.pathname === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('plain words');
      }
      if (url.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('x'.repeat(2 * 1024 * 1024));
      }
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: 'http://evil.example.com/' });
        return res.end();
      }
      if (url.pathname === '/slow') return; // never answers
      json(500, { error: 'unexpected path' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const host = () => base.replace('http://', '');

/** inject -> http -> log (and the error port to a second log when `errorPort`). */
function workflow(config: string, errorPort = true): string {
  return `version: 1
name: http
processes:
  - { id: src, name: Src, kind: inject, ports: [ { name: a, dir: out, type: json } ] }
  - id: call
    name: Call
    kind: http
    ports:
      - { name: a, dir: in, type: json }
      - { name: res, dir: out, type: json }
${errorPort ? '      - { name: failed, dir: out, type: json }\n' : ''}    config: ${config}
  - { id: ok, name: Ok, kind: log, ports: [ { name: res, dir: in, type: json } ] }
${errorPort ? '  - { id: bad, name: Bad, kind: log, ports: [ { name: failed, dir: in, type: json } ] }\n' : ''}edges:
  - { id: e1, from: src.a, to: call.a }
  - { id: e2, from: call.res, to: ok.res }
${errorPort ? '  - { id: e3, from: call.failed, to: bad.failed }\n' : ''}`;
}

function injecting(...payloads: unknown[]): QueuedInjections {
  const q = new QueuedInjections();
  for (const p of payloads) q.add('src', p);
  return q;
}

const on = (steps: { event: string; payload?: unknown }[], ch: string): unknown[] =>
  steps.filter((s) => s.event === ch).map((s) => s.payload);

describe('http node', () => {
  it('GETs with URL placeholders filled from the message (URL-encoded) and sends the parsed JSON response', async () => {
    const r = await runYaml(workflow(`{ url: "${base}/items/{id}?q={q}", allow: [ "${host()}" ] }`), {
      injections: injecting({ id: 7, q: 'a b' }, { id: 'x/y', q: 1 }),
    });
    expect(on(r.steps, 'e2')).toEqual([
      { status: 200, headers: { 'content-type': 'application/json' }, body: { id: '7', name: 'item 7', q: 'a b' } },
      { status: 200, headers: { 'content-type': 'application/json' }, body: { id: 'x/y', name: 'item x/y', q: '1' } },
    ]);
    expect(r.steps.filter((s) => s.event === 'deliver http')).toHaveLength(2);
  });

  it('POSTs the message as JSON with a secret header; the secret appears in no step, payload or record', async () => {
    const yaml = workflow(
      `{ method: POST, url: "${base}/echo", allow: [ "127.0.0.1" ], headers: { x-api-key: { secret: TEST_API_KEY } } }`,
    );
    const r = await runYaml(yaml, { injections: injecting({ order: 1 }), env: { TEST_API_KEY: SECRET } });
    expect(on(r.steps, 'e2')).toEqual([
      { status: 200, headers: { 'content-type': 'application/json' }, body: { got: { order: 1 }, authorised: true } },
    ]);
    expect(seenAuth.at(-1)).toBe(SECRET);
    const record = JSON.stringify({
      steps: r.steps,
      outside: r.run.log.outside,
      payloads: [...r.run.log.payloads],
      states: r.run.processStates(),
      log: r.log,
    });
    expect(record).not.toContain(SECRET);
  });

  it('refuses to start when a header names a secret that is not set', () => {
    const yaml = workflow(
      `{ method: POST, url: "${base}/echo", allow: [ "127.0.0.1" ], headers: { x-api-key: { secret: NOT_SET_ANYWHERE } } }`,
    );
    expect(() => networkOfYaml(yaml, { env: {} })).toThrow(
      /header x-api-key names the secret NOT_SET_ANYWHERE, which is not set/,
    );
  });

  it('a non-2xx status goes to the failed port; without one it goes to the reply port with its status', async () => {
    const withPort = await runYaml(workflow(`{ url: "${base}/missing", allow: [ "${host()}" ] }`), {
      injections: injecting({}),
    });
    expect(on(withPort.steps, 'e3')).toEqual([
      {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: { error: 'no such thing' },
        url: `${base}/missing`,
        error: 'HTTP 404',
      },
    ]);
    const without = await runYaml(workflow(`{ url: "${base}/missing", allow: [ "${host()}" ] }`, false), {
      injections: injecting({}),
    });
    expect(on(without.steps, 'e2')).toEqual([
      { status: 404, headers: { 'content-type': 'application/json' }, body: { error: 'no such thing' } },
    ]);
  });

  it('a server that does not answer: a timeout error, not a hang; without a failed port the run fails at the node', async () => {
    const config = `{ url: "${base}/slow", allow: [ "${host()}" ], timeout: 200 }`;
    const withPort = await runYaml(workflow(config), { injections: injecting({}) });
    expect(on(withPort.steps, 'e3')).toEqual([
      { error: `GET ${base}/slow: no response within 200 ms`, url: `${base}/slow` },
    ]);
    const without = await runYaml(workflow(config, false), { injections: injecting({}) });
    expect(without.stop).toMatchObject({
      reason: 'error',
      process: 'Call',
      error: `Call: http GET ${base}/slow: no response within 200 ms`,
    });
  });

  it('garbage JSON, an oversized body, a refused connection and a missing placeholder field are clear errors', async () => {
    const garbage = await runYaml(workflow(`{ url: "${base}/garbage", allow: [ "${host()}" ] }`), {
      injections: injecting({}),
    });
    expect((on(garbage.steps, 'e3')[0] as { error: string }).error).toMatch(
      /said application\/json but the body is not JSON/,
    );
    const big = await runYaml(workflow(`{ url: "${base}/big", allow: [ "${host()}" ] }`), {
      injections: injecting({}),
    });
    expect((on(big.steps, 'e3')[0] as { error: string }).error).toMatch(/over 1048576 bytes/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await runYaml(workflow(`{ url: "http://127.0.0.1:${closedPort}/x", allow: [ "127.0.0.1" ] }`), {
      injections: injecting({}),
    });
    expect((on(refused.steps, 'e3')[0] as { error: string }).error).toMatch(
      /ECONNREFUSED: nothing listens on that host and port/,
    );
    const missing = await runYaml(workflow(`{ url: "${base}/items/{id}", allow: [ "${host()}" ] }`), {
      injections: injecting({ name: 'no id' }),
    });
    expect((on(missing.steps, 'e3')[0] as { error: string }).error).toMatch(
      /the message has no string or number field "id"/,
    );
  });

  it('plain text bodies stay text; redirects are not followed (they could leave the allow-list)', async () => {
    const text = await runYaml(workflow(`{ url: "${base}/text", allow: [ "${host()}" ] }`), {
      injections: injecting({}),
    });
    expect(on(text.steps, 'e2')).toEqual([
      { status: 200, headers: { 'content-type': 'text/plain' }, body: 'plain words' },
    ]);
    const redirect = await runYaml(workflow(`{ url: "${base}/redirect", allow: [ "${host()}" ] }`), {
      injections: injecting({}),
    });
    expect(on(redirect.steps, 'e3')).toEqual([expect.objectContaining({ status: 302, error: 'HTTP 302' })]);
  });

  it('the allow-list is enforced at request time too (host:port entries must match the port)', async () => {
    const config = HttpConfigSchema.parse({ url: `${base}/items/1`, allow: ['127.0.0.1:1'] });
    await expect(performRequest(config, `${base}/items/1`, {}, {})).rejects.toThrow(
      /host 127\.0\.0\.1:\d+ is not in the allow-list \(127\.0\.0\.1:1\)/,
    );
  });

  it('replays a recorded run exactly without making a single request', async () => {
    const yaml = workflow(`{ url: "${base}/items/{id}", allow: [ "${host()}" ] }`);
    const r = await runYaml(yaml, { injections: injecting({ id: 1 }, { id: 2 }, { id: 3 }) });
    const before = requests;
    const replay = NetworkRun.replay(networkOfYaml(yaml).spec, r.run.log);
    expect(replay.steps()).toEqual(r.steps);
    expect(requests).toBe(before);
  });
});
