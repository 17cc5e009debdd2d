/**
 * HostSampler: CPU since the previous sample as a percent of one core, memory
 * as it stands; samples come on its interval until stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HostSampler } from './host-sampler';
import type { HostSample } from '../store/runs/metrics';

let sampler: HostSampler | undefined;
afterEach(() => sampler?.stop());

describe('HostSampler', () => {
  it("counts this process's CPU work since the last sample and reads its memory", () => {
    sampler = new HostSampler(() => undefined);
    sampler.sample();
    // Busy for a while (work, not a clock: the CPU share is what is checked, loosely).
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += Math.sqrt(i);
    const s = sampler.sample();
    expect(x).toBeGreaterThan(0);
    expect(s.cpu).toBeGreaterThan(0);
    expect(s.rss).toBeGreaterThan(s.heapUsed);
    expect(s.heapUsed).toBeGreaterThan(0);
    expect(Math.abs(s.atMs - Date.now())).toBeLessThan(60_000);
  });

  it('samples on its interval while started, and not after stop', async () => {
    const got: HostSample[] = [];
    sampler = new HostSampler((s) => got.push(s), 20);
    sampler.start();
    const deadline = Date.now() + 10_000;
    while (got.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got.length).toBeGreaterThanOrEqual(2);
    sampler.stop();
    const n = got.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(got.length).toBe(n);
  });
});
