/**
 * Import: a YAML workflow, or a CSPm script (converted into a workflow, as
 * `csp import` does, or kept as a script document). From the File menu (a
 * file picker) or by dropping files on the window. On any error nothing is
 * stored (the host guarantees it) and a dialog lists the diagnostics with
 * their line and column.
 */
import { MAX_DOCUMENT_TEXT } from '../../../../shared/protocol/methods/diagnostics';
import { queryClient } from '../../../app/query-client';
import { hostRequest, invalidateMethods } from '../../../hooks';
import { toastError } from '../../../state/toast-store';
import { showDiagnostics } from '../DiagnosticsDialog';
import { leaveCurrent, showOpened } from '../open';

export type ImportMode = 'workflow' | 'script';

export const IMPORT_ACCEPT = '.yaml,.yml,.csp,.cspm';

/** yaml or cspm from the file name; undefined for anything else. */
export function formatOfFile(name: string): 'yaml' | 'cspm' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.csp') || lower.endsWith('.cspm')) return 'cspm';
  return undefined;
}

/** Imports one file; resolves whether it was stored. */
export async function importFile(file: File, mode: ImportMode): Promise<boolean> {
  const format = formatOfFile(file.name);
  if (!format) {
    toastError(`${file.name}: not a workflow or a script. Import takes .yaml / .yml workflows and .csp CSPm scripts.`);
    return false;
  }
  if (file.size > MAX_DOCUMENT_TEXT * 4) {
    toastError(
      `${file.name} is ${Math.round(file.size / 1024)} KB; the studio imports files up to ${Math.round(MAX_DOCUMENT_TEXT / 1000)} KB.`,
    );
    return false;
  }
  const text = await file.text();
  if (text.length > MAX_DOCUMENT_TEXT) {
    toastError(`${file.name} has ${text.length} characters; the studio imports files up to ${MAX_DOCUMENT_TEXT}.`);
    return false;
  }
  try {
    const as = format === 'cspm' && mode === 'script' ? 'script' : 'workflow';
    const result = await hostRequest('workflows.import', { text, format, as, fileName: file.name });
    if (!result.ok) {
      // A script written for FDR often is no network of processes the canvas can draw; it can still
      // be kept as written and checked in the editor, which the dialog offered no way to reach.
      const asScript = format === 'cspm' && as === 'workflow';
      showDiagnostics({
        title: `${file.name} was not imported`,
        intro: asScript
          ? 'Nothing was stored. Fix these and import the file again, or open it as a CSPm script, kept as written, to edit and check it in the editor:'
          : 'Nothing was stored. Fix these and import the file again:',
        fileName: file.name,
        diagnostics: result.diagnostics,
        ...(asScript
          ? { alternative: { label: 'Open as a CSPm script', run: () => void importFile(file, 'script') } }
          : {}),
      });
      return false;
    }
    await invalidateMethods(queryClient, ['workflows.list']);
    // A workflow opens on the canvas, a script in the editor (as written).
    if (await leaveCurrent(`Open the imported ${result.workflow.kind === 'workflow' ? 'workflow' : 'script'}`))
      await showOpened(result);
    return true;
  } catch (error) {
    toastError(`Could not import ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Imports files one after the other (a drop may hold several). */
export async function importFiles(files: readonly File[], mode: (file: File) => ImportMode): Promise<void> {
  for (const file of files) await importFile(file, mode(file));
}

/** Opens the system file picker. */
export function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}
