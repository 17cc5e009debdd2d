/**
 * What a command is. Every user action of the studio is one: the keyboard
 * handler, the command palette, the web menu bar, the Electron native menu
 * and the help overlay all read the same registry (./registry.ts).
 */

import { MENU_ORDER } from '../../shared/menu';

export type MenuName = 'File' | 'Edit' | 'View' | 'Run' | 'Help';

/** Menus in the order the menu bars show them. */
export const MENU_NAMES: readonly MenuName[] = MENU_ORDER;

export interface Command {
  /** Stable id: 'edit.undo', 'view.zoomToFit', 'file.save'. Menu clicks in Electron travel as this id. */
  id: string;
  /** 'Undo' — also the accessible name of menu items and palette entries. */
  title: string;
  /** Shown in the palette before the title: 'Edit', 'View', 'Designer', 'Run', 'Check'… */
  category: string;
  /** Key chords, e.g. ['Mod+Z']; Mod is Ctrl (Cmd on macOS). 'Shift+Alt+T', 'F5', 'Delete'. See ./keys.ts. */
  keys?: readonly string[];
  /** Listed in that menu (web menu bar and Electron native menu). */
  menu?: MenuName;
  /** Position inside its menu (lower first, default 500); ties keep registration order. */
  order?: number;
  /** Menu items of one group sit together; a separator is drawn where the group changes. */
  group?: string;
  /** Enabled? Disabled commands are greyed in menus and the palette, and their keys do nothing. */
  when?: () => boolean;
  /**
   * Whether the keys work while focus is in a text field, a code editor or a
   * dialog (Save and the palette do; Undo does not: the field has its own).
   */
  allowInInputs?: boolean;
  run: () => void | Promise<void>;
}
