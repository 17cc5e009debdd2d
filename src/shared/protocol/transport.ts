/**
 * What a client needs from a transport. Messages are strings (one envelope
 * each) in every transport, so the size limit and parser are shared.
 */
export interface ClientTransport {
  send(text: string): void;
  /** Registers the single receiver of incoming messages. */
  onMessage(listener: (text: string) => void): void;
  /** Called once when the connection is gone (either side closed it). */
  onClose(listener: (reason: string) => void): void;
  close(): void;
}
