/**
 * A studio's attachment to one node: the protocol client over WebSocket with
 * the node's token, its certificate pinned on first use, and a connection
 * that comes back by itself.
 *  - `start()` resolves once attached; it rejects only for what retrying
 *    cannot fix (a refused token, a changed certificate, another protocol
 *    major). Network failures are retried with exponential backoff and
 *    jitter; `onStatus` says what is happening (connecting, online, offline
 *    with the next retry, failed).
 *  - Streams opened with `subscribe` outlive the connection: after a
 *    reconnect each is opened again from the last seq it received, and
 *    events are handed on exactly once, in seq order. When the node itself
 *    restarted (a new instanceId) its seqs begin again: `onReset` says so.
 *  - Requests made while offline fail at once with `unavailable`.
 * The UI builds its "Nodes" panel on this; several can be attached at once.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { WebSocket } from 'ws';
import type { ClientTransport, MethodName, ParamsIn, Result, StreamEvent, StreamName } from '../../../shared/protocol';
import { KEEPALIVE_INTERVAL_MS, MAX_MESSAGE_BYTES, ProtocolClient, ProtocolError } from '../../../shared/protocol';
import type { NodeHealth } from '../health';
import { parseNodeUrl, type NodeAddress } from './address';
import { PinMismatchError, openConnection } from './connect';
import { MemoryPins, type PinStore } from './pins';

export type NodeStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'connecting'; readonly attempt: number }
  | {
      readonly state: 'online';
      readonly hello: Result<'hello'>;
      readonly restarted: boolean;
      readonly pin?: { fingerprint: string; firstUse: boolean };
    }
  | { readonly state: 'offline'; readonly reason: string; readonly attempt: number; readonly retryInMs: number }
  | {
      readonly state: 'failed';
      readonly reason: string;
      readonly code: 'unauthorized' | 'forbidden' | 'pin_mismatch' | 'protocol_mismatch';
    }
  | { readonly state: 'closed' };

export interface RemoteNodeOptions {
  readonly url: string;
  readonly token: string;
  /** Where certificate pins live (default: in memory, so every start trusts on first use again). */
  readonly pins?: PinStore;
  readonly onStatus?: (status: NodeStatus) => void;
  /** First retry delay, growth factor and cap (default 250 ms, ×2, 30 s); each delay gets 50–100 % jitter. */
  readonly backoff?: { readonly initialMs?: number; readonly factor?: number; readonly maxMs?: number };
  readonly connectTimeoutMs?: number;
  readonly client?: { readonly name: string; readonly version: string };
  /**
   * How often a ping goes out (default KEEPALIVE_INTERVAL_MS), and how long after it the
   * connection may stay silent before it is taken for dead (default half of that). Any
   * byte from the node counts, not only the answer to the ping (see startKeepalive).
   */
  readonly keepalive?: { readonly intervalMs?: number; readonly timeoutMs?: number };
}

export interface NodeSubscribeOptions<S extends StreamName> {
  readonly runId?: string;
  /** Last seq already held (default 0: from the start). */
  readonly sinceSeq?: number;
  readonly window?: number;
  readonly onEvent: (data: StreamEvent<S>, seq: number) => void;
  readonly onGap?: (fromSeq: number, toSeq: number) => void;
  /** The node restarted: its stream starts again from seq 1 (a run that was live is gone). */
  readonly onReset?: () => void;
}

export interface NodeSubscription {
  readonly lastSeq: number;
  close(): Promise<void>;
}

interface LiveSub {
  readonly stream: StreamName;
  readonly options: NodeSubscribeOptions<StreamName>;
  lastSeq: number;
  open: { close(): Promise<void> } | undefined;
  closed: boolean;
}

const PERMANENT: Record<number, 'unauthorized' | 'forbidden'> = { 401: 'unauthorized', 403: 'forbidden' };

class Refused extends Error {
  constructor(
    readonly code: 'unauthorized' | 'forbidden' | 'pin_mismatch' | 'protocol_mismatch' | undefined,
    message: string,
    /** For 429: how long the node asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class RemoteNode {
  readonly address: NodeAddress;
  private readonly pins: PinStore;
  private client: ProtocolClient | undefined;
  private socket: WebSocket | undefined;
  private state: NodeStatus = { state: 'idle' };
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private keepalive: ReturnType<typeof setInterval> | undefined;
  /** When the current connection last received anything from the node (bytes on its socket). */
  private lastTraffic = 0;
  private instanceId: string | undefined;
  private readonly subs = new Set<LiveSub>();
  private stopped = false;
  private firstAttach: { resolve: (hello: Result<'hello'>) => void; reject: (error: Error) => void } | undefined;

  constructor(private readonly o: RemoteNodeOptions) {
    this.address = parseNodeUrl(o.url);
    this.pins = o.pins ?? new MemoryPins();
  }

  get status(): NodeStatus {
    return this.state;
  }

  get online(): boolean {
    return this.state.state === 'online';
  }

  /** Attaches; resolves with the node's hello once online. */
  start(): Promise<Result<'hello'>> {
    if (this.stopped) return Promise.reject(new Error('this node connection was closed'));
    return new Promise((resolve, reject) => {
      this.firstAttach = { resolve, reject };
      void this.connect();
    });
  }

  request<M extends MethodName>(
    method: M,
    params: ParamsIn<M>,
    options: { signal?: AbortSignal } = {},
  ): Promise<Result<M>> {
    const client = this.client;
    if (client === undefined || !this.online || client.closed) {
      const why =
        this.state.state === 'offline'
          ? `offline (${this.state.reason}); retrying in ${Math.ceil(this.state.retryInMs / 1000)} s`
          : this.state.state;
      return Promise.reject(new ProtocolError('unavailable', `node ${this.address.key} is ${why}`));
    }
    return client.request(method, params, options);
  }

  /** A stream that survives reconnects (see the file comment). */
  async subscribe<S extends StreamName>(stream: S, options: NodeSubscribeOptions<S>): Promise<NodeSubscription> {
    const sub: LiveSub = {
      stream,
      options: options as unknown as NodeSubscribeOptions<StreamName>,
      lastSeq: options.sinceSeq ?? 0,
      open: undefined,
      closed: false,
    };
    this.subs.add(sub);
    if (this.online) await this.open(sub);
    return {
      get lastSeq() {
        return sub.lastSeq;
      },
      close: async () => {
        sub.closed = true;
        this.subs.delete(sub);
        await sub.open?.close().catch(() => undefined);
      },
    };
  }

  /** GET /health over the same pinned connection and token. */
  async health(): Promise<NodeHealth> {
    const { socket } = await openConnection(this.address, this.pins, this.o.connectTimeoutMs ?? 10_000);
    const request = this.address.secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.address.host,
          port: this.address.port,
          path: '/health',
          createConnection: () => socket,
          headers: { Authorization: `Bearer ${this.o.token}` },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c.length + body.length > MAX_MESSAGE_BYTES ? '' : c));
          res.on('end', () => {
            if (res.statusCode !== 200)
              return reject(
                new ProtocolError(
                  res.statusCode === 401 ? 'unauthorized' : 'unavailable',
                  `GET /health: HTTP ${res.statusCode}: ${body.trim()}`,
                ),
              );
            try {
              resolve(JSON.parse(body) as NodeHealth);
            } catch {
              reject(new ProtocolError('bad_message', 'GET /health: the node answered something that is not JSON'));
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** Detaches for good (no more retries). */
  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.keepalive);
    this.client?.close();
    this.socket?.terminate();
    this.setStatus({ state: 'closed' });
    this.firstAttach?.reject(new Error('closed before it attached'));
    this.firstAttach = undefined;
  }

  private setStatus(status: NodeStatus): void {
    this.state = status;
    this.o.onStatus?.(status);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.attempt++;
    this.setStatus({ state: 'connecting', attempt: this.attempt });
    try {
      const { hello, pin } = await this.attach();
      const restarted = this.instanceId !== undefined && this.instanceId !== hello.host.instanceId;
      this.instanceId = hello.host.instanceId;
      this.attempt = 0;
      this.setStatus({ state: 'online', hello, restarted, ...(pin !== undefined ? { pin } : {}) });
      this.startKeepalive();
      for (const sub of this.subs) {
        if (restarted && sub.lastSeq > 0) {
          sub.lastSeq = 0;
          sub.options.onReset?.();
        }
        await this.open(sub).catch(() => undefined);
      }
      this.firstAttach?.resolve(hello);
      this.firstAttach = undefined;
    } catch (error) {
      this.lost(error);
    }
  }

  /** One connection attempt: socket with pin check, WebSocket upgrade with the token, hello. */
  private async attach(): Promise<{ hello: Result<'hello'>; pin?: { fingerprint: string; firstUse: boolean } }> {
    const timeout = this.o.connectTimeoutMs ?? 10_000;
    const connected = await openConnection(this.address, this.pins, timeout);
    const ws = new WebSocket(this.address.wsUrl, {
      headers: { Authorization: `Bearer ${this.o.token}` },
      createConnection: () => connected.socket,
      maxPayload: 4 * MAX_MESSAGE_BYTES,
      perMessageDeflate: false,
      handshakeTimeout: timeout,
    });
    this.socket = ws;
    const transport = await new Promise<ClientTransport>((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const retry = Number(res.headers['retry-after']);
          reject(
            new Refused(
              PERMANENT[status],
              `HTTP ${status}: ${body.trim() || res.statusMessage || ''}`,
              status === 429 && Number.isFinite(retry) ? retry * 1000 : undefined,
            ),
          );
        });
      });
      ws.once('error', reject);
      ws.once('open', () => {
        ws.removeAllListeners('error');
        // Liveness is any traffic from the node, counted on the socket (a large frame arriving
        // slowly counts while it arrives), so a busy connection is never taken for a dead one.
        this.lastTraffic = Date.now();
        connected.socket.on('data', () => {
          if (this.socket === ws) this.lastTraffic = Date.now();
        });
        let onMessage: ((text: string) => void) | undefined;
        let onClose: ((reason: string) => void) | undefined;
        ws.on('message', (data, isBinary) => {
          if (!isBinary)
            onMessage?.(
              Buffer.isBuffer(data)
                ? data.toString('utf8')
                : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'),
            );
        });
        ws.on('close', (code, reason) => onClose?.(reason.toString('utf8') || `connection lost (code ${code})`));
        ws.on('error', () => undefined); // 'close' follows and says it
        resolve({
          send: (text) => {
            if (ws.readyState === ws.OPEN) ws.send(text);
          },
          onMessage: (l) => (onMessage = l),
          onClose: (l) => (onClose = l),
          close: () => ws.close(1000, 'detached'),
        });
      });
    });
    const client = new ProtocolClient(transport);
    transport.onClose((reason) => {
      if (this.client === client) this.lost(new Error(reason));
    });
    this.client = client;
    // The keepalive starts only once online, so a hello lost on the way (a link that died
    // just as the socket opened) would otherwise be waited for forever, with no retry.
    let helloLost = false;
    const helloDeadline = setTimeout(() => {
      helloLost = true;
      // Not this.lost() from the close: the catch below says why, once.
      if (this.client === client) this.client = undefined;
      client.close(); // fails the pending hello
      ws.terminate();
    }, timeout);
    try {
      const hello = await client.hello(
        ['streams.credit', 'cancel'],
        this.o.client ?? { name: 'csp-studio', version: '0' },
      );
      return { hello, ...(connected.pin !== undefined ? { pin: connected.pin } : {}) };
    } catch (error) {
      if (error instanceof ProtocolError && error.code === 'protocol_mismatch')
        throw new Refused('protocol_mismatch', error.message);
      if (helloLost)
        throw new ProtocolError('unavailable', `node ${this.address.key} did not answer hello within ${timeout} ms`);
      throw error;
    } finally {
      clearTimeout(helloDeadline);
    }
  }

  private async open(sub: LiveSub): Promise<void> {
    const client = this.client;
    if (client === undefined || sub.closed) return;
    const o = sub.options;
    sub.open = await client.subscribe(sub.stream, {
      ...(o.runId !== undefined ? { runId: o.runId } : {}),
      sinceSeq: sub.lastSeq,
      ...(o.window !== undefined ? { window: o.window } : {}),
      onEvent: (data, seq) => {
        // A resubscribe may replay what an earlier connection already delivered: each seq once.
        if (sub.closed || seq <= sub.lastSeq) return;
        sub.lastSeq = seq;
        o.onEvent(data, seq);
      },
      onGap: (from, to) => {
        if (to > sub.lastSeq) o.onGap?.(Math.max(from, sub.lastSeq + 1), to);
      },
    });
  }

  /**
   * Pings the node every interval. The connection is taken for dead only when nothing at all
   * came from the node between a ping and its deadline: a flooded connection's answer to the
   * ping waits behind the stream frames already queued ahead of it (up to the node's send
   * buffer), and those frames arriving prove the connection alive. Nor is it dropped for this
   * process's own stall: a deadline that fires late is counted again from when it could listen.
   */
  private startKeepalive(): void {
    clearInterval(this.keepalive);
    const intervalMs = this.o.keepalive?.intervalMs ?? KEEPALIVE_INTERVAL_MS;
    const timeoutMs = this.o.keepalive?.timeoutMs ?? intervalMs / 2;
    this.keepalive = setInterval(() => {
      const client = this.client;
      const socket = this.socket;
      if (client === undefined || socket === undefined || !this.online) return;
      const sentAt = Date.now();
      let answered = false;
      let deadline: ReturnType<typeof setTimeout>;
      const arm = (): void => {
        const armedAt = Date.now();
        deadline = setTimeout(() => {
          if (answered || this.socket !== socket || this.lastTraffic >= sentAt) return;
          // A deadline that fires well after its time means this process stalled (a long
          // synchronous task), not the link: the event loop runs timers before it reads sockets,
          // so an answer already waiting would be judged missing. Count again from now.
          if (Date.now() - armedAt > timeoutMs * 1.5) return arm();
          socket.terminate(); // 'close' follows: offline, then retries
        }, timeoutMs);
        deadline.unref();
      };
      arm();
      const settle = (): void => {
        answered = true;
        clearTimeout(deadline);
      };
      client.request('ping', {}).then(settle, settle);
    }, intervalMs);
    this.keepalive.unref();
  }

  /** The connection is gone or could not be made: fail for good, or retry later. */
  private lost(error: unknown): void {
    if (this.stopped) return;
    clearInterval(this.keepalive);
    const client = this.client;
    this.client = undefined;
    for (const sub of this.subs) sub.open = undefined;
    client?.close();
    this.socket?.terminate();
    const permanent =
      error instanceof PinMismatchError ? 'pin_mismatch' : error instanceof Refused ? error.code : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    if (permanent !== undefined) {
      this.stopped = true;
      this.setStatus({ state: 'failed', reason, code: permanent });
      this.firstAttach?.reject(
        new ProtocolError(
          permanent === 'pin_mismatch'
            ? 'forbidden'
            : permanent === 'protocol_mismatch'
              ? 'protocol_mismatch'
              : permanent,
          reason,
        ),
      );
      this.firstAttach = undefined;
      return;
    }
    const b = this.o.backoff ?? {};
    const base = Math.min(b.maxMs ?? 30_000, (b.initialMs ?? 250) * (b.factor ?? 2) ** Math.max(0, this.attempt - 1));
    const delay = Math.max(
      error instanceof Refused && error.retryAfterMs !== undefined ? error.retryAfterMs : 0,
      Math.round(base * (0.5 + Math.random() / 2)),
    );
    this.setStatus({ state: 'offline', reason, attempt: this.attempt, retryInMs: delay });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
