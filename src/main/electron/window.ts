/**
 * The main window: secure webPreferences, no navigation away from app://,
 * no new windows (links open in the system browser only if http(s)), no
 * permission grants, no <webview>; closing with unsaved edits asks first.
 */
import type {
  BrowserWindow as BrowserWindowType,
  BrowserWindowConstructorOptions,
  Dialog,
  Session,
  WebContents,
} from 'electron';
import { APP_ENTRY, isAppUrl, webPreferences } from './security';

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  openExternal(url: string): Promise<void>;
  /** Asked when the page has unsaved edits and the window would close or reload: true to leave anyway. */
  confirmLeave(win: BrowserWindowType): boolean;
}

/** The question asked before unsaved edits are lost (Electron shows no prompt of its own). */
export function confirmLeave(dialog: Pick<Dialog, 'showMessageBoxSync'>, win: BrowserWindowType): boolean {
  const choice = dialog.showMessageBoxSync(win, {
    type: 'question',
    buttons: ['Stay', 'Leave and lose them'],
    defaultId: 0,
    cancelId: 0,
    title: 'Unsaved changes',
    message: 'Your latest edits are not saved yet.',
    detail: 'The studio is saving them now. Stay a moment and they are kept; leave now and they are lost.',
  });
  return choice === 1;
}

export function hardenContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(deps: WindowDeps, preloadPath: string): BrowserWindowType {
  const win = new deps.BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#14161a',
    title: 'CSP Agent Network Studio',
    webPreferences: webPreferences(preloadPath),
  });
  hardenContents(win.webContents, deps.openExternal);
  denyPermissions(win.webContents.session);
  win.once('ready-to-show', () => win.show());
  // The renderer's beforeunload guard only cancels; the question is asked here.
  win.webContents.on('will-prevent-unload', (event) => {
    if (deps.confirmLeave(win)) event.preventDefault();
  });
  void win.loadURL(APP_ENTRY);
  return win;
}
