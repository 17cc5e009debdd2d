/**
 * What the designer runs for as long as the studio is open, whatever view
 * is shown: validation of the open workflow in a worker, revealing places asked
 * for by the Problems tab and others, and the document's
 * Undo and Redo commands (they also undo edits made in the properties panel).
 */
import type { ReactElement } from 'react';
import { useRegisterCommands } from '../../commands';
import { useDiagnosticsSync } from './diagnostics';
import { useDocument } from './document';
import { useRevealInDesigner } from './reveal';

export function DesignerServices(): ReactElement | null {
  useDiagnosticsSync();
  useRevealInDesigner();
  useRegisterCommands(
    [
      {
        id: 'edit.undo',
        title: 'Undo',
        category: 'Edit',
        keys: ['Mod+Z'],
        menu: 'Edit',
        order: 10,
        group: 'undo',
        when: () => useDocument.getState().canUndo,
        run: () => useDocument.getState().undo(),
      },
      {
        id: 'edit.redo',
        title: 'Redo',
        category: 'Edit',
        keys: ['Mod+Shift+Z', 'Mod+Y'],
        menu: 'Edit',
        order: 11,
        group: 'undo',
        when: () => useDocument.getState().canRedo,
        run: () => useDocument.getState().redo(),
      },
    ],
    [],
  );
  return null;
}
