/**
 * Desktop mode's way into a remote node: a window's IPC line relayed to the
 * node over a connection this (main) process opens with the pin and token it
 * keeps (`openUpstream`, shared with web mode's `/nodes/<id>/ws`). The page
 * only ever sends and receives protocol strings; the token stays here.
 *
 * IPC has no handshake of its own, so the page's first messages (its hello)
 * may arrive before the node is reached: they wait here, bounded. When the
 * node cannot be reached, or goes away later, the line is closed with the
 * reason and the page's connector retries with backoff, as over WebSocket.
 */
import type { WebSocket } from 'ws';
import type { Host } from '../host';
import { openUpstream } from './relay';

/** What the link needs from the page's side (the IPC session of one window line). */
export interface PageEnd {
  send(text: string): void;
  close(reason: string): void;
}

/** What the IPC binding calls: the same two methods as a local Session. */
export interface Link {
  receive(text: string): void;
  transportClosed(): void;
}

/** Messages the page may send before the node answers; more is not a protocol client's behaviour. */
const MAX_EARLY_MESSAGES = 64;
const MAX_EARLY_BYTES = 4 << 20;

export function nodeLink(host: Host, id: string, page: PageEnd): Link {
  let upstream: WebSocket | undefined;
  let closed = false;
  let early: string[] | undefined = [];
  let earlyBytes = 0;

  const end = (reason: string): void => {
    if (closed) return;
    closed = true;
    early = undefined;
    if (upstream !== undefined && upstream.readyState === upstream.OPEN) upstream.close(1000, 'the page left');
    else upstream?.terminate();
    page.close(reason);
  };

  openUpstream(host, id).then(
    ({ upstream: ws, node }) => {
      if (closed) return void ws.close(1000, 'the page left');
      upstream = ws;
      ws.on('message', (data, isBinary) => {
        if (closed || isBinary) return;
        const chunks = Array.isArray(data) ? data : [Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data))];
        page.send(Buffer.concat(chunks).toString('utf8'));
      });
      ws.on('close', (code, reason) => {
        const why = reason.toString('utf8');
        end(`node ${node.label} went away (code ${code}${why !== '' ? `: ${why}` : ''})`);
      });
      ws.on('error', () => undefined); // 'close' follows and says why
      const waiting = early ?? [];
      early = undefined;
      for (const text of waiting) ws.send(text);
    },
    (error: unknown) => end(error instanceof Error ? error.message : String(error)),
  );

  return {
    receive(text) {
      if (closed) return;
      if (early !== undefined) {
        earlyBytes += Buffer.byteLength(text);
        if (early.length >= MAX_EARLY_MESSAGES || earlyBytes > MAX_EARLY_BYTES)
          return end('too many messages before the node answered');
        early.push(text);
        return;
      }
      if (upstream !== undefined && upstream.readyState === upstream.OPEN) upstream.send(text);
    },
    transportClosed() {
      if (closed) return;
      closed = true;
      early = undefined;
      if (upstream !== undefined && upstream.readyState === upstream.OPEN) upstream.close(1000, 'the page left');
      else upstream?.terminate();
    },
  };
}
