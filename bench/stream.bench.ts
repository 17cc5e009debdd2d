/**
 * Node → client event streaming over loopback WebSocket.
 *
 * Ours: a node server (src/main/node/server.ts: gate, session, credit-based
 * subscription, send-buffer backpressure) streaming `run.events` with the real
 * event shape (RunEvent `steps`, one step per event) to a client that grants
 * credit in half-window steps, as the stock client does.
 * Ceiling: a plain `ws` server sending the same envelopes in a loop (each one
 * JSON-encoded as it is sent, waiting while more than 1 MiB is unsent), to the
 * same client code. Interleaved repetitions, medians.
 * Also: the stock ProtocolClient (zod-validated events, window 64), and a slow
 * client that stops reading while the run pushes events: how much the node's
 * memory grows.
 */
import os from 'node:os';
import { WebSocket, WebSocketServer } from 'ws';
import type { Benchmark, BenchOptions, BenchResult } from './types';
import { Host, HostLog } from '../src/main/host';
import type { StreamSink, StreamSource } from '../src/main/host/streams';
import { NodeGate } from '../src/main/node/gate';
import { NodeMetrics } from '../src/main/node/metrics';
import { startNodeServer } from '../src/main/node/server';
import { RemoteNode } from '../src/main/node/client/remote-node';

const TOKEN = 'cspn_bench-token-0123456789abcdef';
const WINDOW = Number(process.env.CSP_BENCH_WINDOW ?? 1024);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}
const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`);

/** One step of a philosophers run, as run.events carries it. */
function stepEvent(seq: number): unknown {
  const i = seq % 5;
  return {
    type: 'steps',
    steps: [
      { seq, kind: 'event', event: `left.${i}.up`, hidden: false, processes: [`Phil(${i})`, `Fork(${i})`], branch: 0 },
    ],
  };
}

/** Produces `count` events, keeping the subscription's backlog short (a run's steps arrive as fast as they are taken). */
class BenchSource implements StreamSource {
  constructor(
    private readonly count: number,
    private readonly cooperative: boolean,
  ) {}

  subscribe(_runId: string | undefined, _since: number, sink: StreamSink): { headSeq: number; stop(): void } {
    let seq = 0;
    let stopped = false;
    const pending = (): number => (sink as unknown as { pending: number }).pending;
    const pump = (): void => {
      if (stopped) return;
      while (seq < this.count && (!this.cooperative || pending() < 128)) sink.event(++seq, stepEvent(seq));
      if (seq < this.count) setImmediate(pump);
    };
    setImmediate(pump);
    return { headSeq: 0, stop: () => (stopped = true) };
  }
}

async function startNode(source: StreamSource): Promise<{ port: number; close(): Promise<void> }> {
  const host = new Host({
    mode: 'remote',
    dataDir: '/nonexistent',
    version: 'bench',
    store: { error: 'no store in the bench' },
    log: new HostLog(),
  });
  host.registerStream('run.events', source);
  const gate = new NodeGate({
    listenHost: '127.0.0.1',
    allowHosts: [],
    allowOrigins: [],
    authenticate: () => ({ ok: false, reason: 'unknown' }),
    launchToken: TOKEN,
  });
  const server = await startNodeServer({
    host,
    gate,
    metrics: new NodeMetrics(),
    listenHost: '127.0.0.1',
    port: 0,
    rateLimit: { perSecond: 10_000, burst: 20_000 },
    tokenValid: () => true,
  });
  return { port: server.port, close: () => server.close() };
}

/** The client both servers stream to: parse each message, count events, grant credit in half-window steps. */
function receive(port: number, count: number, protocol: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
      perMessageDeflate: false,
    });
    let got = 0;
    let consumed = 0;
    let started = 0;
    ws.on('open', () => {
      started = performance.now();
      if (!protocol) return;
      ws.send(JSON.stringify({ v: 1, id: 1, type: 'hello', payload: { protocol: '1.0' } }));
      ws.send(
        JSON.stringify({
          v: 1,
          id: 2,
          type: 'subscribe',
          payload: { stream: 'run.events', runId: 'bench', sinceSeq: 0, credit: WINDOW },
        }),
      );
    });
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as { type: string; payload: { subscription?: string } };
      if (m.type === 'gap') return reject(new Error('the stream reported a gap: events were dropped'));
      if (m.type !== 'event') return;
      got++;
      if (++consumed >= WINDOW / 2) {
        ws.send(
          JSON.stringify({ v: 1, type: 'credit', payload: { subscription: m.payload.subscription, credit: consumed } }),
        );
        consumed = 0;
      }
      if (got === count) {
        const seconds = (performance.now() - started) / 1000;
        ws.close();
        resolve(count / seconds);
      }
    });
    ws.on('error', reject);
  });
}

export async function ours(count: number): Promise<number> {
  const node = await startNode(new BenchSource(count, true));
  try {
    return await receive(node.port, count, true);
  } finally {
    await node.close();
  }
}

export async function ceiling(count: number): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws) => {
    let seq = 0;
    const pump = (): void => {
      while (seq < count && ws.bufferedAmount < 1 << 20) {
        seq++;
        ws.send(JSON.stringify({ v: 1, type: 'event', payload: { subscription: 's1', seq, data: stepEvent(seq) } }));
      }
      if (seq < count && ws.readyState === ws.OPEN) setImmediate(pump);
    };
    pump();
  });
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    return await receive(port, count, false);
  } finally {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  }
}

/** The stock client (ProtocolClient through RemoteNode: zod-checked events, window 64). */
async function stock(count: number): Promise<number> {
  const node = await startNode(new BenchSource(count, true));
  const client = new RemoteNode({ url: `ws://127.0.0.1:${node.port}/ws`, token: TOKEN });
  try {
    await client.start();
    let got = 0;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      void client.subscribe('run.events', { runId: 'bench', onEvent: () => (++got === count ? resolve() : undefined) });
    });
    return count / ((performance.now() - t0) / 1000);
  } finally {
    client.close();
    await node.close();
  }
}

/** A client that stops reading while `count` events are pushed at full speed: the node's memory growth (MB) and whether a gap told it what it missed. */
async function slowClient(count: number): Promise<{ growthMb: number; gap: boolean }> {
  const node = await startNode(new BenchSource(count, false));
  const ws = new WebSocket(`ws://127.0.0.1:${node.port}/ws`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  let gap = false;
  await new Promise<void>((r) => ws.once('open', () => r()));
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  ws.on('message', (d: Buffer) => {
    if (d.toString('utf8').includes('"type":"gap"')) gap = true;
  });
  ws.send(JSON.stringify({ v: 1, id: 1, type: 'hello', payload: { protocol: '1.0' } }));
  ws.send(
    JSON.stringify({
      v: 1,
      id: 2,
      type: 'subscribe',
      payload: { stream: 'run.events', runId: 'bench', credit: 10_000 },
    }),
  );
  // Stop reading: the kernel buffers fill, then the node's send buffer, then events wait and drop to a gap.
  setTimeout(() => (ws as unknown as { _socket: { pause(): void } })._socket.pause(), 50);
  const until = performance.now() + 3000;
  while (performance.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  (ws as unknown as { _socket: { resume(): void } })._socket.resume();
  await new Promise((r) => setTimeout(r, 500));
  ws.terminate();
  await node.close();
  return { growthMb: (peak - before) / 1e6, gap };
}

export const bench: Benchmark = {
  id: 'stream',
  title: 'Node → client event streaming over loopback WebSocket',
  async run({ smoke, log }: BenchOptions): Promise<BenchResult> {
    const count = smoke ? 2_000 : 200_000;
    const reps = smoke ? 1 : 5;
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < reps; i++) {
      b.push(await ceiling(count));
      a.push(await ours(count));
      c.push(await stock(count));
      log(`rep ${i + 1}: ceiling ${fmt(b[i]!)}/s, node ${fmt(a[i]!)}/s, stock client ${fmt(c[i]!)}/s`);
    }
    const load = os.loadavg()[0] ?? 0;
    const slow = await slowClient(smoke ? 20_000 : 200_000);
    const ratio = median(a) / median(b);
    const markdown = [
      `${count.toLocaleString('en')} events per repetition (one step each, the real \`run.events\` shape), ${reps} interleaved repetitions, medians (min–max). Server and client share this process.`,
      `Client: JSON-parses every message, grants credit in half-window steps (window ${WINDOW}).`,
      `Load average (1 min) at the end of the repetitions: ${load.toFixed(1)} on ${os.cpus().length} cores; the ratio is the figure to read when the machine is shared.`,
      '',
      '| path | events/s | vs ceiling (target ≥ 0.8×) |',
      '| --- | --- | --- |',
      `| plain \`ws\` send loop (ceiling) | ${fmt(median(b))} (${fmt(Math.min(...b))}–${fmt(Math.max(...b))}) | 1.00× |`,
      `| node: gate, session, credit, backpressure | ${fmt(median(a))} (${fmt(Math.min(...a))}–${fmt(Math.max(...a))}) | **${ratio.toFixed(2)}×** |`,
      `| node to the stock client (zod-checked events, window 64) | ${fmt(median(c))} (${fmt(Math.min(...c))}–${fmt(Math.max(...c))}) | ${(median(c) / median(b)).toFixed(2)}× |`,
      '',
      `Slow client (stops reading for 3 s while ${(smoke ? 20_000 : 200_000).toLocaleString('en')} events are pushed with credit 10,000): the node's resident memory grew ${slow.growthMb.toFixed(1)} MB; the client was told of the dropped events with ${slow.gap ? 'a gap' : 'NO gap (wrong)'}.`,
    ].join('\n');
    return { markdown, command: 'npm run bench -- --only stream' };
  },
};
