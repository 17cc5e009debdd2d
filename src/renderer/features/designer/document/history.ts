/**
 * The undo history as pure data: each step keeps the workflow before and after
 * it. Workflows are immutable and share unchanged records, so a step costs the
 * records it changed, not a copy of the document.
 */
import type { Workflow } from '../../../../engine/workflow';
import type { DocChange } from './changes';
import { reduce } from './reduce';

export interface HistoryStep {
  readonly before: Workflow;
  readonly after: Workflow;
  readonly label: string;
}

export interface History {
  /** Oldest first; the last one is what Undo reverts. */
  readonly past: readonly HistoryStep[];
  /** Most recently undone last; the last one is what Redo re-applies. */
  readonly future: readonly HistoryStep[];
  /** Coalescing key of the last step pushed, until an undo or redo seals it. */
  readonly openKey: string | undefined;
}

/** Steps kept; the oldest are forgotten beyond this. */
export const HISTORY_LIMIT = 300;

export const EMPTY_HISTORY: History = { past: [], future: [], openKey: undefined };

/** Records a step; a step with the open step's coalescing key extends it instead. */
export function pushStep(h: History, step: HistoryStep, coalesce: string | undefined): History {
  const top = h.past[h.past.length - 1];
  if (top && coalesce !== undefined && coalesce === h.openKey) {
    return { past: [...h.past.slice(0, -1), { ...top, after: step.after }], future: [], openKey: coalesce };
  }
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(h.past.length - HISTORY_LIMIT + 1) : h.past;
  return { past: [...past, step], future: [], openKey: coalesce };
}

export function undoStep(h: History): { history: History; workflow: Workflow } | undefined {
  const top = h.past[h.past.length - 1];
  if (!top) return undefined;
  return {
    history: { past: h.past.slice(0, -1), future: [...h.future, top], openKey: undefined },
    workflow: top.before,
  };
}

export function redoStep(h: History): { history: History; workflow: Workflow } | undefined {
  const top = h.future[h.future.length - 1];
  if (!top) return undefined;
  return {
    history: { past: [...h.past, top], future: h.future.slice(0, -1), openKey: undefined },
    workflow: top.after,
  };
}

/**
 * Folds a change made without an undo step into every recorded workflow, so
 * undo and redo keep it. Steps it cannot be applied to (their workflow lacks
 * what the change needs) are forgotten, with everything further from now.
 */
export function foldIntoHistory(h: History, change: DocChange): History {
  const cache = new Map<Workflow, Workflow | null>();
  const apply = (wf: Workflow): Workflow | null => {
    if (!cache.has(wf)) {
      const r = reduce(wf, change);
      cache.set(wf, r.ok ? r.workflow : null);
    }
    return cache.get(wf) ?? null;
  };
  const fold = (steps: readonly HistoryStep[]): HistoryStep[] => {
    const out: HistoryStep[] = [];
    // Newest first: a step that cannot take the change ends the chain.
    for (let i = steps.length - 1; i >= 0; i--) {
      const s = steps[i]!;
      const before = apply(s.before);
      const after = apply(s.after);
      if (before === null || after === null) break;
      out.unshift({ ...s, before, after });
    }
    return out;
  };
  return { past: fold(h.past), future: fold(h.future), openKey: h.openKey };
}
