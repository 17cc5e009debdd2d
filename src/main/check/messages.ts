/** Messages between the host and a check worker (structured-clone data only). */
import type { Progress } from '../../engine/check/budget';
import type { AssertionReport, ScriptReport } from '../../engine/check/script';

export interface WorkerJob {
  readonly text: string;
  readonly file: string;
  readonly only?: number;
  /** Absolute deadline, epoch milliseconds (performance.timeOrigin + performance.now()), shared by every job of a run. */
  readonly deadline?: number;
  readonly maxStates?: number;
  readonly progressEveryMs: number;
  /** Int32 flag: 1 = cancel. */
  readonly cancel: SharedArrayBuffer;
}

export type FromWorker =
  | { readonly type: 'progress'; readonly index: number; readonly progress: Progress }
  | { readonly type: 'assertion'; readonly report: AssertionReport }
  | { readonly type: 'done'; readonly report: ScriptReport }
  | { readonly type: 'crashed'; readonly message: string };
