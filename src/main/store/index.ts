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
export { backupStore, inspectBackup, restoreStore, verifyBackupLedger } from './backup';
export type { BackupInfo, RestoreOptions, RestoreResult } from './backup';
export type { AuditEntry, AuditEntryInput, AuditHead, HeadInfo, KeyChange, VerifyReport } from './audit/ledger';
export { AUDIT_KEY_ENV } from './audit/key';
export type { RunWriter, RunWriterOptions, RunFinish } from './runs/writer';
export type { RunEventRecord, StoredRunEvent, RunEventKind } from './runs/records';
export { RUN_EVENT_KINDS } from './runs/records';
export type { RunInfo, RunStatus, StartRun } from './runs/api';
export type { Page, PageQuery } from './runs/query';
export type { SearchQuery, SearchResult } from './runs/search';
export type { DiskUsage, RetentionPolicy, RetentionResult } from './runs/retention';
export type { WorkflowSummary, Version, VersionSummary, SaveResult, DocumentKind, ListOptions } from './workflows';
export type { CheckResult, CheckResultInput, CheckVerdict } from './checks';
export type { SecretStorageInfo } from './secrets';
export type { TokenInfo } from './tokens';
export { TOKEN_PREFIX, hashToken } from './tokens';
