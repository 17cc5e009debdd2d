/** Keyboard shortcuts (? or Help › Keyboard Shortcuts): every command that has keys, read from the registry. */
import type { ReactElement } from 'react';
import { formatChord, useCommands } from '../commands';
import { useOverlay } from '../state/overlay-store';
import { Dialog } from '../ui/Dialog';
import { isMac } from './platform';

export function HelpOverlay(): ReactElement | null {
  const open = useOverlay((s) => s.open === 'help');
  const close = useOverlay((s) => s.close);
  const commands = useCommands();
  if (!open) return null;
  const withKeys = commands.filter((c) => (c.keys?.length ?? 0) > 0);
  const categories = [...new Set(withKeys.map((c) => c.category))];
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} wide>
      <div className="shortcut-columns">
        {categories.map((category) => (
          <table key={category} className="shortcut-table" aria-label={category}>
            <caption>{category}</caption>
            <tbody>
              {withKeys
                .filter((c) => c.category === category)
                .map((c) => (
                  <tr key={c.id}>
                    <td>
                      {(c.keys ?? []).map((k) => (
                        <kbd key={k} className="kbd">
                          {formatChord(k, isMac)}
                        </kbd>
                      ))}
                    </td>
                    <td>{c.title}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
      </div>
      <p className="dialog-foot">
        Every command, with or without keys, is in the command palette ({formatChord('Mod+Shift+P', isMac)}).
      </p>
    </Dialog>
  );
}
