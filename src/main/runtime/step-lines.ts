/**
 * The lines `csp run` prints for its steps, made at the speed the run makes
 * steps (a million-step run prints about 38 MB):
 *  - the text after a step's seq depends only on its event and who took it
 *    when it carries no payload, so those bytes are made once per (event,
 *    process) pair and copied after the seq;
 *  - the seq is a decimal counter kept as bytes and incremented in place (the
 *    steps of a chunk are consecutive), not formatted per line;
 *  - the bytes go into megabyte buffers handed to the writer whole; a buffer
 *    the writer has finished with is filled again, so a long run touches a few
 *    megabytes of memory instead of one new megabyte per write.
 */
import type { NetworkRun, StepInfo } from '../../engine/runtime/network/run';

/** Where StepLines writes: bytes, kept in one buffer and handed on when it is full. */
export class ByteOut {
  private buf: Buffer;
  private pos = 0;
  /** Buffers handed on and given back (`release`), to be filled again. */
  private readonly spare: Buffer[] = [];

  /**
   * `flushTo` gets each full buffer's bytes; it calls `release` once it no
   * longer needs them (a stream's write callback), or never (then each
   * buffer is a new one).
   */
  constructor(
    private readonly flushTo: (bytes: Buffer, release: () => void) => void,
    private readonly size = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Room for `n` more bytes (the buffer is handed on first when it has not). */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A non-negative integer right-aligned in `width` columns (spaces before). */
  number(n: number, width: number): void {
    const text = String(n);
    this.room(Math.max(width, text.length));
    for (let k = text.length; k < width; k++) this.buf[this.pos++] = 0x20;
    for (let k = 0; k < text.length; k++) this.buf[this.pos++] = text.charCodeAt(k);
  }

  text(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  /** `head` then `tail`: one step's line (both short, copied byte by byte: cheaper than two set calls). */
  pair(head: Uint8Array, tail: Uint8Array): void {
    const h = head.length;
    const t = tail.length;
    if (this.pos + h + t > this.buf.length) this.room(h + t);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < h; i++) buf[pos++] = head[i]!;
    if (t > 256) {
      buf.set(tail, pos);
      pos += t;
    } else for (let i = 0; i < t; i++) buf[pos++] = tail[i]!;
    this.pos = pos;
  }

  /** Hands on what is buffered. */
  flush(): void {
    if (this.pos === 0) return;
    // The full buffer is handed on as it is (a pipe may still be writing it); the next fills another.
    const whole = this.buf;
    const full = whole.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(this.size);
    this.pos = 0;
    let released = false;
    this.flushTo(full, () => {
      if (released || whole.length !== this.size) return;
      released = true;
      this.spare.push(whole);
    });
  }
}

/** A seq right-aligned in a fixed width, as bytes, counted up in place. */
class SeqColumn {
  readonly bytes: Uint8Array;

  constructor(width: number) {
    this.bytes = new Uint8Array(width);
  }

  set(n: number): void {
    const text = String(n);
    const b = this.bytes;
    // A seq wider than the column (the width is fixed up front) gets a wider column.
    if (text.length > b.length) throw new RangeError(`seq ${n} does not fit in ${b.length} columns`);
    b.fill(0x20, 0, b.length - text.length);
    for (let k = 0; k < text.length; k++) b[b.length - text.length + k] = text.charCodeAt(k);
  }

  /** n + 1, in place; false when it no longer fits (the caller sets it again, wider). */
  increment(): boolean {
    const b = this.bytes;
    for (let k = b.length - 1; k >= 0; k--) {
      const c = b[k]!;
      if (c === 0x39) {
        b[k] = 0x30;
        continue;
      }
      b[k] = c === 0x20 ? 0x31 : c + 1;
      return true;
    }
    return false;
  }
}

/**
 * The lines `csp run` prints for steps: the seq right-aligned in `width`
 * columns, then the event, `(hidden)` for a hidden one, the processes that
 * took it, and its JSON payload if it carries one.
 */
export class StepLines {
  private readonly cache = new Map<number, Buffer>();
  private seqColumn: SeqColumn;

  constructor(private readonly width: number) {
    this.seqColumn = new SeqColumn(width);
  }

  write(run: NetworkRun, from: number, to: number, out: ByteOut): void {
    if (from > to) return;
    const log = run.log;
    const anyPayload = log.payloads.size > 0;
    let seq = this.column(from);
    for (let s = from; s <= to; s++) {
      if (s > from && !seq.increment()) seq = this.column(s);
      const event = log.eventAt(s);
      const cacheable = event >= 0 && !(anyPayload && log.payloads.has(s));
      const key = event * 65_536 + log.actorAt(s) + 1;
      let tail = cacheable ? this.cache.get(key) : undefined;
      if (tail === undefined) {
        tail = tailOf(run.steps(s, s)[0]!);
        if (cacheable) this.cache.set(key, tail);
      }
      out.pair(seq.bytes, tail);
    }
  }

  /** The seq column set to `n`, wider than asked when `n` has more digits. */
  private column(n: number): SeqColumn {
    const digits = String(n).length;
    if (digits > this.seqColumn.bytes.length) this.seqColumn = new SeqColumn(digits);
    this.seqColumn.set(n);
    return this.seqColumn;
  }
}

function tailOf(step: StepInfo): Buffer {
  return Buffer.from(
    `  ${step.event}${step.hidden ? ' (hidden)' : ''}  [${step.processes.join(', ')}]${step.payload !== undefined ? `  ${JSON.stringify(step.payload)}` : ''}\n`,
    'utf8',
  );
}

/** One step as `csp run --json` prints it, pretty-printed at the depth of the events array. */
export function jsonEvent(s: StepInfo): string {
  const e = {
    seq: s.seq,
    event: s.event,
    processes: s.processes,
    ...(s.kind !== 'event' ? { kind: s.kind } : {}),
    ...(s.hidden ? { hidden: true } : {}),
    ...(s.payload !== undefined ? { payload: s.payload } : {}),
  };
  return JSON.stringify(e, null, 2).replace(/^/gm, '    ');
}
