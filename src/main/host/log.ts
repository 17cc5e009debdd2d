/**
 * The host log: a bounded ring of recent lines, each with a seq, exposed as the
 * `host.log` stream. Bounded so a chatty host cannot grow without limit; a
 * subscriber asking for lines that aged out is told so with a gap.
 */
import type { LogEntry, LogLevel } from '../../shared/protocol';
import type { StreamSource, StreamSink } from './streams';

export const LOG_CAPACITY = 1000;

export class HostLog implements StreamSource {
  private readonly ring: Array<{ seq: number; entry: LogEntry }> = [];
  private seq = 0;
  private readonly sinks = new Set<StreamSink>();

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly capacity = LOG_CAPACITY,
    /** Mirror of every line (stderr in the web server), or nothing in tests. */
    private readonly echo?: (entry: LogEntry) => void,
  ) {}

  get headSeq(): number {
    return this.seq;
  }

  write(level: LogLevel, source: string, message: string): number {
    const entry: LogEntry = { level, source, message, at: this.now().toISOString() };
    const seq = ++this.seq;
    this.ring.push({ seq, entry });
    if (this.ring.length > this.capacity) this.ring.shift();
    this.echo?.(entry);
    for (const sink of this.sinks) sink.event(seq, entry);
    return seq;
  }

  /** Replays lines after `sinceSeq` that are still held, then follows new ones. */
  subscribe(_runId: string | undefined, sinceSeq: number, sink: StreamSink): { headSeq: number; stop(): void } {
    const oldest = this.ring[0]?.seq ?? this.seq + 1;
    if (sinceSeq + 1 < oldest && sinceSeq < this.seq) sink.gap(sinceSeq + 1, oldest - 1);
    for (const { seq, entry } of this.ring) if (seq > sinceSeq) sink.event(seq, entry);
    this.sinks.add(sink);
    return { headSeq: this.seq, stop: () => this.sinks.delete(sink) };
  }
}
