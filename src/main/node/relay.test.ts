/**
 * The web server's relay to a remote node (`/nodes/<id>/ws`), against a real
 * `csp serve` child: frames pass both ways unchanged (malformed and oversized
 * ones are the node's to refuse, and the relay goes on), a connection cut
 * between relay and node mid-stream is resumed by a new page connection from
 * the last seq with nothing lost or duplicated, and the node vanishing closes
 * the page's socket with the reason, refuses new ones with 502 while it is
 * down, and relays again once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { ProtocolClient } from '../../shared/protocol';
import type { ClientTransport } from '../../shared/protocol';
import type { RunEvent } from '../../shared/protocol/methods/run';
import { Host, HostLog } from '../host';
import { startWebServer } from '../server/server';
import type { WebServer } from '../server/server';
import { makeToken, serve } from './__fixtures__/serve-child';
import type { ServeChild } from './__fixtures__/serve-child';
import { tcpProxy } from './__fixtures__/tools';
import type { Proxy } from './__fixtures__/tools';
import { knownNodes } from './nodes-handlers';

const LOOP = 'channel a, b\nP = a -> b -> P\nSYSTEM = P\n';
const studioDir = mkdtempSync(join(tmpdir(), 'csp-relay-'));
const nodeDir = mkdtempSync(join(tmpdir(), 'csp-relay-node-'));
const rendererDir = mkdtempSync(join(tmpdir(), 'csp-relay-ui-'));
let node: ServeChild;
let proxy: Proxy;
let server: WebServer;
let token = '';
/** The node reached directly, and through a proxy that can cut the relay's connection. */
let direct = '';
let viaProxy = '';

interface Page {
  readonly ws: WebSocket;
  readonly client: ProtocolClient;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Every message the relay handed to the page, parsed. */
  readonly received: Array<{ type: string; id?: unknown; payload: Record<string, unknown> }>;
}

/** A page's WebSocket to the relay with the studio's cookie; rejects with "HTTP status: body" when refused. */
function openPage(id: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/nodes/${id}/ws`, {
      headers: { Cookie: `csp_token=${server.token}` },
    });
    const received: Page['received'] = [];
    let onMessage: ((text: string) => void) | undefined;
    let onClose: ((reason: string) => void) | undefined;
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.on('close', (code, reason) => {
        onClose?.(reason.toString());
        r({ code, reason: reason.toString() });
      }),
    );
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      received.push(JSON.parse(text) as Page['received'][number]);
      onMessage?.(text);
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(new Error(`HTTP ${res.statusCode}: ${body}`)));
    });
    ws.once('error', reject);
    ws.once('open', () => {
      const transport: ClientTransport = {
        send: (text) => ws.send(text),
        onMessage: (l) => (onMessage = l),
        onClose: (l) => (onClose = l),
        close: () => ws.close(),
      };
      resolve({ ws, client: new ProtocolClient(transport), closed, received });
    });
  });
}

/** Resolves with the next message the relay hands the page after `send`. */
function answer(page: Page, send: () => void): Promise<Page['received'][number]> {
  const before = page.received.length;
  send();
  return expect
    .poll(() => page.received[before], { timeout: 10_000 })
    .toBeDefined()
    .then(() => page.received[before]!);
}

beforeAll(async () => {
  token = await makeToken(nodeDir, 'studio', 'operator');
  node = await serve(nodeDir, ['--quiet']);
  proxy = await tcpProxy(node.port);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  const host = new Host({
    mode: 'web',
    dataDir: studioDir,
    version: '0.0.0-test',
    store: { error: 'no store in this test' },
    log: new HostLog(),
  });
  server = await startWebServer({ host, rendererDir });
  direct = knownNodes(host).add(node.url, token, 'direct', undefined).id;
  viaProxy = knownNodes(host).add(`ws://127.0.0.1:${proxy.port}/ws`, token, 'edge', undefined).id;
}, 120_000);

afterAll(async () => {
  await server.close();
  await proxy.close();
  await node.kill();
  for (const d of [studioDir, nodeDir, rendererDir]) rmSync(d, { recursive: true, force: true });
});

describe('relay /nodes/<id>/ws to a real node', () => {
  it('refuses an unknown node with 404 and needs the studio token', async () => {
    await expect(openPage('nzzzzzz')).rejects.toThrow('HTTP 404: no node nzzzzzz');
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/nodes/${direct}/ws`);
    const status = await new Promise<number>((r) =>
      ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });

  it('passes malformed, binary and oversized frames to the node, whose refusals come back; the connection goes on', async () => {
    const page = await openPage(direct);
    expect((await page.client.hello(['ui'])).host.mode).toBe('remote');
    const bad = await answer(page, () => page.ws.send('{not json'));
    expect(bad).toMatchObject({ type: 'error', payload: { code: 'bad_message' } });
    const binary = await answer(page, () => page.ws.send(Buffer.from([1, 2, 3]), { binary: true }));
    expect(binary).toMatchObject({ type: 'error', payload: { code: 'bad_message' } });
    const big = JSON.stringify({ v: 1, id: 'big', type: 'ping', payload: { pad: 'x'.repeat(1_500_000) } });
    const tooLarge = await answer(page, () => page.ws.send(big));
    expect(tooLarge).toMatchObject({ type: 'error', payload: { code: 'too_large' } });
    const wrong = await answer(page, () =>
      page.ws.send(JSON.stringify({ v: 1, id: 7, type: 'run.start', payload: { text: 3 } })),
    );
    expect(wrong).toMatchObject({ id: 7, type: 'error', payload: { code: 'invalid_params' } });
    await expect(page.client.request('ping', {})).resolves.toBeDefined();
    expect(JSON.stringify(page.received)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack traces

    // A frame past the hard limit closes this page's socket only; the node serves the next one.
    page.ws.send('x'.repeat(5 * 1024 * 1024));
    expect((await page.closed).code).toBe(1009);
    const next = await openPage(direct);
    await next.client.hello(['ui']);
    await expect(next.client.request('ping', {})).resolves.toBeDefined();
    next.ws.close();
  });

  it('resumes a stream after the relay lost the node mid-run: every step once, seqs increasing', async () => {
    const STEPS = 40_000;
    const steps = new Map<number, number>();
    const seqs: number[] = [];
    let stopped = false;
    let lastSeq = 0;
    const onEvent = (e: RunEvent, seq: number): void => {
      seqs.push(seq);
      lastSeq = seq;
      if (e.type === 'steps') for (const s of e.steps) steps.set(s.seq, (steps.get(s.seq) ?? 0) + 1);
      if (e.type === 'stopped') stopped = true;
    };
    const first = await openPage(viaProxy);
    await first.client.hello(['ui']);
    const { runId } = await first.client.request('run.start', { text: LOOP, name: 'loop.csp' });
    await first.client.subscribe('run.events', { runId, onEvent });
    void first.client.request('run.continue', { runId, maxSteps: STEPS }).catch(() => undefined);
    await expect.poll(() => steps.size, { timeout: 20_000 }).toBeGreaterThan(0);
    proxy.cut();
    const gone = await first.closed;
    expect(gone.code).toBe(1001);
    expect(gone.reason).toMatch(/^node edge went away/);
    expect(stopped).toBe(false);

    // A new page connection (what the UI's connector does), resubscribed from the last seq it holds.
    const second = await openPage(viaProxy);
    await second.client.hello(['ui']);
    await second.client.subscribe('run.events', { runId, sinceSeq: lastSeq, onEvent });
    await expect.poll(() => stopped, { timeout: 60_000 }).toBe(true);
    expect(steps.size).toBe(STEPS);
    expect([...steps.entries()].every(([seq, n]) => n === 1 && seq >= 1 && seq <= STEPS)).toBe(true);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    second.ws.close();
  }, 90_000);

  it('closes the page when the node vanishes mid-stream, answers 502 while it is down, relays again once it is back', async () => {
    const page = await openPage(direct);
    const before = await page.client.hello(['ui']);
    const { runId } = await page.client.request('run.start', { text: LOOP, name: 'loop.csp' });
    let seen = 0;
    await page.client.subscribe('run.events', {
      runId,
      onEvent: (e: RunEvent) => {
        if (e.type === 'steps') seen += e.steps.length;
      },
    });
    void page.client.request('run.continue', { runId, maxSteps: 50_000_000 }).catch(() => undefined);
    await expect.poll(() => seen, { timeout: 20_000 }).toBeGreaterThan(0);
    const port = node.port;
    await node.kill();
    const gone = await page.closed;
    expect(gone.code).toBe(1001);
    expect(gone.reason).toMatch(/^node direct went away/);
    await expect(openPage(direct)).rejects.toThrow(
      /^HTTP 502: node direct \(ws:\/\/127\.0\.0\.1:\d+\/ws\) is unreachable/,
    );

    node = await serve(nodeDir, ['--quiet', '--port', String(port)]);
    const back = await openPage(direct);
    const hello = await back.client.hello(['ui']);
    expect(hello.host.instanceId).not.toBe(before.host.instanceId);
    await expect(back.client.request('ping', {})).resolves.toBeDefined();
    back.ws.close();
  }, 90_000);
});
