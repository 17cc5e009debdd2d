/** Browser view state shared with commands: which row is being renamed. */
import { create } from 'zustand';

interface BrowserState {
  renaming: number | undefined;
  setRenaming(id: number | undefined): void;
}

export const useBrowserState = create<BrowserState>((set) => ({
  renaming: undefined,
  setRenaming: (renaming) => set({ renaming }),
}));
