/**
 * The checker benchmark's measured runs, each its own process wrapped in GNU
 * time (wall and CPU seconds, whole-process peak RSS):
 *  - ours: the user's path, the built `csp check --json [--workers K]`
 *    (the build is resolved once, so a rebuild never lands inside a run);
 *  - SPIN: `spin -o3 -a`, `gcc -O2 -DNOREDUCE -DSAFETY`, `pan -m<depth>`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
const TIME = '/usr/bin/time';

export interface Sample {
  readonly states: number;
  /** The check's own seconds (ours: the assertions' `seconds`; SPIN: pan's elapsed time). */
  readonly seconds: number;
  /** The whole command, start to exit. */
  readonly wall: number;
  /** User + system CPU seconds of the whole command (every thread). */
  readonly cpu: number;
  readonly rssKb: number;
}

interface Timed {
  readonly stdout: string;
  readonly wall: number;
  readonly cpu: number;
  readonly rssKb: number;
}

function timed(cmd: string, args: readonly string[], cwd: string, what: string): Timed {
  const r = spawnSync(TIME, ['-f', 'TIMED %e %U %S %M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /TIMED ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m)
    throw new Error(`${what} failed (${r.status}): ${r.stderr.slice(-600)}${r.stdout.slice(-300)}`);
  return { stdout: r.stdout, wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssKb: Number(m[4]) };
}

/** The built command line's entry (builds it if the sources are newer), kept from pruning while we run. */
export async function cspEntry(): Promise<string> {
  const builder = (await import(join(root, 'scripts', 'node-build.mjs'))) as {
    builtEntry(name: string): Promise<string>;
  };
  return fileURLToPath(await builder.builtEntry('csp'));
}

/** CPU seconds of each thread of a run, as last seen (Linux /proc; empty elsewhere). */
export interface ThreadCpu {
  /** The process's main thread. */
  readonly main: number;
  /** Every other thread, busiest first (the search threads, then V8's own). */
  readonly others: readonly number[];
}

/** CPU seconds of every thread of process `pid` now (schedstat: time on a CPU, ns). */
function threadCpu(pid: number, into: Map<number, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      into.set(Number(tid), ns / 1e9);
    } catch {
      // the thread ended between the listing and the read
    }
  }
}

/** The child of `parent` (GNU time's command), once it has started. */
function childOf(parent: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `timed`, asynchronously, sampling every thread's CPU time every 50 ms
 * while the command runs (a thread's last 50 ms may be missed: the figures
 * are a lower bound, close for runs of seconds).
 */
function timedThreads(
  cmd: string,
  args: readonly string[],
  cwd: string,
  what: string,
): Promise<Timed & { threads: ThreadCpu }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', 'TIMED %e %U %S %M', cmd, ...args], { cwd });
    const seen = new Map<number, number>();
    let pid: number | undefined;
    const timer = setInterval(() => {
      pid ??= child.pid === undefined ? undefined : childOf(child.pid);
      if (pid !== undefined) threadCpu(pid, seen);
    }, 50);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(timer);
      const m = /TIMED ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (status !== 0 || !m) {
        reject(new Error(`${what} failed (${status}): ${stderr.slice(-600)}${stdout.slice(-300)}`));
        return;
      }
      const others = [...seen].filter(([tid]) => tid !== pid).map(([, s]) => s);
      resolve({
        stdout,
        wall: Number(m[1]),
        cpu: Number(m[2]) + Number(m[3]),
        rssKb: Number(m[4]),
        threads: { main: pid === undefined ? 0 : (seen.get(pid) ?? 0), others: others.sort((a, b) => b - a) },
      });
    });
  });
}

/**
 * What the run would take on quiet cores of its own, from CPU accounting:
 * its main thread (one thread: the whole check is there), plus, with
 * `--workers K`, the busiest worker thread (the coordinator's start-up and
 * share of the search; the helpers search beside it). V8's own threads
 * (garbage collection, compilation) run beside the main thread and are
 * left out of both; so is the search threads' wait for each other at the
 * end of a layer, which is idle time, not CPU.
 */
function quietEstimate(threads: ThreadCpu, workers: number): number {
  return workers > 1 ? threads.main + (threads.others[0] ?? 0) : threads.main;
}

export interface OursRun extends Sample {
  readonly threads: ThreadCpu;
  /** Seconds the run would take with a quiet core per search thread (quietEstimate). */
  readonly quietCpu: number;
  /** Each assertion: states and seconds, in file order. */
  readonly assertions: readonly {
    readonly text: string;
    readonly result: string;
    readonly states: number;
    readonly seconds: number;
  }[];
}

/** `csp check --json [--workers K] file`; every assertion must pass. */
export async function runOurs(entry: string, file: string, workers: number): Promise<OursRun> {
  const args = [entry, 'check', '--json', ...(workers > 1 ? ['--workers', String(workers)] : []), file];
  const t = await timedThreads(process.execPath, args, root, `csp check ${file} (${workers} threads)`);
  const report = JSON.parse(t.stdout) as {
    assertions: { text: string; result: string; states: number; seconds: number }[];
  };
  const bad = report.assertions.find((a) => a.result !== 'passed');
  if (bad !== undefined) throw new Error(`${file}: "${bad.text}" ${bad.result}; every benchmark assertion should pass`);
  const first = report.assertions[0];
  if (first === undefined) throw new Error(`${file}: no assertion checked`);
  const seconds = report.assertions.reduce((s, a) => s + a.seconds, 0);
  return {
    states: first.states,
    seconds,
    wall: t.wall,
    cpu: t.cpu,
    rssKb: t.rssKb,
    assertions: report.assertions,
    threads: t.threads,
    quietCpu: quietEstimate(t.threads, workers),
  };
}

export function haveSpin(): boolean {
  return existsSync(TIME) && spawnSync('spin', ['-V']).status === 0 && spawnSync('gcc', ['--version']).status === 0;
}

function sh(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-500)}${r.stdout.slice(-500)}`);
}

/** Generates and compiles pan for a model in its own folder. */
export function buildPan(dir: string, pml: string, N: number | undefined): string {
  sh('spin', ['-o3', ...(N === undefined ? [] : [`-DN=${N}`]), '-a', pml], dir);
  sh('gcc', ['-O2', '-DNOREDUCE', '-DSAFETY', '-o', 'pan', 'pan.c'], dir);
  return join(dir, 'pan');
}

export function runPan(pan: string, depthLimit: number): Sample & { depth: number } {
  const t = timed(pan, [`-m${depthLimit}`], dirname(pan), 'pan');
  const states = /(\d+) states, stored/.exec(t.stdout);
  const depth = /depth reached (\d+)/.exec(t.stdout);
  const elapsed = /elapsed time ([\d.e+-]+) seconds/.exec(t.stdout);
  const errors = /errors: (\d+)/.exec(t.stdout);
  if (!states || !depth || !errors) throw new Error(`unexpected pan output: ${t.stdout.slice(-800)}`);
  if (Number(errors[1]) !== 0) throw new Error(`pan found errors: ${t.stdout.slice(-800)}`);
  const seconds = elapsed ? Number(elapsed[1]) : t.wall;
  return { states: Number(states[1]), depth: Number(depth[1]), seconds, wall: t.wall, cpu: t.cpu, rssKb: t.rssKb };
}

/** SPIN allocates its whole DFS stack up front, so the depth is probed upwards, then the run uses -m just above it. */
export function panDepthLimit(pan: string): number {
  let limit = 100_000;
  let probe = runPan(pan, limit);
  while (probe.depth >= limit - 1) {
    limit *= 4;
    probe = runPan(pan, limit);
  }
  return Math.ceil(probe.depth * 1.01) + 10;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** `median (min–max)` of the values. */
export function spread(xs: readonly number[], digits: number, unit = ''): string {
  return `${fmt(median(xs), digits)}${unit} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})`;
}
