/**
 * A run worker's own cost (thread-usage.ts): a thread's CPU time read from
 * /proc, counted for that thread only; the gauge's CPU share from /proc when
 * the worker reported its thread id, from its event-loop utilisation when not.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { ownThreadId, threadCpuMs, threadReport, WorkerGauge } from './thread-usage';

const linux = existsSync('/proc/thread-self/stat');

const spin = (): number => {
  let x = 0;
  for (let i = 0; i < 3e7; i++) x += Math.sqrt(i);
  return x;
};

describe('thread usage', () => {
  it.skipIf(!linux)("reads this thread's CPU time, which grows with work done on it", () => {
    const tid = ownThreadId()!;
    expect(tid).toBeGreaterThan(0);
    const before = threadCpuMs(tid)!;
    expect(spin()).toBeGreaterThan(0);
    expect(threadCpuMs(tid)!).toBeGreaterThan(before);
    expect(threadReport(tid)).toEqual({ tid, heapUsed: expect.any(Number) as number });
    // A thread that is not there gives nothing, never a throw.
    expect(threadCpuMs(2 ** 30)).toBeUndefined();
  });

  it.skipIf(!linux)("measures the reported thread's CPU, not the event-loop utilisation", () => {
    const gauge = new WorkerGauge(() => {
      throw new Error('not asked when /proc has the thread');
    });
    gauge.take(threadReport(ownThreadId()));
    gauge.reset();
    spin();
    const r = gauge.read();
    expect(r.workerCpu).toBeGreaterThan(0);
    expect(r.workerHeapUsed).toBeGreaterThan(0);
  });

  it('falls back to the event-loop utilisation without a thread id, and has nothing before a report', () => {
    let active = 0;
    const reading = (): EventLoopUtilization => ({ idle: 0, active, utilization: 0 });
    const gauge = new WorkerGauge((a, b) =>
      a !== undefined && b !== undefined
        ? { idle: 0, active: a.active - b.active, utilization: (a.active - b.active) / 1000 }
        : reading(),
    );
    expect(gauge.read()).toEqual({});
    gauge.take({ heapUsed: 1234 });
    gauge.reset();
    active = 250;
    expect(gauge.read()).toEqual({ workerCpu: 25, workerHeapUsed: 1234 });
  });
});
