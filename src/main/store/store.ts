/**
 * The Store: one open database plus the APIs over it. `openStore` is the only way in.
 *
 * Roles: a 'host' (app, web server, `csp serve`) holds the data folder's host lock for
 * as long as the store is open; a 'cli' store takes no lock and shares the file.
 * Opening also recovers from a dead host: runs it left 'running' become 'interrupted'
 * (only when no host is alive, i.e. when the lock is ours or free).
 */
import type { Database as Db } from 'better-sqlite3';
import { userInfo } from 'node:os';
import { openDatabase } from './open';
import { acquireHostLock, withHostLockIfFree } from './lock';
import type { HostLock } from './lock';
import { AuditLedger } from './audit/ledger';
import { WorkflowsApi } from './workflows';
import { RunsApi } from './runs/api';
import { ChecksApi } from './checks';
import { SettingsApi } from './settings';
import { TokensApi } from './tokens';
import { SecretsApi, makeRedactor } from './secrets';
import { applyRetention, checkPolicy, diskUsage } from './runs/retention';
import type { DiskUsage, RetentionPolicy, RetentionResult } from './runs/retention';

export type StoreRole = 'host' | 'cli';

export interface OpenStoreOptions {
  readonly dataDir: string;
  readonly role?: StoreRole;
  /** A host that already took the lock (e.g. before starting its servers) passes it in. */
  readonly hostLock?: HostLock;
  readonly busyTimeoutMs?: number;
  /** Wall clock in ms since the epoch; tests pass a fixed one. */
  readonly now?: () => number;
  /** Default actor named in audit entries (default: OS user name). */
  readonly actor?: string;
}

function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export class Store {
  readonly audit: AuditLedger;
  readonly workflows: WorkflowsApi;
  readonly runs: RunsApi;
  readonly checks: ChecksApi;
  readonly settings: SettingsApi;
  readonly secrets: SecretsApi;
  /** Access tokens of the node (`csp tokens`, checked by `csp serve`). */
  readonly tokens: TokensApi;
  /** Runs found 'running' at open and marked interrupted. */
  readonly recoveredRuns: readonly number[];
  /** What retention did when the host opened the store (caps are opt-in; none by default). */
  readonly retentionOnOpen: RetentionResult | { readonly error: string } | undefined;
  private closed = false;

  constructor(
    readonly db: Db,
    readonly dataDir: string,
    readonly role: StoreRole,
    readonly now: () => number,
    actor: string,
    private readonly hostLock: HostLock | undefined,
    private readonly ownsLock: boolean,
  ) {
    this.audit = new AuditLedger(db, dataDir, now, actor);
    this.workflows = new WorkflowsApi(db, this.audit, now);
    this.secrets = new SecretsApi(dataDir, this.audit, now);
    this.runs = new RunsApi(db, this.audit, now, () => {
      const pairs = this.secrets.redactionPairs();
      return pairs.length > 0 ? makeRedactor(pairs) : undefined;
    });
    this.checks = new ChecksApi(db, this.audit);
    this.settings = new SettingsApi(db, this.audit, now);
    this.tokens = new TokensApi(db, this.audit, now);
    // With the lock held (host) no other host is alive; a CLI checks the lock is free
    // and holds it while marking, so a host starting meanwhile cannot be misjudged.
    this.recoveredRuns = hostLock
      ? this.runs.markInterrupted()
      : (() => {
          const r = withHostLockIfFree(dataDir, () => this.runs.markInterrupted());
          return r.free ? r.value : [];
        })();
    // The host applies the caps when it starts; callers also run applyRetention() after
    // runs finish. A bad stored policy is reported, never a reason to refuse to open.
    let retention: RetentionResult | { error: string } | undefined;
    if (hostLock) {
      try {
        retention = this.applyRetention();
      } catch (error) {
        retention = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    this.retentionOnOpen = retention;
  }

  /** True while this store holds the host lock. */
  get isHost(): boolean {
    return this.hostLock !== undefined && !this.closed;
  }

  retentionPolicy(): RetentionPolicy {
    return this.settings.get<RetentionPolicy>('retention') ?? {};
  }

  setRetentionPolicy(policy: RetentionPolicy, actor?: string): void {
    this.settings.set('retention', checkPolicy(policy), actor);
  }

  /** Deletes runs beyond the retention caps (pinned and running runs are exempt). */
  applyRetention(actor?: string): RetentionResult {
    const policy = this.retentionPolicy();
    const result = applyRetention(this.db, policy, this.now());
    // Deleting records is on the record: which runs went, under which policy.
    if (result.deletedRuns.length > 0) {
      this.audit.append({
        ...(actor !== undefined ? { actor } : {}),
        action: 'runs.retention-applied',
        subject: 'runs',
        details: { deletedRuns: result.deletedRuns, freedBytes: result.freedBytes, policy },
      });
    }
    return result;
  }

  diskUsage(): DiskUsage {
    return diskUsage(this.db, this.dataDir);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.audit.flushAnchor(); // entries appended inside other writes are anchored once those commit
    this.db.close();
    if (this.ownsLock) this.hostLock?.release();
  }
}

/**
 * Opens the store of `dataDir`, creating it if needed. Throws:
 *  - HostLockedError when role is 'host' and another live host holds the folder;
 *  - StoreNewerError when the file's schema is newer than this app (both versions named);
 *  - StoreUnusableError for a corrupt or foreign file (offers `moveAside()`).
 */
export function openStore(options: OpenStoreOptions): Store {
  const role = options.role ?? 'cli';
  const now = options.now ?? Date.now;
  let lock = options.hostLock;
  const ownsLock = role === 'host' && lock === undefined;
  if (ownsLock) lock = acquireHostLock(options.dataDir);
  let db: Db | undefined;
  try {
    db = openDatabase({ dataDir: options.dataDir, busyTimeoutMs: options.busyTimeoutMs, now });
    return new Store(
      db,
      options.dataDir,
      role,
      now,
      options.actor ?? defaultActor(),
      role === 'host' ? lock : undefined,
      ownsLock,
    );
  } catch (error) {
    if (db?.open) db.close();
    if (ownsLock) lock?.release();
    throw error;
  }
}
