/**
 * The run record in memory: one row per step (seq = row + 1), three numeric
 * columns, growing by doubling (branch and virtual time from the first step
 * with a non-zero one). A row says exactly what fired:
 *   event  : the event id (τ = 0 for a component's τ, ✓ = 1 for a ✓), or a
 *            negative code for steps that are not events (see STEP_DELIVER);
 *   actor  : the component that moved alone (τ, ✓), or -1 for a
 *            synchronisation and for the system's final ✓;
 *   branch : which of the nondeterministic successors was taken (mixed radix
 *            over the participants, in participant order; 0 when there was one).
 * Outside values (time, random, replies) are kept beside it, keyed by step,
 * with the run's virtual time at each step (a fourth column).
 * Replaying the rows reproduces the run without any generator or service.
 */
export const STEP_DELIVER = -1;
/**
 * A step that is the user's edit of a message in flight (a value queued on a
 * buffered edge, a code node's pending send): actor is the component holding
 * it, and the step's outside entry (kind EDIT_KIND) says which message and the
 * new value, so a replay repeats the edit at the same place.
 */
export const STEP_EDIT = -2;
export const EDIT_KIND = 'edit';

/** What an edit step records (its outside entry's value, and its payload in traces). */
export interface MessageEdit {
  /** The message's position in its holder: 0 is the next to go. */
  readonly index: number;
  /** The new value (JSON). */
  readonly value: unknown;
  /** The value it replaced (JSON), for the trace; a replay does not need it. */
  readonly was?: unknown;
}

export interface OutsideEntry {
  /** The step that consumed it (0: before step 1, while the nodes started). */
  readonly seq: number;
  readonly node: string;
  readonly kind: string;
  readonly value: unknown;
  /** A result due in virtual time (a timer's tick): when it was due, in ms; a replay moves the clock to it. */
  readonly at?: number;
}

export interface LogRow {
  readonly event: number;
  readonly actor: number;
  readonly branch: number;
}

export class RunLog {
  private events = new Int32Array(1024);
  private actors = new Int32Array(1024);
  /**
   * Made at the first non-zero branch or time: most runs have neither (one
   * successor per participant, no timers), and a million-step run then keeps
   * 8 bytes a step instead of 24 (less to grow, copy and touch).
   */
  private branches: Float64Array | undefined;
  private times: Float64Array | undefined;
  private n = 0;
  /** Outside values in the order they were consumed, each attached to the step it resolved (0 = before step 1). */
  outside: OutsideEntry[] = [];
  /** JSON payloads that travelled with events (JSON channels), by step; sparse, most events carry none. */
  payloads = new Map<number, unknown>();

  get length(): number {
    return this.n;
  }

  /** Appends the row of the next step; `time` is the run's virtual time (ms) when it happened. */
  push(event: number, actor: number, branch: number, time = 0): void {
    if (this.n === this.events.length) this.grow();
    this.events[this.n] = event;
    this.actors[this.n] = actor;
    // A column that exists is written even with 0: a truncated log may hold an old value there.
    if (this.branches !== undefined) this.branches[this.n] = branch;
    else if (branch !== 0) (this.branches = new Float64Array(this.events.length))[this.n] = branch;
    if (this.times !== undefined) this.times[this.n] = time;
    else if (time !== 0) (this.times = new Float64Array(this.events.length))[this.n] = time;
    this.n++;
  }

  /** Row of step `seq` (1-based). */
  row(seq: number): LogRow {
    const i = seq - 1;
    if (i < 0 || i >= this.n) throw new RangeError(`no step ${seq} in a record of ${this.n} steps`);
    return { event: this.events[i]!, actor: this.actors[i]!, branch: this.branches?.[i] ?? 0 };
  }

  /** Event column of step `seq` (no allocation: the free-run loop reads it every step). */
  eventAt(seq: number): number {
    return this.events[seq - 1]!;
  }

  actorAt(seq: number): number {
    return this.actors[seq - 1]!;
  }

  branchAt(seq: number): number {
    return this.branches?.[seq - 1] ?? 0;
  }

  /** Virtual time (ms) of step `seq`; 0 before step 1. */
  timeAt(seq: number): number {
    return seq < 1 || seq > this.n || this.times === undefined ? 0 : this.times[seq - 1]!;
  }

  /** Outside values are attached in step order (a step never attaches to an earlier one). */
  attach(entry: OutsideEntry): void {
    this.outside.push(entry);
  }

  /** The outside values consumed by step `seq` (0: before step 1), in the order they were consumed. */
  outsideAt(seq: number): OutsideEntry[] {
    const all = this.outside;
    const lo = this.firstOutside(seq);
    const out: OutsideEntry[] = [];
    for (let i = lo; i < all.length && all[i]!.seq === seq; i++) out.push(all[i]!);
    return out;
  }

  /** Whether step `seq` consumed outside values (outsideAt without making a list: recorders ask per step). */
  hasOutsideAt(seq: number): boolean {
    return this.outside[this.firstOutside(seq)]?.seq === seq;
  }

  /** Index of the first outside value of step `seq` or later. */
  private firstOutside(seq: number): number {
    const all = this.outside;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A copy of the first `steps` rows (a fork's history). */
  prefix(steps: number): RunLog {
    const out = new RunLog();
    for (let s = 1; s <= Math.min(steps, this.n); s++) {
      const r = this.row(s);
      out.push(r.event, r.actor, r.branch, this.timeAt(s));
    }
    out.outside = this.outside.filter((o) => o.seq <= steps);
    for (const [seq, p] of this.payloads) if (seq <= steps) out.payloads.set(seq, p);
    return out;
  }

  /** Drops steps after `steps` (used when a run is rewound and continued differently). */
  truncate(steps: number): void {
    this.n = Math.max(0, Math.min(this.n, steps));
    this.outside = this.outside.filter((o) => o.seq <= this.n);
    for (const seq of this.payloads.keys()) if (seq > this.n) this.payloads.delete(seq);
  }

  private grow(): void {
    const grow = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.events = grow(this.events, (n) => new Int32Array(n));
    this.actors = grow(this.actors, (n) => new Int32Array(n));
    if (this.branches !== undefined) this.branches = grow(this.branches, (n) => new Float64Array(n));
    if (this.times !== undefined) this.times = grow(this.times, (n) => new Float64Array(n));
  }
}

/** Appends to `into` the steps of `from` after step `after`: rows, virtual times, payloads and outside values. */
export function copyRecordAfter(from: RunLog, after: number, into: RunLog): void {
  for (let s = after + 1; s <= from.length; s++) {
    const r = from.row(s);
    into.push(r.event, r.actor, r.branch, from.timeAt(s));
  }
  for (const [seq, p] of from.payloads) if (seq > after) into.payloads.set(seq, p);
  for (const o of from.outside) if (o.seq > after) into.attach(o);
}
