/** The preload against a fake `electron`: it exposes a string pipe and nothing else. */
import { describe, it, expect, vi } from 'vitest';
import type { CspBridge } from '../shared/bridge';

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

  it('carries a second line and a node target as strings, each line hearing only its own messages', () => {
    fake.ipcRenderer.sent.length = 0;
    const bridge = api as unknown as CspBridge;
    bridge.connect('node:nabc123', 'workspace');
    bridge.connect('local', 'local');
    bridge.send('{"a":1}', 'local');
    bridge.disconnect('local');
    expect(fake.ipcRenderer.sent).toEqual([
      ['csp:connect', 'node:nabc123'],
      ['csp:connect', 'local', 'local'],
      ['csp:message', '{"a":1}', 'local'],
      ['csp:close', 'local'],
    ]);
    const workspace: string[] = [];
    const local: string[] = [];
    const offs = [bridge.onMessage((t) => workspace.push(t)), bridge.onMessage((t) => local.push(t), 'local')];
    fake.ipcRenderer.emit('csp:message', {}, 'w1');
    fake.ipcRenderer.emit('csp:message', {}, 'w2', 'workspace');
    fake.ipcRenderer.emit('csp:message', {}, 'l1', 'local');
    offs.forEach((off) => off());
    expect(workspace).toEqual(['w1', 'w2']);
    expect(local).toEqual(['l1']);
  });
});
