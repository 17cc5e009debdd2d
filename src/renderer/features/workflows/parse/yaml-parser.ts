/**
 * Parses workflow YAML in a worker: `loadWorkflowYaml` on a 1,000-node file
 * takes the UI thread half a second warm and well over a second cold, long
 * enough to freeze the studio while a workflow opens. Requests are answered in
 * the order sent; a dead worker fails every pending request (said, not hung).
 */
import type { LoadResult } from '../../../../engine/workflow';

export interface ParseRequest {
  readonly seq: number;
  readonly text: string;
}

export type ParseReply =
  { readonly seq: number; readonly result: LoadResult } | { readonly seq: number; readonly error: string };

/** The part of a Worker the parser uses. */
export interface ParserPort {
  postMessage(request: ParseRequest): void;
  onmessage: ((e: MessageEvent<ParseReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

interface Pending {
  resolve(result: LoadResult): void;
  reject(error: Error): void;
}

export class YamlParser {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private broken: Error | undefined;

  constructor(private readonly port: ParserPort) {
    port.onmessage = (e) => this.reply(e.data);
    port.onerror = (e) => this.fail(new Error(`the YAML parser worker failed: ${e.message || 'no reason given'}`));
  }

  /** The workflow in `text`, or its diagnostics, exactly as `loadWorkflowYaml` gives them. */
  parse(text: string): Promise<LoadResult> {
    if (this.broken) return Promise.reject(this.broken);
    const seq = ++this.seq;
    return new Promise<LoadResult>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.port.postMessage({ seq, text });
    });
  }

  /** True once the worker has failed: the owner starts a new one. */
  get failed(): boolean {
    return this.broken !== undefined;
  }

  dispose(): void {
    this.fail(new Error('the YAML parser was closed'));
    this.port.onmessage = null;
    this.port.onerror = null;
    this.port.terminate();
  }

  private reply(r: ParseReply): void {
    const job = this.pending.get(r.seq);
    if (!job) return;
    this.pending.delete(r.seq);
    if ('error' in r) job.reject(new Error(r.error));
    else job.resolve(r.result);
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
