/** Errors of the channel library. They are classes so callers can `instanceof` them. */

/** A receive on a closed, drained channel, or a send on a closed channel. */
export class ChannelClosedError extends Error {
  constructor(
    readonly channel: string,
    readonly op: 'send' | 'recv',
  ) {
    super(op === 'send' ? `send on closed channel "${channel}"` : `receive on closed channel "${channel}"`);
    this.name = 'ChannelClosedError';
  }
}

/** The engine stopped (a process failed, a deadlock was found, or stop() was called) while this operation waited. */
export class EngineStoppedError extends Error {
  constructor(readonly reason: string) {
    super(`engine stopped: ${reason}`);
    this.name = 'EngineStoppedError';
  }
}

/** An alt whose every case is guarded off, with no default: it could never fire. */
export class AltError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AltError';
  }
}
