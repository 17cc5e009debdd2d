/**
 * Value-text search over a run's event text and payloads.
 *
 * Event text belongs to a step's shape (blocks.ts): a phrase is tested once per
 * shape, and the steps of the matching shapes are found by scanning the blocks'
 * shape columns, which is cheap. Payloads are matched through the FTS5 index
 * (run_event_text, payloads only), filled behind ingestion by `indexText`, and by a
 * bounded scan of the unindexed tail; a search returns a cursor so the UI can show
 * progress and continue. Both match the same thing: the query's words as a
 * consecutive phrase, case-insensitive, words being runs of letters and digits
 * (FTS5 unicode61).
 */
import type { Database as Db } from 'better-sqlite3';
import { rowBase } from './records';
import type { StoredRunEvent } from './records';
import type { StepReader } from './steps';
import { blockOf } from './blocks';
import type { DecodedBlock } from './blocks';
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
    private readonly steps: StepReader,
  ) {}

  /** Adds up to `maxRows` more of a run's steps to the FTS index (their payloads); returns how many steps it covered. */
  indexText(runId: number, maxRows = 100_000): number {
    return this.db
      .transaction(() => {
        const run = this.db.prepare('SELECT last_seq, text_indexed_upto FROM runs WHERE id = ?').get(runId) as
          { last_seq: number; text_indexed_upto: number } | undefined;
        if (!run) throw notFound(`run ${runId}`);
        const from = run.text_indexed_upto;
        const to = Math.min(run.last_seq, from + maxRows);
        if (to <= from) return 0;
        const base = rowBase(runId);
        const insert = this.db.prepare("INSERT INTO run_event_text (rowid, event, payload) VALUES (?, '', ?)");
        for (const b of this.steps.blocks(runId, from + 1, to)) {
          if (b.extrasRaw === null) continue;
          for (let i = Math.max(from + 1, b.first) - b.first; i <= Math.min(to, b.last) - b.first; i++) {
            const payload = b.extra(i)?.payload;
            if (payload !== undefined && payload !== null) insert.run(base + b.first + i, JSON.stringify(payload));
          }
        }
        this.db.prepare('UPDATE runs SET text_indexed_upto = ? WHERE id = ?').run(to, runId);
        return to - from;
      })
      .immediate();
  }

  /** Indexes pending text across runs, oldest first, up to `maxRows` in total. */
  indexPending(maxRows = 100_000): number {
    const runs = this.db
      .prepare('SELECT id FROM runs WHERE text_indexed_upto < last_seq ORDER BY id')
      .pluck()
      .all() as number[];
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
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw badInput(`search limit must be an integer 1..1000, got ${String(q.limit)}`);
    const run = this.db.prepare('SELECT last_seq, text_indexed_upto FROM runs WHERE id = ?').get(runId) as
      { last_seq: number; text_indexed_upto: number } | undefined;
    if (!run) throw notFound(`run ${runId}`);
    const base = rowBase(runId);
    const after = q.afterSeq ?? 0;
    const shapeHit: boolean[] = [];
    const hitsShape = (shape: number): boolean => {
      let hit = shapeHit[shape];
      if (hit === undefined) {
        const s = this.steps.shapes(runId, shape + 1)[shape];
        hit = shapeHit[shape] = s !== undefined && containsPhrase(words(s.event), phrase);
      }
      return hit;
    };
    const needle = phrase[0] ?? '';
    const payloadHit = (payload: unknown): boolean => {
      if (payload === undefined || payload === null) return false;
      const text = JSON.stringify(payload);
      return text.toLowerCase().includes(needle) && containsPhrase(words(text), phrase);
    };
    const out: StoredRunEvent[] = [];
    const result = (searchedUpTo: number): SearchResult => {
      const done = searchedUpTo >= run.last_seq && out.length < limit;
      return { events: out, next: done ? null : searchedUpTo, searchedUpTo, lastSeq: run.last_seq };
    };
    // The indexed part: payload matches from FTS5 (up to `limit` of them), shape matches by scan.
    let position = after;
    if (position < run.text_indexed_upto) {
      const fts = this.db
        .prepare(
          'SELECT rowid FROM run_event_text WHERE run_event_text MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?',
        )
        .pluck()
        .all(`"${phrase.join(' ')}"`, base + position, base + run.text_indexed_upto, limit) as number[];
      const inPayload = new Set(fts.map((id) => id - base));
      // With `limit` payload matches, what lies past the last one is not known yet: stop there.
      const upTo = fts.length === limit ? fts[fts.length - 1]! - base : run.text_indexed_upto;
      // When no event text can match, only payloads do: read the blocks of the index's hits, not every block.
      const payloadOnly = !this.steps.shapes(runId).some((shape, i) => shape !== undefined && hitsShape(i));
      const reached = payloadOnly
        ? this.collect(runId, [...inPayload], limit, out)
        : this.scan(
            runId,
            position + 1,
            upTo,
            limit,
            out,
            (b, i) => hitsShape(b.steps[i]!) || inPayload.has(b.first + i),
          );
      if (out.length === limit) return result(reached);
      if (upTo < run.text_indexed_upto) return result(upTo);
      position = run.text_indexed_upto;
    }
    // The unindexed tail: a bounded scan of shapes and payloads.
    const scanTo = Math.min(run.last_seq, position + (q.scanBudget ?? 50_000));
    return result(
      this.scan(
        runId,
        position + 1,
        scanTo,
        limit,
        out,
        (b, i) => hitsShape(b.steps[i]!) || payloadHit(b.extra(i)?.payload),
      ),
    );
  }

  /** The steps `seqs` (ascending), appended to `out` until it holds `limit`; returns the last seq taken. */
  private collect(runId: number, seqs: readonly number[], limit: number, out: StoredRunEvent[]): number {
    let block: DecodedBlock | undefined;
    let last = 0;
    for (const seq of seqs) {
      if (out.length >= limit) break;
      if (block === undefined || seq < block.first || seq > block.last) block = this.steps.block(runId, blockOf(seq));
      if (block === undefined || seq > block.last) continue;
      out.push(this.steps.event(runId, block, seq - block.first));
      last = seq;
    }
    return last;
  }

  /** Steps lo..hi that `hit`, appended to `out` until it holds `limit`; returns the seq searched up to. */
  private scan(
    runId: number,
    lo: number,
    hi: number,
    limit: number,
    out: StoredRunEvent[],
    hit: (b: DecodedBlock, i: number) => boolean,
  ): number {
    if (hi < lo || out.length >= limit) return Math.max(lo - 1, hi);
    for (const b of this.steps.blocks(runId, lo, hi)) {
      for (let i = Math.max(lo, b.first) - b.first; i <= Math.min(hi, b.last) - b.first; i++) {
        if (!hit(b, i)) continue;
        out.push(this.steps.event(runId, b, i));
        if (out.length === limit) return b.first + i;
      }
    }
    return hi;
  }
}
