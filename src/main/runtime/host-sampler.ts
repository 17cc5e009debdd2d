/**
 * The host process's CPU and memory while a run is live, sampled at a modest
 * interval (a second by default) so the charts of the run, live or opened later
 * from the store, show what the run cost the machine. CPU is the process's
 * user + system time since the previous sample over the wall time between them
 * (worker threads included: a run's worker is in this process), as a percent of
 * one core; memory is the resident set and the host's JS heap in use. With a
 * `worker` gauge each sample also holds the run's own worker thread's CPU and
 * heap (thread-usage.ts), so two runs open at once each show their own cost.
 */
import type { HostSample } from '../store/runs/metrics';
import type { WorkerGauge } from './thread-usage';

export const HOST_SAMPLE_MS = 1000;

export class HostSampler {
  private timer: NodeJS.Timeout | undefined;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();

  constructor(
    private readonly onSample: (sample: HostSample) => void,
    private readonly intervalMs: number = HOST_SAMPLE_MS,
    private readonly worker?: WorkerGauge,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.lastAt = performance.now();
    this.worker?.reset(this.lastAt);
    this.lastCpu = process.cpuUsage();
    this.timer = setInterval(() => this.onSample(this.sample()), this.intervalMs);
    // A run left open must not keep the process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * One sample now: CPU since the previous one, memory as it stands. The worker thread's CPU and the
   * process's are read back to back over one wall time, so the thread's share is measured over the
   * same interval as the total it is part of (read apart, with the process's memory read between, a
   * busy worker could show more than the whole process). The process's CPU is read once and kept as
   * the next sample's start: reading it again for that dropped the CPU used in between.
   */
  sample(): HostSample {
    const at = performance.now();
    const worker = this.worker?.read(at);
    const now = process.cpuUsage();
    const usedUs = now.user - this.lastCpu.user + (now.system - this.lastCpu.system);
    const wallUs = Math.max(1, (at - this.lastAt) * 1000);
    this.lastCpu = now;
    this.lastAt = at;
    const mem = process.memoryUsage();
    return {
      atMs: Date.now(),
      cpu: Math.round((usedUs / wallUs) * 1000) / 10,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      ...worker,
    };
  }
}
