/**
 * Retention and disk usage. Caps come from the 'retention' setting:
 *   { maxBytes?: number, maxAgeDays?: number }
 * Applying them deletes whole runs, oldest first: first every finished or interrupted
 * run older than maxAgeDays, then more until the runs' estimated bytes fit maxBytes.
 * Pinned runs and running runs are never deleted. Sizes are estimates of the rows'
 * bytes (the file itself only shrinks after VACUUM; freed pages are reused first).
 */
import { statSync } from 'node:fs';
import type { Database as Db } from 'better-sqlite3';
import { rowBase, SEQ_BITS } from './records';
import { storePath } from '../paths';
import { badInput } from '../errors';

export interface RetentionPolicy {
  readonly maxBytes?: number | null;
  readonly maxAgeDays?: number | null;
}

export interface RetentionResult {
  readonly deletedRuns: number[];
  readonly freedBytes: number;
}

export interface DiskUsage {
  readonly files: { readonly name: string; readonly bytes: number }[];
  readonly pageBytes: number;
  readonly freeBytes: number;
  readonly runs: {
    readonly count: number;
    readonly events: number;
    readonly estimatedBytes: number;
    readonly pinned: number;
  };
  readonly largestRuns: {
    readonly id: number;
    readonly events: number;
    readonly estimatedBytes: number;
    readonly pinned: boolean;
    readonly startedAt: number;
  }[];
}

const DAY_MS = 86_400_000;

export function checkPolicy(p: RetentionPolicy): RetentionPolicy {
  for (const [key, v] of Object.entries(p)) {
    if (v !== null && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw badInput(`retention.${key} must be a non-negative number or null, got ${JSON.stringify(v)}`);
    }
  }
  return p;
}

/** Deletes one run and everything hanging off it. */
export function deleteRunData(db: Db, runId: number): void {
  const base = rowBase(runId);
  db.prepare('DELETE FROM run_blocks WHERE id >= ? AND id < ?').run(base, base + SEQ_BITS);
  db.prepare('DELETE FROM run_shapes WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM run_event_text WHERE rowid >= ? AND rowid < ?').run(base, base + SEQ_BITS);
  db.prepare('DELETE FROM run_event_chunks WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM run_channel_seconds WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM run_replay WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM run_calls WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM run_host_samples WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
}

export function applyRetention(db: Db, policy: RetentionPolicy, now: number): RetentionResult {
  checkPolicy(policy);
  return db
    .transaction((): RetentionResult => {
      const candidates = db
        .prepare(
          "SELECT id, started_at AS startedAt, bytes FROM runs WHERE pinned = 0 AND status <> 'running' ORDER BY started_at, id",
        )
        .all() as { id: number; startedAt: number; bytes: number }[];
      let total = db.prepare('SELECT coalesce(sum(bytes), 0) FROM runs').pluck().get() as number;
      const doomed = new Set<number>();
      if (policy.maxAgeDays != null) {
        const cutoff = now - policy.maxAgeDays * DAY_MS;
        for (const r of candidates) if (r.startedAt < cutoff) doomed.add(r.id);
      }
      for (const r of candidates) if (doomed.has(r.id)) total -= r.bytes;
      if (policy.maxBytes != null) {
        for (const r of candidates) {
          if (total <= policy.maxBytes) break;
          if (doomed.has(r.id)) continue;
          doomed.add(r.id);
          total -= r.bytes;
        }
      }
      let freed = 0;
      for (const r of candidates) {
        if (!doomed.has(r.id)) continue;
        deleteRunData(db, r.id);
        freed += r.bytes;
      }
      return { deletedRuns: [...doomed], freedBytes: freed };
    })
    .immediate();
}

export function diskUsage(db: Db, dataDir: string): DiskUsage {
  const files: { name: string; bytes: number }[] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      files.push({ name: storePath(dataDir) + suffix, bytes: statSync(storePath(dataDir) + suffix).size });
    } catch {
      // absent companion files are normal (no WAL after a clean checkpoint)
    }
  }
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const totals = db
    .prepare(
      'SELECT count(*) AS count, coalesce(sum(event_count),0) AS events, coalesce(sum(bytes),0) AS bytes, coalesce(sum(pinned),0) AS pinned FROM runs',
    )
    .get() as {
    count: number;
    events: number;
    bytes: number;
    pinned: number;
  };
  const largest = db
    .prepare(
      'SELECT id, event_count AS events, bytes, pinned, started_at AS startedAt FROM runs ORDER BY bytes DESC LIMIT 10',
    )
    .all() as {
    id: number;
    events: number;
    bytes: number;
    pinned: number;
    startedAt: number;
  }[];
  return {
    files,
    pageBytes: pageSize * pages,
    freeBytes: pageSize * free,
    runs: { count: totals.count, events: totals.events, estimatedBytes: totals.bytes, pinned: totals.pinned },
    largestRuns: largest.map((r) => ({
      id: r.id,
      events: r.events,
      estimatedBytes: r.bytes,
      pinned: r.pinned === 1,
      startedAt: r.startedAt,
    })),
  };
}
