/**
 * A fake `electron` module for the vitest suites (Electron cannot run on these
 * machines). It records what our code asks of Electron so tests can assert
 * every security setting; it implements no behaviour of its own beyond that.
 * Used only by *.test.ts files through vi.mock('electron').
 */
type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}

let nextContentsId = 1;

export class FakeSession {
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: Listener | undefined;
  setPermissionRequestHandler(fn: Listener): void {
    this.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn: Listener): void {
    this.permissionCheckHandler = fn;
  }
}

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly session = new FakeSession();
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = fn;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends Emitter {
  static readonly instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances;
  }
  static getFocusedWindow(): FakeBrowserWindow | undefined {
    return FakeBrowserWindow.instances.at(-1);
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

export const BrowserWindow = FakeBrowserWindow;

export const calls: Array<[string, ...unknown[]]> = [];

export const app = Object.assign(new Emitter(), {
  setPath: (name: string, value: string) => calls.push(['app.setPath', name, value]),
  enableSandbox: () => calls.push(['app.enableSandbox']),
  requestSingleInstanceLock: () => true,
  quit: () => calls.push(['app.quit']),
  getVersion: () => '9.9.9',
  whenReady: () => Promise.resolve(),
});

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, fn: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, fn);
  },
};

export const ipcMain = new Emitter();
export const shell = {
  opened: [] as string[],
  openExternal: (url: string) => (shell.opened.push(url), Promise.resolve()),
};
export const dialog = {
  /** The button index the next showMessageBoxSync returns. */
  nextAnswer: 0,
  showErrorBox: (title: string, text: string) => calls.push(['dialog.showErrorBox', title, text]),
  showMessageBoxSync: (_win: unknown, options: { title?: string }) => {
    calls.push(['dialog.showMessageBoxSync', options.title]);
    return dialog.nextAnswer;
  },
};

/** Records the application menu our code sets (templates, not real menus). */
export const Menu = {
  current: undefined as unknown,
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu: (menu: unknown) => {
    Menu.current = menu;
  },
};
/** A keychain stand-in: reversible, and refuses text it did not seal (enough for the wiring tests). */
export const safeStorage = {
  getSelectedStorageBackend: () => 'gnome_libsecret',
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => Buffer.from(`fake-sealed:${plain}`).reverse(),
  decryptString: (sealed: Buffer) => {
    const text = Buffer.from(sealed).reverse().toString();
    if (!text.startsWith('fake-sealed:')) throw new Error('Error while decrypting the ciphertext provided');
    return text.slice('fake-sealed:'.length);
  },
};

export default { app, BrowserWindow: FakeBrowserWindow, protocol, ipcMain, shell, dialog, safeStorage, Menu };
