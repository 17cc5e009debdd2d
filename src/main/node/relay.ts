/**
 * The studio's way into a remote node: the local web server relays a page's
 * WebSocket on `/nodes/<id>/ws` to the node, frame for frame, over a connection
 * this process opens with the node's certificate pin and token. The page never
 * sees the token, and every screen speaks the same protocol to the node that it
 * speaks to its own host. When the node cannot be reached the upgrade is
 * answered 502 (the page's connector retries with backoff); when either side
 * goes away the other is closed.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { WebSocketServer } from 'ws';
import type { Host } from '../host';
import { parseNodeUrl } from './client/address';
import { openConnection } from './client/connect';
import { knownNodes } from './nodes-handlers';

const PATH = /^\/nodes\/(n[0-9a-z]{4,32})\/ws$/;
const CONNECT_TIMEOUT_MS = 5_000;

export function isRelayPath(pathname: string): boolean {
  return PATH.test(pathname);
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
  const known = knownNodes(host);
  const node = known.get(id);
  if (node === undefined) return refuse(socket, 404, `no node ${id}`);
  let upstream: WebSocket;
  try {
    const address = parseNodeUrl(node.url);
    const { socket: raw } = await openConnection(address, known.pins, CONNECT_TIMEOUT_MS);
    upstream = new WebSocket(address.wsUrl, {
      headers: { Authorization: `Bearer ${node.token}` },
      createConnection: () => raw,
      perMessageDeflate: false,
      handshakeTimeout: CONNECT_TIMEOUT_MS,
    });
    await new Promise<void>((resolve, reject) => {
      upstream.once('open', () => resolve());
      upstream.once('unexpected-response', (_r, res) =>
        reject(new Error(`the node answered HTTP ${res.statusCode ?? 0}`)),
      );
      upstream.once('error', reject);
    });
  } catch (error) {
    const reason = `node ${node.label} (${node.url}) is unreachable: ${error instanceof Error ? error.message : String(error)}`;
    host.log.write('warn', 'nodes', reason);
    return refuse(socket, 502, reason);
  }
  upstream.removeAllListeners('error');
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
