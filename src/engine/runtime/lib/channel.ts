/**
 * A CSP channel: rendezvous (capacity 0) or buffered (capacity n), closable,
 * any number of senders and receivers.
 *
 * Hot path: an operation that can complete at once touches no promise of its
 * own making for sends (a shared resolved promise) and one resolved promise
 * for receives; only an operation that must wait allocates a pending promise
 * (inline executor, which V8 inlines) and a Waiter. Waiter queues and the
 * buffer are ring deques.
 */
import { ChannelClosedError, EngineStoppedError } from './errors';
import { Ring } from './ring';
import { RESOLVED, Waiter, type Core, type Reject, type Resolve, type StaleCounter } from './waiter';

// Imported bindings copied into module locals once: under a CommonJS transform
// (tsx, vitest) every use of an imported binding is a getter call, and on the
// send/recv hot path those getters cost more than the channel logic itself.
const resolvedPromise = RESOLVED;
const WaiterRecord = Waiter;

function noop(): void {}

/** Compact a waiter queue once this many stale alt waiters sit in it (and they are at least half of it). */
const COMPACT_AT = 32;

function isStale(w: Waiter): boolean {
  return w.alt !== null && w.alt.done;
}

export class Channel<T = unknown> implements StaleCounter, AsyncIterable<T> {
  private readonly buffer: Ring<T> | null;
  /** Parked senders (their value in Waiter.value) and receivers. */
  private readonly senders = new Ring<Waiter>();
  private readonly receivers = new Ring<Waiter>();
  private staleSenders = 0;
  private staleReceivers = 0;
  private isClosed = false;

  constructor(
    /** The owning engine (internal: alt and the engine use it). */
    readonly core: Core,
    readonly name: string,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`channel "${name}": capacity must be a non-negative integer, got ${String(capacity)}`);
    }
    this.buffer = capacity > 0 ? new Ring<T>(Math.min(capacity, 1024)) : null;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Values held in the buffer (0 for a rendezvous channel). */
  get length(): number {
    return this.buffer === null ? 0 : this.buffer.length;
  }

  /** Sends `value`; resolves once a receiver took it (rendezvous) or the buffer accepted it. */
  send(value: T, owner?: string): Promise<void> {
    const core = this.core;
    if (core.stopReason !== undefined) return Promise.reject(new EngineStoppedError(core.stopReason));
    if (this.isClosed) return Promise.reject(new ChannelClosedError(this.name, 'send'));
    // Rendezvous fast path: a plain receiver is parked, hand it the value directly.
    const receivers = this.receivers;
    if (receivers.length > 0) {
      const w = receivers.peek();
      if (w.alt === null) {
        receivers.shift();
        core.parked--;
        w.resolve(value);
        return resolvedPromise;
      }
    }
    if (this.giveNow(value)) return resolvedPromise;
    // An inline executor: TurboFan inlines `new Promise` with it (measured faster
    // than a shared static executor, which is a real call from the builtin).
    let resolve: Resolve = noop;
    let reject: Reject = noop;
    const p = new Promise<void>((res, rej) => {
      resolve = res as Resolve;
      reject = rej;
    });
    this.senders.push(new WaiterRecord(null, 0, value, resolve, reject, owner));
    core.parked++;
    core.afterPark();
    return p;
  }

  /** Receives a value; rejects with ChannelClosedError once the channel is closed and drained. */
  recv(owner?: string): Promise<T> {
    const core = this.core;
    if (core.stopReason !== undefined) return Promise.reject(new EngineStoppedError(core.stopReason));
    // Rendezvous fast path: a plain sender is parked, take its value and wake it.
    // (An await of Promise.resolve(v) costs what an await of a bare value does.)
    const senders = this.senders;
    if (this.buffer === null && senders.length > 0) {
      const w = senders.peek();
      if (w.alt === null) {
        senders.shift();
        core.parked--;
        w.resolve(undefined);
        return Promise.resolve(w.value as T);
      }
    }
    if (this.canRecvNow()) return Promise.resolve(this.takeNow());
    if (this.isClosed) return Promise.reject(new ChannelClosedError(this.name, 'recv'));
    let resolve: Resolve = noop;
    let reject: Reject = noop;
    const p = new Promise<T>((res, rej) => {
      resolve = res as Resolve;
      reject = rej;
    });
    this.receivers.push(new WaiterRecord(null, 0, undefined, resolve, reject, owner));
    core.parked++;
    core.afterPark();
    return p;
  }

  /**
   * Closes the channel. Buffered values can still be received; then receivers
   * see the close. Parked senders fail with ChannelClosedError. Closing twice is a no-op.
   */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    while (this.receivers.length > 0) {
      const w = this.receivers.shift();
      if (isStale(w)) continue;
      this.core.parked--;
      if (w.alt !== null) w.alt.commit(w.index, undefined, true);
      else w.reject(new ChannelClosedError(this.name, 'recv'));
    }
    while (this.senders.length > 0) {
      const w = this.senders.shift();
      if (isStale(w)) continue;
      this.core.parked--;
      const error = new ChannelClosedError(this.name, 'send');
      if (w.alt !== null) w.alt.fail(error);
      else w.reject(error);
    }
    this.staleReceivers = 0;
    this.staleSenders = 0;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      let value: T;
      try {
        value = await this.recv();
      } catch (error) {
        if (error instanceof ChannelClosedError) return;
        throw error;
      }
      yield value;
    }
  }

  // ---- used by alt and the engine (same package) ----

  /** A receive would complete now: buffered value, live parked sender, or closed. */
  canRecvNow(): boolean {
    if (this.buffer !== null && this.buffer.length > 0) return true;
    return this.liveHead(this.senders, 'send') !== null;
  }

  /** A send would complete now: live parked receiver or buffer space. */
  canSendNow(): boolean {
    if (this.isClosed) return false;
    if (this.liveHead(this.receivers, 'recv') !== null) return true;
    return this.buffer !== null && this.buffer.length < this.capacity;
  }

  /** Takes a value that canRecvNow() said is there. */
  takeNow(): T {
    const buffer = this.buffer;
    if (buffer !== null && buffer.length > 0) {
      const value = buffer.shift();
      // A slot freed: move the first live parked sender's value into the buffer.
      const w = this.liveHead(this.senders, 'send');
      if (w !== null) {
        this.senders.shift();
        buffer.push(w.value as T);
        this.wakeSender(w);
      }
      return value;
    }
    const w = this.senders.shift(); // live: canRecvNow() skipped stale heads
    this.wakeSender(w);
    return w.value as T;
  }

  /** Hands `value` to a parked receiver or the buffer; false if it must wait. */
  giveNow(value: T): boolean {
    const w = this.liveHead(this.receivers, 'recv');
    if (w !== null) {
      this.receivers.shift();
      this.core.parked--;
      if (w.alt !== null) w.alt.commit(w.index, value, false);
      else w.resolve(value);
      return true;
    }
    const buffer = this.buffer;
    if (buffer !== null && buffer.length < this.capacity) {
      buffer.push(value);
      return true;
    }
    return false;
  }

  parkSender(w: Waiter): void {
    this.senders.push(w);
  }

  parkReceiver(w: Waiter): void {
    this.receivers.push(w);
  }

  noteStale(side: 'send' | 'recv'): void {
    if (side === 'send') {
      if (++this.staleSenders >= COMPACT_AT && this.staleSenders * 2 >= this.senders.length) {
        this.senders.filter((w) => !isStale(w));
        this.staleSenders = 0;
      }
    } else if (++this.staleReceivers >= COMPACT_AT && this.staleReceivers * 2 >= this.receivers.length) {
      this.receivers.filter((w) => !isStale(w));
      this.staleReceivers = 0;
    }
  }

  /** Parked, live operations, for deadlock reports and for stopping the engine. */
  parkedWaiters(): { send: Waiter[]; recv: Waiter[] } {
    const collect = (ring: Ring<Waiter>): Waiter[] => {
      const out: Waiter[] = [];
      for (let i = 0; i < ring.length; i++) {
        const w = ring.at(i);
        if (!isStale(w)) out.push(w);
      }
      return out;
    };
    return { send: collect(this.senders), recv: collect(this.receivers) };
  }

  /** Drops every parked waiter (the engine rejects them itself). */
  clearWaiters(): void {
    this.senders.filter(() => false);
    this.receivers.filter(() => false);
    this.staleSenders = 0;
    this.staleReceivers = 0;
  }

  private wakeSender(w: Waiter): void {
    this.core.parked--;
    if (w.alt !== null) w.alt.commit(w.index, undefined, false);
    else w.resolve(undefined);
  }

  /** The first live waiter of a queue, dropping stale alt waiters in front of it. */
  private liveHead(ring: Ring<Waiter>, side: 'send' | 'recv'): Waiter | null {
    while (ring.length > 0) {
      const w = ring.peek();
      if (!isStale(w)) return w;
      ring.shift();
      if (side === 'send') this.staleSenders--;
      else this.staleReceivers--;
    }
    return null;
  }
}
