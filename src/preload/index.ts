/**
 * Electron preload (built as CommonJS: out/preload/index.cjs, sandboxed).
 * Exposes `window.csp`: string pipes to the host (a window's `workspace` and
 * `local` lines, src/shared/bridge.ts) and the native menu's two strings; no
 * Node or Electron object crosses the bridge, only functions taking and
 * returning strings. Main checks every value again.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CLOSE, IPC_CONNECT, IPC_MENU_COMMAND, IPC_MENU_SET, IPC_MESSAGE } from '../shared/bridge';
import type { BridgeLine, CspBridge } from '../shared/bridge';

/** Listens to one channel; with `line`, only to that line's messages (a message naming none is `workspace`'s). */
function listen(channel: string, listener: (text: string) => void, line?: BridgeLine): () => void {
  const handler = (_event: IpcRendererEvent, text: unknown, from: unknown): void => {
    if (typeof text !== 'string') return;
    if (line !== undefined && (from ?? 'workspace') !== line) return;
    listener(text);
  };
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

/** The line argument for main: omitted for the default line, so a plain call sends what it always sent. */
const lineArgs = (line: unknown): string[] => (typeof line === 'string' && line !== 'workspace' ? [line] : []);

const bridge = {
  connect: (target?: string, line?: BridgeLine) => {
    if (target === undefined || target === 'local') {
      if (line === undefined || line === 'workspace') ipcRenderer.send(IPC_CONNECT);
      else ipcRenderer.send(IPC_CONNECT, 'local', ...lineArgs(line));
    } else if (typeof target === 'string') ipcRenderer.send(IPC_CONNECT, target, ...lineArgs(line));
  },
  send: (text: string, line?: BridgeLine) => {
    if (typeof text === 'string') ipcRenderer.send(IPC_MESSAGE, text, ...lineArgs(line));
  },
  onMessage: (listener: (text: string) => void, line?: BridgeLine) =>
    listen(IPC_MESSAGE, listener, line ?? 'workspace'),
  onClose: (listener: (reason: string) => void, line?: BridgeLine) => listen(IPC_CLOSE, listener, line ?? 'workspace'),
  disconnect: (line?: BridgeLine) => ipcRenderer.send(IPC_CLOSE, ...lineArgs(line)),
  setMenu: (modelJson: string) => {
    if (typeof modelJson === 'string') ipcRenderer.send(IPC_MENU_SET, modelJson);
  },
  onMenuCommand: (listener: (commandId: string) => void) => listen(IPC_MENU_COMMAND, listener),
} satisfies CspBridge;

contextBridge.exposeInMainWorld('csp', bridge);
