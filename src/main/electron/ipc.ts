/**
 * The protocol over Electron IPC: strings only, up to two lines per window
 * (src/shared/bridge.ts): `workspace` and `local`. A line goes to this host
 * (one Session) or, for `node:<id>`, to a known remote node relayed by this
 * process with the token it keeps (src/main/node/ipc-link.ts), so the page
 * works on a node without ever holding its token.
 * Every IPC message's sender is checked: it must be one of our windows'
 * main frames showing an app:// page. Anything else is dropped and logged.
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_CLOSE, IPC_CONNECT, IPC_MESSAGE, parseLine, parseTarget } from '../../shared/bridge';
import type { BridgeLine } from '../../shared/bridge';
import type { Host } from '../host';
import { nodeLink } from '../node/ipc-link';
import type { Link } from '../node/ipc-link';
import { isAppUrl } from './security';

export interface IpcBinding {
  /** Number of live IPC lines, every window's together (for tests and diagnostics). */
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
  const lines = new Map<string, Link>();
  const watched = new Set<number>();
  const key = (contents: WebContents, line: BridgeLine): string => `${contents.id}/${line}`;

  const closeLine = (contents: WebContents, line: BridgeLine): void => {
    const k = key(contents, line);
    const link = lines.get(k);
    lines.delete(k);
    link?.transportClosed();
  };

  const onConnect = (event: IpcMainEvent, target: unknown, lineName: unknown): void => {
    if (!isTrustedSender(event, trusted)) return refuse(event, IPC_CONNECT);
    const line = parseLine(lineName);
    const nodeId = parseTarget(target);
    if (line === undefined || nodeId === undefined) return refuse(event, IPC_CONNECT, 'an unknown line or target');
    const contents = event.sender;
    closeLine(contents, line); // a reload reconnects: the old line ends
    const k = key(contents, line);
    const mine: { link?: Link } = {};
    const page = {
      send: (text: string) => {
        if (!contents.isDestroyed()) contents.send(IPC_MESSAGE, text, line);
      },
      close: (reason: string) => {
        if (mine.link === undefined || lines.get(k) !== mine.link) return;
        lines.delete(k);
        if (!contents.isDestroyed()) contents.send(IPC_CLOSE, reason, line);
      },
    };
    mine.link = nodeId === '' ? host.connect(page) : nodeLink(host, nodeId, page);
    lines.set(k, mine.link);
    if (!watched.has(contents.id)) {
      watched.add(contents.id);
      contents.once('destroyed', () => {
        watched.delete(contents.id);
        for (const l of ['workspace', 'local'] as const) closeLine(contents, l);
      });
    }
  };

  const onMessage = (event: IpcMainEvent, text: unknown, lineName: unknown): void => {
    if (!isTrustedSender(event, trusted)) return refuse(event, IPC_MESSAGE);
    const line = parseLine(lineName);
    if (line === undefined || typeof text !== 'string') return;
    lines.get(key(event.sender, line))?.receive(text);
  };

  const onClose = (event: IpcMainEvent, lineName: unknown): void => {
    if (!isTrustedSender(event, trusted)) return refuse(event, IPC_CLOSE);
    const line = parseLine(lineName);
    if (line !== undefined) closeLine(event.sender, line);
  };

  function refuse(event: IpcMainEvent, channel: string, what = 'an untrusted sender'): void {
    host.log.write('warn', 'ipc', `dropped ${channel} from ${what} (${event.senderFrame?.url ?? 'no frame'})`);
  }

  ipcMain.on(IPC_CONNECT, onConnect);
  ipcMain.on(IPC_MESSAGE, onMessage);
  ipcMain.on(IPC_CLOSE, onClose);
  return {
    get size() {
      return lines.size;
    },
    dispose() {
      ipcMain.removeListener(IPC_CONNECT, onConnect);
      ipcMain.removeListener(IPC_MESSAGE, onMessage);
      ipcMain.removeListener(IPC_CLOSE, onClose);
      for (const link of lines.values()) link.transportClosed();
      lines.clear();
    },
  };
}
