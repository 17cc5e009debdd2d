/**
 * The application menu as data: the renderer builds it from its command
 * registry and both menu bars draw it (the web menu bar directly, the
 * Electron native menu after main validates it with these schemas). A click
 * travels back as the command id only, never as code.
 */
import { z } from 'zod';

export const MENU_ORDER = ['File', 'Edit', 'View', 'Run', 'Help'] as const;

/** Command ids: 'file.save', 'view.zoomToFit', 'designer.node:add'. */
export const COMMAND_ID_PATTERN = /^[A-Za-z][\w.:-]{0,127}$/;

export const MenuItemModel = z.strictObject({
  id: z.string().regex(COMMAND_ID_PATTERN, 'expected a command id'),
  label: z.string().min(1).max(200),
  /** Electron accelerator text ('CmdOrCtrl+Shift+P'), display only: keys are handled by the renderer. */
  accelerator: z.string().max(64).optional(),
  enabled: z.boolean(),
  separatorBefore: z.boolean(),
});
export type MenuItemModel = z.infer<typeof MenuItemModel>;

export const MenuModel = z
  .array(z.strictObject({ menu: z.enum(MENU_ORDER), items: z.array(MenuItemModel).max(300) }))
  .max(MENU_ORDER.length);
export type MenuModel = z.infer<typeof MenuModel>;
