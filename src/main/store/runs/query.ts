/**
 * Reading a run's events the way the UI needs them, fast on runs of 10M events:
 * - keyset paging by seq, forward and backward: the blocks holding the page are a
 *   primary-key range (rowid = run_id * 2^40 + first seq), so page k costs the same as page 1;
 * - filter by channel and/or process: driven by the run_event_chunks zone map, which
 *   lists the 1024-seq chunks (= blocks) where a name occurs, so blocks without it are
 *   skipped; in a block, a step matches when its shape does (decided once per shape);
 * - filter by time: virtual and wall time grow with seq, so a time range becomes a seq
 *   window by binary search (steps are still checked exactly);
 * - counts per channel per second, from run_channel_seconds (written at ingestion).
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { CHANNEL, PROCESS } from './names';
import type { EventNames } from './names';
import type { StoredRunEvent } from './records';
import { blockOf } from './blocks';
import type { StepReader } from './steps';
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

export class RunQueries {
  constructor(
    private readonly db: Db,
    private readonly names: EventNames,
    private readonly steps: StepReader,
  ) {}

  lastSeq(runId: number): number {
    const last = this.db.prepare('SELECT last_seq FROM runs WHERE id = ?').pluck().get(runId) as number | undefined;
    if (last === undefined) throw notFound(`run ${runId}`);
    return last;
  }

  page(runId: number, q: PageQuery = {}): Page {
    const limit = q.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw badInput(`page limit must be an integer 1..1000, got ${String(q.limit)}`);
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
    const events =
      channelId === undefined && processId === undefined
        ? this.take(this.steps.range(runId, lo, hi, backward), limit)
        : this.filtered(runId, lo, hi, limit, backward, channelId, processId);
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

  private take(steps: Iterable<StoredRunEvent>, limit: number): StoredRunEvent[] {
    const out: StoredRunEvent[] = [];
    if (limit <= 0) return out;
    for (const e of steps) {
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Walks the blocks where the driving name occurs (the zone map), in order, until
   * the page is full; in each, the steps whose shape has the channel and process.
   */
  private filtered(
    runId: number,
    lo: number,
    hi: number,
    limit: number,
    backward: boolean,
    channelId: number | undefined,
    processId: number | undefined,
  ): StoredRunEvent[] {
    const driver = channelId ?? processId;
    const shapes = this.steps.shapes(runId);
    const match = shapes.map(
      (s) =>
        (channelId === undefined || s.channelId === channelId) &&
        (processId === undefined || s.procIds.includes(processId)),
    );
    const chunkStmt = this.stmt(
      `SELECT chunk FROM run_event_chunks WHERE run_id = ? AND name_id = ? AND chunk BETWEEN ? AND ? ORDER BY chunk ${backward ? 'DESC' : 'ASC'} LIMIT 64`,
    );
    const out: StoredRunEvent[] = [];
    let from = blockOf(lo);
    let to = blockOf(hi);
    while (out.length < limit && from <= to) {
      const chunks = chunkStmt.pluck().all(runId, driver, from, to) as number[];
      if (chunks.length === 0) break;
      for (const c of chunks) {
        const b = this.steps.block(runId, c);
        if (b !== undefined) {
          const first = Math.max(lo, b.first) - b.first;
          const last = Math.min(hi, b.last) - b.first;
          const known = this.steps.shapes(runId, b.maxShape() + 1);
          while (match.length < known.length) {
            const s = known[match.length]!;
            match.push(
              (channelId === undefined || s.channelId === channelId) &&
                (processId === undefined || s.procIds.includes(processId)),
            );
          }
          for (let k = 0; k <= last - first && out.length < limit; k++) {
            const i = backward ? last - k : first + k;
            if (match[b.steps[i]!] === true) out.push(this.steps.event(runId, b, i));
          }
        }
        if (out.length >= limit) break;
        if (backward) to = c - 1;
        else from = c + 1;
      }
    }
    return out;
  }

  /** The seq window [lo, hi] whose times fall in the range (time is non-decreasing in seq). */
  private timeWindow(runId: number, last: number, t: NonNullable<PageQuery['time']>): [number, number] {
    let cached: ReturnType<StepReader['block']>;
    const timeOf = (seq: number): number => {
      const block = blockOf(seq);
      if (cached === undefined || blockOf(cached.first) !== block) cached = this.steps.block(runId, block);
      if (cached === undefined || seq > cached.last) return Number.POSITIVE_INFINITY;
      const i = seq - cached.first;
      return t.field === 'wall' ? cached.wall(i) : cached.time(i);
    };
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
  channelSeconds(
    runId: number,
    range: { from?: number; to?: number } = {},
  ): { channel: string; second: number; count: number }[] {
    const rows = this.db
      .prepare(
        'SELECT channel_id, second, n FROM run_channel_seconds WHERE run_id = ? AND second BETWEEN ? AND ? ORDER BY second, channel_id',
      )
      .all(runId, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER) as {
      channel_id: number;
      second: number;
      n: number;
    }[];
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
