/**
 * Reading a run's events the way the UI needs them, fast on runs of 10M events:
 * - keyset paging by seq, forward and backward: a primary-key range scan (rowid =
 *   run_id * 2^40 + seq), so page k costs the same as page 1;
 * - filter by channel and/or process: driven by the run_event_chunks zone map, which
 *   lists the 1024-seq chunks where a name occurs, so chunks without it are skipped;
 * - filter by time: virtual and wall time grow with seq, so a time range becomes a seq
 *   window by binary search over primary-key lookups (rows are still checked exactly);
 * - counts per channel per second, from run_channel_seconds (written at ingestion).
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { CHANNEL, PROCESS } from './names';
import type { EventNames } from './names';
import { RUN_EVENT_KINDS, rowBase } from './records';
import type { StoredRunEvent, RunEventKind } from './records';
import { CHUNK_SIZE } from './writer';
import { badInput, notFound } from '../errors';

export interface PageQuery {
  /** Forward paging: events with seq > afterSeq (default 0). */
  readonly afterSeq?: number;
  /** Backward paging: events with seq < beforeSeq, newest first. */
  readonly beforeSeq?: number;
  /** 1..1000, default 100. */
  readonly limit?: number;
  readonly channel?: string;
  readonly process?: string;
  /** Inclusive time window on virtual time (default) or wall time in ms. */
  readonly time?: { readonly from?: number; readonly to?: number; readonly field?: 'virtual' | 'wall' };
}

export interface Page {
  readonly events: StoredRunEvent[];
  /** Pass as afterSeq (forward) or beforeSeq (backward) for the next page; null at the end. */
  readonly next: number | null;
}

export interface RawEventRow {
  id: number;
  kind: number;
  event: string;
  channel_id: number | null;
  procs: string | null;
  payload: string | null;
  hidden: number;
  choice: string | null;
  outside: string | null;
  state: string | null;
  wall_ms: number;
  virtual_time: number;
}

export const EVENT_COLUMNS = 'id, kind, event, channel_id, procs, payload, hidden, choice, outside, state, wall_ms, virtual_time';

function parse(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

export function decodeRow(row: RawEventRow, runId: number, names: EventNames): StoredRunEvent {
  const processes = row.procs === null ? [] : row.procs.slice(1, -1).split(',').map((id) => names.nameOf(Number(id)));
  return {
    seq: row.id - rowBase(runId),
    kind: (RUN_EVENT_KINDS[row.kind] ?? 'event') as RunEventKind,
    event: row.event,
    channel: row.channel_id === null ? null : names.nameOf(row.channel_id),
    processes,
    payload: parse(row.payload),
    hidden: row.hidden === 1,
    choice: parse(row.choice),
    outside: parse(row.outside),
    state: parse(row.state),
    wallMs: row.wall_ms,
    virtualTime: row.virtual_time,
  };
}

export class RunQueries {
  constructor(
    private readonly db: Db,
    private readonly names: EventNames,
  ) {}

  lastSeq(runId: number): number {
    const last = this.db.prepare('SELECT last_seq FROM runs WHERE id = ?').pluck().get(runId) as number | undefined;
    if (last === undefined) throw notFound(`run ${runId}`);
    return last;
  }

  page(runId: number, q: PageQuery = {}): Page {
    const limit = q.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput(`page limit must be an integer 1..1000, got ${String(q.limit)}`);
    if (q.afterSeq !== undefined && q.beforeSeq !== undefined) throw badInput('give afterSeq or beforeSeq, not both');
    const last = this.lastSeq(runId);
    let lo = 1;
    let hi = last;
    if (q.time) [lo, hi] = this.timeWindow(runId, last, q.time);
    const backward = q.beforeSeq !== undefined;
    if (backward) hi = Math.min(hi, (q.beforeSeq ?? 0) - 1);
    else lo = Math.max(lo, (q.afterSeq ?? 0) + 1);
    if (lo > hi) return { events: [], next: null };

    let channelId: number | undefined;
    let processId: number | undefined;
    if (q.channel !== undefined) {
      channelId = this.names.lookup(CHANNEL, q.channel);
      if (channelId === undefined) return { events: [], next: null };
    }
    if (q.process !== undefined) {
      processId = this.names.lookup(PROCESS, q.process);
      if (processId === undefined) return { events: [], next: null };
    }
    const rows =
      channelId === undefined && processId === undefined
        ? this.rangeRows(runId, lo, hi, limit, backward, '', [])
        : this.filteredRows(runId, lo, hi, limit, backward, channelId, processId);
    const events = rows.map((r) => decodeRow(r, runId, this.names));
    const end = events.at(-1);
    return { events, next: events.length === limit && end ? end.seq : null };
  }

  private readonly statements = new Map<string, Statement>();

  /** Prepared statements are cached by SQL text: filtered paging runs many small queries. */
  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private rangeRows(runId: number, lo: number, hi: number, limit: number, backward: boolean, where: string, args: unknown[]): RawEventRow[] {
    const base = rowBase(runId);
    return this.stmt(`SELECT ${EVENT_COLUMNS} FROM run_events WHERE id BETWEEN ? AND ?${where} ORDER BY id ${backward ? 'DESC' : 'ASC'} LIMIT ?`).all(
      base + lo,
      base + hi,
      ...args,
      limit,
    ) as RawEventRow[];
  }

  /**
   * Walks the chunks where the driving name occurs, in order, until the page is full.
   * Dense chunks are range-scanned; the exact seqs of sparse chunks are gathered and
   * read by key in one query, so a rare channel costs a few lookups, not chunk scans.
   */
  private filteredRows(
    runId: number,
    lo: number,
    hi: number,
    limit: number,
    backward: boolean,
    channelId: number | undefined,
    processId: number | undefined,
  ): RawEventRow[] {
    const driver = channelId ?? processId;
    let where = '';
    const args: unknown[] = [];
    if (channelId !== undefined) {
      where += ' AND channel_id = ?';
      args.push(channelId);
    }
    if (processId !== undefined) {
      where += ' AND instr(procs, ?) > 0';
      args.push(`,${processId},`);
    }
    const chunkStmt = this.stmt(
      `SELECT chunk, seqs FROM run_event_chunks WHERE run_id = ? AND name_id = ? AND chunk BETWEEN ? AND ? ORDER BY chunk ${backward ? 'DESC' : 'ASC'} LIMIT 64`,
    );
    const base = rowBase(runId);
    const out: RawEventRow[] = [];
    const pending: number[] = [];
    const flushPending = (): void => {
      if (pending.length === 0) return;
      const ids = JSON.stringify(pending.map((seq) => base + seq));
      pending.length = 0;
      out.push(...this.rangeRows(runId, lo, hi, limit - out.length, backward, ` AND id IN (SELECT value FROM json_each(?))${where}`, [ids, ...args]));
    };
    let from = lo;
    let to = hi;
    while (out.length < limit && from <= to) {
      const chunks = chunkStmt.all(runId, driver, Math.floor(from / CHUNK_SIZE), Math.floor(to / CHUNK_SIZE)) as { chunk: number; seqs: string | null }[];
      if (chunks.length === 0) break;
      for (const { chunk: c, seqs } of chunks) {
        const cLo = Math.max(from, c * CHUNK_SIZE);
        const cHi = Math.min(to, c * CHUNK_SIZE + CHUNK_SIZE - 1);
        if (seqs !== null) {
          for (const text of seqs.split(',')) {
            const seq = Number(text);
            if (seq >= cLo && seq <= cHi) pending.push(seq);
          }
          if (pending.length >= limit - out.length) flushPending();
        } else {
          flushPending(); // keep seq order: earlier sparse chunks first
          if (out.length < limit) out.push(...this.rangeRows(runId, cLo, cHi, limit - out.length, backward, where, args));
        }
        if (out.length >= limit) break;
        if (backward) to = cLo - 1;
        else from = cHi + 1;
      }
      if (out.length < limit) flushPending();
    }
    return out;
  }

  /** The seq window [lo, hi] whose times fall in the range (time is non-decreasing in seq). */
  private timeWindow(runId: number, last: number, t: NonNullable<PageQuery['time']>): [number, number] {
    const column = t.field === 'wall' ? 'wall_ms' : 'virtual_time';
    const at = this.db.prepare(`SELECT ${column} FROM run_events WHERE id = ?`).pluck();
    const base = rowBase(runId);
    const timeOf = (seq: number): number => (at.get(base + seq) as number | undefined) ?? Number.POSITIVE_INFINITY;
    // First seq whose time satisfies pred, or last + 1.
    const firstWhere = (pred: (time: number) => boolean): number => {
      let a = 1;
      let b = last + 1;
      while (a < b) {
        const mid = Math.floor((a + b) / 2);
        if (pred(timeOf(mid))) b = mid;
        else a = mid + 1;
      }
      return a;
    };
    const lo = t.from === undefined ? 1 : firstWhere((time) => time >= (t.from ?? 0));
    const hi = t.to === undefined ? last : firstWhere((time) => time > (t.to ?? 0)) - 1;
    return [lo, hi];
  }

  /** Events per channel per wall-clock second since the run started (for the rate chart). */
  channelSeconds(runId: number, range: { from?: number; to?: number } = {}): { channel: string; second: number; count: number }[] {
    const rows = this.db
      .prepare('SELECT channel_id, second, n FROM run_channel_seconds WHERE run_id = ? AND second BETWEEN ? AND ? ORDER BY second, channel_id')
      .all(runId, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER) as { channel_id: number; second: number; n: number }[];
    return rows.map((r) => ({ channel: this.names.nameOf(r.channel_id), second: r.second, count: r.n }));
  }

  /** Total events per channel in a run. */
  channelTotals(runId: number): { channel: string; count: number }[] {
    const rows = this.db
      .prepare(
        'SELECT c.name_id AS id, sum(c.n) AS n FROM run_event_chunks c JOIN event_names e ON e.id = c.name_id WHERE c.run_id = ? AND e.kind = ? GROUP BY c.name_id ORDER BY n DESC',
      )
      .all(runId, CHANNEL) as { id: number; n: number }[];
    return rows.map((r) => ({ channel: this.names.nameOf(r.id), count: r.n }));
  }
}
