/**
 * A workflow linked to its file (docs/workflow-semantics.md#the-workflow-file): remembers the text it was
 * loaded from, detects changes made outside the app (by content hash, since
 * editors often replace files rather than write them), and lets the caller
 * choose: reload, or keep their version and overwrite.
 */
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Workflow } from '../../engine/workflow';
import { contentHash, readWorkflowFile, saveWorkflowFile } from './files';
import type { ReadResult } from './files';

export type ExternalState = 'unchanged' | 'changed' | 'deleted';

export class ExternalChangeError extends Error {
  constructor(
    readonly path: string,
    readonly state: Exclude<ExternalState, 'unchanged'>,
  ) {
    super(
      `${path} was ${state === 'deleted' ? 'deleted' : 'changed'} outside the app; reload it or save with overwrite`,
    );
  }
}

export class LinkedWorkflow {
  private text: string;
  private hash: string;
  private watcher: FSWatcher | undefined;

  private constructor(
    readonly path: string,
    text: string,
    public workflow: Workflow,
  ) {
    this.text = text;
    this.hash = contentHash(text);
  }

  /** Opens a file; the result says why when it cannot be linked. */
  static open(path: string): { ok: true; linked: LinkedWorkflow } | { ok: false; read: ReadResult } {
    const read = readWorkflowFile(path);
    if (read.kind !== 'loaded' || !read.result.workflow) return { ok: false, read };
    return { ok: true, linked: new LinkedWorkflow(path, read.text, read.result.workflow) };
  }

  /** Hash of the text last loaded or saved (the store keys versions by path and this hash). */
  get contentHash(): string {
    return this.hash;
  }

  externalState(): ExternalState {
    const read = readWorkflowFile(this.path);
    if (read.kind === 'unreadable') return 'deleted';
    return read.hash === this.hash ? 'unchanged' : 'changed';
  }

  /** Replaces the in-memory workflow with the file's current content. */
  reload(): ReadResult {
    const read = readWorkflowFile(this.path);
    if (read.kind === 'loaded' && read.result.workflow) {
      this.text = read.text;
      this.hash = read.hash;
      this.workflow = read.result.workflow;
    }
    return read;
  }

  /**
   * Saves atomically, keeping the comments of the text last loaded. Refuses
   * when the file changed outside the app, unless `overwrite` (the user chose
   * to keep their version).
   */
  save(workflow: Workflow, options: { overwrite?: boolean } = {}): string {
    const state = this.externalState();
    if (state !== 'unchanged' && !options.overwrite) throw new ExternalChangeError(this.path, state);
    const text = saveWorkflowFile(this.path, workflow, this.text);
    this.text = text;
    this.hash = contentHash(text);
    this.workflow = workflow;
    return text;
  }

  /**
   * Calls `onChange` when the file's content changes outside the app (our own
   * saves do not count). Watches the folder, so atomic replacements are seen.
   */
  watch(onChange: (state: Exclude<ExternalState, 'unchanged'>) => void): () => void {
    this.unwatch();
    const name = basename(this.path);
    let notified: string | undefined; // editors fire several events per save: report each outside version once
    this.watcher = watch(dirname(this.path), (_event, file) => {
      if (file !== null && file !== name) return;
      const read = readWorkflowFile(this.path);
      const key = read.kind === 'loaded' ? read.hash : 'deleted';
      if (key === this.hash || key === notified) return;
      notified = key;
      onChange(read.kind === 'loaded' ? 'changed' : 'deleted');
    });
    return () => this.unwatch();
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
