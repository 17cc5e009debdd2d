/**
 * Desktop mode: Electron's lifecycle around the same Host that web mode uses.
 * Order matters: the app:// scheme is registered before `ready`; the host
 * (store + lock) starts before any window, so a second app on the same data
 * folder refuses with a dialog instead of opening a half-working window.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, shell } from 'electron';
import type { WebContents } from 'electron';
import { fileURLToPath } from 'node:url';
import { bootstrapHost, HostStartError } from '../host';
import type { RunningHost } from '../host';
import { sealNodeTokens } from '../node/nodes-handlers';
import { safeStorageSealer } from '../node/secrets';
import { defaultDataDir } from '../store';
import { bindIpc } from './ipc';
import { bindMenu } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { confirmLeave, createMainWindow, hardenContents } from './window';

/** `--data-dir DIR` or `--data-dir=DIR` on the app's command line. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

export function startDesktop(): void {
  const dataDir = dataDirFromArgv(process.argv) ?? defaultDataDir();
  // One data folder for every mode: Electron's own files live there too.
  app.setPath('userData', dataDir);
  registerAppScheme(protocol);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const openExternal = (url: string): Promise<void> => shell.openExternal(url);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, openExternal));

  void app.whenReady().then(() => {
    let running: RunningHost;
    try {
      running = bootstrapHost({ mode: 'desktop', version: app.getVersion(), dataDir });
    } catch (error) {
      const message = error instanceof HostStartError ? error.message : String(error);
      dialog.showErrorBox('CSP Agent Network Studio cannot start', message);
      app.quit();
      return;
    }
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      running.host.log.write('warn', 'host', 'no OS keyring found: secrets are stored with a fixed key, not encrypted');
    }
    // Remote nodes' tokens at rest: sealed by the OS keychain when there is one, else an owner-only file.
    const sealer = safeStorageSealer(safeStorage, process.platform);
    if (sealer !== undefined) sealNodeTokens(running.host, sealer);
    else
      running.host.log.write('warn', 'nodes', 'node tokens are kept in an owner-only file, not sealed: no OS keychain');
    handleAppProtocol(protocol, fileURLToPath(new URL('../renderer', import.meta.url)));
    const windows = new Set<number>();
    const trusted = (contents: WebContents): boolean => windows.has(contents.id);
    const binding = bindIpc(ipcMain, running.host, trusted);
    // Until the renderer sends its menu, no default Electron menu (its items would bypass our commands).
    Menu.setApplicationMenu(null);
    const unbindMenu = bindMenu(ipcMain, {
      Menu,
      trusted,
      focused: () => BrowserWindow.getFocusedWindow()?.webContents,
      warn: (message) => running.host.log.write('warn', 'menu', message),
      platform: process.platform,
    });
    const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
    const open = (): void => {
      const win = createMainWindow(
        { BrowserWindow, openExternal, confirmLeave: (w) => confirmLeave(dialog, w) },
        preload,
      );
      const id = win.webContents.id;
      windows.add(id);
      win.on('closed', () => windows.delete(id));
    };
    open();
    app.on('second-instance', () => {
      const [win] = BrowserWindow.getAllWindows();
      if (win) {
        if (win.isMinimized()) win.restore();
        win.focus();
      }
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', () => {
      binding.dispose();
      unbindMenu();
      running.close('app quitting');
    });
  });
}
