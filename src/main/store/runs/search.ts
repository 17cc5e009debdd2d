/**
 * Value-text search over a run's event text and payloads.
 *
 * The FTS5 index (run_event_text) is filled behind ingestion, by `indexText`, so the
 * ingestion path does not pay for it (bench/store.bench.ts reports both rates). A
 * search uses FTS5 for seq 1..runs.text_indexed_upto and a bounded scan for the
 * unindexed tail, and returns a cursor so the UI can show progress and continue.
 * Both halves match the same thing: the query's words as a consecutive phrase,
 * case-insensitive, words being runs of letters and digits (FTS5 unicode61).
 */
import type { Database as Db } from 'better-sqlite3';
import type { EventNames } from './names';
import { rowBase } from './records';
import type { StoredRunEvent } from './records';
import { EVENT_COLUMNS, decodeRow } from './query';
import type { RawEventRow } from './query';
import { badInput, notFound } from '../errors';

export interface SearchQuery {
  readonly text: string;
  readonly afterSeq?: number;
  readonly limit?: number;
  /** At most this many unindexed rows are scanned per call (default 50,000). */
  readonly scanBudget?: number;
}

export interface SearchResult {
  readonly events: StoredRunEvent[];
  /** Continue with afterSeq = next; null when the whole run has been searched. */
  readonly next: number | null;
  /** Progress: every seq up to here has been searched. */
  readonly searchedUpTo: number;
  readonly lastSeq: number;
}

/** Rows scanned before asking FTS5, so common words are found by the cheap path. */
const PROBE_ROWS = 4096;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= haystack.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (haystack[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export class RunSearch {
  constructor(
    private readonly db: Db,
    private readonly names: EventNames,
  ) {}

  /** Adds up to `maxRows` more of a run's events to the FTS index; returns how many. */
  indexText(runId: number, maxRows = 100_000): number {
    return this.db
      .transaction(() => {
        const run = this.db.prepare('SELECT last_seq, text_indexed_upto FROM runs WHERE id = ?').get(runId) as
          | { last_seq: number; text_indexed_upto: number }
          | undefined;
        if (!run) throw notFound(`run ${runId}`);
        const from = run.text_indexed_upto;
        const to = Math.min(run.last_seq, from + maxRows);
        if (to <= from) return 0;
        const base = rowBase(runId);
        this.db
          .prepare("INSERT INTO run_event_text (rowid, event, payload) SELECT id, event, coalesce(payload, '') FROM run_events WHERE id > ? AND id <= ?")
          .run(base + from, base + to);
        this.db.prepare('UPDATE runs SET text_indexed_upto = ? WHERE id = ?').run(to, runId);
        return to - from;
      })
      .immediate();
  }

  /** Indexes pending text across runs, oldest first, up to `maxRows` in total. */
  indexPending(maxRows = 100_000): number {
    const runs = this.db.prepare('SELECT id FROM runs WHERE text_indexed_upto < last_seq ORDER BY id').pluck().all() as number[];
    let done = 0;
    for (const id of runs) {
      if (done >= maxRows) break;
      done += this.indexText(id, maxRows - done);
    }
    return done;
  }

  search(runId: number, q: SearchQuery): SearchResult {
    const phrase = words(q.text);
    if (phrase.length === 0) throw badInput('search text has no letters or digits to look for');
    const limit = q.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput(`search limit must be an integer 1..1000, got ${String(q.limit)}`);
    const run = this.db.prepare('SELECT last_seq, text_indexed_upto FROM runs WHERE id = ?').get(runId) as
      | { last_seq: number; text_indexed_upto: number }
      | undefined;
    if (!run) throw notFound(`run ${runId}`);
    const base = rowBase(runId);
    const after = q.afterSeq ?? 0;
    const rows: RawEventRow[] = [];
    const result = (searchedUpTo: number): SearchResult => {
      const events = rows.map((r) => decodeRow(r, runId, this.names));
      const done = searchedUpTo >= run.last_seq && rows.length < limit;
      return { events, next: done ? null : searchedUpTo, searchedUpTo, lastSeq: run.last_seq };
    };
    let position = after;
    if (position < run.text_indexed_upto) {
      // FTS5 walks a word's whole doclist up to a rowid bound, so a common word searched
      // from deep in a long run is slow there, while a short scan finds it at once. Scan
      // a small window first; only a rarer phrase goes on to the index.
      const probeTo = Math.min(run.text_indexed_upto, position + PROBE_ROWS);
      const probe = this.scan(base, phrase, position, probeTo, limit, rows);
      if (rows.length === limit) return result(probe);
      position = probeTo;
    }
    if (position < run.text_indexed_upto) {
      rows.push(
        ...(this.db
          .prepare(
            `SELECT ${EVENT_COLUMNS} FROM run_events WHERE id IN (SELECT rowid FROM run_event_text WHERE run_event_text MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?) ORDER BY id`,
          )
          .all(`"${phrase.join(' ')}"`, base + position, base + run.text_indexed_upto, limit - rows.length) as RawEventRow[]),
      );
      const end = rows.at(-1);
      if (rows.length === limit && end) return result(end.id - base);
      position = run.text_indexed_upto;
    }
    // Bounded scan of the unindexed tail.
    const scanTo = Math.min(run.last_seq, position + (q.scanBudget ?? 50_000));
    return result(this.scan(base, phrase, position, scanTo, limit, rows));
  }

  /**
   * Scans seqs (from, to] for the phrase, appending matches to `rows` until it holds
   * `limit`; returns the seq searched up to. A cheap substring prefilter runs in SQL,
   * the exact phrase test in JS, so the answer matches what FTS5 would say.
   */
  private scan(base: number, phrase: readonly string[], from: number, to: number, limit: number, rows: RawEventRow[]): number {
    if (to <= from || rows.length >= limit) return Math.max(from, to);
    const needle = phrase[0] ?? '';
    const candidates = this.db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM run_events WHERE id > ? AND id <= ? AND (instr(lower(event), ?) > 0 OR instr(lower(coalesce(payload, '')), ?) > 0) ORDER BY id`,
      )
      .iterate(base + from, base + to, needle, needle) as IterableIterator<RawEventRow>;
    for (const r of candidates) {
      if (containsPhrase(words(r.event), phrase) || (r.payload !== null && containsPhrase(words(r.payload), phrase))) {
        rows.push(r);
        if (rows.length === limit) return r.id - base;
      }
    }
    return to;
  }
}
