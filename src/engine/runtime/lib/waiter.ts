/**
 * Parked operations. A plain send/recv parks one Waiter; an alt parks one
 * Waiter per enabled case, all sharing one AltState. Whoever commits first
 * sets `done`; the alt's other waiters become stale and are skipped (and
 * periodically compacted) by their channels, so a message is handed to
 * exactly one party: never lost, never duplicated. JavaScript runs one
 * callback at a time, so check-and-commit needs no lock.
 */
import type { Rng } from '../rng';

export type Resolve = (value: unknown) => void;
export type Reject = (error: unknown) => void;

/** What the channels need from their engine. */
export interface Core {
  /** Number of parked operations (an alt counts once). */
  parked: number;
  /** Set once the engine stops; every later operation rejects. */
  stopReason: string | undefined;
  readonly rng: Rng;
  /** Called after each park; the engine checks for deadlock here. */
  afterPark(): void;
}

/** The result of an alt: which case fired, the value received (recv cases) and whether it saw a close. */
export interface AltResult<T = unknown> {
  readonly index: number;
  readonly value: T | undefined;
  readonly closed: boolean;
}

export interface StaleCounter {
  /** A waiter on this channel, on the given side, went stale. */
  noteStale(side: 'send' | 'recv'): void;
}

export class AltState {
  done = false;
  constructor(
    readonly resolve: Resolve,
    readonly reject: Reject,
    /** Channels and sides of the parked cases, to mark their waiters stale. */
    readonly parkedOn: readonly (readonly [StaleCounter, 'send' | 'recv', number])[],
    readonly owner: string | undefined,
  ) {}

  /** Commit case `index`: mark done and tell the other channels their waiter is stale. */
  commit(index: number, value: unknown, closed: boolean): void {
    this.done = true;
    for (const [ch, side, i] of this.parkedOn) if (i !== index) ch.noteStale(side);
    const result: AltResult = { index, value, closed };
    this.resolve(result);
  }

  fail(error: unknown): void {
    this.done = true;
    for (const [ch, side] of this.parkedOn) ch.noteStale(side);
    this.reject(error);
  }
}

export class Waiter {
  constructor(
    readonly alt: AltState | null,
    /** The alt case index (0 for plain operations). */
    readonly index: number,
    /** The value a parked sender offers. */
    readonly value: unknown,
    readonly resolve: Resolve,
    readonly reject: Reject,
    readonly owner: string | undefined,
  ) {}
}

export const RESOLVED: Promise<void> = Promise.resolve();
