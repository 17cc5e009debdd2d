/**
 * alt: external choice over several receives and sends, with guards and an
 * optional default (then it never waits). Fair: among the cases ready at
 * once, one is picked with the engine's seeded Rng. If none is ready, the alt
 * parks one waiter per enabled case; the first channel to commit one wins and
 * the rest go stale (see waiter.ts), so exactly one case fires.
 */
import type { Channel } from './channel';
import { AltError, ChannelClosedError, EngineStoppedError } from './errors';
import { AltState, Waiter, type AltResult, type Core, type Reject, type Resolve } from './waiter';

// Module locals for imported bindings used per alt (see channel.ts: under a
// CommonJS transform each use of an import is a getter call).
const AltStateRecord = AltState;
const WaiterRecord = Waiter;

function noop(): void {}

export type AltCase<T = unknown> =
  | { readonly recv: Channel<T>; readonly guard?: boolean }
  | { readonly send: Channel<T>; readonly value: T; readonly guard?: boolean };

export interface AltOptions {
  /** If no case is ready, resolve at once with index -1 instead of waiting. */
  readonly default?: boolean;
  /** Name of the waiting process, for deadlock reports. */
  readonly owner?: string;
}

export const NO_CASE: AltResult<never> = { index: -1, value: undefined, closed: false };

function caseChannel<T>(c: AltCase<T>): Channel<T> {
  return 'recv' in c ? c.recv : c.send;
}

function isReady<T>(c: AltCase<T>): boolean {
  if (c.guard === false) return false;
  if ('recv' in c) return c.recv.closed || c.recv.canRecvNow();
  return c.send.canSendNow();
}

/** Fires a case that isReady() just said can complete now. */
function fireNow<T>(c: AltCase<T>, index: number): Promise<AltResult<T>> {
  if ('recv' in c) {
    if (c.recv.canRecvNow()) return Promise.resolve({ index, value: c.recv.takeNow(), closed: false });
    return Promise.resolve({ index, value: undefined, closed: true });
  }
  c.send.giveNow(c.value);
  return Promise.resolve({ index, value: undefined, closed: false });
}

export function altWith<T>(core: Core, cases: readonly AltCase<T>[], options?: AltOptions): Promise<AltResult<T>> {
  if (core.stopReason !== undefined) return Promise.reject(new EngineStoppedError(core.stopReason));
  let ready = 0;
  let enabled = 0;
  for (const c of cases) {
    if (c.guard === false) continue;
    enabled++;
    if ('send' in c && c.send.closed) return Promise.reject(new ChannelClosedError(c.send.name, 'send'));
    if (isReady(c)) ready++;
  }
  if (ready > 0) {
    let k = ready === 1 ? 0 : core.rng.int(ready);
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      if (isReady(c) && k-- === 0) return fireNow(c, i);
    }
  }
  if (options?.default === true) return Promise.resolve(NO_CASE);
  if (enabled === 0) {
    return Promise.reject(
      new AltError('alt: every case is guarded off and there is no default, so it could never fire'),
    );
  }
  // An inline executor: TurboFan inlines `new Promise` with it (see channel.ts).
  let resolve: Resolve = noop;
  let reject: Reject = noop;
  const p = new Promise<AltResult<T>>((res, rej) => {
    resolve = res as Resolve;
    reject = rej;
  });
  const parkedOn: [Channel<T>, 'send' | 'recv', number][] = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    if (c.guard !== false) parkedOn.push([caseChannel(c), 'recv' in c ? 'recv' : 'send', i]);
  }
  const state = new AltStateRecord(resolve, reject, parkedOn, options?.owner);
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    if (c.guard === false) continue;
    if ('recv' in c) c.recv.parkReceiver(new WaiterRecord(state, i, undefined, resolve, reject, options?.owner));
    else c.send.parkSender(new WaiterRecord(state, i, c.value, resolve, reject, options?.owner));
  }
  core.parked++;
  core.afterPark();
  return p;
}

/** alt over channels of one engine (taken from the first case). */
export function alt<T>(cases: readonly AltCase<T>[], options?: AltOptions): Promise<AltResult<T>> {
  const first = cases[0];
  if (first === undefined) return Promise.reject(new AltError('alt: no cases given'));
  return altWith(caseChannel(first).core, cases, options);
}
