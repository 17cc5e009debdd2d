/** Which overlay is open (command palette, keyboard help); one at a time. */
import { create } from 'zustand';

export type OverlayId = 'palette' | 'help';

interface OverlayState {
  open: OverlayId | undefined;
  show(id: OverlayId): void;
  toggle(id: OverlayId): void;
  close(): void;
}

export const useOverlay = create<OverlayState>((set, get) => ({
  open: undefined,
  show: (id) => set({ open: id }),
  toggle: (id) => set({ open: get().open === id ? undefined : id }),
  close: () => set({ open: undefined }),
}));
