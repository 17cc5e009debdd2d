/**
 * The open workflow document: the one place the canvas, the properties panel,
 * the editor and the checks panel read the workflow being edited from, with
 * its undo history and selection. Host data (the list of workflows, versions,
 * check results) stays in react-query; saving is the workflow feature's job,
 * which watches `revision` and calls `markSaved`.
 */
import { create } from 'zustand';
import type { Workflow } from '../../../../engine/workflow';
import { describeChange } from './changes';
import type { DocChange, ReduceResult } from './changes';
import { EMPTY_HISTORY, foldIntoHistory, pushStep, redoStep, undoStep } from './history';
import type { History } from './history';
import { reduce } from './reduce';
import { EMPTY_SELECTION, pruneSelection } from './selection';
import type { Selection } from './selection';

export interface DocumentRef {
  readonly workflowId: number;
  readonly path: string;
  readonly name: string;
}

/** A change the reducer refused; `seq` grows so the same message shown twice is noticed. */
export interface Refusal {
  readonly label: string;
  readonly reason: string;
  readonly seq: number;
}

export interface DocumentState {
  ref: DocumentRef | undefined;
  workflow: Workflow | undefined;
  /** Bumps on every applied change, undo and redo. */
  revision: number;
  /** Revision last saved; the document is dirty while `revision !== savedRevision`. */
  savedRevision: number;
  canUndo: boolean;
  canRedo: boolean;
  /** What Undo / Redo would do ("Move 2 nodes"), for menus and tooltips. */
  undoLabel: string | undefined;
  redoLabel: string | undefined;
  history: History;
  selection: Selection;
  refusal: Refusal | undefined;
  /** Why the document refuses edits for now (a run is open), or undefined when it can be edited. */
  readOnly: string | undefined;
  open(ref: DocumentRef, workflow: Workflow): void;
  /** Applies a change through its pure reducer; a refused change leaves everything as it was. */
  apply(change: DocChange): ReduceResult;
  undo(): void;
  redo(): void;
  markSaved(revision: number): void;
  /** After a successful `workflows.rename`: the name in the ref and in the workflow, without an undo step. */
  rename(name: string): void;
  close(): void;
  select(selection: Selection): void;
  /** Reports an action that could not be done (a refused connection, an empty clipboard) the way refused changes are. */
  refuse(label: string, reason: string): void;
  /** Makes the document refuse every change (apply, undo, redo) with this reason; undefined allows them again. */
  setReadOnly(reason: string | undefined): void;
}

function historyFlags(h: History): Pick<DocumentState, 'history' | 'canUndo' | 'canRedo' | 'undoLabel' | 'redoLabel'> {
  return {
    history: h,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
    undoLabel: h.past[h.past.length - 1]?.label,
    redoLabel: h.future[h.future.length - 1]?.label,
  };
}

const CLOSED = {
  ref: undefined,
  workflow: undefined,
  revision: 0,
  savedRevision: 0,
  ...historyFlags(EMPTY_HISTORY),
  selection: EMPTY_SELECTION,
  refusal: undefined,
} satisfies Partial<DocumentState>;

export const useDocument = create<DocumentState>((set, get) => ({
  ...CLOSED,
  readOnly: undefined,
  open: (ref, workflow) => {
    // The canvas benchmark splits opening here: fetching and parsing before, drawing after.
    performance.mark('designer:open');
    set({ ...CLOSED, ref, workflow, revision: get().revision + 1, savedRevision: get().revision + 1 });
  },
  apply: (change) => {
    const { workflow, history, revision, selection, refusal, readOnly } = get();
    if (!workflow) return { ok: false, reason: 'no workflow is open' };
    // Breakpoints are set while a run is open too: they do not change what the workflow means.
    if (readOnly !== undefined && change.type !== 'breakpoints.set') {
      set({ refusal: { label: describeChange(change), reason: readOnly, seq: (refusal?.seq ?? 0) + 1 } });
      return { ok: false, reason: readOnly };
    }
    const result = reduce(workflow, change);
    if (!result.ok) {
      set({ refusal: { label: describeChange(change), reason: result.reason, seq: (refusal?.seq ?? 0) + 1 } });
      return result;
    }
    const next =
      change.undo === false
        ? foldIntoHistory(history, change)
        : pushStep(
            history,
            { before: workflow, after: result.workflow, label: describeChange(change) },
            change.coalesce,
          );
    set({
      workflow: result.workflow,
      revision: revision + 1,
      selection: pruneSelection(selection, result.workflow, change),
      ...historyFlags(next),
    });
    return result;
  },
  undo: () => {
    const { history, revision, selection, readOnly } = get();
    if (readOnly !== undefined) return get().refuse('Undo', readOnly);
    const step = undoStep(history);
    if (!step) return;
    set({
      workflow: step.workflow,
      revision: revision + 1,
      selection: pruneSelection(selection, step.workflow),
      ...historyFlags(step.history),
    });
  },
  redo: () => {
    const { history, revision, selection, readOnly } = get();
    if (readOnly !== undefined) return get().refuse('Redo', readOnly);
    const step = redoStep(history);
    if (!step) return;
    set({
      workflow: step.workflow,
      revision: revision + 1,
      selection: pruneSelection(selection, step.workflow),
      ...historyFlags(step.history),
    });
  },
  markSaved: (revision) => set({ savedRevision: revision }),
  rename: (name) => {
    const { ref, workflow, history } = get();
    if (!ref || !workflow) return;
    // The name lives in the host's record too, so every recorded workflow takes it: undo never brings the old name back.
    const change: DocChange = { type: 'name.set', name, undo: false };
    set({ ref: { ...ref, name }, workflow: { ...workflow, name }, ...historyFlags(foldIntoHistory(history, change)) });
  },
  close: () => set({ ...CLOSED, revision: get().revision + 1, savedRevision: get().revision + 1 }),
  select: (selection) => set({ selection }),
  refuse: (label, reason) => set({ refusal: { label, reason, seq: (get().refusal?.seq ?? 0) + 1 } }),
  setReadOnly: (readOnly) => set({ readOnly }),
}));
