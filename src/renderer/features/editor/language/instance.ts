/**
 * The app's one language client, its workers started on first use, and what
 * each editor model is (a script, or a field of the open workflow) so the
 * Monaco providers know how to ask about it.
 */
import type { WorkerPort } from './client';
import { LanguageClient } from './client';
import type { DocumentContext } from './protocol';

let client: LanguageClient | undefined;

function startWorker(name: string): WorkerPort {
  return new Worker(new URL('./cspm.worker.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerPort;
}

export function languageClient(): LanguageClient {
  return (client ??= new LanguageClient(startWorker));
}

/** How to ask about one model: its context now, after bringing the worker up to date if needed. */
export type ModelContext = () => DocumentContext | undefined;

const contexts = new Map<string, ModelContext>();

export function setModelContext(uri: string, context: ModelContext): () => void {
  contexts.set(uri, context);
  return () => {
    if (contexts.get(uri) === context) contexts.delete(uri);
  };
}

export function modelContext(uri: string): DocumentContext | undefined {
  return contexts.get(uri)?.();
}
