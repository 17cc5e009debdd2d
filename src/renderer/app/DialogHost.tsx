/** Draws the dialog opened from code (state/dialog-store.ts), and the markup of `confirm`. */
import type { ReactElement } from 'react';
import { confirmRenderer, useDialogs } from '../state/dialog-store';
import { Dialog } from '../ui/Dialog';

confirmRenderer.render = (options, answer) => (
  <Dialog
    title={options.title}
    alert
    onClose={() => answer(false)}
    footer={
      <>
        <button type="button" className="button" onClick={() => answer(false)}>
          {options.cancelLabel ?? 'Cancel'}
        </button>
        <button
          type="button"
          className={`button ${options.danger ? 'button-danger' : 'button-primary'}`}
          data-autofocus
          onClick={() => answer(true)}
        >
          {options.confirmLabel}
        </button>
      </>
    }
  >
    <div className="dialog-text">{options.message}</div>
  </Dialog>
);

export function DialogHost(): ReactElement | null {
  const dialog = useDialogs((s) => s.dialog);
  const close = useDialogs((s) => s.close);
  if (!dialog) return null;
  return <div key={dialog.id}>{dialog.render(() => close(dialog.id))}</div>;
}
