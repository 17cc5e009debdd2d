/**
 * Numbered, forward-only schema migrations. `PRAGMA user_version` records the last
 * one applied; each runs in its own transaction, so a crash mid-upgrade leaves the
 * file at the previous version. Never edit a shipped migration: add the next one.
 * (CONTRIBUTING.md#versioned-documents: documents are versioned records with migrations.)
 */
import type { Database } from 'better-sqlite3';
import { convertLegacyRuns } from './runs/legacy';

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
  {
    version: 2,
    name: 'runs and their event logs',
    up: (db) =>
      db.exec(`
        CREATE TABLE runs (
          id INTEGER PRIMARY KEY,
          workflow_id INTEGER REFERENCES workflows(id) ON DELETE SET NULL,
          workflow_version_id INTEGER REFERENCES workflow_versions(id) ON DELETE SET NULL,
          seed TEXT,
          mode TEXT NOT NULL,                 -- 'free' | 'step' | 'replay' | ...
          status TEXT NOT NULL,               -- 'running' | 'finished' | 'interrupted'
          outcome TEXT,                       -- e.g. 'deadlock', 'done', 'stopped', 'violation'
          outcome_details TEXT,               -- JSON
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          host_pid INTEGER,
          event_count INTEGER NOT NULL DEFAULT 0,
          last_seq INTEGER NOT NULL DEFAULT 0,
          bytes INTEGER NOT NULL DEFAULT 0,   -- estimated bytes of its events (retention, disk view)
          text_indexed_upto INTEGER NOT NULL DEFAULT 0, -- FTS covers seq 1..this
          pinned INTEGER NOT NULL DEFAULT 0,
          label TEXT
        );
        CREATE INDEX runs_status ON runs (status);
        CREATE INDEX runs_started ON runs (started_at);
        CREATE INDEX runs_workflow ON runs (workflow_id, started_at);

        -- Channel and process names, shared by all runs; events refer to them by id.
        CREATE TABLE event_names (
          id INTEGER PRIMARY KEY,
          kind INTEGER NOT NULL,              -- 0 channel, 1 process
          name TEXT NOT NULL,
          UNIQUE (kind, name)
        );

        -- One row per step. rowid = run_id * 2^40 + seq: a run's events are one
        -- contiguous rowid range, so keyset paging by seq is a primary-key range scan
        -- and no (run_id, seq) index has to be maintained on insert.
        CREATE TABLE run_events (
          id INTEGER PRIMARY KEY,
          kind INTEGER NOT NULL,              -- see RUN_EVENT_KINDS in runs/records.ts
          event TEXT NOT NULL,                -- CSPm syntax, e.g. 'c.B.2'
          channel_id INTEGER,                 -- event_names.id
          procs TEXT,                         -- ',3,7,': event_names ids of the processes taking part
          payload TEXT,                       -- JSON (docs/workflow-semantics.md#data-on-channels)
          hidden INTEGER NOT NULL,
          choice TEXT,                        -- JSON: the scheduler choice this step resolved
          outside TEXT,                       -- JSON: the outside value delivered
          state TEXT,                         -- JSON: process state changes
          wall_ms INTEGER NOT NULL,
          virtual_time REAL NOT NULL
        );

        -- Zone map for filtered paging: which names occur in which 1024-seq chunk.
        CREATE TABLE run_event_chunks (
          run_id INTEGER NOT NULL,
          name_id INTEGER NOT NULL,
          chunk INTEGER NOT NULL,             -- seq >> 10
          n INTEGER NOT NULL,
          PRIMARY KEY (run_id, name_id, chunk)
        ) WITHOUT ROWID;

        -- Events per channel per wall-clock second since the run started.
        CREATE TABLE run_channel_seconds (
          run_id INTEGER NOT NULL,
          channel_id INTEGER NOT NULL,
          second INTEGER NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (run_id, channel_id, second)
        ) WITHOUT ROWID;

        -- Value-text search over event text and payload; filled behind ingestion
        -- (runs.text_indexed_upto), the unindexed tail is scanned.
        CREATE VIRTUAL TABLE run_event_text USING fts5(event, payload, content='', contentless_delete=1);
      `),
  },
  {
    version: 3,
    name: 'check results',
    up: (db) =>
      db.exec(`
        CREATE TABLE check_results (
          id INTEGER PRIMARY KEY,
          workflow_id INTEGER REFERENCES workflows(id) ON DELETE SET NULL,
          workflow_version_id INTEGER REFERENCES workflow_versions(id) ON DELETE SET NULL,
          source TEXT,                        -- file checked when not a stored workflow
          assertion TEXT NOT NULL,
          verdict TEXT NOT NULL,              -- 'passed' | 'failed' | 'error' | 'cancelled'
          counterexample TEXT,                -- JSON
          assumptions TEXT,                   -- JSON array of strings
          stats TEXT,                         -- JSON: states, transitions, ms
          started_at INTEGER NOT NULL,
          ended_at INTEGER NOT NULL
        );
        CREATE INDEX check_results_version ON check_results (workflow_version_id);
        CREATE INDEX check_results_workflow ON check_results (workflow_id, started_at);
      `),
  },
  {
    version: 4,
    name: 'settings',
    up: (db) =>
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,                -- JSON
          updated_at INTEGER NOT NULL
        );
      `),
  },
  {
    version: 5,
    name: 'audit ledger',
    up: (db) =>
      db.exec(`
        CREATE TABLE audit_ledger (
          seq INTEGER PRIMARY KEY,            -- 1, 2, ... no gaps
          at INTEGER NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          subject TEXT NOT NULL,
          details TEXT NOT NULL,              -- canonical JSON
          prev_hash TEXT NOT NULL,            -- hex sha256 of the previous entry, or 64 zeros
          hash TEXT NOT NULL,                 -- hex sha256 of this entry's canonical bytes
          public_key TEXT NOT NULL,           -- hex Ed25519 public key that signed it
          signature TEXT NOT NULL             -- hex Ed25519 signature over hash
        );
        -- Append-only: the app never updates or deletes; these make an accidental or
        -- casual attempt fail loudly. (Someone with the file can drop them: docs/store.md.)
        CREATE TRIGGER audit_ledger_no_update BEFORE UPDATE ON audit_ledger
          BEGIN SELECT RAISE(ABORT, 'audit ledger is append-only: UPDATE refused'); END;
        CREATE TRIGGER audit_ledger_no_delete BEFORE DELETE ON audit_ledger
          BEGIN SELECT RAISE(ABORT, 'audit ledger is append-only: DELETE refused'); END;
      `),
  },
  {
    version: 6,
    name: 'exact seq lists for sparse zone-map chunks',
    up: (db) =>
      db.exec(`
        -- For a name occurring at most 16 times (SPARSE_LIMIT) in a chunk, the seqs themselves
        -- (comma-separated), so filtered paging on a rare channel reads those rows by key
        -- instead of scanning the chunk. NULL once the chunk has more.
        ALTER TABLE run_event_chunks ADD COLUMN seqs TEXT;
      `),
  },
  {
    version: 7,
    name: 'workflow documents: kind, soft delete, last opened',
    up: (db) =>
      db.exec(`
        -- 'workflow' (YAML) or 'cspm' (a CSPm script kept as it is written).
        ALTER TABLE workflows ADD COLUMN kind TEXT NOT NULL DEFAULT 'workflow';
        -- Set when the user deletes it; NULL again on undo. Lists leave deleted ones out.
        ALTER TABLE workflows ADD COLUMN deleted_at INTEGER;
        -- When the studio last opened it ("recent": the later of this and updated_at).
        ALTER TABLE workflows ADD COLUMN opened_at INTEGER;
      `),
  },
  {
    version: 8,
    name: 'what a run needs to be replayed exactly',
    up: (db) =>
      db.exec(`
        -- The source a run ran (its text as it was then, so a later edit of the file does not
        -- change the replay), the outside values its nodes consumed before step 1, and for a
        -- fork the run and step it left from. Steps and later outside values are in run_events.
        CREATE TABLE run_replay (
          run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
          source TEXT NOT NULL,               -- JSON: { kind, name, text, process?, wallClock? }
          before_first TEXT,                  -- JSON: outside values consumed before step 1
          parent_run_id INTEGER,              -- a fork: the run it continues
          parent_seq INTEGER                  -- ... after this step of it
        );
      `),
  },
  {
    version: 9,
    name: 'access tokens of a node (csp serve)',
    up: (db) =>
      db.exec(`
        -- Tokens that let a client attach to this data folder's node. Only a SHA-256 of the
        -- token is kept (the token is 256 random bits, shown once when it is created).
        CREATE TABLE node_tokens (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
          hash TEXT NOT NULL UNIQUE,          -- sha256 hex of the token
          created_at INTEGER NOT NULL,
          expires_at INTEGER,                 -- NULL: never
          last_used_at INTEGER,
          revoked_at INTEGER                  -- NULL while valid
        );
      `),
  },
  {
    version: 10,
    name: 'run steps in blocks of 1024',
    up: (db) => {
      db.exec(`
        -- A step is a shape (kind, event, channel, processes, hidden), kept once per run...
        CREATE TABLE run_shapes (
          run_id INTEGER NOT NULL,
          shape INTEGER NOT NULL,             -- 0, 1, ... per run
          kind INTEGER NOT NULL,              -- see RUN_EVENT_KINDS in runs/records.ts
          event TEXT NOT NULL,
          channel_id INTEGER,                 -- event_names.id
          procs TEXT,                         -- ',3,7,': event_names ids
          hidden INTEGER NOT NULL,
          PRIMARY KEY (run_id, shape)
        ) WITHOUT ROWID;
        -- ... and its columns, 1024 steps to a row (runs/blocks.ts): a million steps are a
        -- thousand rows. rowid = run_id * 2^40 + the block's first seq (1, 1024, 2048, ...).
        CREATE TABLE run_blocks (
          id INTEGER PRIMARY KEY,
          n INTEGER NOT NULL,
          steps BLOB NOT NULL,                -- shape per step (int32)
          branches BLOB,                      -- branch per step (float64), NULL when all 0
          times BLOB,                         -- virtual time per step (float64), NULL when all 0
          walls BLOB,                         -- wall ms per step (float64), NULL when all are wall_ms
          wall_ms INTEGER NOT NULL,           -- wall ms of the block's last step
          extras TEXT                         -- JSON { index: { payload?, choice?, outside?, state? } }
        );
      `);
      // Runs recorded a row per step are rewritten as blocks; run_events stays, empty.
      convertLegacyRuns(db);
    },
  },
  {
    version: 11,
    name: 'latency of outside calls and host samples of a run',
    up: (db) =>
      db.exec(`
        -- Each agent (LLM) or HTTP call a live run made, by the deliver step that handed its
        -- result to the node: when it was asked and when it was answered (wall clock). A replay
        -- reports these, it never measures again.
        CREATE TABLE run_calls (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,               -- the deliver step
          node TEXT NOT NULL,
          kind TEXT NOT NULL,                 -- the outside kind: 'llm-reply', 'http'
          started_ms REAL NOT NULL,           -- ms since the epoch
          ended_ms REAL NOT NULL,
          failed INTEGER NOT NULL DEFAULT 0,  -- 1: the call ended in an error (its message is the step's payload)
          PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        -- The host process's CPU and memory, sampled while the run was live.
        CREATE TABLE run_host_samples (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          at_ms INTEGER NOT NULL,             -- ms since the epoch
          cpu REAL NOT NULL,                  -- % of one core since the previous sample (user + system)
          rss INTEGER NOT NULL,               -- bytes
          heap_used INTEGER NOT NULL,         -- bytes (the host's JS heap)
          PRIMARY KEY (run_id, at_ms)
        ) WITHOUT ROWID;
      `),
  },
  {
    version: 12,
    name: "queue depths of a run and its worker thread's CPU and heap",
    up: (db) =>
      db.exec(`
        -- The depth of each buffered edge and buffer node as the live run reported it (the engine's
        -- own count, about four times a second while it moves and after each step), by step: a
        -- stored run's queue-depth chart shows what the live one showed. A step's depths are the
        -- same however often the run comes back to it, so the first report is kept.
        CREATE TABLE run_queue_samples (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,               -- the step after which the depths were read
          queue TEXT NOT NULL,                -- the edge or buffer node id
          at_ms INTEGER NOT NULL,             -- ms since the epoch, when the live run reported them
          depth INTEGER NOT NULL,
          capacity INTEGER NOT NULL,
          PRIMARY KEY (run_id, seq, queue)
        ) WITHOUT ROWID;
        -- The run's own worker thread beside the whole host process: its CPU (% of one core since
        -- the previous sample) and its JS heap in use (bytes). NULL where it was not measured.
        ALTER TABLE run_host_samples ADD COLUMN worker_cpu REAL;
        ALTER TABLE run_host_samples ADD COLUMN worker_heap INTEGER;
      `),
  },
];

/** Chunks where a name occurs at most this often keep its exact seqs (migration 6). */
export const SPARSE_LIMIT = 16;

export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Applies every migration above the file's user_version, up to `target` (tests
 * stop early to build each earlier version). Returns the versions applied.
 */
export function migrate(
  db: Database,
  target: number = SCHEMA_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
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
