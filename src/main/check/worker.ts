/**
 * A check worker thread: checks one script (or one assertion of it) with the
 * engine and posts progress, each decided assertion, and the final report.
 * Cancellation arrives through a SharedArrayBuffer flag, because the check
 * loop is synchronous and never yields to this thread's message queue.
 */
import { parentPort } from 'node:worker_threads';
import { checkScript } from '../../engine/check/script';
import { includeReader } from './input';
import type { FromWorker, WorkerJob } from './messages';

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');

port.on('message', (job: WorkerJob) => {
  const flag = new Int32Array(job.cancel);
  const post = (m: FromWorker): void => port.postMessage(m);
  try {
    const report = checkScript(job.text, {
      file: job.file,
      readFile: includeReader,
      ...(job.only !== undefined ? { only: job.only } : {}),
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
        progressEveryMs: job.progressEveryMs,
      },
      onProgress: (index, progress) => post({ type: 'progress', index, progress }),
      onAssertion: (report) => post({ type: 'assertion', report }),
    });
    post({ type: 'done', report });
  } catch (error) {
    post({ type: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
