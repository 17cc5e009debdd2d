/**
 * Electron glue against a fake `electron` (the binary cannot run here): every
 * security setting of docs/architecture.md#desktop is asserted on what our code asks for.
 */
import { describe, it, expect, vi, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp-header';
import { testHost } from '../host/test-helpers';
import * as fake from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createMainWindow, hardenContents, denyPermissions, confirmLeave } = await import('./window');
const { bindMenu, menuTemplate, parseMenuModel } = await import('./menu');
const { registerAppScheme, handleAppProtocol } = await import('./protocol');
const { bindIpc } = await import('./ipc');
const { webPreferences } = await import('./security');

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'csp-electron-'));
  tmp.push(d);
  return d;
}

function newWindow(confirmLeave: () => boolean = () => false): fake.FakeBrowserWindow {
  const deps = { BrowserWindow: fake.FakeBrowserWindow, openExternal: fake.shell.openExternal, confirmLeave };
  return createMainWindow(deps as never, '/app/out/preload/index.cjs') as unknown as fake.FakeBrowserWindow;
}

describe('main window', () => {
  it('uses secure webPreferences with the CommonJS preload', () => {
    const win = newWindow();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(webPreferences('x')).not.toHaveProperty('enableRemoteModule');
  });

  it('loads the app:// entry, never file://', () => {
    expect(newWindow().loadedUrl).toBe('app://csp/index.html');
  });

  it('denies window.open; only http(s) links go to the system browser', () => {
    const win = newWindow();
    const handler = win.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://csp/index.html' })).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://example.org/']);
  });

  it('blocks navigation and redirects away from app://, and webviews', () => {
    const contents = newWindow().webContents;
    const prevented = (event: string, url?: string): boolean => {
      const e = { preventDefault: vi.fn() };
      contents.emit(event, e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://csp/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
  });

  it('asks before a close or reload loses unsaved edits, and leaves only when told', () => {
    let answer = false;
    const contents = newWindow(() => answer).webContents;
    const leave = (): boolean => {
      const e = { preventDefault: vi.fn() };
      contents.emit('will-prevent-unload', e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(leave()).toBe(false);
    answer = true;
    expect(leave()).toBe(true);
  });

  it('asks the leave question with Stay as the default', () => {
    fake.dialog.nextAnswer = 1;
    expect(confirmLeave(fake.dialog as never, {} as never)).toBe(true);
    fake.dialog.nextAnswer = 0;
    expect(confirmLeave(fake.dialog as never, {} as never)).toBe(false);
    expect(fake.calls).toContainEqual(['dialog.showMessageBoxSync', 'Unsaved changes']);
  });

  it('grants no permissions', () => {
    const session = new fake.FakeSession();
    denyPermissions(session as never);
    const callback = vi.fn();
    session.permissionRequestHandler?.(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler?.()).toBe(false);
  });

  it('hardens any web contents (for web-contents-created)', () => {
    const contents = new fake.FakeWebContents();
    hardenContents(contents as never, fake.shell.openExternal);
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
  });
});

describe('app:// protocol', () => {
  it('is registered as a privileged, standard, secure scheme', () => {
    registerAppScheme(fake.protocol as never);
    expect(fake.protocol.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
  });

  it('serves the renderer with the CSP, and nothing outside it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    handleAppProtocol(fake.protocol as never, dir);
    const handle = fake.protocol.handlers.get('app')!;
    const ok = await handle(new Request('app://csp/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('<title>x</title>');
    expect((await handle(new Request('app://csp/..%2f..%2fetc%2fpasswd'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('has a strict policy: own scripts only, inline styles only for Monaco', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('IPC binding', () => {
  function event(contents: fake.FakeWebContents, url: string, parent: unknown = null): unknown {
    return { sender: contents, senderFrame: { url, parent } };
  }

  it('serves the protocol to a trusted app:// window and checks every sender', async () => {
    const host = testHost();
    const trusted = new fake.FakeWebContents();
    const binding = bindIpc(fake.ipcMain as never, host, (c) => c === (trusted as never));
    fake.ipcMain.emit('csp:connect', event(trusted, 'app://csp/index.html'));
    expect(binding.size).toBe(1);
    fake.ipcMain.emit(
      'csp:message',
      event(trusted, 'app://csp/index.html'),
      JSON.stringify({ v: 1, id: 1, type: 'hello', payload: { protocol: '1.0' } }),
    );
    await vi.waitFor(() => expect(trusted.sent).toHaveLength(1));
    expect(trusted.sent[0]?.[0]).toBe('csp:message');
    expect(JSON.parse(String(trusted.sent[0]?.[1]))).toMatchObject({ id: 1, type: 'result' });

    // Untrusted: a foreign page in our window, a sub-frame, an unknown webContents.
    const stranger = new fake.FakeWebContents();
    fake.ipcMain.emit(
      'csp:message',
      event(trusted, 'https://evil.example/'),
      '{"v":1,"id":2,"type":"ping","payload":{}}',
    );
    fake.ipcMain.emit(
      'csp:message',
      event(trusted, 'app://csp/index.html', {}),
      '{"v":1,"id":3,"type":"ping","payload":{}}',
    );
    fake.ipcMain.emit('csp:connect', event(stranger, 'app://csp/index.html'));
    await new Promise((r) => setTimeout(r, 10));
    expect(trusted.sent).toHaveLength(1);
    expect(binding.size).toBe(1);
    expect(host.log.headSeq).toBe(3);

    trusted.emit('destroyed');
    expect(binding.size).toBe(0);
    binding.dispose();
  });
});

describe('native menu', () => {
  const model = [
    {
      menu: 'File',
      items: [
        {
          id: 'file.new',
          label: 'New Workflow',
          accelerator: 'CmdOrCtrl+Alt+N',
          enabled: true,
          separatorBefore: false,
        },
        { id: 'file.save', label: 'Save', accelerator: 'CmdOrCtrl+S', enabled: false, separatorBefore: true },
      ],
    },
  ];
  const event = (contents: fake.FakeWebContents, url = 'app://csp/index.html'): unknown => ({
    sender: contents,
    senderFrame: { url, parent: null },
  });

  it('is built from the renderer model: separators, enablement, accelerators shown but left to the renderer', () => {
    const clicked: string[] = [];
    const template = menuTemplate(model as never, (id) => clicked.push(id), 'linux') as Array<{
      label: string;
      submenu: Array<Record<string, unknown>>;
    }>;
    expect(template.map((m) => m.label)).toEqual(['File']);
    const items = template[0]!.submenu;
    expect(items.map((i) => i.type ?? i.label)).toEqual(['New Workflow', 'separator', 'Save']);
    expect(items[0]).toMatchObject({ accelerator: 'CmdOrCtrl+Alt+N', registerAccelerator: false, enabled: true });
    expect(items[2]).toMatchObject({ enabled: false });
    (items[2]!.click as () => void)();
    expect(clicked).toEqual(['file.save']);
    expect((menuTemplate(model as never, () => undefined, 'darwin')[0] as { role?: string }).role).toBe('appMenu');
  });

  it('takes a model only from a trusted window, validated, and sends clicks back as command ids', () => {
    const trusted = new fake.FakeWebContents();
    const warnings: string[] = [];
    const unbind = bindMenu(fake.ipcMain as never, {
      Menu: fake.Menu as never,
      trusted: (c) => c === (trusted as never),
      focused: () => trusted as never,
      warn: (m) => warnings.push(m),
      platform: 'linux',
    });
    fake.ipcMain.emit('csp:menu-set', event(new fake.FakeWebContents()), JSON.stringify(model));
    expect(fake.Menu.current).toBeUndefined();
    fake.ipcMain.emit(
      'csp:menu-set',
      event(trusted),
      '[{"menu":"File","items":[{"id":"rm -rf","label":"x","enabled":true,"separatorBefore":false}]}]',
    );
    fake.ipcMain.emit('csp:menu-set', event(trusted), '{not json');
    expect(fake.Menu.current).toBeUndefined();
    fake.ipcMain.emit('csp:menu-set', event(trusted), JSON.stringify(model));
    const menu = fake.Menu.current as { template: Array<{ submenu: Array<{ click?: () => void }> }> };
    menu.template[0]!.submenu[0]!.click!();
    expect(trusted.sent).toContainEqual(['csp:menu-command', 'file.new']);
    expect(warnings[0]).toMatch(/untrusted sender/);
    expect(warnings[1]).toMatch(/menu model refused at 0\.items\.0\.id: expected a command id/);
    expect(warnings[2]).toMatch(/menu model is not JSON/);
    expect(parseMenuModel(42)).toMatchObject({ ok: false });
    unbind();
  });
});

describe('startDesktop', () => {
  it('points userData at the data folder, enables the sandbox, opens a hardened window', async () => {
    const dir = tempDir();
    const argv = process.argv;
    process.argv = [...argv, '--data-dir', dir];
    try {
      const { startDesktop } = await import('./app');
      const before = fake.FakeBrowserWindow.instances.length;
      startDesktop();
      await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances.length).toBe(before + 1));
      expect(fake.calls).toContainEqual(['app.setPath', 'userData', dir]);
      expect(fake.calls).toContainEqual(['app.enableSandbox']);
      const win = fake.FakeBrowserWindow.instances.at(-1)!;
      expect(win.loadedUrl).toBe('app://csp/index.html');
      expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
      expect(fake.app.listeners.has('web-contents-created')).toBe(true);
      fake.app.emit('will-quit');
    } finally {
      process.argv = argv;
    }
  });
});
