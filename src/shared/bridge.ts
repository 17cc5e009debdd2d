/**
 * The object the Electron preload exposes as `window.csp`: string pipes for
 * protocol envelopes, and the native menu's two strings (nothing more, never
 * raw ipcRenderer). The renderer wraps a pipe in a ClientTransport; the
 * protocol itself is the same as over WebSocket.
 *
 * A window has up to two pipes ("lines"): `workspace`, to the host its screens
 * work on (this studio's host, or a remote node relayed by the main process,
 * which keeps the node's token), and `local`, to this studio's host while the
 * workspace is a node (the Nodes panel's own connection).
 */
export const IPC_CONNECT = 'csp:connect';
export const IPC_MESSAGE = 'csp:message';
export const IPC_CLOSE = 'csp:close';
/** Renderer → main: the menu model (JSON of src/shared/menu.ts's MenuModel). */
export const IPC_MENU_SET = 'csp:menu-set';
/** Main → renderer: the id of the command a native menu item stands for. */
export const IPC_MENU_COMMAND = 'csp:menu-command';

export const BRIDGE_LINES = ['workspace', 'local'] as const;
export type BridgeLine = (typeof BRIDGE_LINES)[number];

/** What a line connects to: this studio's host, or a known node by id (`node:n…`). */
export type BridgeTarget = 'local' | `node:${string}`;

const NODE_TARGET = /^node:(n[0-9a-z]{4,32})$/;

/** The line a message names (absent: `workspace`); undefined when it names no line. */
export function parseLine(value: unknown): BridgeLine | undefined {
  if (value === undefined) return 'workspace';
  return BRIDGE_LINES.find((line) => line === value);
}

/** The node id of a `node:…` target, '' for `local`, undefined for anything else. */
export function parseTarget(value: unknown): string | undefined {
  if (value === undefined || value === 'local') return '';
  if (typeof value !== 'string') return undefined;
  return NODE_TARGET.exec(value)?.[1];
}

export interface CspBridge {
  /** Opens (or reopens) one of this window's lines: to this studio's host (default) or a known node. */
  connect(target?: BridgeTarget, line?: BridgeLine): void;
  /** Sends one encoded envelope on a line (default `workspace`). */
  send(text: string, line?: BridgeLine): void;
  /** Receives encoded envelopes of a line; returns an unsubscribe function. */
  onMessage(listener: (text: string) => void, line?: BridgeLine): () => void;
  /** The other end closed the line (reason for people). */
  onClose(listener: (reason: string) => void, line?: BridgeLine): () => void;
  /** Ends one of this window's lines. */
  disconnect(line?: BridgeLine): void;
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
