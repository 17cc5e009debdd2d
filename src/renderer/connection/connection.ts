/**
 * Keeps the UI connected to its host: connect, hello, keep-alive pings, and on
 * loss retry with capped backoff forever ("disconnected, retrying…"). State is
 * published to the zustand store; host data itself goes through react-query.
 */
import type { ClientTransport, Result } from '../../shared/protocol';
import { KEEPALIVE_INTERVAL_MS, ProtocolClient } from '../../shared/protocol';
import { useConnection } from '../state/connection-store';
import { toastInfo } from '../state/toast-store';

export interface ConnectorOptions {
  /** Produces a fresh transport for each attempt. */
  readonly open: () => Promise<ClientTransport>;
  /** Web mode: tells a dead host from a host that restarted with another token. */
  readonly checkAuth?: () => Promise<'ok' | 'unauthorized' | 'unreachable'>;
  readonly clientVersion: string;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 3000];

export class Connector {
  private client: ProtocolClient | undefined;
  private attempt = 0;
  private stopped = false;
  private keepalive: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by restart(): an attempt begun before it gives up what it opened. */
  private generation = 0;

  constructor(private readonly options: ConnectorOptions) {}

  get current(): ProtocolClient | undefined {
    return this.client;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.keepalive);
    this.client?.close();
  }

  /** Drops the current connection and connects again at once (the workspace moved to another host). */
  restart(): void {
    const old = this.client;
    this.client = undefined; // so its close is not taken for a loss
    clearTimeout(this.retryTimer);
    clearInterval(this.keepalive);
    old?.close();
    this.attempt = 0;
    this.stopped = false;
    this.generation++;
    useConnection.getState().set({ client: undefined, hello: undefined });
    void this.connect();
  }

  /** Skips the wait before the next attempt (the "Retry now" button). */
  retryNow(): void {
    if (this.client && !this.client.closed) return;
    clearTimeout(this.retryTimer);
    void this.connect();
  }

  private async connect(): Promise<void> {
    const generation = this.generation;
    const store = useConnection.getState();
    store.set({ status: this.attempt === 0 ? 'connecting' : 'retrying', attempt: this.attempt });
    try {
      const transport = await this.options.open();
      const client = new ProtocolClient(transport);
      transport.onClose((reason) => this.lost(client, reason));
      const hello: Result<'hello'> = await client.hello(['ui'], {
        name: 'studio-ui',
        version: this.options.clientVersion,
      });
      if (generation !== this.generation) return client.close();
      const before = store.hello;
      if (before !== undefined && before.host.instanceId !== hello.host.instanceId) {
        // Same workspace, new process: whatever ran live in the old one is gone.
        const workspace = useConnection.getState().workspace;
        toastInfo(
          `${workspace.kind === 'node' ? `Node ${workspace.label}` : 'The host'} restarted: runs that were live on it have stopped (their recorded steps are in Runs).`,
        );
      }
      this.client = client;
      this.attempt = 0;
      store.set({ status: 'connected', attempt: 0, hello, client, lastError: undefined, connectedAt: Date.now() });
      clearInterval(this.keepalive);
      this.keepalive = setInterval(() => {
        client.request('ping', {}).catch(() => undefined);
      }, KEEPALIVE_INTERVAL_MS);
    } catch (error) {
      if (generation !== this.generation) return;
      const message = error instanceof Error ? error.message : String(error);
      await this.scheduleRetry(message);
    }
  }

  private lost(client: ProtocolClient, reason: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.keepalive);
    void this.scheduleRetry(reason);
  }

  private async scheduleRetry(reason: string): Promise<void> {
    if (this.stopped) return;
    const auth = this.options.checkAuth ? await this.options.checkAuth() : 'unreachable';
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 3000;
    this.attempt++;
    useConnection.getState().set({
      status: auth === 'unauthorized' ? 'unauthorized' : 'retrying',
      attempt: this.attempt,
      lastError: reason,
      client: undefined,
      nextRetryAt: Date.now() + delay,
    });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
