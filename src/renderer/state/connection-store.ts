/**
 * Connection state for the status bar and the offline banner (UI state only;
 * host data is fetched through react-query with the client kept here).
 */
import { create } from 'zustand';
import type { ProtocolClient, Result } from '../../shared/protocol';

export type ConnectionStatus = 'connecting' | 'connected' | 'retrying' | 'unauthorized';

/** Where the workspace is: this studio's own host, or a remote node relayed through it. */
export type Workspace =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'node';
      readonly id: string;
      readonly label: string;
      readonly colour: string;
      readonly url: string;
    };

export interface ConnectionState {
  status: ConnectionStatus;
  attempt: number;
  lastError: string | undefined;
  hello: Result<'hello'> | undefined;
  client: ProtocolClient | undefined;
  connectedAt: number | undefined;
  nextRetryAt: number | undefined;
  /** Transport in use: 'ipc' inside the desktop app, 'websocket' in a browser. */
  transport: 'ipc' | 'websocket';
  workspace: Workspace;
  set(patch: Partial<Omit<ConnectionState, 'set'>>): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  status: 'connecting',
  attempt: 0,
  lastError: undefined,
  hello: undefined,
  client: undefined,
  connectedAt: undefined,
  nextRetryAt: undefined,
  transport: 'websocket',
  workspace: { kind: 'local' },
  set: (patch) => set(patch),
}));

/** The words the status bar shows (e2e tests look for them). */
export function statusLabel(status: ConnectionStatus): string {
  switch (status) {
    case 'connecting':
      return 'connecting…';
    case 'connected':
      return 'connected';
    case 'retrying':
      return 'disconnected, retrying…';
    case 'unauthorized':
      return 'disconnected: host restarted';
  }
}
