/**
 * In-process transport: a client and a session in the same process, joined by
 * two string queues. Delivery is asynchronous (a macrotask per message) like a
 * real socket, so tests see the same ordering as over the wire.
 */
import type { ClientTransport } from '../../shared/protocol';
import type { Host } from './host';
import type { Session, SessionOptions } from './session';

export interface InProcessConnection {
  readonly client: ClientTransport;
  readonly session: Session;
}

export function connectInProcess(host: Host, options: SessionOptions = { idleTimeoutMs: 0 }): InProcessConnection {
  let toClient: ((text: string) => void) | undefined;
  let onClose: ((reason: string) => void) | undefined;
  let open = true;
  const shut = (reason: string): void => {
    if (!open) return;
    open = false;
    setTimeout(() => onClose?.(reason), 0);
  };
  const session = host.connect(
    {
      send: (text) => {
        if (open) setTimeout(() => toClient?.(text), 0);
      },
      close: (reason) => shut(reason),
    },
    options,
  );
  const client: ClientTransport = {
    send: (text) => {
      if (open) setTimeout(() => session.receive(text), 0);
    },
    onMessage: (listener) => {
      toClient = listener;
    },
    onClose: (listener) => {
      onClose = listener;
    },
    close: () => {
      shut('closed by the client');
      session.transportClosed();
    },
  };
  return { client, session };
}
