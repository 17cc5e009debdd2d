/**
 * The unsaved-changes guard for leaving the page (reload, close the tab or
 * window): the browser asks before unsaved edits are lost, and a last save is
 * attempted at once. Switching workflows is guarded in ./open.ts.
 */
import { useEffect } from 'react';
import { hasUnsavedWork, saveNow, startAutosave } from './autosave';

export function useSaveGuards(): void {
  useEffect(() => {
    const stop = startAutosave();
    const beforeUnload = (e: BeforeUnloadEvent): void => {
      if (!hasUnsavedWork()) return;
      void saveNow();
      e.preventDefault();
      // Older browsers and Electron need returnValue set to show the prompt.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      stop();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, []);
}
