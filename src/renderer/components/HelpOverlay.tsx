/** Keyboard shortcut overlay (?, F1); closes on Esc or a click outside. */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { SHORTCUTS } from '../shortcuts';
import { useUi } from '../state/ui-store';

export function HelpOverlay(): ReactElement | null {
  const open = useUi((s) => s.helpOpen);
  const toggleHelp = useUi((s) => s.toggleHelp);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) dialog.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => toggleHelp(false)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" tabIndex={-1} ref={dialog} onClick={(e) => e.stopPropagation()}>
        <header className="dialog-header">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => toggleHelp(false)}>
            ×
          </button>
        </header>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys + s.label}>
                <td>
                  {s.keys.split('+').map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span className="plus">+</span>}
                      <kbd className="kbd">{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="dialog-foot">On macOS, Ctrl is ⌘.</p>
      </div>
    </div>
  );
}
