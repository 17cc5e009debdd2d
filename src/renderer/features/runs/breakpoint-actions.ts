/**
 * Breakpoints as the person edits them (the Breakpoints panel, F9) and as
 * the open run gets them. Edits go into the workflow document (so they are
 * saved with it, also while a run makes the rest read-only); the open run is
 * given the enabled ones again after every edit and when it begins.
 */
import { compileWorkflow } from '../../../engine/workflow';
import type { WorkflowBreakpoint } from '../../../engine/workflow';
import { hostRequest } from '../../hooks';
import { toastError } from '../../state/toast-store';
import { useDocument } from '../designer/document';
import { freshBreakpointId, runtimeSpecs, targetExists } from './breakpoints';
import { isLive, useRun } from './run-store';

const listOf = (): readonly WorkflowBreakpoint[] => useDocument.getState().workflow?.breakpoints ?? [];

function setList(breakpoints: readonly WorkflowBreakpoint[]): boolean {
  const r = useDocument.getState().apply({ type: 'breakpoints.set', breakpoints, undo: false });
  if (!r.ok) toastError(`Breakpoints: ${r.reason}`);
  return r.ok;
}

export function addBreakpoint(bp: Omit<WorkflowBreakpoint, 'id' | 'enabled'>): string | undefined {
  const list = listOf();
  const id = freshBreakpointId(list);
  return setList([...list, { ...bp, id, enabled: true }]) ? id : undefined;
}

export function updateBreakpoint(id: string, patch: Partial<Omit<WorkflowBreakpoint, 'id'>>): void {
  setList(
    listOf().map((b) => {
      if (b.id !== id) return b;
      const next = { ...b, ...patch };
      if (patch.condition === '' || patch.condition === undefined) {
        if ('condition' in patch) delete (next as { condition?: string }).condition;
      }
      return next;
    }),
  );
}

export function removeBreakpoint(id: string): void {
  setList(listOf().filter((b) => b.id !== id));
}

/** F9: a breakpoint on the selected node or edge, or none if it had one. */
export function toggleBreakpointOnSelection(): void {
  const { selection } = useDocument.getState();
  const node = selection.nodes.length === 1 && selection.edges.length === 0 ? selection.nodes[0] : undefined;
  const edge = selection.edges.length === 1 && selection.nodes.length === 0 ? selection.edges[0] : undefined;
  const target = node ?? edge;
  if (target === undefined) return;
  const on = node !== undefined ? 'node' : 'edge';
  const existing = listOf().find((b) => b.on === on && b.target === target);
  if (existing) removeBreakpoint(existing.id);
  else addBreakpoint({ on, target });
}

export function canToggleOnSelection(): boolean {
  const { selection, workflow } = useDocument.getState();
  return workflow !== undefined && selection.nodes.length + selection.edges.length === 1;
}

// ---------------------------------------------------------------- the open run

/** Runtime breakpoint id → the workflow breakpoint it stands for (to say which one was hit). */
const standsFor = new Map<string, string>();
let chain: Promise<void> = Promise.resolve();

export function breakpointOfHit(runtimeId: string | undefined): WorkflowBreakpoint | undefined {
  const id = runtimeId === undefined ? undefined : standsFor.get(runtimeId);
  return id === undefined ? undefined : listOf().find((b) => b.id === id);
}

async function syncNow(runId: string): Promise<void> {
  const wf = useDocument.getState().workflow;
  if (!wf) return;
  const existing = await hostRequest('run.breakpoints.list', { runId });
  for (const b of existing.breakpoints) await hostRequest('run.breakpoints.remove', { runId, id: b.id });
  standsFor.clear();
  const enabled = (wf.breakpoints ?? []).filter((b) => b.enabled && targetExists(b, wf));
  if (enabled.length === 0) return;
  const map = compileWorkflow(wf).sourceMap;
  for (const bp of enabled)
    for (const spec of runtimeSpecs(bp, wf, map)) {
      const added = await hostRequest('run.breakpoints.add', { runId, spec });
      standsFor.set(added.id, bp.id);
    }
}

/** Gives run `runId` the workflow's enabled breakpoints (in order after any sync under way). */
export function syncBreakpoints(runId: string): Promise<void> {
  chain = chain
    .then(() => syncNow(runId))
    .catch((error: unknown) => toastError(`Breakpoints: ${error instanceof Error ? error.message : String(error)}`));
  return chain;
}

/** While a run is open, every edit of the breakpoints reaches it. */
export function followBreakpointEdits(): () => void {
  return useDocument.subscribe((s, prev) => {
    if (s.workflow?.breakpoints === prev.workflow?.breakpoints) return;
    const run = useRun.getState();
    if (run.run && isLive(run.status)) void syncBreakpoints(run.run.runId);
  });
}
