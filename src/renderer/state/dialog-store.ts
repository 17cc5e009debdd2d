/**
 * Dialogs opened from code (commands, guards): one at a time, drawn by the
 * workbench's DialogHost. `confirm` resolves with the person's answer.
 */
import { create } from 'zustand';
import type { ReactNode } from 'react';

export interface OpenDialog {
  readonly id: number;
  /** Draws the dialog; `close` removes it (and only it). */
  readonly render: (close: () => void) => ReactNode;
}

interface DialogState {
  dialog: OpenDialog | undefined;
  show(render: OpenDialog['render']): void;
  /** Closes the dialog with this id, if it is still the one showing. */
  close(id: number): void;
}

let nextId = 1;

export const useDialogs = create<DialogState>((set) => ({
  dialog: undefined,
  show: (render) => set({ dialog: { id: nextId++, render } }),
  close: (id) => set((s) => (s.dialog?.id === id ? { dialog: undefined } : s)),
}));

export interface ConfirmOptions {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
}

/** Filled in by app/DialogHost.tsx (it owns the markup). */
export const confirmRenderer: { render?: (options: ConfirmOptions, answer: (yes: boolean) => void) => ReactNode } = {};

export function confirm(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const render = confirmRenderer.render;
    if (!render) {
      resolve(false);
      return;
    }
    useDialogs.getState().show((close) =>
      render(options, (yes) => {
        close();
        resolve(yes);
      }),
    );
  });
}
