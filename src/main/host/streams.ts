/**
 * Host side of streams. A StreamSource produces numbered events; an
 * OutboundSubscription sits between it and one client and enforces credit:
 * the host sends at most what the client granted, holds a bounded backlog,
 * and turns what overflows into a gap the client refetches with `sinceSeq`.
 * So a slow client costs at most MAX_PENDING_EVENTS per subscription.
 */
import type { EventPayload, GapPayload } from '../../shared/protocol';
import { MAX_PENDING_EVENTS } from '../../shared/protocol';

export interface StreamSink {
  event(seq: number, data: unknown): void;
  gap(fromSeq: number, toSeq: number): void;
}

export interface StreamSource {
  subscribe(runId: string | undefined, sinceSeq: number, sink: StreamSink): { headSeq: number; stop(): void };
}

export interface SubscriptionOutput {
  event(payload: EventPayload): void;
  gap(payload: GapPayload): void;
  /**
   * False while the transport's own send buffer is full (a client that grants credit
   * but does not read): events then wait in the bounded backlog like events without
   * credit, and `kick()` sends them once the transport drains. Absent: always ready.
   */
  ready?(): boolean;
}

export class OutboundSubscription implements StreamSink {
  private credit: number;
  private readonly backlog: Array<{ seq: number; data: unknown }> = [];
  /** Range dropped while the client had no credit (merged with any gap the source reported). */
  private lost: { fromSeq: number; toSeq: number } | undefined;
  /** Held until the subscribe result is on the wire, so no event precedes it. */
  private paused = false;
  stop: () => void = () => {};

  constructor(
    readonly id: string,
    credit: number,
    private readonly output: SubscriptionOutput,
    private readonly maxPending = MAX_PENDING_EVENTS,
  ) {
    this.credit = credit;
  }

  get pending(): number {
    return this.backlog.length;
  }

  get availableCredit(): number {
    return this.credit;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.flush();
  }

  event(seq: number, data: unknown): void {
    if (!this.paused && this.credit > 0 && this.backlog.length === 0 && !this.lost && this.ready()) {
      this.credit--;
      this.output.event({ subscription: this.id, seq, data });
      return;
    }
    this.backlog.push({ seq, data });
    if (this.backlog.length > this.maxPending) {
      const dropped = this.backlog.shift();
      if (dropped) this.markLost(dropped.seq, dropped.seq);
    }
  }

  gap(fromSeq: number, toSeq: number): void {
    this.markLost(fromSeq, toSeq);
    this.flush();
  }

  grant(credit: number): void {
    this.credit += credit;
    this.flush();
  }

  /** The transport drained: send what waits, as far as credit allows. */
  kick(): void {
    this.flush();
  }

  private ready(): boolean {
    return this.output.ready?.() ?? true;
  }

  private markLost(fromSeq: number, toSeq: number): void {
    this.lost = this.lost
      ? { fromSeq: Math.min(this.lost.fromSeq, fromSeq), toSeq: Math.max(this.lost.toSeq, toSeq) }
      : { fromSeq, toSeq };
  }

  /** Sends the gap notice first (it costs one credit), then backlog in order. */
  private flush(): void {
    if (this.paused || !this.ready()) return;
    if (this.lost && this.credit > 0) {
      this.credit--;
      this.output.gap({ subscription: this.id, ...this.lost });
      this.lost = undefined;
    }
    while (!this.lost && this.credit > 0 && this.backlog.length > 0 && this.ready()) {
      const next = this.backlog.shift();
      if (!next) break;
      this.credit--;
      this.output.event({ subscription: this.id, seq: next.seq, data: next.data });
    }
  }
}
