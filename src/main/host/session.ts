/**
 * One client connection, whatever the transport. Validates every incoming
 * message, answers malformed ones with a precise error and keeps going, runs
 * handlers with cancellation, owns the connection's subscriptions and closes
 * the connection when it has been idle too long.
 */
import type { ErrorPayload, MethodName, Params, RequestId, Result, HostMessage } from '../../shared/protocol';
import {
  CancelPayload,
  CreditPayload,
  IDLE_TIMEOUT_MS,
  MAX_INFLIGHT_REQUESTS,
  MAX_MESSAGE_BYTES,
  MAX_SUBSCRIPTIONS,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  ProtocolError,
  byteLength,
  decode,
  describeZodError,
  encode,
  envelope,
  isMethodName,
  isStreamName,
  methods,
  parseVersion,
  streams,
} from '../../shared/protocol';
import { handlers } from './handlers/index';
import type { Handler } from './handlers/types';
import type { Host } from './host';
import { OutboundSubscription } from './streams';
import { TokenBucket } from './token-bucket';

export interface SessionTransport {
  send(text: string): void;
  /** Drop the connection (the session already sent `closing`). */
  close(reason: string): void;
  /**
   * False while the transport's send buffer is over its mark: stream events wait (bounded)
   * until the transport calls `session.drained()`. Absent: always writable.
   */
  writable?(): boolean;
}

/** How one request ended, for a node's audit ledger and metrics. */
export interface CallRecord {
  readonly method: MethodName;
  readonly params: unknown;
  readonly result?: unknown;
  readonly error?: ErrorPayload;
}

export interface SessionOptions {
  /** 0 disables the idle timeout (in-process sessions). */
  readonly idleTimeoutMs?: number;
  /**
   * Runs before each validated request: throw a ProtocolError (`forbidden`,
   * `unauthorized`) to refuse it. A node checks roles here.
   */
  readonly authorize?: (method: MethodName, params: unknown) => void;
  /** Told how each request that passed `authorize` ended. */
  readonly observe?: (call: CallRecord) => void;
  /** Requests per second one connection may make, and the burst it may save up (absent: no limit). */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
}

export class Session {
  private helloDone = false;
  private closed = false;
  private readonly inflight = new Map<RequestId, AbortController>();
  private readonly subscriptions = new Map<string, OutboundSubscription>();
  private nextSub = 1;
  private readonly held: OutboundSubscription[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly idleTimeoutMs: number;
  private readonly bucket: TokenBucket | undefined;

  constructor(
    readonly id: string,
    private readonly host: Host,
    private readonly transport: SessionTransport,
    private readonly options: SessionOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
    if (options.rateLimit !== undefined)
      this.bucket = new TokenBucket(options.rateLimit.burst, options.rateLimit.perSecond);
    this.armIdle();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** Entry point for every incoming message. Never throws. */
  receive(text: string): void {
    if (this.closed) return;
    this.armIdle();
    const decoded = decode(text);
    if (!decoded.ok) return this.send(envelope('error', decoded.error, decoded.id));
    const { id, type, payload } = decoded.message;

    if (type === 'cancel') {
      const parsed = CancelPayload.safeParse(payload);
      if (!parsed.success) return this.sendBad(`cancel: ${describeZodError(parsed.error, ['payload'])}`, id);
      this.inflight.get(parsed.data.id)?.abort();
      return;
    }
    if (type === 'credit') {
      const parsed = CreditPayload.safeParse(payload);
      if (!parsed.success) return this.sendBad(`credit: ${describeZodError(parsed.error, ['payload'])}`, id);
      this.subscriptions.get(parsed.data.subscription)?.grant(parsed.data.credit);
      return;
    }
    if (!isMethodName(type)) {
      return this.send(envelope('error', { code: 'unknown_method', message: `unknown method '${type}'` }, id));
    }
    if (id === undefined) return this.sendBad(`request '${type}' has no id`);
    if (!this.helloDone && type !== 'hello') {
      return this.send(
        envelope('error', { code: 'hello_required', message: `'${type}' before hello: send hello first` }, id),
      );
    }
    if (this.inflight.has(id)) return this.sendBad(`request id ${JSON.stringify(id)} is already in use`, id);
    const refused = this.overLimit(type);
    if (refused !== undefined) return this.send(envelope('error', { code: 'rate_limited', message: refused }, id));
    const params = methods[type].params.safeParse(payload ?? {});
    if (!params.success) {
      return this.send(
        envelope(
          'error',
          { code: 'invalid_params', message: `${type}: ${describeZodError(params.error, ['payload'])}` },
          id,
        ),
      );
    }
    try {
      this.options.authorize?.(type, params.data);
    } catch (error) {
      return this.send(envelope('error', toErrorPayload(error, type), id));
    }
    void this.run(type, id, params.data);
  }

  /** Why this request is refused for its connection's rate, calls in flight or subscriptions; undefined when it may go. */
  private overLimit(method: MethodName): string | undefined {
    if (this.bucket !== undefined && !this.bucket.take()) {
      return `${method}: more than ${this.options.rateLimit?.perSecond} requests a second on this connection; slow down`;
    }
    if (this.inflight.size >= MAX_INFLIGHT_REQUESTS) {
      return `${method}: ${MAX_INFLIGHT_REQUESTS} calls are already in flight on this connection; wait for some to finish`;
    }
    if (method === 'subscribe' && this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      return `subscribe: this connection has ${MAX_SUBSCRIPTIONS} open subscriptions; unsubscribe some first`;
    }
    return undefined;
  }

  /** The transport's send buffer drained: streams send what waited. */
  drained(): void {
    for (const sub of this.subscriptions.values()) sub.kick();
  }

  private async run(method: keyof typeof handlers, id: RequestId, params: unknown): Promise<void> {
    const controller = new AbortController();
    this.inflight.set(id, controller);
    try {
      const handler = handlers[method] as Handler<typeof method>;
      const result = await handler(params as never, { host: this.host, session: this, signal: controller.signal });
      if (controller.signal.aborted) throw new ProtocolError('cancelled', `${method} was cancelled`);
      const text = encode(envelope('result', result, id));
      if (byteLength(text) > MAX_MESSAGE_BYTES) {
        throw new ProtocolError(
          'too_large',
          `the result of ${method} is over ${MAX_MESSAGE_BYTES} bytes; fetch it by reference`,
        );
      }
      if (!this.closed) this.transport.send(text);
      this.tell({ method, params, result });
    } catch (error) {
      const payload = toErrorPayload(error, method);
      this.send(envelope('error', payload, id));
      this.tell({ method, params, error: payload });
    } finally {
      this.inflight.delete(id);
      this.resumeHeld();
    }
  }

  /** An observer that fails (an audit write) is logged; the client already has its answer. */
  private tell(call: CallRecord): void {
    try {
      this.options.observe?.(call);
    } catch (error) {
      this.host.log.write(
        'error',
        'session',
        `recording ${call.method} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private resumeHeld(): void {
    const held = this.held.splice(0);
    for (const sub of held) sub.resume();
  }

  acceptHello(params: Params<'hello'>): Result<'hello'> {
    const theirs = parseVersion(params.protocol);
    if (!theirs) {
      throw new ProtocolError(
        'invalid_params',
        `hello: payload.protocol: expected "MAJOR.MINOR", got ${JSON.stringify(params.protocol)}`,
      );
    }
    if (theirs.major !== PROTOCOL_MAJOR) {
      throw new ProtocolError(
        'protocol_mismatch',
        `client speaks protocol ${params.protocol} but this host speaks ${PROTOCOL_VERSION}; major versions must match`,
        { client: params.protocol, host: PROTOCOL_VERSION },
      );
    }
    this.helloDone = true;
    return {
      protocol: PROTOCOL_VERSION,
      capabilities: this.host.capabilities,
      host: {
        name: this.host.name,
        version: this.host.version,
        mode: this.host.mode,
        instanceId: this.host.instanceId,
      },
      sessionId: this.id,
    };
  }

  openSubscription(params: Params<'subscribe'>): Result<'subscribe'> {
    if (!isStreamName(params.stream)) {
      throw new ProtocolError('unknown_stream', `unknown stream '${params.stream}'`);
    }
    if (streams[params.stream].perRun && params.runId === undefined) {
      throw new ProtocolError('invalid_params', `subscribe: payload.runId is required for stream '${params.stream}'`);
    }
    const source = this.host.stream(params.stream);
    const id = `s${this.nextSub++}`;
    const sub = new OutboundSubscription(id, params.credit, {
      event: (payload) => this.send({ v: PROTOCOL_MAJOR, type: 'event', payload }),
      gap: (payload) => this.send({ v: PROTOCOL_MAJOR, type: 'gap', payload }),
      ready: () => this.transport.writable?.() ?? true,
    });
    this.subscriptions.set(id, sub);
    // Replayed events must not overtake the subscribe result: hold them until
    // run() has sent it (see resumeHeld).
    sub.pause();
    this.held.push(sub);
    const { headSeq, stop } = source.subscribe(params.runId, params.sinceSeq, sub);
    sub.stop = stop;
    return { subscription: id, headSeq };
  }

  closeSubscription(id: string): boolean {
    const sub = this.subscriptions.get(id);
    if (!sub) return false;
    sub.stop();
    this.subscriptions.delete(id);
    return true;
  }

  /** Ends the session: aborts calls, stops streams, tells the client why. */
  close(reason: string): void {
    if (this.closed) return;
    this.send(envelope('closing', { reason }));
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const controller of this.inflight.values()) controller.abort();
    for (const sub of this.subscriptions.values()) sub.stop();
    this.subscriptions.clear();
    this.transport.close(reason);
    this.host.forget(this);
  }

  /** The transport went away on its own (socket closed, window gone). */
  transportClosed(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const controller of this.inflight.values()) controller.abort();
    for (const sub of this.subscriptions.values()) sub.stop();
    this.subscriptions.clear();
    this.host.forget(this);
  }

  private armIdle(): void {
    if (this.idleTimeoutMs <= 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => this.close(`idle for ${Math.round(this.idleTimeoutMs / 1000)}s`),
      this.idleTimeoutMs,
    );
    // An idle timer alone must not keep a process alive.
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  private sendBad(message: string, id?: RequestId): void {
    this.send(envelope('error', { code: 'bad_message', message }, id));
  }

  private send(message: HostMessage): void {
    if (this.closed) return;
    this.transport.send(encode(message));
  }
}

function toErrorPayload(error: unknown, method: string): ReturnType<ProtocolError['toPayload']> {
  if (error instanceof ProtocolError) return error.toPayload();
  // Unexpected: name and message only; the stack stays in the host log.
  const name = error instanceof Error ? error.name : 'Error';
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `${method} failed: ${name}: ${text}` };
}
