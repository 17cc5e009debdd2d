/** UI layout state: which view is open, overlays, the bottom panel. Narrow selectors only. */
import { create } from 'zustand';

export const VIEWS = ['canvas', 'editor', 'debugger', 'charts', 'checks', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

export interface UiState {
  view: ViewId;
  helpOpen: boolean;
  outputOpen: boolean;
  setView(view: ViewId): void;
  toggleHelp(open?: boolean): void;
  toggleOutput(open?: boolean): void;
}

export const useUi = create<UiState>((set) => ({
  view: 'canvas',
  helpOpen: false,
  outputOpen: true,
  setView: (view) => set({ view }),
  toggleHelp: (open) => set((s) => ({ helpOpen: open ?? !s.helpOpen })),
  toggleOutput: (open) => set((s) => ({ outputOpen: open ?? !s.outputOpen })),
}));
