/**
 * One run's own cost, beside the whole host process's: the CPU of its worker
 * thread and that thread's JS heap.
 *
 * CPU: on Linux the kernel keeps each thread's user and system time in
 * /proc/<pid>/task/<tid>/stat (in USER_HZ ticks, 100 a second on every
 * mainstream architecture: 10 ms resolution, 1% of a core over a 1 s sample).
 * The worker reads its own thread id once (`ownThreadId`) and reports it; the
 * host reads the thread's times at each sample, so a worker busy in a long
 * chunk of steps is measured as exactly as an idle one. Where /proc is missing
 * (macOS, Windows) the host falls back to the worker's event-loop utilisation
 * (`worker.performance.eventLoopUtilization`), the share of wall time the
 * worker's loop was not idle: close for a CPU-bound run, an overestimate for
 * one blocked in a synchronous wait. Node 20 has no per-thread CPU clock of its own.
 *
 * Heap: the worker's isolate has its own heap; only the worker can read it
 * (v8.getHeapStatistics in that thread), so it reports it once a second.
 */
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import type { EventLoopUtilization } from 'node:perf_hooks';

/** Ticks per second of /proc's times (USER_HZ, fixed by the kernel's ABI). */
const USER_HZ = 100;

/** What a run's worker reports of itself: its thread id (Linux only) and its heap in use, bytes. */
export interface ThreadReport {
  readonly tid?: number;
  readonly heapUsed: number;
}

/** In the worker: its kernel thread id, or undefined where /proc/thread-self is not there. */
export function ownThreadId(): number | undefined {
  try {
    const tid = Number(readFileSync('/proc/thread-self/stat', 'latin1').split(' ', 1)[0]);
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** In the worker: what it reports to the host. */
export function threadReport(tid: number | undefined): ThreadReport {
  return { ...(tid !== undefined ? { tid } : {}), heapUsed: getHeapStatistics().used_heap_size };
}

/**
 * Thread `tid`'s user + system time in ms, from /proc/self/task/<tid>/stat;
 * undefined when it cannot be read (the thread has ended, no /proc).
 */
export function threadCpuMs(tid: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 (utime, stime) of the whole line are 12 and 13 here (state is field 3).
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / USER_HZ : undefined;
}

/** The host's view of one run's worker, read at each host sample (host-sampler.ts). */
export class WorkerGauge {
  private report: ThreadReport | undefined;
  private lastCpuMs: number | undefined;
  private lastElu: EventLoopUtilization | undefined;
  private lastAt = performance.now();

  constructor(
    /** The worker's `performance.eventLoopUtilization` (two readings give the share between them). */
    private readonly elu: (a?: EventLoopUtilization, b?: EventLoopUtilization) => EventLoopUtilization,
  ) {}

  /** The worker's latest report (its thread id the first time, its heap every time). */
  take(report: ThreadReport): void {
    const first = this.report?.tid === undefined && report.tid !== undefined;
    this.report = report;
    if (first) this.lastCpuMs = threadCpuMs(report.tid!);
  }

  /** Starts the CPU count afresh (the sampler's start, at its time `at`). */
  reset(at: number = performance.now()): void {
    this.lastAt = at;
    const tid = this.report?.tid;
    this.lastCpuMs = tid !== undefined ? threadCpuMs(tid) : undefined;
    this.lastElu = tid === undefined ? this.elu() : undefined;
  }

  /**
   * The worker's CPU since the previous read, % of one core, over the wall time to `at` (the
   * sampler's time for this sample), and its last reported heap.
   */
  read(at: number = performance.now()): { workerCpu?: number; workerHeapUsed?: number } {
    const wallMs = Math.max(1, at - this.lastAt);
    this.lastAt = at;
    let cpu: number | undefined;
    const tid = this.report?.tid;
    const cpuMs = tid !== undefined ? threadCpuMs(tid) : undefined;
    if (cpuMs !== undefined) {
      if (this.lastCpuMs !== undefined) cpu = ((cpuMs - this.lastCpuMs) / wallMs) * 100;
      this.lastCpuMs = cpuMs;
    } else {
      const now = this.elu();
      if (this.lastElu !== undefined) cpu = this.elu(now, this.lastElu).utilization * 100;
      this.lastElu = now;
    }
    const heap = this.report?.heapUsed;
    return {
      ...(cpu !== undefined ? { workerCpu: Math.round(cpu * 10) / 10 } : {}),
      ...(heap !== undefined ? { workerHeapUsed: heap } : {}),
    };
  }
}
