/**
 * The protocol over Electron IPC: one Session per renderer, strings only.
 * Every IPC message's sender is checked: it must be one of our windows'
 * main frames showing an app:// page. Anything else is dropped and logged.
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_CLOSE, IPC_CONNECT, IPC_MESSAGE } from '../../shared/bridge';
import type { Host, Session } from '../host';
import { isAppUrl } from './security';

export interface IpcBinding {
  /** Number of live IPC sessions (for tests and diagnostics). */
  readonly size: number;
  dispose(): void;
}

/** A sender is trusted when it is a known window's top frame on an app:// page. */
export function isTrustedSender(
  event: Pick<IpcMainEvent, 'sender' | 'senderFrame'>,
  trusted: (contents: WebContents) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return trusted(event.sender) && isAppUrl(frame.url);
}

export function bindIpc(
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>,
  host: Host,
  trusted: (contents: WebContents) => boolean,
): IpcBinding {
  const sessions = new Map<number, Session>();

  const closeFor = (contents: WebContents): void => {
    sessions.get(contents.id)?.transportClosed();
    sessions.delete(contents.id);
  };

  const onConnect = (event: IpcMainEvent): void => {
    if (!isTrustedSender(event, trusted)) return refuse(event, IPC_CONNECT);
    const contents = event.sender;
    closeFor(contents); // a reload reconnects: the old session ends
    const session = host.connect({
      send: (text) => {
        if (!contents.isDestroyed()) contents.send(IPC_MESSAGE, text);
      },
      close: (reason) => {
        sessions.delete(contents.id);
        if (!contents.isDestroyed()) contents.send(IPC_CLOSE, reason);
      },
    });
    sessions.set(contents.id, session);
    contents.once('destroyed', () => closeFor(contents));
  };

  const onMessage = (event: IpcMainEvent, text: unknown): void => {
    if (!isTrustedSender(event, trusted)) return refuse(event, IPC_MESSAGE);
    const session = sessions.get(event.sender.id);
    if (session && typeof text === 'string') session.receive(text);
  };

  const onClose = (event: IpcMainEvent): void => {
    if (!isTrustedSender(event, trusted)) return refuse(event, IPC_CLOSE);
    closeFor(event.sender);
  };

  function refuse(event: IpcMainEvent, channel: string): void {
    host.log.write(
      'warn',
      'ipc',
      `dropped ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`,
    );
  }

  ipcMain.on(IPC_CONNECT, onConnect);
  ipcMain.on(IPC_MESSAGE, onMessage);
  ipcMain.on(IPC_CLOSE, onClose);
  return {
    get size() {
      return sessions.size;
    },
    dispose() {
      ipcMain.removeListener(IPC_CONNECT, onConnect);
      ipcMain.removeListener(IPC_MESSAGE, onMessage);
      ipcMain.removeListener(IPC_CLOSE, onClose);
      for (const session of sessions.values()) session.transportClosed();
      sessions.clear();
    },
  };
}
