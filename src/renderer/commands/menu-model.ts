/**
 * Commands → the menu model both menu bars draw (src/shared/menu.ts): menus
 * in File/Edit/View/Run/Help order, items by `order` then registration,
 * a separator where the `group` changes.
 */
import type { MenuItemModel, MenuModel } from '../../shared/menu';
import { MENU_ORDER } from '../../shared/menu';
import { toAccelerator } from './keys';
import type { Command } from './types';

export type { MenuItemModel, MenuModel };

export function menuModel(commands: readonly Command[], isEnabled: (c: Command) => boolean): MenuModel {
  const model: MenuModel = [];
  for (const menu of MENU_ORDER) {
    const inMenu = commands
      .map((command, index) => ({ command, index }))
      .filter(({ command }) => command.menu === menu)
      .sort((a, b) => (a.command.order ?? 500) - (b.command.order ?? 500) || a.index - b.index)
      .map(({ command }) => command);
    if (inMenu.length === 0) continue;
    const items = inMenu.map((command, i): MenuItemModel => {
      const first = command.keys?.[0];
      let accelerator: string | undefined;
      try {
        accelerator = first === undefined ? undefined : toAccelerator(first);
      } catch {
        accelerator = undefined; // a bad chord is reported by the keyboard handler
      }
      return {
        id: command.id,
        label: command.title,
        ...(accelerator !== undefined ? { accelerator } : {}),
        enabled: isEnabled(command),
        separatorBefore: i > 0 && (inMenu[i - 1]?.group ?? '') !== (command.group ?? ''),
      };
    });
    model.push({ menu, items });
  }
  return model;
}
