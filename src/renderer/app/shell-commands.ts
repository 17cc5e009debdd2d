/**
 * The shell's own commands: the palette and help, showing and hiding panels,
 * choosing views, the theme, resetting the layout. Showing a view or a panel
 * works from inside a text field too (its chords type nothing).
 */
import type { Command } from '../commands';
import { useRegisterCommands } from '../commands';
import { useLayout } from '../state/layout-store';
import { useOverlay } from '../state/overlay-store';
import { useSettings } from '../state/settings-store';
import { showAbout } from './about';
import { CENTRE_VIEWS, PANEL_VIEWS, SIDEBAR_VIEWS } from './contributions';

const layout = (): ReturnType<typeof useLayout.getState> => useLayout.getState();

function viewCommands(): Command[] {
  const out: Command[] = [];
  for (const v of CENTRE_VIEWS) {
    out.push({
      id: `view.${v.id}`,
      title: `Show ${v.title}`,
      category: 'View',
      menu: 'View',
      order: 100,
      group: 'centre',
      allowInInputs: true,
      ...(v.keys ? { keys: v.keys } : {}),
      run: () => layout().setCentre(v.id),
    });
  }
  for (const v of SIDEBAR_VIEWS) {
    out.push({
      id: `view.sidebar.${v.id}`,
      title: `Show ${v.title}`,
      category: 'View',
      menu: 'View',
      order: 200,
      group: 'sidebar',
      allowInInputs: true,
      ...(v.keys ? { keys: v.keys } : {}),
      run: () => layout().showSidebar(v.id),
    });
  }
  for (const p of PANEL_VIEWS) {
    out.push({
      id: `view.panel.${p.id}`,
      title: `Show ${p.title}`,
      category: 'View',
      menu: 'View',
      order: 300,
      group: 'panel',
      allowInInputs: true,
      ...(p.keys ? { keys: p.keys } : {}),
      run: () => layout().showPanel(p.id),
    });
  }
  return out;
}

export const SHELL_COMMANDS: readonly Command[] = [
  {
    id: 'workbench.commandPalette',
    title: 'Show All Commands',
    category: 'View',
    menu: 'View',
    order: 10,
    group: 'palette',
    keys: ['Mod+Shift+P', 'F1'],
    allowInInputs: true,
    run: () => useOverlay.getState().toggle('palette'),
  },
  {
    id: 'view.toggleSidebar',
    title: 'Toggle Sidebar',
    category: 'View',
    menu: 'View',
    order: 400,
    group: 'toggle',
    keys: ['Mod+B'],
    allowInInputs: true,
    run: () => layout().toggleSidebar(),
  },
  {
    id: 'view.toggleInspector',
    title: 'Toggle Inspector',
    category: 'View',
    menu: 'View',
    order: 410,
    group: 'toggle',
    keys: ['Mod+Alt+B'],
    allowInInputs: true,
    run: () => layout().toggleInspector(),
  },
  {
    id: 'view.togglePanel',
    title: 'Toggle Panel',
    category: 'View',
    menu: 'View',
    order: 420,
    group: 'toggle',
    keys: ['Mod+J'],
    allowInInputs: true,
    run: () => layout().togglePanel(),
  },
  {
    id: 'view.resetLayout',
    title: 'Reset Layout',
    category: 'View',
    menu: 'View',
    order: 430,
    group: 'toggle',
    run: () => layout().reset(),
  },
  {
    id: 'view.theme.system',
    title: 'Theme: Follow the System',
    category: 'Preferences',
    menu: 'View',
    order: 500,
    group: 'theme',
    run: () => useSettings.getState().setTheme('system'),
  },
  {
    id: 'view.theme.light',
    title: 'Theme: Light',
    category: 'Preferences',
    menu: 'View',
    order: 510,
    group: 'theme',
    run: () => useSettings.getState().setTheme('light'),
  },
  {
    id: 'view.theme.dark',
    title: 'Theme: Dark',
    category: 'Preferences',
    menu: 'View',
    order: 520,
    group: 'theme',
    run: () => useSettings.getState().setTheme('dark'),
  },
  {
    id: 'help.shortcuts',
    title: 'Keyboard Shortcuts',
    category: 'Help',
    menu: 'Help',
    order: 10,
    keys: ['?'],
    run: () => useOverlay.getState().toggle('help'),
  },
  {
    id: 'help.about',
    title: 'About CSP Studio',
    category: 'Help',
    menu: 'Help',
    order: 90,
    group: 'about',
    run: showAbout,
  },
  {
    id: 'help.close',
    title: 'Close Overlay',
    category: 'Help',
    keys: ['Esc'],
    allowInInputs: true,
    when: () => useOverlay.getState().open !== undefined,
    run: () => useOverlay.getState().close(),
  },
  ...viewCommands(),
];

export function useShellCommands(): void {
  useRegisterCommands(SHELL_COMMANDS, []);
}
