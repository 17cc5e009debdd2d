/**
 * Trace exports: JSON, CSV and Mermaid come from the host's run.export in
 * chunks that concatenate to the file (never truncated, however long the run).
 */
import { hostRequest } from '../../../hooks';
import { toastError, toastInfo } from '../../../state/toast-store';
import { download } from '../../workflows/transfer/export';

export type TraceFormat = 'json' | 'csv' | 'mermaid';

/** The whole export of a stored run, chunk after chunk. */
export async function exportText(
  storeRunId: number,
  format: TraceFormat,
): Promise<{ text: string; fileName: string; mime: string }> {
  const chunks: string[] = [];
  let at: { afterSeq: number; offset: number } | null = { afterSeq: 0, offset: 0 };
  let fileName = `run-${storeRunId}.${format}`;
  let mime = 'text/plain';
  while (at) {
    const part: Awaited<ReturnType<typeof hostRequest<'run.export'>>> = await hostRequest('run.export', {
      storeRunId,
      format,
      ...at,
    });
    chunks.push(part.text);
    fileName = part.fileName;
    mime = part.mime;
    at = part.next;
  }
  return { text: chunks.join(''), fileName, mime };
}

export async function downloadTrace(storeRunId: number | undefined, format: TraceFormat): Promise<void> {
  if (storeRunId === undefined) {
    toastError('This run is not recorded in the store, so there is no trace to export.');
    return;
  }
  try {
    const file = await exportText(storeRunId, format);
    download(file.text, file.fileName, file.mime);
    toastInfo(`Exported ${file.fileName}.`);
  } catch (e) {
    toastError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
