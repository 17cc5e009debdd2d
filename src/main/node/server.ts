/**
 * A node: the host over HTTP(S) + WebSocket for remote clients (`csp serve`).
 * The same Host and Session as web mode, with what a network listener needs:
 *  - every request passes the gate (Host, Origin, failed sign-in allowance, token);
 *  - each connection's requests are authorised by role and audited (./access.ts),
 *    and rate limited;
 *  - GET /health (JSON) and GET /metrics (Prometheus text), token required;
 *  - a client that does not read cannot make the node buffer without bound:
 *    stream events wait in their bounded backlog while the socket's send buffer
 *    is over SOFT_BUFFER_BYTES, and a connection whose buffer passes
 *    HARD_BUFFER_BYTES anyway (results it never reads) is cut.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, encode, envelope } from '../../shared/protocol';
import type { Host } from '../host';
import type { CallRecord, Session } from '../host/session';
import type { AuditEntryInput } from '../store';
import { sessionAccess } from './access';
import type { NodeGate, Principal } from './gate';
import { health } from './health';
import type { NodeMetrics } from './metrics';
import { watchCheck } from './watch-checks';

/** Above this much unsent data on a socket, stream events wait (in their bounded backlog). */
export const SOFT_BUFFER_BYTES = 1 << 20;
/** Above this, the client is not reading at all: the connection is cut. */
export const HARD_BUFFER_BYTES = 16 << 20;
/** How often live connections' stored tokens are checked, so a revoked token's connections end within seconds. */
const TOKEN_SWEEP_MS = 2_000;
/** Frames above this are dropped by `ws` (close 1009); between the message limit and this, the session answers too_large. */
const WS_HARD_LIMIT = 4 * MAX_MESSAGE_BYTES;

export interface NodeServerOptions {
  readonly host: Host;
  readonly gate: NodeGate;
  readonly metrics: NodeMetrics;
  readonly listenHost: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** Writes one audit entry (the store's ledger); absent when the store is not open. */
  readonly audit?: (entry: AuditEntryInput) => void;
  readonly tokenValid: (id: number) => boolean;
  readonly idleTimeoutMs?: number;
  readonly startedAt?: number;
}

export interface NodeServer {
  readonly port: number;
  /** ws:// or wss:// URL of the protocol endpoint. */
  readonly url: string;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

/** The error code of an outgoing message, read without parsing it (envelopes are written v, id, type, payload). */
function errorCode(text: string): string | undefined {
  if (!text.slice(0, 100).includes('"type":"error"')) return undefined;
  return /"code":"(\w+)"/.exec(text)?.[1];
}

export async function startNodeServer(o: NodeServerOptions): Promise<NodeServer> {
  const { host, gate, metrics } = o;
  const startedAt = o.startedAt ?? Date.now();
  const sockets = new Set<WebSocket>();
  /** Connections made with a stored token: closed when it is revoked or expires. */
  const byToken = new Map<WebSocket, { readonly tokenId: number; readonly session: Session }>();
  const sweep = setInterval(() => {
    for (const [ws, c] of byToken) {
      if (o.tokenValid(c.tokenId)) continue;
      byToken.delete(ws);
      c.session.close('the token of this connection was revoked or has expired');
    }
  }, TOKEN_SWEEP_MS);
  sweep.unref();
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_HARD_LIMIT });
  const audit = (entry: AuditEntryInput): void => {
    try {
      o.audit?.(entry);
    } catch (error) {
      host.log.write(
        'error',
        'node',
        `audit entry ${entry.action} not written: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  gate.onLockout((address) => {
    metrics.error('rate_limited');
    audit({ actor: `address:${address}`, action: 'remote.sign-in-locked', subject: 'node', details: { address } });
    host.log.write('warn', 'node', `too many failed sign-ins from ${address}: refused for a while`);
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const verdict = gate.check(req.headers, req.socket.remoteAddress ?? 'unknown');
    if (!verdict.ok) {
      metrics.error(verdict.status === 429 ? 'rate_limited' : verdict.status === 401 ? 'unauthorized' : 'forbidden');
      return reply(
        res,
        verdict.status,
        `${verdict.reason}\n`,
        verdict.retryAfter !== undefined ? { 'Retry-After': verdict.retryAfter } : {},
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'only GET\n', { Allow: 'GET, HEAD' });
    const path = new URL(req.url ?? '/', 'http://node').pathname;
    if (path === '/health') {
      const body = health(host, { startedAt, checksActive: metrics.activeChecks, tls: o.tls !== undefined });
      return reply(res, 200, `${JSON.stringify(body)}\n`, { 'Content-Type': 'application/json; charset=utf-8' });
    }
    if (path === '/metrics') return reply(res, 200, await metrics.text(), { 'Content-Type': metrics.contentType });
    reply(res, 404, `not found: ${path} (a node answers /ws, /health and /metrics)\n`);
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      host.log.write('error', 'node', `HTTP ${req.method ?? ''} ${req.url ?? ''} failed: ${String(error)}`);
      if (!res.headersSent) reply(res, 500, 'internal error\n');
      else res.end();
    });
  };
  const server: Server =
    o.tls === undefined ? createServer(onRequest) : createTlsServer({ cert: o.tls.cert, key: o.tls.key }, onRequest);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const path = new URL(req.url ?? '/', 'http://node').pathname;
    const verdict =
      path === '/ws'
        ? gate.check(req.headers, address)
        : ({ ok: false, status: 403, reason: 'not a WebSocket endpoint (use /ws)' } as const);
    if (!verdict.ok) {
      metrics.error(verdict.status === 429 ? 'rate_limited' : verdict.status === 401 ? 'unauthorized' : 'forbidden');
      host.log.write('warn', 'node', `refused a connection from ${address}: ${verdict.reason}`);
      const status =
        verdict.status === 401 ? 'Unauthorized' : verdict.status === 429 ? 'Too Many Requests' : 'Forbidden';
      const retry =
        verdict.status === 429 && verdict.retryAfter !== undefined ? `Retry-After: ${verdict.retryAfter}\r\n` : '';
      const body = `${verdict.reason}\n`;
      socket.end(
        `HTTP/1.1 ${verdict.status} ${status}\r\nConnection: close\r\n${retry}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, verdict.principal, address));
  });

  function attach(ws: WebSocket, principal: Principal, address: string): void {
    sockets.add(ws);
    metrics.connectionOpened();
    audit({
      actor: principal.actor,
      action: 'remote.attached',
      subject: 'node',
      details: { address, role: principal.role },
    });
    let unsent = 0;
    let cut = false;
    const onCall = (call: CallRecord): void => {
      metrics.request(call.method);
      if (call.method === 'check.run') watchCheck(host, metrics, call.result);
    };
    const access = sessionAccess({
      principal,
      address,
      audit,
      tokenValid: o.tokenValid,
      onRevoked: () => setImmediate(() => session.close('the token of this connection was revoked')),
      onCall,
    });
    const session = host.connect(
      {
        send: (text) => {
          if (ws.readyState !== ws.OPEN || cut) return;
          const code = errorCode(text);
          if (code !== undefined) metrics.error(code);
          if (ws.bufferedAmount + unsent > HARD_BUFFER_BYTES) {
            cut = true;
            host.log.write(
              'warn',
              'node',
              `${principal.actor} at ${address} does not read its messages: connection cut`,
            );
            ws.terminate();
            return;
          }
          const size = Buffer.byteLength(text);
          unsent += size;
          ws.send(text, () => {
            const before = unsent;
            unsent -= size;
            if (before >= SOFT_BUFFER_BYTES && unsent < SOFT_BUFFER_BYTES) session.drained();
          });
        },
        close: (reason) => ws.close(1000, reason.slice(0, 120)),
        writable: () => unsent < SOFT_BUFFER_BYTES,
      },
      {
        ...access,
        rateLimit: o.rateLimit,
        ...(o.idleTimeoutMs !== undefined ? { idleTimeoutMs: o.idleTimeoutMs } : {}),
      },
    );
    if (principal.tokenId !== undefined) byToken.set(ws, { tokenId: principal.tokenId, session });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        metrics.error('bad_message');
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
      byToken.delete(ws);
      metrics.connectionClosed();
      session.transportClosed();
      audit({ actor: principal.actor, action: 'remote.detached', subject: 'node', details: { address } });
    });
    ws.on('error', (error) => host.log.write('warn', 'node', `WebSocket error from ${address}: ${error.message}`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const shown = o.listenHost.includes(':') ? `[${o.listenHost}]` : o.listenHost;
  const url = `${o.tls === undefined ? 'ws' : 'wss'}://${shown}:${port}/ws`;
  host.log.write('info', 'node', `listening on ${url}`);
  return {
    port,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
