/**
 * The local store (issue 6): workflows with history, runs with full event logs,
 * check results, settings, secrets and the audit ledger, in one data folder.
 * See README.md in this folder and docs/store.md.
 */
export { defaultDataDir, storePath, STORE_FILE } from './paths';
export { openStore, Store } from './store';
export type { OpenStoreOptions, StoreRole } from './store';
export { acquireHostLock, withHostLockIfFree } from './lock';
export type { HostLock } from './lock';
export { StoreError, StoreNewerError, StoreUnusableError, HostLockedError } from './errors';
export type { StoreErrorCode } from './errors';
export { SCHEMA_VERSION } from './migrations';
