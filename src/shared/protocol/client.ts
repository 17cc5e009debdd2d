/**
 * Transport-independent protocol client, used by the renderer (over IPC or
 * WebSocket), by tests (in-process) and later by the remote-node client.
 * Calls are typed from the registry; failures reject with ProtocolError.
 */
import type { ClientTransport } from './transport';
import { byteLength, decode, encode } from './codec';
import { MAX_MESSAGE_BYTES } from './limits';
import type { RequestId } from './envelope';
import { EventPayload, GapPayload } from './envelope';
import { ErrorPayload, ProtocolError, describeZodError } from './errors';
import type { MethodName, ParamsIn, Result, StreamEvent, StreamName } from './methods/index';
import { methods, streams } from './methods/index';
import { PROTOCOL_MAJOR, PROTOCOL_VERSION } from './version';

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

export interface SubscribeOptions<S extends StreamName> {
  readonly runId?: string;
  /** Last seq already held; events after it are replayed when the host still has them. */
  readonly sinceSeq?: number;
  /** Window of events in flight. The client re-grants credit as it consumes events. */
  readonly window?: number;
  /** When true, the caller grants credit itself with `grant` (tests, or a deliberately slow consumer). */
  readonly manualCredit?: boolean;
  readonly onEvent: (data: StreamEvent<S>, seq: number) => void;
  /** Events fromSeq..toSeq were skipped (the client was slow or they aged out). */
  readonly onGap?: (fromSeq: number, toSeq: number) => void;
}

export interface ClientSubscription {
  readonly id: string;
  readonly headSeq: number;
  grant(credit: number): void;
  close(): Promise<void>;
}

const MAX_EARLY_MESSAGES = 1024;

interface Pending {
  resolve(value: unknown): void;
  reject(error: ProtocolError): void;
  method: MethodName;
}

interface SubState {
  stream: StreamName;
  window: number;
  manual: boolean;
  consumed: number;
  onEvent(data: unknown, seq: number): void;
  onGap?: (fromSeq: number, toSeq: number) => void;
}

export class ProtocolClient {
  private nextId = 1;
  private readonly pending = new Map<RequestId, Pending>();
  private readonly subs = new Map<string, SubState>();
  /**
   * Events and gaps that arrived before their subscribe result was processed (a
   * transport may deliver the result and the first messages in one burst; a node
   * sends the gap of a late subscriber right after it). Kept in arrival order and
   * delivered once the subscription is known. Bounded.
   */
  private readonly early: { subscription: string; deliver: () => void }[] = [];
  private closedReason: string | undefined;
  /** Set by the host's hello answer. */
  hostInfo: Result<'hello'> | undefined;

  constructor(private readonly transport: ClientTransport) {
    transport.onMessage((text) => this.receive(text));
    transport.onClose((reason) => this.failAll(reason));
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  /** Handshake; must be the first call. */
  async hello(capabilities: string[] = [], client?: { name: string; version: string }): Promise<Result<'hello'>> {
    const info = await this.request('hello', {
      protocol: PROTOCOL_VERSION,
      capabilities,
      ...(client ? { client } : {}),
    });
    this.hostInfo = info;
    return info;
  }

  request<M extends MethodName>(method: M, params: ParamsIn<M>, options: RequestOptions = {}): Promise<Result<M>> {
    if (this.closedReason !== undefined) {
      return Promise.reject(new ProtocolError('unavailable', `not connected: ${this.closedReason}`));
    }
    const { signal } = options;
    if (signal?.aborted)
      return Promise.reject(new ProtocolError('cancelled', `${method} was cancelled before it was sent`));
    const id = this.nextId++;
    const text = encode({ v: PROTOCOL_MAJOR, id, type: method, payload: params });
    const size = byteLength(text);
    // The host could not even read the id of an oversized message, so the call would never be answered: refuse it here.
    if (size > MAX_MESSAGE_BYTES) {
      return Promise.reject(
        new ProtocolError(
          'too_large',
          `${method}: the request is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES} bytes`,
          { size, limit: MAX_MESSAGE_BYTES },
        ),
      );
    }
    return new Promise<Result<M>>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        this.sendRaw({ v: PROTOCOL_MAJOR, type: 'cancel', payload: { id } });
        reject(new ProtocolError('cancelled', `${method} was cancelled`));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        method,
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as Result<M>);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      this.transport.send(text);
    });
  }

  async subscribe<S extends StreamName>(stream: S, options: SubscribeOptions<S>): Promise<ClientSubscription> {
    const window = options.window ?? 64;
    const manual = options.manualCredit ?? false;
    const { subscription, headSeq } = await this.request('subscribe', {
      stream,
      sinceSeq: options.sinceSeq ?? 0,
      credit: manual ? 0 : window,
      ...(options.runId !== undefined ? { runId: options.runId } : {}),
    });
    this.subs.set(subscription, {
      stream,
      window,
      manual,
      consumed: 0,
      onEvent: options.onEvent as (data: unknown, seq: number) => void,
      ...(options.onGap ? { onGap: options.onGap } : {}),
    });
    const early = this.early.filter((e) => e.subscription === subscription);
    if (early.length > 0) {
      this.early.splice(0, this.early.length, ...this.early.filter((e) => e.subscription !== subscription));
      for (const message of early) message.deliver();
    }
    return {
      id: subscription,
      headSeq,
      grant: (credit) => this.grant(subscription, credit),
      close: async () => {
        this.subs.delete(subscription);
        if (!this.closed) await this.request('unsubscribe', { subscription });
      },
    };
  }

  close(): void {
    this.transport.close();
    this.failAll('closed by the client');
  }

  private grant(subscription: string, credit: number): void {
    if (credit <= 0 || this.closed) return;
    this.sendRaw({ v: PROTOCOL_MAJOR, type: 'credit', payload: { subscription, credit } });
  }

  private sendRaw(message: unknown): void {
    this.transport.send(encode(message));
  }

  private receive(text: string): void {
    const decoded = decode(text);
    if (!decoded.ok) {
      // The host sent something unreadable: fail that call if we know it, never throw into the transport.
      if (decoded.id !== undefined) this.settle(decoded.id, undefined, decoded.error);
      return;
    }
    const { id, type, payload } = decoded.message;
    switch (type) {
      case 'result':
        if (id !== undefined) this.settle(id, payload, undefined);
        return;
      case 'error': {
        const parsed = ErrorPayload.safeParse(payload);
        const error = parsed.success
          ? parsed.data
          : { code: 'internal' as const, message: 'unreadable error from host' };
        if (id !== undefined) this.settle(id, undefined, error);
        return;
      }
      case 'event':
        this.onEvent(payload);
        return;
      case 'gap': {
        const gap = GapPayload.safeParse(payload);
        if (gap.success) this.onGap(gap.data);
        return;
      }
      case 'closing':
        return;
      default:
        return; // a newer host's message type: ignored (minor versions only add).
    }
  }

  private onGap(gap: GapPayload): void {
    const sub = this.subs.get(gap.subscription);
    if (sub) sub.onGap?.(gap.fromSeq, gap.toSeq);
    else this.keepEarly(gap.subscription, () => this.onGap(gap));
  }

  private keepEarly(subscription: string, deliver: () => void): void {
    if (this.early.length < MAX_EARLY_MESSAGES) this.early.push({ subscription, deliver });
  }

  private onEvent(payload: unknown): void {
    const event = EventPayload.safeParse(payload);
    if (!event.success) return;
    const sub = this.subs.get(event.data.subscription);
    if (!sub) {
      this.keepEarly(event.data.subscription, () => this.onEvent(payload));
      return;
    }
    const data = streams[sub.stream].event.safeParse(event.data.data);
    if (data.success) sub.onEvent(data.data, event.data.seq);
    // Refill the window once half of it is used, so the host never stalls on a healthy client.
    sub.consumed++;
    if (!sub.manual && sub.consumed >= Math.max(1, sub.window >> 1)) {
      this.grant(event.data.subscription, sub.consumed);
      sub.consumed = 0;
    }
  }

  private settle(id: RequestId, payload: unknown, error: ErrorPayload | undefined): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (error) return pending.reject(ProtocolError.fromPayload(error));
    const parsed = methods[pending.method].result.safeParse(payload);
    if (!parsed.success) {
      pending.reject(
        new ProtocolError(
          'bad_message',
          `host answered ${pending.method} with a malformed result: ${describeZodError(parsed.error, ['payload'])}`,
        ),
      );
      return;
    }
    pending.resolve(parsed.data);
  }

  private failAll(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new ProtocolError('unavailable', `connection closed: ${reason}`));
    }
    this.subs.clear();
  }
}
