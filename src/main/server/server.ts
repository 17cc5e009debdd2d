/**
 * Web mode: the host over HTTP + WebSocket on 127.0.0.1. Serves the built
 * renderer and carries the protocol on /ws, one Session per socket. Every
 * request and upgrade passes the gate in ./security.ts first.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, encode, envelope } from '../../shared/protocol';
import type { Host } from '../host';
import { isRelayPath, relayToNode } from '../node/relay';
import { checkRequest, tokenCookie } from './security';
import type { Gate } from './security';
import { securityHeaders, serveStatic } from './static';

export interface WebServerOptions {
  readonly host: Host;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Folder with the built renderer (index.html). */
  readonly rendererDir: string;
  /** Defaults to a fresh random token per launch. */
  readonly token?: string;
}

export interface WebServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open, with the token. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Frames above this are dropped by `ws` with close code 1009. Between
 * MAX_MESSAGE_BYTES and this, the session answers `too_large` and the
 * connection stays usable; past it, we refuse to buffer at all.
 */
const WS_HARD_LIMIT = 4 * MAX_MESSAGE_BYTES;

/**
 * A fresh access token: 24 random bytes as base64url. One in 64 of those starts with '-', which
 * `--token -…` on a command line reads as an option: such a token is drawn again.
 */
export function newToken(): string {
  for (;;) {
    const token = randomBytes(24).toString('base64url');
    if (!token.startsWith('-')) return token;
  }
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const { host } = options;
  const gate: { current: Gate | undefined } = { current: undefined };
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_HARD_LIMIT });

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      host.log.write('error', 'server', `HTTP ${req.method ?? ''} ${req.url ?? ''} failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('internal error\n');
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(gate.current!, req.headers, url);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${verdict.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...securityHeaders(), Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (verdict.via === 'query') {
      // First visit: trade the token in the URL for an HttpOnly cookie and drop it from the address bar.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...securityHeaders(),
        'Set-Cookie': tokenCookie(token),
        Location: url.pathname + url.search,
      });
      res.end();
      return;
    }
    if (url.pathname === '/api/auth') {
      // Lets the UI tell "host down" from "host restarted with a new token".
      res.writeHead(204, securityHeaders());
      res.end();
      return;
    }
    await serveStatic(options.rendererDir, url.pathname, res);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const relay = isRelayPath(url.pathname);
    const verdict =
      url.pathname === '/ws' || relay
        ? checkRequest(gate.current!, req.headers, url)
        : ({ ok: false, status: 403, reason: 'not a WebSocket endpoint' } as const);
    if (!verdict.ok) {
      host.log.write('warn', 'server', `refused WebSocket upgrade: ${verdict.reason}`);
      socket.end(
        `HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    if (relay) {
      // A remote node's protocol, relayed with the token this host keeps (src/main/node/relay.ts).
      void relayToNode(host, wss, req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
      });
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    const session = host.connect({
      send: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      close: (reason) => ws.close(1000, reason.slice(0, 120)),
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(
          encode(
            envelope('error', {
              code: 'bad_message',
              message: 'binary frames are not part of the protocol; send one JSON envelope per text frame',
            }),
          ),
        );
        return;
      }
      const chunks = Array.isArray(data) ? data : [Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data))];
      session.receive(Buffer.concat(chunks).toString('utf8'));
    });
    ws.on('close', () => {
      sockets.delete(ws);
      session.transportClosed();
    });
    ws.on('error', (error) => host.log.write('warn', 'server', `WebSocket error: ${error.message}`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  gate.current = { port, token };
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  host.log.write('info', 'server', `web mode listening on http://127.0.0.1:${port}/`);

  return {
    port,
    token,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
