/**
 * The helper threads of a parallel search (the engine's `Team`): K - 1 check
 * worker threads serving the searches of one run, the coordinating thread
 * being the K-th. A helper is linked to its coordinator by two ports: each
 * search's job goes out on one, then the helper works on the shared control
 * block (src/engine/check/parallel) until the search ends; each new hash
 * table of its partition comes back on the other, which the coordinator
 * reads synchronously once the search needs it (it never returns to its
 * event loop mid-search).
 *
 * Helpers can be started apart from their coordinator (`startHelpers`):
 * runner.ts starts them together with the coordinating worker, so that the
 * helpers load while the coordinator loads and reads the script, instead of
 * after it.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { waitReady } from '../../engine/check/parallel/team';
import type { HelperJob, Team } from '../../engine/check';
import type { FromHelper, HelperLink, ToHelper } from './messages';
import { workerEntry } from '../worker-entry';

/** How long a helper may take to start and take a job (tsx-compiled sources are slow to load). */
const READY_MS = 120_000;

/** Starts `count` helper threads; the links are the coordinator's ends (transferable to another thread). */
export function startHelpers(count: number): { readonly workers: Worker[]; readonly links: HelperLink[] } {
  const workers: Worker[] = [];
  const links: HelperLink[] = [];
  for (let i = 0; i < count; i++) {
    const jobs = new MessageChannel();
    const tables = new MessageChannel();
    const worker = new Worker(workerEntry(import.meta.url, 'check'));
    const hello: ToHelper = { type: 'helper-links', jobs: jobs.port2, tables: tables.port2 };
    worker.postMessage(hello, [jobs.port2, tables.port2]);
    workers.push(worker);
    links.push({ jobs: jobs.port1, tables: tables.port1 });
  }
  return { workers, links };
}

export class ThreadTeam implements Team {
  readonly helpers: number;
  /** Helpers this team started (and stops on close); none when it was given links. */
  private readonly workers: Worker[];
  private readonly links: readonly HelperLink[];
  private readonly latest = new Map<number, SharedArrayBuffer>();

  /** `helpers`: how many helper threads to start, or the links of helpers started elsewhere (`startHelpers`). */
  constructor(
    helpers: number | readonly HelperLink[],
    readonly maxBytes: number,
    readonly initialStates?: number,
  ) {
    const started = typeof helpers === 'number' ? startHelpers(helpers) : { workers: [], links: helpers };
    this.workers = started.workers;
    this.links = started.links;
    this.helpers = this.links.length;
  }

  begin(job: HelperJob): void {
    this.latest.clear();
    for (const { tables } of this.links) while (receiveMessageOnPort(tables) !== undefined); // a previous search's tables
    for (const { jobs } of this.links) jobs.postMessage({ type: 'helper-job', job } satisfies ToHelper);
    waitReady(new Int32Array(job.control), this.helpers, READY_MS, () => performance.now());
  }

  tables(): ReadonlyMap<number, SharedArrayBuffer> {
    for (const { tables } of this.links) {
      for (let m = receiveMessageOnPort(tables); m !== undefined; m = receiveMessageOnPort(tables)) {
        const table = m.message as FromHelper;
        this.latest.set(table.part, table.table);
      }
    }
    return this.latest;
  }

  async close(): Promise<void> {
    for (const { jobs, tables } of this.links) {
      jobs.close();
      tables.close();
    }
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
