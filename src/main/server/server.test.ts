import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { testHost } from '../host/test-helpers';
import { newToken, startWebServer } from './server';
import type { WebServer } from './server';

let dir: string;
let server: WebServer;
const host = testHost();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csp-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>studio</title>');
  server = await startWebServer({ host, rendererDir: dir, token: 'test-token-0123456789' });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cookie = (): Record<string, string> => ({ Cookie: `csp_token=${server.token}` });
const origin = (): string => `http://127.0.0.1:${server.port}`;

function openWs(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function exchange(ws: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('web server: HTTP gate', () => {
  it('prints a 127.0.0.1 URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=test-token-0123456789`);
  });

  it('refuses a request without the token', async () => {
    expect((await get('/')).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and redirects', async () => {
    const reply = await get('/?token=test-token-0123456789');
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['set-cookie']?.[0]).toMatch(
      /^csp_token=test-token-0123456789; HttpOnly; SameSite=Strict; Path=\//,
    );
  });

  it('serves the renderer with a strict CSP to a holder of the cookie', async () => {
    const reply = await get('/', cookie());
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>studio</title>');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin even with the cookie', async () => {
    expect((await get('/', { ...cookie(), Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get('/', { ...cookie(), Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await get('/..%2f..%2fetc%2fpasswd', cookie())).status).toBe(404);
    expect((await get('/../package.json', cookie())).status).toBe(404);
  });
});

describe('web server: WebSocket', () => {
  it('refuses an upgrade with a foreign Origin', async () => {
    await expect(openWs({ ...cookie(), Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses an upgrade without the token', async () => {
    await expect(openWs({ Origin: origin() })).rejects.toThrow('HTTP 401');
  });

  it('carries the protocol; a malformed message gets a precise error and the socket stays usable', async () => {
    const ws = await openWs({ ...cookie(), Origin: origin() });
    const hello = await exchange(ws, { v: 1, id: 1, type: 'hello', payload: { protocol: '1.0' } });
    expect(hello).toMatchObject({ id: 1, type: 'result' });
    const bad = await exchange(ws, { v: 1, id: 2, type: 'subscribe', payload: { stream: 'host.log', credit: 'lots' } });
    expect(bad).toMatchObject({ id: 2, type: 'error', payload: { code: 'invalid_params' } });
    expect((bad.payload as { message: string }).message).toMatch(/payload\.credit/);
    const binary = await new Promise<Record<string, unknown>>((resolve) => {
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
      ws.send(Buffer.from([1, 2, 3]));
    });
    expect(binary).toMatchObject({
      type: 'error',
      payload: { code: 'bad_message', message: expect.stringMatching(/^binary frames/) },
    });
    const info = await exchange(ws, { v: 1, id: 3, type: 'host.info', payload: {} });
    expect(info).toMatchObject({ id: 3, type: 'result', payload: { mode: 'web' } });
    ws.close();
  });
});

describe('web server: fresh tokens', () => {
  it('never start with a dash, so `--token <it>` on a command line is never read as an option', () => {
    // One base64url token in 64 starts with '-': 2,000 draws would meet dozens.
    for (let i = 0; i < 2000; i++) {
      const token = newToken();
      expect(token).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{31}$/);
    }
  });
});
