/**
 * The host: a plain Node object that owns the store and the engine-facing
 * services and answers the protocol for any number of sessions. Transports
 * (in-process, WebSocket, Electron IPC) only move strings in and out of a
 * Session; nothing here knows which one is in use.
 */
import { randomUUID } from 'node:crypto';
import type { HostMode, StoreStatus, StreamName } from '../../shared/protocol';
import { PROTOCOL_VERSION, ProtocolError } from '../../shared/protocol';
import type { Store } from '../store';
import { HostLog } from './log';
import { defaultServices } from './services';
import type { HostServices, ServiceFactory } from './services';
import type { RunPolicy } from '../runtime/policy';
import type { SessionOptions, SessionTransport } from './session';
import { Session } from './session';
import type { StreamSource } from './streams';

export interface HostOptions {
  readonly mode: HostMode;
  readonly dataDir: string;
  readonly version: string;
  /** The open store, or why it could not be opened (the host still serves; host.info says so). */
  readonly store: Store | { readonly error: string };
  readonly log?: HostLog;
  readonly idleTimeoutMs?: number;
  /** Builds the host's services (default: the real ones over this host's store and log). */
  readonly services?: ServiceFactory;
  /** What its runs may do (a node sets a script heap, egress and quotas). */
  readonly runPolicy?: RunPolicy;
}

export class Host {
  readonly name = 'CSP Agent Network Studio';
  readonly mode: HostMode;
  readonly dataDir: string;
  readonly version: string;
  readonly log: HostLog;
  readonly capabilities: string[] = ['streams.credit', 'cancel'];
  /** Random per start, so clients can tell a restarted host (whose stream seqs begin again) from a reconnect. */
  readonly instanceId = randomUUID();
  /** Checks, runs, workflows and probes; each domain's handlers reach theirs here. */
  readonly services: HostServices;
  private readonly sources = new Map<StreamName, StreamSource>();
  private readonly closeHooks: Array<() => void> = [];
  private readonly sessions = new Set<Session>();
  private readonly idleTimeoutMs: number | undefined;
  private readonly storeOrError: Store | { readonly error: string };

  constructor(options: HostOptions) {
    this.mode = options.mode;
    this.dataDir = options.dataDir;
    this.version = options.version;
    this.storeOrError = options.store;
    this.log = options.log ?? new HostLog();
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.sources.set('host.log', this.log);
    this.services = (options.services ?? defaultServices)({
      store: () => this.store,
      requireStore: () => this.requireStore(),
      log: this.log,
      ...(options.runPolicy !== undefined ? { runPolicy: options.runPolicy } : {}),
    });
    this.sources.set('check.events', this.services.checks);
    this.sources.set('run.events', this.services.runs);
    this.onClose(() => this.services.checks.cancelAll());
    this.onClose(() => void this.services.runs.stopAll());
    this.onClose(() => this.services.probes.closeAll());
  }

  /** The store, or undefined when it could not be opened. */
  get store(): Store | undefined {
    return 'error' in this.storeOrError ? undefined : this.storeOrError;
  }

  /** The store, or ProtocolError `unavailable` saying why it is not open. */
  requireStore(): Store {
    if ('error' in this.storeOrError)
      throw new ProtocolError('unavailable', `the store is not open: ${this.storeOrError.error}`);
    return this.storeOrError;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  storeStatus(): StoreStatus {
    const s = this.storeOrError;
    if ('error' in s) return { status: 'unavailable', message: s.error };
    const schemaVersion = Number(s.db.pragma('user_version', { simple: true }));
    const { encrypted, description } = s.secrets.storage();
    return { status: 'open', path: s.db.name, schemaVersion, secrets: { encrypted, description } };
  }

  /** Later domains register their streams here (e.g. run events). */
  registerStream(name: StreamName, source: StreamSource): void {
    this.sources.set(name, source);
  }

  stream(name: StreamName): StreamSource {
    const source = this.sources.get(name);
    if (!source) throw new ProtocolError('unavailable', `stream '${name}' has no source in this host (yet)`);
    return source;
  }

  /** Domains that own resources (worker threads, timers) release them here when the host stops. */
  onClose(hook: () => void): void {
    this.closeHooks.push(hook);
  }

  /** A transport calls this for each new connection and feeds messages to the returned session. */
  connect(transport: SessionTransport, options: SessionOptions = {}): Session {
    const session = new Session(randomUUID(), this, transport, {
      ...(this.idleTimeoutMs !== undefined ? { idleTimeoutMs: this.idleTimeoutMs } : {}),
      ...options,
    });
    this.sessions.add(session);
    return session;
  }

  /** Called by a session when it ends. */
  forget(session: Session): void {
    this.sessions.delete(session);
  }

  /** Ends every session and closes the store. */
  close(reason = 'host shutting down'): void {
    for (const session of [...this.sessions]) session.close(reason);
    for (const hook of this.closeHooks.splice(0)) {
      try {
        hook();
      } catch (error) {
        this.log.write('error', 'host', `a close hook failed: ${String(error)}`);
      }
    }
    this.store?.close();
  }

  describe(): string {
    return `${this.name} ${this.version} (protocol ${PROTOCOL_VERSION}, ${this.mode} mode, data ${this.dataDir})`;
  }
}
