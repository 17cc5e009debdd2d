/**
 * The object the Electron preload exposes as `window.csp`: a string pipe for
 * protocol envelopes, nothing more (never raw ipcRenderer). The renderer wraps
 * it in a ClientTransport; the protocol itself is the same as over WebSocket.
 */
export const IPC_CONNECT = 'csp:connect';
export const IPC_MESSAGE = 'csp:message';
export const IPC_CLOSE = 'csp:close';

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
}

declare global {
  interface Window {
    /** Present only inside the desktop app (see src/preload). */
    csp?: CspBridge;
  }
}
