/**
 * RunWriter: the runtime's path into the store. Steps are buffered and written in
 * batched IMMEDIATE transactions; each batch also updates the run row (last_seq,
 * counts) and the filter/chart side tables, so after a crash the run row and its
 * events agree: a kill -9 loses at most the batch being built, never a committed one.
 *
 * Hot path notes (bench/store.bench.ts measures it): rows go in through a 16-row
 * multi-VALUES INSERT (one native call per 16 rows), the chunk zone map and the
 * per-second counts are aggregated in JS and upserted once per batch.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { CHANNEL, PROCESS } from './names';
import type { EventNames } from './names';
import { KIND_CODE, checkRecord, jsonOrNull, rowBase } from './records';
import type { RunEventRecord } from './records';
import { StoreError } from '../errors';
import { SPARSE_LIMIT } from '../migrations';

const COLS = 12;
const MULTI = 16;
export const CHUNK_SIZE = 1024; // seqs per zone-map chunk
const KEY = 2 ** 31;

interface ChunkTally {
  n: number;
  /** The seqs while there are at most SPARSE_LIMIT, then null. */
  seqs: number[] | null;
}

function tally(map: Map<number, ChunkTally>, key: number, seq: number): void {
  const t = map.get(key);
  if (t === undefined) map.set(key, { n: 1, seqs: [seq] });
  else {
    t.n++;
    if (t.seqs !== null) {
      if (t.seqs.length < SPARSE_LIMIT) t.seqs.push(seq);
      else t.seqs = null;
    }
  }
}

export interface RunWriterOptions {
  /** Rows per transaction (default 8192). */
  readonly batchSize?: number;
  /** Also flush a partial batch this often, so a quiet run is still durable (default 200 ms, 0 = never). */
  readonly flushIntervalMs?: number;
  /**
   * Replaces secret values in every text field before it is stored (run records never
   * hold a secret's value, even if an agent echoes one). RunsApi.start passes one built
   * from the secrets file; with no secrets it is skipped entirely.
   */
  readonly redact?: (text: string) => string;
}

export interface RunFinish {
  readonly outcome: string;
  readonly details?: unknown;
}

export class RunWriter {
  private buffer: RunEventRecord[] = [];
  private nextSeq: number;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private deferredError: unknown;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly one: Statement;
  private readonly multi: Statement;
  private readonly chunkUpsert: Statement;
  private readonly secondUpsert: Statement;
  private readonly runUpdate: Statement;
  private readonly params: unknown[] = new Array<unknown>(COLS * MULTI);
  private readonly startedAt: number;
  private readonly redact: ((text: string) => string) | undefined;

  constructor(
    private readonly db: Db,
    private readonly names: EventNames,
    readonly runId: number,
    lastSeq: number,
    startedAt: number,
    private readonly now: () => number,
    options: RunWriterOptions = {},
  ) {
    this.nextSeq = lastSeq + 1;
    this.startedAt = startedAt;
    this.batchSize = Math.max(1, options.batchSize ?? 8192);
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.redact = options.redact;
    const row = `(${new Array(COLS).fill('?').join(',')})`;
    const insert = 'INSERT INTO run_events (id, kind, event, channel_id, procs, payload, hidden, choice, outside, state, wall_ms, virtual_time) VALUES ';
    this.one = db.prepare(insert + row);
    this.multi = db.prepare(insert + new Array(MULTI).fill(row).join(','));
    // A chunk keeps the exact seqs of a name while it has at most SPARSE_LIMIT of them
    // (a chunk can span two batches, so lists are merged on conflict).
    this.chunkUpsert = db.prepare(
      `INSERT INTO run_event_chunks (run_id, name_id, chunk, n, seqs) VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET
         seqs = CASE WHEN seqs IS NOT NULL AND excluded.seqs IS NOT NULL AND n + excluded.n <= ${SPARSE_LIMIT} THEN seqs || ',' || excluded.seqs ELSE NULL END,
         n = n + excluded.n`,
    );
    this.secondUpsert = db.prepare(
      'INSERT INTO run_channel_seconds (run_id, channel_id, second, n) VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
    );
    this.runUpdate = db.prepare('UPDATE runs SET last_seq = ?, event_count = event_count + ?, bytes = bytes + ? WHERE id = ?');
  }

  /** The seq the next appended record must carry. */
  get expectedSeq(): number {
    return this.nextSeq;
  }

  append(rec: RunEventRecord): void {
    if (this.closed) throw new StoreError('BAD_INPUT', `run ${this.runId} is finished; no more events can be written`);
    this.throwDeferred();
    checkRecord(rec, this.nextSeq, this.runId);
    this.nextSeq++;
    this.buffer.push(rec);
    if (this.buffer.length >= this.batchSize) this.flush();
    else if (this.flushIntervalMs > 0 && this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.closed || !this.db.open) return;
        try {
          this.flush();
        } catch (error) {
          // No caller to throw to from a timer: keep it for the next append or flush.
          this.deferredError = error;
        }
      }, this.flushIntervalMs);
      this.timer.unref?.();
    }
  }

  appendMany(recs: Iterable<RunEventRecord>): void {
    for (const r of recs) this.append(r);
  }

  /** Writes the buffered records in one IMMEDIATE transaction. */
  flush(): void {
    this.throwDeferred();
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    try {
      this.db.transaction(() => this.writeBatch(batch)).immediate();
    } catch (error) {
      // Ids interned in the rolled-back transaction do not exist; keep the batch for a retry.
      this.names.reset();
      throw error;
    }
    this.buffer = [];
  }

  /** Flushes, then marks the run finished with its outcome. */
  finish(result: RunFinish): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db
      .prepare("UPDATE runs SET status = 'finished', outcome = ?, outcome_details = ?, ended_at = ? WHERE id = ?")
      .run(result.outcome, jsonOrNull(result.details), this.now(), this.runId);
  }

  private throwDeferred(): void {
    if (this.deferredError === undefined) return;
    const error = this.deferredError;
    this.deferredError = undefined;
    throw error;
  }

  private writeBatch(batch: readonly RunEventRecord[]): void {
    const base = rowBase(this.runId);
    const p = this.params;
    const chunks = new Map<number, ChunkTally>();
    const seconds = new Map<number, number>();
    let k = 0;
    let bytes = 0;
    for (const r of batch) {
      let channelId: number | null = null;
      const chunk = Math.floor(r.seq / CHUNK_SIZE);
      if (r.channel != null) {
        channelId = this.names.intern(CHANNEL, r.channel);
        tally(chunks, channelId * KEY + chunk, r.seq);
        const sk = channelId * KEY + Math.max(0, Math.floor((r.wallMs - this.startedAt) / 1000));
        seconds.set(sk, (seconds.get(sk) ?? 0) + 1);
      }
      let procs: string | null = null;
      if (r.processes !== undefined && r.processes.length > 0) {
        procs = ',';
        for (const name of r.processes) {
          const id = this.names.intern(PROCESS, name);
          procs += `${id},`;
          tally(chunks, id * KEY + chunk, r.seq);
        }
      }
      let event = r.event;
      let payload = jsonOrNull(r.payload);
      let choice = jsonOrNull(r.choice);
      let outside = jsonOrNull(r.outside);
      let state = jsonOrNull(r.state);
      const redact = this.redact;
      if (redact) {
        event = redact(event);
        if (payload !== null) payload = redact(payload);
        if (choice !== null) choice = redact(choice);
        if (outside !== null) outside = redact(outside);
        if (state !== null) state = redact(state);
      }
      bytes += 48 + event.length + (procs?.length ?? 0) + (payload?.length ?? 0) + (choice?.length ?? 0) + (outside?.length ?? 0) + (state?.length ?? 0);
      p[k++] = base + r.seq;
      p[k++] = KIND_CODE[r.kind];
      p[k++] = event;
      p[k++] = channelId;
      p[k++] = procs;
      p[k++] = payload;
      p[k++] = r.hidden === true ? 1 : 0;
      p[k++] = choice;
      p[k++] = outside;
      p[k++] = state;
      p[k++] = r.wallMs;
      p[k++] = r.virtualTime;
      if (k === p.length) {
        this.multi.run(p);
        k = 0;
      }
    }
    for (let i = 0; i < k; i += COLS) this.one.run(p.slice(i, i + COLS));
    for (const [key, t] of chunks) this.chunkUpsert.run(this.runId, Math.floor(key / KEY), key % KEY, t.n, t.seqs === null ? null : t.seqs.join(','));
    for (const [key, n] of seconds) this.secondUpsert.run(this.runId, Math.floor(key / KEY), key % KEY, n);
    const last = batch[batch.length - 1];
    if (last) this.runUpdate.run(last.seq, batch.length, bytes, this.runId);
  }
}
