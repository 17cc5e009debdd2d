/**
 * CallClock: live agent and HTTP calls are timed around the call itself and
 * matched, per node, with the deliver step that hands the result over; other
 * outside kinds, and results a replay hands back without calling, are not timed.
 */
import { describe, expect, it } from 'vitest';
import type { OutsideSource } from '../../engine/runtime/network/code';
import type { StepInfo } from '../../engine/runtime/network/run';
import { CallClock } from './call-clock';

/** An outside source that calls `start` at once, as a live scheduler does (or never, as a replay does). */
function source(live: boolean, started: Promise<unknown>[]): OutsideSource {
  return {
    value: (_kind, produce) => produce(),
    request: (_kind, start) => {
      if (live) started.push(start().catch((e: unknown) => ({ error: String(e) })));
    },
    schedule: () => undefined,
    virtualNow: () => 0,
    nextRecorded: () => undefined,
  };
}

const deliver = (seq: number, node: string, kind: string): StepInfo => ({
  seq,
  kind: 'deliver',
  event: `deliver ${kind}`,
  hidden: false,
  processes: [node],
  branch: 0,
});

describe('CallClock', () => {
  it('times each live call from the request to its answer and gives it the seq of the step that delivered it', async () => {
    let now = 1000;
    const clock = new CallClock(() => now);
    const started: Promise<unknown>[] = [];
    const fetcher = clock.wrap('Fetch', source(true, started));
    const asker = clock.wrap('Ask', source(true, started));
    let answer!: (v: unknown) => void;
    fetcher.request('http', () => new Promise((resolve) => (answer = resolve)));
    asker.request('llm-reply', () => Promise.reject(new Error('provider down')));
    asker.request('inject', () => Promise.resolve(1)); // from the user: not a call
    // Both settle after the clock moved on (a rejection is taken in a later microtask too).
    now = 1250;
    answer({ status: 200 });
    await Promise.all(started);
    expect(clock.take([deliver(3, 'Ask', 'inject')])).toEqual([]);
    expect(clock.take([deliver(7, 'Fetch', 'http'), deliver(9, 'Ask', 'llm-reply')])).toEqual([
      { seq: 7, node: 'Fetch', kind: 'http', startedMs: 1000, endedMs: 1250, failed: false },
      { seq: 9, node: 'Ask', kind: 'llm-reply', startedMs: 1000, endedMs: 1250, failed: true },
    ]);
    // Each timing is taken once.
    expect(clock.take([deliver(7, 'Fetch', 'http')])).toEqual([]);
  });

  it('times nothing on a replay (the recorded result is handed back without calling)', async () => {
    const clock = new CallClock(() => 5);
    const started: Promise<unknown>[] = [];
    clock.wrap('Fetch', source(false, started)).request('http', () => Promise.resolve({ status: 200 }));
    await Promise.all(started);
    expect(clock.take([deliver(2, 'Fetch', 'http')])).toEqual([]);
  });

  it('forgets answered calls when the run goes back', async () => {
    const clock = new CallClock(() => 5);
    const started: Promise<unknown>[] = [];
    clock.wrap('Fetch', source(true, started)).request('http', () => Promise.resolve({ status: 200 }));
    await Promise.all(started);
    clock.clear();
    expect(clock.take([deliver(2, 'Fetch', 'http')])).toEqual([]);
  });
});
