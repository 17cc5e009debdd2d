/** Toasts at the bottom right (polite live region; errors are alerts and stay until dismissed). */
import { useEffect } from 'react';
import type { ReactElement } from 'react';
import type { Toast } from '../state/toast-store';
import { useToasts } from '../state/toast-store';
import { CloseIcon } from '../ui/icons';

function ToastItem({ toast }: { toast: Toast }): ReactElement {
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    if (toast.timeoutMs === undefined) return;
    const t = setTimeout(() => dismiss(toast.id), toast.timeoutMs);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast-message">{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            dismiss(toast.id);
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        <CloseIcon size={12} />
      </button>
    </div>
  );
}

export function Toasts(): ReactElement {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
