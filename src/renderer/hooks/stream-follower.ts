/**
 * Follows one protocol stream across reconnects, framework-free (the React
 * hook is ./use-stream.ts). Events are buffered and handed over in one batch
 * per animation frame, so a burst of thousands of events costs one render.
 * On a new connection it resubscribes from the last seq it delivered; when
 * the host itself restarted (another instance id) seqs start over, so it
 * resubscribes from 0 and says so with onReset.
 */
import type { ClientSubscription, ProtocolClient, StreamEvent, StreamName } from '../../shared/protocol';

export interface StreamBatchItem<S extends StreamName> {
  readonly data: StreamEvent<S>;
  readonly seq: number;
}

export interface StreamHandlers<S extends StreamName> {
  onEvents(batch: ReadonlyArray<StreamBatchItem<S>>): void;
  /** Events fromSeq..toSeq were skipped by the host (too old, or the client was slow). */
  onGap?(fromSeq: number, toSeq: number): void;
  /** The host restarted: what was received so far belongs to the previous host. */
  onReset?(): void;
  /** Subscribing failed (unknown run, not connected...). */
  onError?(message: string): void;
}

export interface StreamTarget<S extends StreamName> {
  readonly stream: S;
  readonly runId?: string;
  /** Events in flight before the client grants more (default 256). */
  readonly window?: number;
}

/** Schedules a flush; the browser's requestAnimationFrame, or a test's own. */
export type FrameScheduler = (flush: () => void) => () => void;

export const animationFrames: FrameScheduler = (flush) => {
  const id = requestAnimationFrame(flush);
  return () => cancelAnimationFrame(id);
};

export class StreamFollower<S extends StreamName> {
  private lastSeq = 0;
  private instanceId: string | undefined;
  private subscription: ClientSubscription | undefined;
  private generation = 0;
  private buffer: Array<StreamBatchItem<S>> = [];
  private cancelFrame: (() => void) | undefined;

  constructor(
    private readonly target: StreamTarget<S>,
    private handlers: StreamHandlers<S>,
    private readonly schedule: FrameScheduler = animationFrames,
  ) {}

  /** Replaces the callbacks (the hook passes fresh closures each render). */
  setHandlers(handlers: StreamHandlers<S>): void {
    this.handlers = handlers;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Attaches to a connection (or detaches with undefined). Safe to call on
   * every reconnect: the previous subscription is dropped first.
   */
  connect(client: ProtocolClient | undefined, instanceId: string | undefined): void {
    const generation = ++this.generation;
    this.dropSubscription();
    if (!client) return;
    if (this.instanceId !== undefined && instanceId !== undefined && instanceId !== this.instanceId) {
      this.flush();
      this.lastSeq = 0;
      this.handlers.onReset?.();
    }
    if (instanceId !== undefined) this.instanceId = instanceId;
    client
      .subscribe(this.target.stream, {
        ...(this.target.runId !== undefined ? { runId: this.target.runId } : {}),
        sinceSeq: this.lastSeq,
        window: this.target.window ?? 256,
        onEvent: (data, seq) => {
          if (generation !== this.generation || seq <= this.lastSeq) return;
          this.lastSeq = seq;
          this.buffer.push({ data, seq });
          this.cancelFrame ??= this.schedule(() => {
            this.cancelFrame = undefined;
            this.flush();
          });
        },
        onGap: (from, to) => {
          if (generation !== this.generation) return;
          this.flush();
          this.lastSeq = Math.max(this.lastSeq, to);
          this.handlers.onGap?.(from, to);
        },
      })
      .then((sub) => {
        if (generation === this.generation) this.subscription = sub;
        else void sub.close().catch(() => undefined);
      })
      .catch((error: unknown) => {
        if (generation === this.generation)
          this.handlers.onError?.(error instanceof Error ? error.message : String(error));
      });
  }

  /** Stops following: unsubscribes and delivers what is buffered. */
  close(): void {
    this.generation++;
    this.dropSubscription();
    this.flush();
  }

  private flush(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.handlers.onEvents(batch);
  }

  private dropSubscription(): void {
    const sub = this.subscription;
    this.subscription = undefined;
    if (sub) void sub.close().catch(() => undefined);
  }
}
