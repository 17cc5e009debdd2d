/**
 * The helper threads of a parallel search (the engine's `Team`): K - 1 check
 * worker threads serving the searches of one run, the coordinating thread
 * being the K-th. A helper gets each search's job by message, then works
 * on the shared control block (src/engine/check/parallel) until the search
 * ends. Each new hash table of a helper's partition comes back through its
 * own MessagePort, which the coordinator reads synchronously once the search
 * needs it (it never returns to its event loop mid-search).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { waitReady } from '../../engine/check/parallel/team';
import type { HelperJob, Team } from '../../engine/check';
import type { FromHelper, ToHelper } from './messages';
import { workerEntry } from '../worker-entry';

/** How long a helper may take to start and take a job (tsx-compiled sources are slow to load). */
const READY_MS = 120_000;

export class ThreadTeam implements Team {
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly latest = new Map<number, SharedArrayBuffer>();

  constructor(
    readonly helpers: number,
    readonly maxBytes: number,
    readonly initialStates?: number,
  ) {
    for (let i = 0; i < helpers; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(workerEntry(import.meta.url, 'check'));
      const hello: ToHelper = { type: 'helper-port', port: port2 };
      worker.postMessage(hello, [port2]);
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  begin(job: HelperJob): void {
    this.latest.clear();
    for (const p of this.ports) while (receiveMessageOnPort(p) !== undefined); // a previous search's tables
    const message: ToHelper = { type: 'helper-job', job };
    for (const w of this.workers) w.postMessage(message);
    waitReady(new Int32Array(job.control), this.helpers, READY_MS, () => performance.now());
  }

  tables(): ReadonlyMap<number, SharedArrayBuffer> {
    for (const p of this.ports) {
      for (let m = receiveMessageOnPort(p); m !== undefined; m = receiveMessageOnPort(p)) {
        const table = m.message as FromHelper;
        this.latest.set(table.part, table.table);
      }
    }
    return this.latest;
  }

  async close(): Promise<void> {
    for (const p of this.ports) p.close();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
