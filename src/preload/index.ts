/**
 * Electron preload (built as CommonJS: out/preload/index.cjs, sandboxed).
 * Exposes `window.csp`, a string pipe to the host and the native menu's two
 * strings (model out, command id in); no Node or Electron object crosses the
 * bridge, only functions taking and returning strings.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CLOSE, IPC_CONNECT, IPC_MENU_COMMAND, IPC_MENU_SET, IPC_MESSAGE } from '../shared/bridge';
import type { CspBridge } from '../shared/bridge';

function listen(channel: string, listener: (text: string) => void): () => void {
  const handler = (_event: IpcRendererEvent, text: unknown): void => {
    if (typeof text === 'string') listener(text);
  };
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

const bridge = {
  connect: () => ipcRenderer.send(IPC_CONNECT),
  send: (text: string) => {
    if (typeof text === 'string') ipcRenderer.send(IPC_MESSAGE, text);
  },
  onMessage: (listener: (text: string) => void) => listen(IPC_MESSAGE, listener),
  onClose: (listener: (reason: string) => void) => listen(IPC_CLOSE, listener),
  disconnect: () => ipcRenderer.send(IPC_CLOSE),
  setMenu: (modelJson: string) => {
    if (typeof modelJson === 'string') ipcRenderer.send(IPC_MENU_SET, modelJson);
  },
  onMenuCommand: (listener: (commandId: string) => void) => listen(IPC_MENU_COMMAND, listener),
} satisfies CspBridge;

contextBridge.exposeInMainWorld('csp', bridge);
