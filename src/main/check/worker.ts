/**
 * A check worker thread, in one of two roles:
 *  - a **coordinator** checks a script (or one assertion of it) with the
 *    engine and posts progress, each decided assertion, and the final
 *    report; with `threads > 1` it starts helpers (team.ts) and every
 *    deadlock, divergence, determinism or refinement check is searched by all of them together;
 *  - a **helper** serves the parallel searches of a coordinator.
 * Cancellation arrives through a SharedArrayBuffer flag, because the check
 * loop is synchronous and never yields to this thread's message queue.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { serveHelper } from '../../engine/check';
import { checkScript } from '../../engine/check/script';
import { includeReader } from './input';
import type { FromHelper, FromWorker, ToHelper, WorkerJob } from './messages';
import { ThreadTeam } from './team';

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');

port.on('message', (message: WorkerJob | ToHelper) => {
  if ('type' in message) {
    if (message.type === 'helper-links') serve(message.jobs, message.tables);
    return;
  }
  void coordinate(message);
});

/** As a helper: each job that comes on `jobs` is served until its search ends; new tables go back on `tables`. */
function serve(jobs: MessagePort, tables: MessagePort): void {
  jobs.on('message', (m: ToHelper) => {
    if (m.type === 'helper-job')
      serveHelper(m.job, (part, table) => tables.postMessage({ part, table } satisfies FromHelper));
  });
}

async function coordinate(job: WorkerJob): Promise<void> {
  const flag = new Int32Array(job.cancel);
  const post = (m: FromWorker): void => port?.postMessage(m);
  const threads = job.threads ?? 1;
  const maxBytes = job.maxBytes ?? Number.POSITIVE_INFINITY;
  const team =
    job.helpers !== undefined && job.helpers.length > 0
      ? new ThreadTeam(job.helpers, maxBytes)
      : threads > 1
        ? new ThreadTeam(threads - 1, maxBytes)
        : undefined;
  try {
    const check = (only: number | undefined) =>
      checkScript(job.text, {
        file: job.file,
        readFile: includeReader,
        ...(only !== undefined ? { only } : {}),
        ...(team !== undefined ? { team } : {}),
        budget: {
          // epoch-based so the deadline means the same instant in every thread
          clock: () => performance.timeOrigin + performance.now(),
          signal: {
            get aborted() {
              return Atomics.load(flag, 0) === 1;
            },
          },
          ...(job.deadline !== undefined ? { deadline: job.deadline } : {}),
          ...(job.maxStates !== undefined ? { maxStates: job.maxStates } : {}),
          ...(job.maxBytes !== undefined ? { maxBytes: job.maxBytes } : {}),
          progressEveryMs: job.progressEveryMs,
        },
        onProgress: (index, progress) => post({ type: 'progress', index, progress }),
        onAssertion: (report) => post({ type: 'assertion', report }),
      });
    // chosen assertions: one pass each, in file order (checkScript takes one); none chosen: assertion 0,
    // which does not exist, so the script is read (its errors reported) and nothing is checked
    const passes = (job.only === undefined ? [undefined] : job.only.length > 0 ? job.only : [0]).map(check);
    const first = passes[0] as ReturnType<typeof check>;
    post({ type: 'done', report: { ...first, assertions: passes.flatMap((r) => r.assertions) } });
  } catch (error) {
    post({ type: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    await team?.close();
  }
}
