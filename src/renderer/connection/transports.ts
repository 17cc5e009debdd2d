/**
 * The two ways the UI reaches its host, as ClientTransports: Electron IPC
 * (window.csp, from the preload) and WebSocket (web mode, same origin /ws).
 */
import type { CspBridge } from '../../shared/bridge';
import type { ClientTransport } from '../../shared/protocol';

export function ipcTransport(bridge: CspBridge): ClientTransport {
  const offs: Array<() => void> = [];
  let onClose: ((reason: string) => void) | undefined;
  let closed = false;
  const finish = (reason: string): void => {
    if (closed) return;
    closed = true;
    offs.forEach((off) => off());
    onClose?.(reason);
  };
  offs.push(bridge.onClose((reason) => finish(reason)));
  bridge.connect();
  return {
    send: (text) => bridge.send(text),
    onMessage: (listener) => void offs.push(bridge.onMessage(listener)),
    onClose: (listener) => {
      onClose = listener;
    },
    close: () => {
      bridge.disconnect();
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
