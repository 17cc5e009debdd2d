/** The preload against a fake `electron`: it exposes a string pipe and nothing else. */
import { describe, it, expect, vi } from 'vitest';

// A recording stand-in for the two electron objects the preload touches.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = {
    sent: [] as unknown[][],
    send: (...args: unknown[]) => void ipcRenderer.sent.push(args),
    on: (channel: string, fn: Listener) => void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    removeListener: (channel: string, fn: Listener) =>
      void listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((f) => f !== fn),
      ),
    emit: (channel: string, ...args: unknown[]) => (listeners.get(channel) ?? []).forEach((fn) => fn(...args)),
  };
  const exposed = new Map<string, unknown>();
  const contextBridge = { exposed, exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) };
  return { ipcRenderer, contextBridge };
});
vi.mock('electron', () => ({ ipcRenderer: fake.ipcRenderer, contextBridge: fake.contextBridge }));
await import('./index');

describe('preload', () => {
  const api = fake.contextBridge.exposed.get('csp') as Record<string, unknown>;

  it('exposes window.csp made only of functions (no ipcRenderer, no Node objects)', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['csp']);
    expect(Object.keys(api).sort()).toEqual([
      'connect',
      'disconnect',
      'onClose',
      'onMenuCommand',
      'onMessage',
      'send',
      'setMenu',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('forwards strings only, on the protocol channels', () => {
    (api.send as (t: unknown) => void)('{"v":1}');
    (api.send as (t: unknown) => void)({ not: 'a string' });
    (api.connect as () => void)();
    expect(fake.ipcRenderer.sent).toEqual([['csp:message', '{"v":1}'], ['csp:connect']]);
  });

  it('delivers incoming strings and can unsubscribe', () => {
    const got: string[] = [];
    const off = (api.onMessage as (l: (t: string) => void) => () => void)((t) => got.push(t));
    fake.ipcRenderer.emit('csp:message', {}, 'one');
    fake.ipcRenderer.emit('csp:message', {}, 42);
    off();
    fake.ipcRenderer.emit('csp:message', {}, 'two');
    expect(got).toEqual(['one']);
  });

  it('sends the menu model as a string and delivers menu command ids', () => {
    fake.ipcRenderer.sent.length = 0;
    (api.setMenu as (t: unknown) => void)('[]');
    (api.setMenu as (t: unknown) => void)({ menu: 'not text' });
    expect(fake.ipcRenderer.sent).toEqual([['csp:menu-set', '[]']]);
    const ids: string[] = [];
    const off = (api.onMenuCommand as (l: (id: string) => void) => () => void)((id) => ids.push(id));
    fake.ipcRenderer.emit('csp:menu-command', {}, 'file.save');
    fake.ipcRenderer.emit('csp:menu-command', {}, { id: 'x' });
    off();
    fake.ipcRenderer.emit('csp:menu-command', {}, 'edit.undo');
    expect(ids).toEqual(['file.save']);
  });
});
