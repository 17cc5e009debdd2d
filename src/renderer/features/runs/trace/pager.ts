/**
 * Reading a stored run's trace from the host in pages, on demand, so a run of
 * a million steps costs only the pages in view. Framework-free: the views
 * re-render when `onChange` fires (at most once per frame, see useTracePages).
 *
 *  - SeqPager: the whole trace, row i is step i+1 (a stored run's steps are
 *    numbered 1..n without holes), any page fetched when first shown, a
 *    bounded number kept (least recently used go first).
 *  - FilteredPager: the steps matching a channel, process or text filter, in
 *    order, read forward as the list is scrolled (how many match is known only
 *    at the end).
 */
import type { ParamsIn, Result } from '../../../../shared/protocol';
import { fromStoredStep } from './rows';
import type { TraceRow } from './rows';

export type FetchTrace = (params: ParamsIn<'run.trace'>) => Promise<Result<'run.trace'>>;

export interface TraceFilter {
  readonly channel?: string | undefined;
  readonly process?: string | undefined;
  readonly text?: string | undefined;
}

export function isFiltered(f: TraceFilter): boolean {
  return Boolean(f.channel || f.process || f.text);
}

type Listener = () => void;

interface Page {
  rows: TraceRow[];
  /** Fewer rows than a page: the end of the run when read (a live run may have grown since). */
  partial: boolean;
  loadedAt: number;
}

/** How soon a partial page at the end of a live run may be read again. */
const TAIL_REFRESH_MS = 250;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SeqPager {
  private readonly pages = new Map<number, Page>();
  private readonly loading = new Set<number>();
  private readonly listeners = new Set<Listener>();
  error: string | undefined;
  /** The store's last step when a page was last read. */
  lastSeq = 0;

  constructor(
    private readonly fetchTrace: FetchTrace,
    readonly storeRunId: number,
    readonly pageSize = 200,
    private readonly maxPages = 64,
    private readonly now: () => number = () => performance.now(),
  ) {}

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Step `seq` if its page is here; otherwise undefined, and the page is asked for. */
  row(seq: number): TraceRow | undefined {
    const index = Math.floor((seq - 1) / this.pageSize);
    const page = this.pages.get(index);
    if (page) {
      // Most recently used last, so eviction drops the pages longest out of view.
      this.pages.delete(index);
      this.pages.set(index, page);
      const row = page.rows[seq - 1 - index * this.pageSize];
      if (row) return row;
      if (page.partial && this.now() - page.loadedAt > TAIL_REFRESH_MS) void this.load(index);
      return undefined;
    }
    void this.load(index);
    return undefined;
  }

  /** Loads every page holding steps from..to (for exports and tests). */
  async ensure(from: number, to: number): Promise<void> {
    const first = Math.floor((from - 1) / this.pageSize);
    const last = Math.floor((to - 1) / this.pageSize);
    const waits: Array<Promise<void>> = [];
    for (let i = first; i <= last; i++) if (!this.pages.has(i)) waits.push(this.load(i));
    await Promise.all(waits);
  }

  private async load(index: number): Promise<void> {
    if (this.loading.has(index)) return;
    this.loading.add(index);
    try {
      const result = await this.fetchTrace({
        storeRunId: this.storeRunId,
        afterSeq: index * this.pageSize,
        limit: this.pageSize,
      });
      const rows = result.events.map(fromStoredStep);
      this.lastSeq = Math.max(this.lastSeq, result.lastSeq);
      this.pages.set(index, { rows, partial: rows.length < this.pageSize, loadedAt: this.now() });
      while (this.pages.size > this.maxPages) {
        const oldest = this.pages.keys().next().value;
        if (oldest === undefined) break;
        this.pages.delete(oldest);
      }
      this.error = undefined;
    } catch (error) {
      this.error = message(error);
    } finally {
      this.loading.delete(index);
      this.listeners.forEach((l) => l());
    }
  }
}

export class FilteredPager {
  readonly rows: TraceRow[] = [];
  /** Every matching step up to the run's end (when read) is in rows. */
  done = false;
  error: string | undefined;
  /** With a text filter: every step up to here has been searched. */
  searchedUpTo = 0;
  private after = 0;
  private loading = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly fetchTrace: FetchTrace,
    readonly storeRunId: number,
    readonly filter: TraceFilter,
    readonly pageSize = 200,
  ) {}

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get busy(): boolean {
    return this.loading;
  }

  /** Reads forward until `count` rows are here or the run's end is reached. */
  async ensure(count: number): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      while (!this.done && this.rows.length < count) {
        const result = await this.fetchTrace({
          storeRunId: this.storeRunId,
          afterSeq: this.after,
          limit: this.pageSize,
          ...(this.filter.channel ? { channel: this.filter.channel } : {}),
          ...(this.filter.process ? { process: this.filter.process } : {}),
          ...(this.filter.text ? { text: this.filter.text } : {}),
        });
        this.rows.push(...result.events.map(fromStoredStep));
        if (result.searchedUpTo !== undefined) this.searchedUpTo = result.searchedUpTo;
        const lastRow = this.rows[this.rows.length - 1];
        this.after = result.next ?? Math.max(this.after, lastRow?.seq ?? 0, result.searchedUpTo ?? 0);
        if (result.next === null) this.done = true;
        this.listeners.forEach((l) => l());
      }
      this.error = undefined;
    } catch (error) {
      this.error = message(error);
      this.done = true;
    } finally {
      this.loading = false;
      this.listeners.forEach((l) => l());
    }
  }

  /** A live run grew: read on from where the last read ended. */
  reopen(): void {
    if (this.error === undefined) this.done = false;
  }
}
