/**
 * Workflow files on disk: the I/O half of docs/workflow-semantics.md#the-workflow-file (the engine parses
 * text; this module reads and writes it). Size is checked with stat before
 * any byte is read, saves are atomic (temp file in the same folder, fsync,
 * rename) and keep the file's comments.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatDiagnostic, loadWorkflowYaml, MAX_WORKFLOW_BYTES, saveWorkflowYaml } from '../../engine/workflow';
import type { LoadResult, Workflow, WorkflowDiagnostic } from '../../engine/workflow';

export type ReadResult =
  | { readonly kind: 'loaded'; readonly result: LoadResult; readonly text: string; readonly hash: string }
  /** The file could not be read at all (missing, a folder, too large): exit 2 territory. */
  | { readonly kind: 'unreadable'; readonly message: string };

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads and loads a workflow file; never throws for bad files. */
export function readWorkflowFile(path: string): ReadResult {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { kind: 'unreadable', message: `${path}: not a file` };
    size = st.size;
  } catch (e) {
    return {
      kind: 'unreadable',
      message: `${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    };
  }
  if (size > MAX_WORKFLOW_BYTES) {
    return {
      kind: 'unreadable',
      message: `${path}: file is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the 10 MB limit; refused before parsing`,
    };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { kind: 'unreadable', message: `${path}: ${(e as Error).message}` };
  }
  return { kind: 'loaded', result: loadWorkflowYaml(text), text, hash: contentHash(text) };
}

/** Writes `text` to `path` atomically: readers see the old file or the new one, never half. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
    // Make the rename itself durable where the platform allows opening a folder.
    try {
      const dfd = openSync(dirname(path), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // not supported here (e.g. Windows); the file content is already synced
    }
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file is already gone
    }
    throw e;
  }
}

/** Saves a workflow over `path`, keeping the comments of the text it replaces (`previous`, or the file's current text). */
export function saveWorkflowFile(path: string, wf: Workflow, previous?: string): string {
  let old = previous;
  if (old === undefined) {
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      old = undefined;
    }
  }
  const text = saveWorkflowYaml(wf, old);
  writeFileAtomic(path, text);
  return text;
}

export function formatDiagnostics(ds: readonly WorkflowDiagnostic[], file: string): string {
  return ds.map((d) => formatDiagnostic(d, file)).join('\n');
}
