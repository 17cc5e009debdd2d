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

const { createMainWindow, hardenContents, denyPermissions } = await import('./window');
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

function newWindow(): fake.FakeBrowserWindow {
  const deps = { BrowserWindow: fake.FakeBrowserWindow, openExternal: fake.shell.openExternal };
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
    fake.ipcMain.emit('csp:message', event(trusted, 'app://csp/index.html'), JSON.stringify({ v: 1, id: 1, type: 'hello', payload: { protocol: '1.0' } }));
    await vi.waitFor(() => expect(trusted.sent).toHaveLength(1));
    expect(trusted.sent[0]?.[0]).toBe('csp:message');
    expect(JSON.parse(String(trusted.sent[0]?.[1]))).toMatchObject({ id: 1, type: 'result' });

    // Untrusted: a foreign page in our window, a sub-frame, an unknown webContents.
    const stranger = new fake.FakeWebContents();
    fake.ipcMain.emit('csp:message', event(trusted, 'https://evil.example/'), '{"v":1,"id":2,"type":"ping","payload":{}}');
    fake.ipcMain.emit('csp:message', event(trusted, 'app://csp/index.html', {}), '{"v":1,"id":3,"type":"ping","payload":{}}');
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
