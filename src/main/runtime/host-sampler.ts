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
    this.lastCpu = process.cpuUsage();
    this.lastAt = performance.now();
    this.worker?.reset();
    this.timer = setInterval(() => this.onSample(this.sample()), this.intervalMs);
    // A run left open must not keep the process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One sample now: CPU since the previous one, memory as it stands. */
  sample(): HostSample {
    const cpu = process.cpuUsage(this.lastCpu);
    const at = performance.now();
    const wallUs = Math.max(1, (at - this.lastAt) * 1000);
    this.lastCpu = process.cpuUsage();
    this.lastAt = at;
    const mem = process.memoryUsage();
    return {
      atMs: Date.now(),
      cpu: Math.round(((cpu.user + cpu.system) / wallUs) * 1000) / 10,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      ...this.worker?.read(),
    };
  }
}
