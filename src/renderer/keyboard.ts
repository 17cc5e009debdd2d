/** Global shortcuts. Ignored while typing in an input or the editor, except Ctrl-chords. */
import { useEffect } from 'react';
import { VIEW_META } from './shortcuts';
import { useUi } from './state/ui-store';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.closest('.monaco-editor') !== null;
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const ui = useUi.getState();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
        const view = VIEW_META.find((v) => v.key === e.key);
        if (view) {
          e.preventDefault();
          ui.setView(view.id);
          return;
        }
        if (e.key.toLowerCase() === 'j') {
          e.preventDefault();
          ui.toggleOutput();
          return;
        }
      }
      if (e.key === 'Escape' && ui.helpOpen) {
        ui.toggleHelp(false);
        return;
      }
      if (e.key === 'F1' || (e.key === '?' && !typing(e.target))) {
        e.preventDefault();
        ui.toggleHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
