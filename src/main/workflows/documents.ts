/**
 * Small helpers on stored document texts shared by the workflows service:
 * starting texts, renaming inside the YAML (keeping its comments), the name a
 * text carries, and the file name diagnostics use for a stored document.
 */
import { loadWorkflowYaml, parseWorkflow, saveWorkflowYaml } from '../../engine/workflow';
import type { DocumentKind, WorkflowSummary } from '../store';
import { exportFileName } from './export';

export const UNTITLED_WORKFLOW = 'Untitled workflow';
export const UNTITLED_SCRIPT = 'Untitled script';

/** The text of a new, empty document. */
export function emptyDocument(kind: DocumentKind, name: string): string {
  if (kind === 'cspm') return `-- ${name.replace(/[\r\n]+/g, ' ')}\n`;
  const parsed = parseWorkflow({ version: 1, name });
  if (!parsed.ok || parsed.workflow === undefined)
    throw new Error(`internal: the empty workflow does not load: ${parsed.diagnostics[0]?.message ?? ''}`);
  return saveWorkflowYaml(parsed.workflow);
}

/** The workflow text with `name:` set to `name`, comments kept; unchanged when it does not load. */
export function withName(kind: DocumentKind, content: string, name: string): string {
  if (kind !== 'workflow') return content;
  const loaded = loadWorkflowYaml(content);
  if (!loaded.ok || loaded.workflow === undefined || loaded.workflow.name === name) return content;
  return saveWorkflowYaml({ ...loaded.workflow, name }, content);
}

/** The `name:` a workflow text holds, if it loads. */
export function nameIn(kind: DocumentKind, content: string): string | undefined {
  if (kind !== 'workflow') return undefined;
  const loaded = loadWorkflowYaml(content);
  return loaded.ok ? loaded.workflow?.name : undefined;
}

/** What diagnostics call a stored document: its file path, or a file name made from its name. */
export function documentFile(wf: Pick<WorkflowSummary, 'path' | 'name' | 'kind'>): string {
  if (!wf.path.startsWith('untitled:')) return wf.path;
  return exportFileName(wf.name, wf.kind === 'cspm' ? 'cspm' : 'yaml');
}
