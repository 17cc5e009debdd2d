/**
 * The object the Electron preload exposes as `window.csp`: a string pipe for
 * protocol envelopes, and the native menu's two strings (nothing more, never
 * raw ipcRenderer). The renderer wraps the pipe in a ClientTransport; the
 * protocol itself is the same as over WebSocket.
 */
export const IPC_CONNECT = 'csp:connect';
export const IPC_MESSAGE = 'csp:message';
export const IPC_CLOSE = 'csp:close';
/** Renderer → main: the menu model (JSON of src/shared/menu.ts's MenuModel). */
export const IPC_MENU_SET = 'csp:menu-set';
/** Main → renderer: the id of the command a native menu item stands for. */
export const IPC_MENU_COMMAND = 'csp:menu-command';

export interface CspBridge {
  /** Opens (or reopens) this window's session with the host. */
  connect(): void;
  /** Sends one encoded envelope. */
  send(text: string): void;
  /** Receives encoded envelopes; returns an unsubscribe function. */
  onMessage(listener: (text: string) => void): () => void;
  /** The host ended the session (reason for people). */
  onClose(listener: (reason: string) => void): () => void;
  /** Ends this window's session. */
  disconnect(): void;
  /** Replaces the native menu with this model (JSON text; main validates it). */
  setMenu(modelJson: string): void;
  /** A native menu item was chosen: its command id. Returns an unsubscribe function. */
  onMenuCommand(listener: (commandId: string) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the desktop app (see src/preload). */
    csp?: CspBridge;
  }
}
