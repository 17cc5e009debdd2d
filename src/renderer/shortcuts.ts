/** Every keyboard shortcut of the shell, listed once: the handler and the help overlay both read this. */
import type { ViewId } from './state/ui-store';

export interface Shortcut {
  readonly keys: string;
  readonly label: string;
}

export const VIEW_META: ReadonlyArray<{ id: ViewId; title: string; key: string }> = [
  { id: 'canvas', title: 'Canvas', key: '1' },
  { id: 'editor', title: 'Editor', key: '2' },
  { id: 'debugger', title: 'Debugger & Trace', key: '3' },
  { id: 'charts', title: 'Charts', key: '4' },
  { id: 'checks', title: 'Checks', key: '5' },
  { id: 'settings', title: 'Settings', key: '6' },
];

export const SHORTCUTS: readonly Shortcut[] = [
  ...VIEW_META.map((v) => ({ keys: `Ctrl+${v.key}`, label: `Show ${v.title}` })),
  { keys: 'Ctrl+J', label: 'Show or hide the Output panel (host log)' },
  { keys: '?', label: 'Show this list of shortcuts' },
  { keys: 'F1', label: 'Show this list of shortcuts' },
  { keys: 'Esc', label: 'Close an overlay' },
];
