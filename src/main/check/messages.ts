/** Messages between the host and a check worker (structured-clone data only). */
import type { MessagePort } from 'node:worker_threads';
import type { HelperJob } from '../../engine/check';
import type { Progress } from '../../engine/check/budget';
import type { AssertionReport, ScriptReport } from '../../engine/check/script';

export interface WorkerJob {
  readonly text: string;
  readonly file: string;
  /** Only these assertions (1-based, file order). */
  readonly only?: readonly number[];
  /** Absolute deadline, epoch milliseconds (performance.timeOrigin + performance.now()), shared by every job of a run. */
  readonly deadline?: number;
  readonly maxStates?: number;
  /** Memory budget of the state stores, bytes. */
  readonly maxBytes?: number;
  /** Threads that search each deadlock, divergence, determinism or refinement check together (this one and threads - 1 helpers). */
  readonly threads?: number;
  /** The helpers' links, when the helpers were started beside this worker (team.ts `startHelpers`); else it starts them. */
  readonly helpers?: readonly HelperLink[];
  readonly progressEveryMs: number;
  /** Int32 flag: 1 = cancel. */
  readonly cancel: SharedArrayBuffer;
}

export type FromWorker =
  | { readonly type: 'progress'; readonly index: number; readonly progress: Progress }
  | { readonly type: 'assertion'; readonly report: AssertionReport }
  | { readonly type: 'done'; readonly report: ScriptReport }
  | { readonly type: 'crashed'; readonly message: string };

/** From a helper of a parallel search to its coordinator, on the helper's port: its partition's new table. */
export interface FromHelper {
  readonly part: number;
  readonly table: SharedArrayBuffer;
}

/** The coordinator's ends of a helper's two ports: jobs out, the helper's new tables back. */
export interface HelperLink {
  readonly jobs: MessagePort;
  readonly tables: MessagePort;
}

/** To a check worker acting as a helper of a parallel search (team.ts): its ends of the ports (on its parent port), then each job (on the jobs port). */
export type ToHelper =
  | { readonly type: 'helper-links'; readonly jobs: MessagePort; readonly tables: MessagePort }
  | { readonly type: 'helper-job'; readonly job: HelperJob };
