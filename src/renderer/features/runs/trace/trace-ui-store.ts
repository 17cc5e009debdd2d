/**
 * What the Trace tab shows (UI state only; the steps themselves live in the
 * run store and the host's store): table or sequence chart, the filters, and
 * whether the view follows the newest step of a live run.
 */
import { create } from 'zustand';
import type { RunSummary } from '../../../../shared/protocol/methods/run';
import type { TraceFilter } from './pager';

export type TraceMode = 'table' | 'chart';

export interface TraceUiState {
  mode: TraceMode;
  filter: TraceFilter;
  /** Keep the run's current step in view (off as soon as the user scrolls away or picks a row). */
  follow: boolean;
  /** Two stored runs compared side by side (the Trace tab shows them instead of the run). */
  compare: { a: RunSummary; b: RunSummary } | undefined;
  setMode(mode: TraceMode): void;
  setFilter(filter: TraceFilter): void;
  setFollow(follow: boolean): void;
  setCompare(compare: { a: RunSummary; b: RunSummary } | undefined): void;
}

export const useTraceUi = create<TraceUiState>((set) => ({
  mode: 'table',
  filter: {},
  follow: true,
  compare: undefined,
  setMode: (mode) => set({ mode }),
  setFilter: (filter) => set({ filter }),
  setFollow: (follow) => set({ follow }),
  setCompare: (compare) => set({ compare }),
}));
