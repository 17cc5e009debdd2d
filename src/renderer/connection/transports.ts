/**
 * The two ways the UI reaches its host, as ClientTransports: Electron IPC
 * (window.csp, from the preload: a line to this studio's host or, relayed by
 * the main process, to a known node) and WebSocket (web mode, same origin /ws
 * or the host's /nodes/<id>/ws relay).
 */
import type { BridgeLine, BridgeTarget, CspBridge } from '../../shared/bridge';
import type { ClientTransport } from '../../shared/protocol';

/** One line of the window's IPC pipe (default: the workspace line to this studio's host). */
export function ipcTransport(
  bridge: CspBridge,
  target: BridgeTarget = 'local',
  line: BridgeLine = 'workspace',
): ClientTransport {
  const offs: Array<() => void> = [];
  let onClose: ((reason: string) => void) | undefined;
  let closed = false;
  const finish = (reason: string): void => {
    if (closed) return;
    closed = true;
    offs.forEach((off) => off());
    onClose?.(reason);
  };
  offs.push(bridge.onClose((reason) => finish(reason), line));
  bridge.connect(target, line);
  return {
    send: (text) => bridge.send(text, line),
    onMessage: (listener) => void offs.push(bridge.onMessage(listener, line)),
    onClose: (listener) => {
      onClose = listener;
    },
    close: () => {
      bridge.disconnect(line);
      finish('closed by the client');
    },
  };
}

/** Opens a WebSocket; resolves once open, rejects if it cannot connect. */
export function webSocketTransport(url: string, timeoutMs = 5000): Promise<ClientTransport> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let onMessage: ((text: string) => void) | undefined;
    let onClose: ((reason: string) => void) | undefined;
    let opened = false;
    const timer = setTimeout(() => {
      if (!opened) ws.close();
    }, timeoutMs);
    ws.onopen = () => {
      opened = true;
      clearTimeout(timer);
      resolve({
        send: (text) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(text);
        },
        onMessage: (listener) => {
          onMessage = listener;
        },
        onClose: (listener) => {
          onClose = listener;
        },
        close: () => ws.close(1000, 'client closed'),
      });
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') onMessage?.(event.data);
    };
    ws.onclose = (event: CloseEvent) => {
      clearTimeout(timer);
      if (!opened) reject(new Error(`cannot reach the host at ${url}`));
      else onClose?.(event.reason || `connection lost (code ${event.code})`);
    };
  });
}

export function defaultWebSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
