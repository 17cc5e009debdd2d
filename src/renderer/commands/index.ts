/** The command registry and keybindings: every user action is a command (see README.md). */
export type { Command, MenuName } from './types';
export { MENU_NAMES } from './types';
export { commandRegistry, runCommand, CommandRegistry } from './registry';
export { useCommands, useRegisterCommands } from './react';
export { formatChord, isMacPlatform, parseChord, toAccelerator } from './keys';
export { installKeybindings } from './keybindings';
export { menuModel } from './menu-model';
export type { MenuModel, MenuItemModel } from './menu-model';
