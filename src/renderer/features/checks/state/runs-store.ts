/**
 * The checks the person started (handles: the check id, the document, which
 * assertions, what was checked) and the selected row. What the host says
 * about each check (reports, progress, status) is host data: it lives in
 * react-query's cache (./views.ts), never here.
 */
import { create } from 'zustand';
import type { RunHandle } from '../model/row-state';

/** Handles kept over every document (older ones are forgotten; the host keeps 50 finished checks). */
const KEEP = 40;

export interface SelectedRow {
  readonly docKey: string;
  readonly index: number;
}

interface RunsState {
  runs: readonly RunHandle[];
  selected: SelectedRow | undefined;
  /** A check.run request is on its way (the buttons wait for it). */
  starting: boolean;
  add(run: RunHandle): void;
  select(row: SelectedRow | undefined): void;
  setStarting(starting: boolean): void;
}

export const useCheckRuns = create<RunsState>((set) => ({
  runs: [],
  selected: undefined,
  starting: false,
  add: (run) => set((s) => ({ runs: [...s.runs, run].slice(-KEEP) })),
  select: (selected) => set({ selected }),
  setStarting: (starting) => set({ starting }),
}));

/** The runs of one document, oldest first. */
export function runsOf(runs: readonly RunHandle[], docKey: string | undefined): RunHandle[] {
  return docKey === undefined ? [] : runs.filter((r) => r.docKey === docKey);
}
