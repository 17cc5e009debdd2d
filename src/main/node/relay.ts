/**
 * The studio's way into a remote node: this process opens the connection to
 * the node (certificate pin checked before the token is sent, the token it
 * keeps in `Authorization`), and relays a page's protocol to it frame for
 * frame. The page never sees the token, and every screen speaks the same
 * protocol to the node that it speaks to its own host.
 *  - Web mode: the local web server's `/nodes/<id>/ws` (`relayToNode`). When the
 *    node cannot be reached the upgrade is answered 502 (the page's connector
 *    retries with backoff); when either side goes away the other is closed.
 *  - Desktop mode: the same upstream for an IPC line (`./ipc-link.ts`).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/protocol';
import type { Host } from '../host';
import { parseNodeUrl } from './client/address';
import { openConnection } from './client/connect';
import type { KnownNode } from './known-nodes';
import { knownNodes } from './nodes-handlers';

const PATH = /^\/nodes\/(n[0-9a-z]{4,32})\/ws$/;
const CONNECT_TIMEOUT_MS = 5_000;

export function isRelayPath(pathname: string): boolean {
  return PATH.test(pathname);
}

/** Why a relay could not be opened: the node is unknown (404) or unreachable (502). */
export class RelayRefused extends Error {
  constructor(
    readonly status: 404 | 502,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Opens this process's connection to a known node, upgraded and open (not yet
 * said hello: the page does that through the relay). Rejects with RelayRefused.
 */
export async function openUpstream(host: Host, id: string): Promise<{ upstream: WebSocket; node: KnownNode }> {
  const known = knownNodes(host);
  let node: KnownNode | undefined;
  try {
    node = known.get(id);
  } catch (error) {
    throw new RelayRefused(502, error instanceof Error ? error.message : String(error));
  }
  if (node === undefined) throw new RelayRefused(404, `no node ${id}`);
  try {
    const address = parseNodeUrl(node.url);
    const { socket: raw } = await openConnection(address, known.pins, CONNECT_TIMEOUT_MS);
    const upstream = new WebSocket(address.wsUrl, {
      headers: { Authorization: `Bearer ${node.token}` },
      createConnection: () => raw,
      perMessageDeflate: false,
      maxPayload: 4 * MAX_MESSAGE_BYTES,
      handshakeTimeout: CONNECT_TIMEOUT_MS,
    });
    await new Promise<void>((resolve, reject) => {
      upstream.once('open', () => resolve());
      upstream.once('unexpected-response', (_r, res) => {
        res.resume();
        upstream.terminate();
        reject(new Error(`the node answered HTTP ${res.statusCode ?? 0}`));
      });
      upstream.once('error', reject);
    });
    upstream.removeAllListeners('error');
    upstream.removeAllListeners('unexpected-response');
    return { upstream, node };
  } catch (error) {
    const reason = `node ${node.label} (${node.url}) is unreachable: ${error instanceof Error ? error.message : String(error)}`;
    host.log.write('warn', 'nodes', reason);
    throw new RelayRefused(502, reason);
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 404 ? 'Not Found' : 'Bad Gateway';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

/** Call only after the local gate accepted the request (Host, Origin, the page's token). */
export async function relayToNode(
  host: Host,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  onOpen: (page: WebSocket) => void,
): Promise<void> {
  const id = PATH.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)?.[1] ?? '';
  let opened: Awaited<ReturnType<typeof openUpstream>>;
  try {
    opened = await openUpstream(host, id);
  } catch (error) {
    const status = error instanceof RelayRefused ? error.status : 502;
    return refuse(socket, status, error instanceof Error ? error.message : String(error));
  }
  const { upstream, node } = opened;
  if (socket.destroyed) {
    upstream.terminate();
    return;
  }
  wss.handleUpgrade(req, socket, head, (page) => {
    onOpen(page);
    const closeBoth = (reason: string): void => {
      if (page.readyState === page.OPEN) page.close(1001, reason.slice(0, 120));
      if (upstream.readyState === upstream.OPEN) upstream.close(1000, 'the page left');
      else upstream.terminate();
    };
    upstream.on('message', (data, isBinary) => {
      if (page.readyState === page.OPEN) page.send(data, { binary: isBinary });
    });
    page.on('message', (data, isBinary) => {
      if (upstream.readyState === upstream.OPEN) upstream.send(data, { binary: isBinary });
    });
    upstream.on('close', (code) => closeBoth(`node ${node.label} went away (code ${code})`));
    upstream.on('error', () => undefined); // 'close' follows
    page.on('close', () => closeBoth('the page left'));
    page.on('error', () => undefined);
  });
}
