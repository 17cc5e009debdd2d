/**
 * Test tools for nodes: a TCP proxy that can cut every connection through it
 * (a network fault, as the client sees one), raw WebSocket and HTTP access with
 * a token, and a small reader of Prometheus text. (Used by *.test.ts only.)
 */
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { request } from 'node:http';
import { WebSocket } from 'ws';

export interface Proxy {
  readonly port: number;
  /** Destroys every connection through the proxy (new ones still work). */
  cut(): void;
  close(): Promise<void>;
}

export async function tcpProxy(targetPort: number): Promise<Proxy> {
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    cut: () => {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => r());
      }),
  };
}

export function httpGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a raw protocol socket; rejects with "HTTP <status>: <body>" when the upgrade is refused. */
export function rawSocket(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(new Error(`HTTP ${res.statusCode}: ${body.trim()}`)));
    });
    ws.once('error', reject);
  });
}

/** Sends one text frame and resolves with the next message the node sends back. */
export function exchange(
  ws: WebSocket,
  text: string,
): Promise<{ id?: unknown; type: string; payload: Record<string, unknown> }> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) =>
      resolve(JSON.parse(data.toString()) as { id?: unknown; type: string; payload: Record<string, unknown> }),
    );
    ws.send(text);
  });
}

export interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/**
 * Reads Prometheus text exposition: every sample line must be `name{labels} value`
 * with a known metric family (a # TYPE line before it), or this throws saying which line.
 */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  const typed = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) return void typed.add(type[1]!);
    if (line.startsWith('# HELP ')) return;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1} is not Prometheus text: ${line}`);
    const name = m[1]!;
    const family = name.replace(/_(bucket|sum|count)$/, '');
    if (!typed.has(name) && !typed.has(family)) throw new Error(`line ${i + 1}: ${name} has no # TYPE line`);
    const labels: Record<string, string> = {};
    for (const l of (m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    samples.push({ name, labels, value: Number(m[4]) });
  });
  return samples;
}

export function sum(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((a, s) => a + s.value, 0);
}
