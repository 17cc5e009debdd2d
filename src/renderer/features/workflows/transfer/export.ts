/**
 * Export the open workflow as YAML or CSPm: exactly the bytes
 * `workflows.export` returns (the same as `csp export`), saved through the
 * browser's download (Electron asks where to save it).
 */
import { hostRequest } from '../../../hooks';
import { toastError } from '../../../state/toast-store';
import { useDocument } from '../../designer/document';
import { useScript } from '../../editor/script/script-store';
import { saveNow } from '../autosave';
import { showDiagnostics } from '../DiagnosticsDialog';

export async function exportOpen(format: 'yaml' | 'cspm'): Promise<void> {
  const doc = useDocument.getState().ref;
  const script = useScript.getState().ref;
  const ref = doc ?? (script ? { workflowId: script.id, name: script.name } : undefined);
  if (!ref) return;
  // What is exported is what is stored: bring the store up to date first.
  if (!(await saveNow())) {
    toastError('The latest edits are not saved yet (see the status bar); export what is stored after they are.');
    return;
  }
  try {
    const result = await hostRequest('workflows.export', { id: ref.workflowId, format });
    if (!result.ok) {
      showDiagnostics({
        title: `"${ref.name}" cannot be exported as ${format === 'yaml' ? 'YAML' : 'CSPm'}`,
        intro: 'Fix these first:',
        fileName: ref.name,
        diagnostics: result.diagnostics,
      });
      return;
    }
    download(result.text, result.fileName, format === 'yaml' ? 'application/yaml' : 'text/plain');
  } catch (error) {
    toastError(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Hands text to the browser as a file download (UTF-8, byte for byte). */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
