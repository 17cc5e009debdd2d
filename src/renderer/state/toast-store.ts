/**
 * Toasts: short messages at the bottom right, some with an action ("Undo").
 * They leave by themselves after a while, or when acted on or dismissed.
 */
import { create } from 'zustand';

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly message: string;
  readonly action?: { readonly label: string; readonly run: () => void };
  /** ms on screen; errors stay until dismissed. */
  readonly timeoutMs: number | undefined;
}

interface ToastState {
  toasts: readonly Toast[];
  show(toast: Omit<Toast, 'id' | 'timeoutMs'> & { timeoutMs?: number }): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  show: (toast) => {
    const id = nextId++;
    const timeoutMs = toast.timeoutMs ?? (toast.kind === 'error' ? undefined : 8000);
    // At most 4 on screen: the oldest go first.
    set((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id, timeoutMs }] }));
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function toastError(message: string): void {
  useToasts.getState().show({ kind: 'error', message });
}

export function toastInfo(message: string, action?: Toast['action']): void {
  useToasts.getState().show({ kind: 'info', message, ...(action ? { action } : {}) });
}
