/**
 * The UI side of the CSPm language worker. Scripts are analysed as they are
 * typed: once keys pause for TYPING_PAUSE_MS, at most one analysis per
 * document is in flight and only the newest text waiting is sent next, so
 * typing fast never queues stale work nor keeps a core busy with text the next
 * key replaces (a 2,000-line script takes ~150 ms to analyse). Once
 * typing pauses, the declarations are evaluated in a second worker, which is
 * terminated (and later restarted) when the text changes under it: a slow
 * evaluation never delays the next keystroke's diagnostics.
 */
import type { Workflow } from '../../../../engine/workflow';
import type {
  DocumentContext,
  GeneratedScript,
  LanguageDiagnostic,
  Query,
  QueryResults,
  WorkerReply,
  WorkerRequest,
} from './protocol';

/** Quiet time after the last edit before declarations are evaluated. */
export const EVALUATION_DELAY_MS = 500;

/**
 * Quiet time after a key before its text is analysed: longer than the gap between keys of someone typing
 * (~40 ms at 25 keys a second), short against the 300 ms in which the markers should follow the last key.
 */
export const TYPING_PAUSE_MS = 60;

export interface WorkerPort {
  postMessage(request: WorkerRequest): void;
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null;
  terminate(): void;
}

export interface ScriptDiagnostics {
  readonly version: number;
  readonly diagnostics: readonly LanguageDiagnostic[];
  /** Whether the declarations were evaluated for this version (evaluation diagnostics included). */
  readonly evaluated: boolean;
  /** Worker time of the front end (parse and type check) for this version. */
  readonly ms: number;
}

interface Watched {
  file: string;
  version: number;
  text: string;
  inFlight: number | undefined;
  /** The newest text is to be sent when the analysis in flight returns. */
  waiting: boolean;
  /** Runs out TYPING_PAUSE_MS after the last edit. */
  pause: ReturnType<typeof setTimeout> | undefined;
  front: { version: number; diagnostics: readonly LanguageDiagnostic[]; ms: number } | undefined;
  onDiagnostics: (d: ScriptDiagnostics) => void;
}

export class LanguageClient {
  private language: WorkerPort | undefined;
  /** The evaluation worker (kept between evaluations) and what it is evaluating now. */
  private evaluationPort: WorkerPort | undefined;
  private evaluating: { uri: string; version: number } | undefined;
  private evaluationTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly watched = new Map<string, Watched>();
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private workflowRevision: number | undefined;

  constructor(private readonly startWorker: (name: string) => WorkerPort) {}

  /** Follows a script document: call `update` on every edit; diagnostics arrive through the callback. */
  watchScript(
    uri: string,
    file: string,
    version: number,
    text: string,
    onDiagnostics: (d: ScriptDiagnostics) => void,
  ): void {
    this.watched.set(uri, {
      file,
      version,
      text,
      inFlight: undefined,
      waiting: false,
      pause: undefined,
      front: undefined,
      onDiagnostics,
    });
    this.send(uri);
  }

  update(uri: string, version: number, text: string): void {
    const w = this.watched.get(uri);
    if (!w) return;
    w.version = version;
    w.text = text;
    this.cancelEvaluation(uri);
    clearTimeout(w.pause);
    w.pause = setTimeout(() => {
      w.pause = undefined;
      if (w.inFlight !== undefined) w.waiting = true;
      else this.send(uri);
    }, TYPING_PAUSE_MS);
  }

  unwatch(uri: string): void {
    clearTimeout(this.watched.get(uri)?.pause);
    this.cancelEvaluation(uri);
    this.watched.delete(uri);
    this.language?.postMessage({ type: 'forget', uri });
  }

  /** The open workflow for field queries; sent once per revision. */
  syncWorkflow(revision: number, workflow: Workflow): void {
    if (this.workflowRevision === revision) return;
    this.workflowRevision = revision;
    this.port().postMessage({ type: 'workflow', revision, workflow });
  }

  query<K extends Query['kind']>(
    uri: string,
    version: number,
    text: string,
    context: DocumentContext,
    query: Extract<Query, { kind: K }>,
  ): Promise<QueryResults[K]> {
    const id = this.nextId++;
    return new Promise<QueryResults[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.port().postMessage({ type: 'query', id, uri, version, text, context, query });
    });
  }

  /** The generated script of a workflow (compiled in the worker, once per revision). */
  generate(revision: number, workflow: Workflow): Promise<GeneratedScript | null> {
    this.syncWorkflow(revision, workflow);
    const id = this.nextId++;
    return new Promise<GeneratedScript | null>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.port().postMessage({ type: 'generate', id, revision });
    });
  }

  dispose(): void {
    clearTimeout(this.evaluationTimer);
    for (const w of this.watched.values()) clearTimeout(w.pause);
    this.language?.terminate();
    this.evaluationPort?.terminate();
    this.language = undefined;
    this.evaluationPort = undefined;
    this.evaluating = undefined;
    for (const p of this.pending.values()) p.reject(new Error('the language worker stopped'));
    this.pending.clear();
  }

  private port(): WorkerPort {
    if (!this.language) {
      const port = this.startWorker('cspm-language');
      port.onmessage = (e) => this.onReply(e.data);
      this.language = port;
    }
    return this.language;
  }

  private send(uri: string): void {
    const w = this.watched.get(uri);
    if (!w) return;
    w.inFlight = w.version;
    w.waiting = false;
    this.port().postMessage({
      type: 'analyse',
      uri,
      version: w.version,
      text: w.text,
      context: { kind: 'script', file: w.file },
    });
  }

  private onReply(r: WorkerReply): void {
    if (r.type === 'answer' || r.type === 'generated') {
      this.pending.get(r.id)?.resolve(r.type === 'answer' ? r.result : r.script);
      this.pending.delete(r.id);
      return;
    }
    if (r.type === 'failed') {
      if (r.id !== undefined) {
        this.pending.get(r.id)?.reject(new Error(r.message));
        this.pending.delete(r.id);
      }
      if (r.uri !== undefined) this.afterFront(r.uri);
      return;
    }
    const w = this.watched.get(r.uri);
    if (!w) return;
    w.front = { version: r.version, diagnostics: r.diagnostics, ms: r.ms };
    // Shown even when newer text waits: better than nothing until its own result arrives.
    w.onDiagnostics({ version: r.version, diagnostics: r.diagnostics, evaluated: false, ms: r.ms });
    this.afterFront(r.uri);
  }

  /** An evaluation's result joins the front end's diagnostics of the same version; a failure is dropped (the front end's stand). */
  private onEvaluation(r: WorkerReply): void {
    this.evaluating = undefined;
    if (r.type !== 'diagnostics') return;
    const w = this.watched.get(r.uri);
    if (w?.front?.version !== r.version || r.version !== w.version) return;
    w.onDiagnostics({
      version: r.version,
      diagnostics: [...w.front.diagnostics, ...r.diagnostics],
      evaluated: true,
      ms: w.front.ms,
    });
  }

  private afterFront(uri: string): void {
    const w = this.watched.get(uri);
    if (!w) return;
    w.inFlight = undefined;
    if (w.waiting) {
      this.send(uri);
      return;
    }
    const front = w.front;
    // Still typing: the evaluation is scheduled after the analysis of the text the pause settles on.
    if (w.pause !== undefined) return;
    if (front?.version === w.version && !front.diagnostics.some((d) => d.severity === 'error'))
      this.scheduleEvaluation(uri);
  }

  private scheduleEvaluation(uri: string): void {
    clearTimeout(this.evaluationTimer);
    this.evaluationTimer = setTimeout(() => {
      const w = this.watched.get(uri);
      if (!w) return;
      // Busy with another document's (or an older) text: that answer is no longer wanted.
      if (this.evaluating) this.stopEvaluation();
      if (!this.evaluationPort) {
        const port = this.startWorker('cspm-evaluation');
        port.onmessage = (e) => this.onEvaluation(e.data);
        this.evaluationPort = port;
      }
      this.evaluating = { uri, version: w.version };
      this.evaluationPort.postMessage({ type: 'evaluate', uri, version: w.version, text: w.text, file: w.file });
    }, EVALUATION_DELAY_MS);
  }

  private cancelEvaluation(uri: string): void {
    clearTimeout(this.evaluationTimer);
    if (this.evaluating?.uri === uri) this.stopEvaluation();
  }

  /** Terminating is the only way to stop a long evaluation; a new worker starts when one is next needed. */
  private stopEvaluation(): void {
    this.evaluationPort?.terminate();
    this.evaluationPort = undefined;
    this.evaluating = undefined;
  }
}
