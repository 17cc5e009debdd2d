/**
 * Opens the raw connection to a node and checks its certificate pin before a
 * single byte of the request (with its token) is written: TLS is completed on
 * a socket of our own, the certificate's SHA-256 is compared with the pin (or
 * pinned, the first time), and only then is the socket handed to the
 * WebSocket or HTTP client. Certificate authorities are not consulted: nodes
 * usually have self-signed certificates, and the pin is the trust.
 */
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { NodeAddress } from './address';
import type { PinStore } from './pins';

/** A refusal that retrying will not fix (a changed certificate). */
export class PinMismatchError extends Error {
  override readonly name = 'PinMismatchError';
  constructor(
    readonly key: string,
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(
      `the certificate of ${key} changed: pinned ${pinned}, now ${presented}; if the node's certificate was replaced on purpose, forget its pin and attach again`,
    );
  }
}

export interface Connected {
  readonly socket: Socket;
  /** For TLS: the certificate's fingerprint and whether this connection pinned it. */
  readonly pin?: { readonly fingerprint: string; readonly firstUse: boolean };
}

export function openConnection(address: NodeAddress, pins: PinStore, timeoutMs: number): Promise<Connected> {
  return new Promise((resolve, reject) => {
    const servername = /^[\d.]+$|:/.test(address.host) ? undefined : address.host;
    const socket = address.secure
      ? tlsConnect({
          host: address.host,
          port: address.port,
          ...(servername !== undefined ? { servername } : {}),
          rejectUnauthorized: false,
          ALPNProtocols: ['http/1.1'],
        })
      : netConnect({ host: address.host, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${address.key} within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    socket.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(error);
    });
    const ready = (pin?: Connected['pin']): void => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ socket, ...(pin !== undefined ? { pin } : {}) });
    };
    if (!address.secure) {
      socket.once('connect', () => ready());
      return;
    }
    socket.once('secureConnect', () => {
      const cert = (socket as ReturnType<typeof tlsConnect>).getPeerCertificate();
      const fingerprint = cert.fingerprint256;
      if (typeof fingerprint !== 'string' || fingerprint === '') {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`${address.key} presented no certificate`));
        return;
      }
      const pinned = pins.get(address.key);
      if (pinned !== undefined && pinned !== fingerprint) {
        clearTimeout(timer);
        socket.destroy();
        reject(new PinMismatchError(address.key, pinned, fingerprint));
        return;
      }
      if (pinned === undefined) pins.set(address.key, fingerprint);
      ready({ fingerprint, firstUse: pinned === undefined });
    });
  });
}
