/**
 * The native application menu, built from the renderer's menu model (the same
 * data its web menu bar draws). The model arrives as JSON over IPC from a
 * trusted window, is validated with the shared zod schema, and becomes the
 * menu; a click sends only the command id back to the focused window.
 * Accelerators are shown but not registered: the renderer's one key handler
 * dispatches keys, so Ctrl+Z in a text field stays the field's own undo.
 */
import type { IpcMain, IpcMainEvent, Menu as MenuType, MenuItemConstructorOptions, WebContents } from 'electron';
import { IPC_MENU_COMMAND, IPC_MENU_SET } from '../../shared/bridge';
import { MenuModel } from '../../shared/menu';
import { isTrustedSender } from './ipc';

export interface MenuDeps {
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): MenuType;
    setApplicationMenu(menu: MenuType | null): void;
  };
  /** The window a click belongs to (the focused one). */
  focused(): WebContents | undefined;
  trusted(contents: WebContents): boolean;
  warn(message: string): void;
  platform: NodeJS.Platform;
}

export function menuTemplate(
  model: MenuModel,
  onClick: (commandId: string) => void,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const menus: MenuItemConstructorOptions[] = model.map(({ menu, items }) => ({
    label: menu,
    submenu: items.flatMap((item): MenuItemConstructorOptions[] => [
      ...(item.separatorBefore ? [{ type: 'separator' as const }] : []),
      {
        label: item.label,
        enabled: item.enabled,
        ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
        click: () => onClick(item.id),
      },
    ]),
  }));
  // macOS expects the app menu first (About, Hide, Quit).
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...menus] : menus;
}

/** Parses and validates a menu model sent by the renderer; a message for the log when it is not one. */
export function parseMenuModel(text: unknown): { ok: true; model: MenuModel } | { ok: false; message: string } {
  if (typeof text !== 'string' || text.length > 200_000)
    return { ok: false, message: 'menu model is not a string of at most 200,000 characters' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `menu model is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = MenuModel.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `menu model refused at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { ok: true, model: parsed.data };
}

export function bindMenu(ipcMain: Pick<IpcMain, 'on' | 'removeListener'>, deps: MenuDeps): () => void {
  let last = '';
  const onSet = (event: IpcMainEvent, text: unknown): void => {
    if (!isTrustedSender(event, deps.trusted))
      return deps.warn(`dropped ${IPC_MENU_SET} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
    if (text === last) return;
    const parsed = parseMenuModel(text);
    if (!parsed.ok) return deps.warn(parsed.message);
    last = text as string;
    const send = (commandId: string): void => {
      const target = deps.focused();
      if (target && !target.isDestroyed() && deps.trusted(target)) target.send(IPC_MENU_COMMAND, commandId);
    };
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(menuTemplate(parsed.model, send, deps.platform)));
  };
  ipcMain.on(IPC_MENU_SET, onSet);
  return () => ipcMain.removeListener(IPC_MENU_SET, onSet);
}
