/**
 * The five channel workloads and the select probe, written once against the
 * World adapter. Every run checks its own result: a peer that loses,
 * duplicates, reorders (where order is promised) or invents a message fails
 * the run. `messages` counts channel transfers, so msgs/s compares like with like.
 */
import type { World } from './peers';

export interface WorkloadSize {
  readonly pingPong: number;
  readonly pipelineStages: number;
  readonly pipelineMessages: number;
  readonly fanInProducers: number;
  readonly fanInPerProducer: number;
  readonly altChannels: number;
  readonly altPerChannel: number;
  readonly bufferCapacity: number;
  readonly bufferedMessages: number;
}

export interface RunCheck {
  /** Channel transfers done. */
  readonly messages: number;
  /** Why the result is wrong, or undefined if it is right. */
  readonly error?: string;
}

export type WorkloadId = 'ping-pong' | 'pipeline' | 'fan-in' | 'alt' | 'buffered';
export const WORKLOADS: readonly WorkloadId[] = ['ping-pong', 'pipeline', 'fan-in', 'alt', 'buffered'];

/** Marks values 0..n-1 as seen; reports the first duplicate, invention or loss. */
export class Seen {
  private readonly seen: Uint8Array;
  private count = 0;
  error: string | undefined;
  constructor(readonly n: number) {
    this.seen = new Uint8Array(n);
  }
  add(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v >= this.n) this.error ??= `invented value ${String(v)}`;
    else if (this.seen[v] === 1) this.error ??= `duplicated value ${v}`;
    else {
      this.seen[v] = 1;
      this.count++;
    }
  }
  finish(): string | undefined {
    return this.error ?? (this.count === this.n ? undefined : `lost ${this.n - this.count} of ${this.n} values`);
  }
}

export async function runWorkload<C>(w: World<C>, id: WorkloadId, s: WorkloadSize): Promise<RunCheck> {
  switch (id) {
    case 'ping-pong': {
      const a = w.chan(0);
      const b = w.chan(0);
      const n = s.pingPong;
      let bad = 0;
      w.spawn(async () => {
        for (let i = 0; i < n; i++) {
          await w.send(a, i);
          if (w.val(await w.recv(b)) !== i) bad++;
        }
      });
      w.spawn(async () => {
        for (let i = 0; i < n; i++) await w.send(b, w.val(await w.recv(a)));
      });
      await w.run();
      return { messages: 2 * n, ...(bad > 0 ? { error: `${bad} echoes came back wrong` } : {}) };
    }
    case 'pipeline': {
      const chans = Array.from({ length: s.pipelineStages + 1 }, () => w.chan(0));
      const n = s.pipelineMessages;
      let bad = 0;
      w.spawn(async () => {
        for (let i = 0; i < n; i++) await w.send(chans[0]!, i);
      });
      for (let k = 0; k < s.pipelineStages; k++) {
        const from = chans[k]!;
        const to = chans[k + 1]!;
        w.spawn(async () => {
          for (let i = 0; i < n; i++) await w.send(to, w.val(await w.recv(from)));
        });
      }
      w.spawn(async () => {
        const last = chans[s.pipelineStages]!;
        for (let i = 0; i < n; i++) if (w.val(await w.recv(last)) !== i) bad++;
      });
      await w.run();
      return {
        messages: n * (s.pipelineStages + 1),
        ...(bad > 0 ? { error: `${bad} values out of order or wrong` } : {}),
      };
    }
    case 'fan-in': {
      const c = w.chan(0);
      const per = s.fanInPerProducer;
      const total = s.fanInProducers * per;
      const seen = new Seen(total);
      for (let p = 0; p < s.fanInProducers; p++) {
        w.spawn(async () => {
          for (let i = 0; i < per; i++) await w.send(c, p * per + i);
        });
      }
      w.spawn(async () => {
        for (let i = 0; i < total; i++) seen.add(w.val(await w.recv(c)));
      });
      await w.run();
      const error = seen.finish();
      return { messages: total, ...(error !== undefined ? { error } : {}) };
    }
    case 'alt': {
      const chans = Array.from({ length: s.altChannels }, () => w.chan(0));
      const per = s.altPerChannel;
      const total = s.altChannels * per;
      const seen = new Seen(total);
      chans.forEach((c, k) => {
        w.spawn(async () => {
          for (let i = 0; i < per; i++) await w.send(c, k * per + i);
        });
      });
      const select = w.selector(chans);
      let wrongIndex = 0;
      w.spawn(async () => {
        for (let i = 0; i < total; i++) {
          const [v, index] = await select();
          if (Math.floor(v / per) !== index) wrongIndex++;
          seen.add(v);
        }
      });
      await w.run();
      const error =
        seen.finish() ?? (wrongIndex > 0 ? `${wrongIndex} values reported on the wrong channel` : undefined);
      return { messages: total, ...(error !== undefined ? { error } : {}) };
    }
    case 'buffered': {
      const c = w.chan(s.bufferCapacity);
      const n = s.bufferedMessages;
      let bad = 0;
      w.spawn(async () => {
        for (let i = 0; i < n; i++) await w.send(c, i);
      });
      w.spawn(async () => {
        for (let i = 0; i < n; i++) if (w.val(await w.recv(c)) !== i) bad++;
      });
      await w.run();
      return { messages: n, ...(bad > 0 ? { error: `${bad} values out of order or wrong` } : {}) };
    }
  }
}

/**
 * The correctness probe: producers send unique values over `channels` channels
 * while TWO consumers select over all of them. Every value must arrive exactly
 * once. The caller races this against a deadline (a lost value means a hang).
 */
export async function selectProbe<C>(w: World<C>, channels: number, perChannel: number): Promise<string | undefined> {
  const chans = Array.from({ length: channels }, () => w.chan(0));
  const total = channels * perChannel;
  const seen = new Seen(total);
  let received = 0;
  let finish: () => void = () => undefined;
  const allIn = new Promise<void>((resolve) => {
    finish = resolve;
  });
  chans.forEach((c, k) => {
    w.spawn(async () => {
      for (let i = 0; i < perChannel; i++) await w.send(c, k * perChannel + i);
    });
  });
  for (let consumer = 0; consumer < 2; consumer++) {
    const select = w.selector(chans);
    w.spawn(async () => {
      while (received < total) {
        const [v] = await select();
        seen.add(v);
        if (++received >= total) finish();
      }
    });
  }
  // The consumer that did not take the last value stays blocked in its select; don't wait for it.
  void w.run().catch(() => undefined);
  await allIn;
  return seen.finish();
}
