/**
 * The client's keepalive against a real node, through a WebSocket-level proxy
 * that can hold back the node's answers to `ping` (as a flooded connection
 * queues them behind stream frames) or stop passing anything (a dead link):
 * a connection that keeps delivering a stream is never dropped although its
 * pongs come late, and a silent one is dropped and attached again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { RunEvent } from '../../shared/protocol/methods/run';
import { RemoteNode } from './client/remote-node';
import type { NodeStatus } from './client/remote-node';
import { makeToken, serve } from './__fixtures__/serve-child';
import type { ServeChild } from './__fixtures__/serve-child';

interface FrameProxy {
  readonly port: number;
  /** How long the node's answers to pings are held back (0: passed at once). */
  holdPongsMs: number;
  /** While true, nothing from the node reaches the client (a dead link; the client's frames are dropped too). */
  frozen: boolean;
  readonly pongsHeld: number;
  close(): Promise<void>;
}

/** Relays each client connection to the node frame by frame, with the faults above. */
async function frameProxy(nodePort: number): Promise<FrameProxy> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const state = { holdPongsMs: 0, frozen: false, pongsHeld: 0 };
  const upstreams = new Set<WebSocket>();
  wss.on('connection', (client, req) => {
    const upstream = new WebSocket(`ws://127.0.0.1:${nodePort}/ws`, {
      headers: { Authorization: req.headers.authorization ?? '' },
    });
    upstreams.add(upstream);
    const early: string[] = [];
    const pings = new Set<unknown>();
    client.on('message', (data: Buffer) => {
      if (state.frozen) return;
      const text = data.toString('utf8');
      const m = JSON.parse(text) as { id?: unknown; type: string };
      if (m.type === 'ping') pings.add(m.id);
      if (upstream.readyState === upstream.OPEN) upstream.send(text);
      else early.push(text);
    });
    upstream.on('open', () => early.splice(0).forEach((t) => upstream.send(t)));
    upstream.on('message', (data: Buffer) => {
      if (state.frozen) return;
      const text = data.toString('utf8');
      const id = (JSON.parse(text) as { id?: unknown }).id;
      if (id !== undefined && pings.delete(id) && state.holdPongsMs > 0) {
        state.pongsHeld++;
        setTimeout(() => client.readyState === client.OPEN && client.send(text), state.holdPongsMs);
      } else if (client.readyState === client.OPEN) client.send(text);
    });
    const closeBoth = (): void => {
      client.terminate();
      upstream.terminate();
      upstreams.delete(upstream);
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  const address = wss.address();
  return Object.assign(state, {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    close: () =>
      new Promise<void>((r) => {
        for (const u of upstreams) u.terminate();
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  });
}

const LOOP = 'channel a, b\nP = a -> b -> P\nSYSTEM = P\n';
const dataDir = mkdtempSync(join(tmpdir(), 'csp-keepalive-'));
let node: ServeChild;
let proxy: FrameProxy;
let token = '';

beforeAll(async () => {
  token = await makeToken(dataDir, 'laptop', 'operator');
  node = await serve(dataDir, ['--quiet']);
  proxy = await frameProxy(node.port);
}, 120_000);

afterAll(async () => {
  await proxy.close();
  await node.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('keepalive', () => {
  it('never drops a connection that keeps delivering although its pongs come late; drops a silent one', async () => {
    const statuses: NodeStatus['state'][] = [];
    const remote = new RemoteNode({
      url: `ws://127.0.0.1:${proxy.port}/ws`,
      token,
      keepalive: { intervalMs: 400, timeoutMs: 1_000 },
      // A reconnect that opens its socket while the link is still dead loses its hello: it is given up after this.
      connectTimeoutMs: 3_000,
      backoff: { initialMs: 50, maxMs: 200 },
      onStatus: (s) => statuses.push(s.state),
    });
    try {
      await remote.start();
      const { runId } = await remote.request('run.start', { text: LOOP, name: 'loop.csp' });
      let steps = 0;
      await remote.subscribe('run.events', {
        runId,
        onEvent: (e: RunEvent) => {
          if (e.type === 'steps') steps += e.steps.length;
        },
      });
      // A steady stream: the run goes on in slices, one after the other, for as long as the test wants traffic.
      let streaming = true;
      const pump = (async () => {
        while (streaming) {
          const ok = await remote.request('run.continue', { runId, maxSteps: 2_000 }).then(
            () => true,
            () => false,
          );
          if (!ok) await new Promise((r) => setTimeout(r, 50)); // offline: no busy loop
        }
      })();
      await expect.poll(() => steps, { timeout: 20_000 }).toBeGreaterThan(0);

      // Busy: every pong held well past the deadline while the stream flows.
      proxy.holdPongsMs = 2_500;
      const heldBefore = proxy.pongsHeld;
      const stepsBefore = steps;
      await expect.poll(() => proxy.pongsHeld - heldBefore, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
      streaming = false;
      await pump;
      expect(steps).toBeGreaterThan(stepsBefore);
      expect(statuses.filter((s) => s === 'offline')).toEqual([]);
      expect(remote.online).toBe(true);

      // Dead: nothing comes any more. The keepalive gives up, and the client attaches again once the link is back.
      proxy.frozen = true;
      await expect.poll(() => statuses.includes('offline'), { timeout: 20_000 }).toBe(true);
      proxy.frozen = false;
      proxy.holdPongsMs = 0;
      await expect.poll(() => remote.online, { timeout: 20_000 }).toBe(true);
      await expect(remote.request('ping', {})).resolves.toBeDefined();
    } finally {
      remote.close();
    }
  }, 90_000);

  it("is not dropped when this process stalls past the deadline while the node's answer waits to be read", async () => {
    // A direct connection: the node (another process) answers each ping at once, but this process
    // is busy for three deadlines right after sending it, and then runs its timers before it reads the answer.
    const timeoutMs = 800; // a node slowed by a loaded machine still answers well within it
    const statuses: NodeStatus['state'][] = [];
    const remote = new RemoteNode({
      url: `ws://127.0.0.1:${node.port}/ws`,
      token,
      keepalive: { intervalMs: 400, timeoutMs },
      backoff: { initialMs: 50, maxMs: 200 },
      onStatus: (s) => statuses.push(s.state),
    });
    const send = WebSocket.prototype.send;
    let stalls = 0;
    WebSocket.prototype.send = function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
      send.apply(this, args);
      if (stalls < 2 && typeof args[0] === 'string' && (JSON.parse(args[0]) as { type?: string }).type === 'ping') {
        stalls++;
        // Stalled in the check phase, after this turn's socket reads: the next turn runs timers first.
        setImmediate(() => {
          const until = Date.now() + 3 * timeoutMs;
          while (Date.now() < until); // this process stalls; the node's pong arrives meanwhile
        });
      }
    } as WebSocket['send'];
    try {
      await remote.start();
      await expect.poll(() => stalls, { timeout: 20_000 }).toBe(2);
      await new Promise((r) => setTimeout(r, 4 * timeoutMs)); // past any deadline left over
      expect(statuses.filter((s) => s === 'offline')).toEqual([]);
      expect(remote.online).toBe(true);
    } finally {
      WebSocket.prototype.send = send;
      remote.close();
    }
  }, 60_000);

  it('a hello that is never answered is given up after the connect timeout, said, and tried again', async () => {
    // A WebSocket server that takes the upgrade and then says nothing, as a link that died just after it.
    const mute = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => mute.once('listening', () => r()));
    const address = mute.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    let upgrades = 0;
    mute.on('connection', () => upgrades++);
    const statuses: NodeStatus[] = [];
    const remote = new RemoteNode({
      url: `ws://127.0.0.1:${port}/ws`,
      token,
      connectTimeoutMs: 500,
      backoff: { initialMs: 50, maxMs: 100 },
      onStatus: (s) => statuses.push(s),
    });
    const attached = remote.start();
    attached.catch(() => undefined); // rejected by close() below
    try {
      await expect.poll(() => upgrades, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      const offline = statuses.find((s) => s.state === 'offline');
      expect(offline).toMatchObject({ reason: expect.stringMatching(/did not answer hello within 500 ms/) });
      expect(remote.online).toBe(false);
    } finally {
      remote.close();
      for (const c of mute.clients) c.terminate();
      await new Promise<void>((r) => mute.close(() => r()));
    }
  }, 60_000);
});
