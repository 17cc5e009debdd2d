/**
 * Starting a host on a data folder: take the host lock (a second host on the
 * same folder refuses with the store's clear message), open the store, build
 * the Host. A store that cannot be opened (newer schema, corrupt file) does not
 * stop the host: the UI must be able to say what is wrong, so host.info
 * reports it and the log carries the reason.
 */
import type { HostMode } from '../../shared/protocol';
import { HostLockedError, StoreError, acquireHostLock, defaultDataDir, openStore } from '../store';
import type { HostLock, Store } from '../store';
import type { RunPolicy } from '../runtime/policy';
import { Host } from './host';
import { HostLog } from './log';

export interface BootstrapOptions {
  readonly mode: HostMode;
  readonly version: string;
  readonly dataDir?: string;
  readonly log?: HostLog;
  readonly idleTimeoutMs?: number;
  /** What the host's runs may do (a node: script heap, egress, quotas). */
  readonly runPolicy?: RunPolicy;
}

export interface RunningHost {
  readonly host: Host;
  /** Ends sessions, closes the store, releases the lock. Safe to call twice. */
  close(reason?: string): void;
}

/** A host that must not start; `message` is for people (no stack). */
export class HostStartError extends Error {
  override readonly name = 'HostStartError';
}

export function bootstrapHost(options: BootstrapOptions): RunningHost {
  const dataDir = options.dataDir ?? defaultDataDir();
  const log = options.log ?? new HostLog();
  let lock: HostLock;
  try {
    lock = acquireHostLock(dataDir);
  } catch (error) {
    if (error instanceof HostLockedError) throw new HostStartError(error.message);
    const why = error instanceof Error ? error.message : String(error);
    throw new HostStartError(`cannot use data folder ${dataDir}: ${why}`);
  }
  let store: Store | { error: string };
  try {
    store = openStore({ dataDir, role: 'host', hostLock: lock });
  } catch (error) {
    if (!(error instanceof StoreError)) {
      lock.release();
      throw error;
    }
    store = { error: error.message };
    log.write('error', 'store', error.message);
  }
  const host = new Host({
    mode: options.mode,
    dataDir,
    version: options.version,
    store,
    log,
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.runPolicy !== undefined ? { runPolicy: options.runPolicy } : {}),
  });
  host.log.write('info', 'host', `started: ${host.describe()}`);
  let closed = false;
  return {
    host,
    close(reason) {
      if (closed) return;
      closed = true;
      host.close(reason);
      lock.release();
    },
  };
}
