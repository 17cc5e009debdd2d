/**
 * The open workflow as something to check: its YAML as the designer holds
 * it now, unsaved edits included. (A CSPm script's assertions are the
 * editor's: its inspector lists and runs them.)
 */
import { useMemo } from 'react';
import { saveWorkflowYaml } from '../../../engine/workflow';
import type { Workflow } from '../../../engine/workflow';
import { useDocument } from '../designer/document';
import { useSession } from '../workflows/session-store';

export interface CheckSource {
  /** `workflow:<id>`: runs and selections belong to it. */
  readonly key: string;
  readonly kind: 'workflow';
  /** The workflow's name, for people. */
  readonly title: string;
  /** The name diagnostics use; its extension tells the host the kind. */
  readonly fileName: string;
  /** Bumps on every edit of the document. */
  readonly revision: number;
  /** What a check depends on, to tell when a verdict went stale. */
  readonly content: Workflow;
}

function fileName(title: string): string {
  const base = title.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'untitled';
  return /\.ya?ml$/i.test(base) ? base : `${base}.yaml`;
}

/** The open workflow, or undefined when none is open. */
export function currentSource(): CheckSource | undefined {
  const doc = useDocument.getState();
  if (!doc.ref || !doc.workflow) return undefined;
  return {
    key: `workflow:${doc.ref.workflowId}`,
    kind: 'workflow',
    title: doc.ref.name,
    fileName: fileName(doc.ref.name),
    revision: doc.revision,
    content: doc.workflow,
  };
}

/** The text the host checks: the workflow serialised as autosave would save it. */
export function sourceText(source: CheckSource): string {
  return saveWorkflowYaml(source.content, useSession.getState().savedText);
}

/** The open workflow, re-rendering when it changes. */
export function useCheckSource(): CheckSource | undefined {
  const ref = useDocument((s) => s.ref);
  const workflow = useDocument((s) => s.workflow);
  const revision = useDocument((s) => s.revision);
  // currentSource reads the same store; these are what it depends on.
  return useMemo(() => (ref && workflow && revision > 0 ? currentSource() : undefined), [ref, workflow, revision]);
}

/** The open workflow's key only (re-renders when another one opens, not on every edit). */
export function useSourceKey(): string | undefined {
  return useDocument((s) => (s.ref ? `workflow:${s.ref.workflowId}` : undefined));
}
