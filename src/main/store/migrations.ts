/**
 * Numbered, forward-only schema migrations. `PRAGMA user_version` records the last
 * one applied; each runs in its own transaction, so a crash mid-upgrade leaves the
 * file at the previous version. Never edit a shipped migration: add the next one.
 * (STYLE.md 10: documents are versioned records with migrations.)
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}

/** 'CSPS' as a big-endian int: marks the file as ours (PRAGMA application_id). */
export const APPLICATION_ID = 0x43535053;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workflows with version history',
    up: (db) =>
      db.exec(`
        CREATE TABLE workflows (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,          -- file path, or 'untitled:<uuid>' for unsaved ones
          name TEXT NOT NULL,
          current_version_id INTEGER,         -- the version the user sees now
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE workflow_versions (
          id INTEGER PRIMARY KEY,
          workflow_id INTEGER NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
          number INTEGER NOT NULL,            -- 1, 2, ... per workflow
          content_hash TEXT NOT NULL,         -- sha256 hex of content
          content TEXT NOT NULL,              -- the YAML as saved
          saved_at INTEGER NOT NULL,
          label TEXT,                         -- a named version
          restored_from INTEGER REFERENCES workflow_versions(id),
          UNIQUE (workflow_id, number)
        );
        CREATE INDEX workflow_versions_hash ON workflow_versions (workflow_id, content_hash);
        CREATE UNIQUE INDEX workflow_versions_label ON workflow_versions (workflow_id, label) WHERE label IS NOT NULL;
      `),
  },
];

export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Applies every migration above the file's user_version, up to `target` (tests
 * stop early to build each earlier version). Returns the versions applied.
 */
export function migrate(db: Database, target: number = SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
