/**
 * Keeps diagnostics in step with the open document: each new workflow is sent
 * to a worker, at most one request is in flight, and only the newest workflow
 * waiting is sent next (typing fast never queues stale work).
 */
import type { Workflow } from '../../../../engine/workflow';
import type { DesignerDiagnostic } from './analyse';

export interface ValidateRequest {
  readonly seq: number;
  readonly workflow: Workflow;
}

export type ValidateReply =
  | { readonly seq: number; readonly diagnostics: DesignerDiagnostic[] }
  | { readonly seq: number; readonly error: string };

/** The part of a Worker the validator uses. */
export interface ValidatorPort {
  postMessage(request: ValidateRequest): void;
  onmessage: ((e: MessageEvent<ValidateReply>) => void) | null;
  terminate(): void;
}

export interface ValidatorResult {
  readonly workflow: Workflow;
  readonly diagnostics: readonly DesignerDiagnostic[];
  /** Set when the analysis itself failed (a bug, not a problem of the workflow). */
  readonly error?: string;
}

export class Validator {
  private seq = 0;
  private inFlight: { seq: number; workflow: Workflow } | undefined;
  private waiting: Workflow | undefined;
  private last: Workflow | undefined;

  constructor(
    private readonly port: ValidatorPort,
    private readonly onResult: (result: ValidatorResult) => void,
  ) {
    port.onmessage = (e) => this.reply(e.data);
  }

  /** Asks for the diagnostics of `workflow` (a no-op if it is the one last asked for). */
  validate(workflow: Workflow): void {
    if (workflow === this.last) return;
    this.last = workflow;
    if (this.inFlight) this.waiting = workflow;
    else this.send(workflow);
  }

  dispose(): void {
    this.port.onmessage = null;
    this.port.terminate();
  }

  private send(workflow: Workflow): void {
    this.inFlight = { seq: ++this.seq, workflow };
    this.port.postMessage({ seq: this.seq, workflow });
  }

  private reply(r: ValidateReply): void {
    const job = this.inFlight;
    if (!job || r.seq !== job.seq) return;
    this.inFlight = undefined;
    const next = this.waiting;
    this.waiting = undefined;
    if (next) this.send(next);
    // A result for a workflow already replaced is still shown until the newer one arrives: better than nothing.
    this.onResult(
      'error' in r
        ? { workflow: job.workflow, diagnostics: [], error: r.error }
        : { workflow: job.workflow, diagnostics: r.diagnostics },
    );
  }
}
