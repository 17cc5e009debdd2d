/**
 * One step of `npm test` (scripts/test.mjs): a Node process run in its own
 * process group, so that a step past its time limit, or one its watcher calls
 * stuck, is stopped with everything it started. A hung test must fail CI with
 * its name printed, not hold the run until CI's own limit.
 */
import { spawn, spawnSync } from 'node:child_process';

const running = new Set(); // the steps' children, so Ctrl-C reaches their process groups too
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) stopGroup(child.pid, signal);
    process.exit(130);
  });
}

function stopGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Prints the processes of a step's group (state, CPU, command), to show what hung. */
function showProcesses(pgid) {
  const ps = spawnSync('ps', ['-o', 'pid,stat,pcpu,etime,rss,args', '--no-headers', '-g', String(pgid)], {
    encoding: 'utf8',
  });
  process.stderr.write(ps.stdout || `(ps failed: ${ps.error?.message ?? ps.stderr})\n`);
}

/** Bytes of a step's output kept for the summary: a vitest failure report fits. */
const TAIL_BYTES = 256 * 1024;

function keep(tail, chunk, stream) {
  stream.write(chunk);
  tail.push(chunk);
  let bytes = tail.reduce((n, c) => n + c.length, 0);
  while (bytes > TAIL_BYTES && tail.length > 1) bytes -= tail.shift().length;
}

/**
 * Runs `node <args>` in `root`. Resolves 'ok', 'failed' or 'stopped' (past
 * `limitS`, or `stuck()` returned a reason; it is asked every 15 s).
 * With `output` (an array), the step's stdout and stderr are collected there
 * instead of printed, so steps run side by side do not interleave their lines.
 * With `tail` (an array), they are printed as they come and also kept there,
 * so the summary can repeat a failure's lines (CI's log shows only its end).
 */
export function runStep(root, args, limitS, { env = {}, stuck = () => undefined, output, tail } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: output || tail ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: true,
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1', ...env },
    });
    running.add(child);
    if (output) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    } else if (tail) {
      child.stdout.on('data', (chunk) => keep(tail, chunk, process.stdout));
      child.stderr.on('data', (chunk) => keep(tail, chunk, process.stderr));
    }
    let stopped = false;
    const stop = (why) => {
      if (stopped) return;
      stopped = true;
      process.stderr.write(`\n✗ ${why}; stopping it. Its processes were:\n`);
      showProcesses(child.pid);
      stopGroup(child.pid);
    };
    const limit = setTimeout(() => stop(`${args.join(' ')} ran past ${limitS} s`), limitS * 1000);
    const watch = setInterval(() => {
      const why = stuck();
      if (why !== undefined) stop(why);
    }, 15_000);
    const settle = (outcome) => {
      clearTimeout(limit);
      clearInterval(watch);
      running.delete(child);
      resolve(stopped ? 'stopped' : outcome);
    };
    // 'close', not 'exit': with `output`, every chunk has arrived only when the pipes close.
    child.on('close', (code, signal) => settle(code === 0 && !signal ? 'ok' : 'failed'));
    child.on('error', (error) => {
      process.stderr.write(`cannot start ${args.join(' ')}: ${error.message}\n`);
      settle('failed');
    });
  });
}
