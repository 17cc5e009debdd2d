/**
 * TermFactory: builds hash-consed terms. Two structurally equal terms are the
 * same object with the same `id`, so ids can be used as state keys.
 *
 * Structure keys: children by id, event sets by interned set id, `prefixChoice`
 * by the closure `key` the evaluator supplies (plus its event set), `call` by
 * name and argument keys. Continuations of `prefix` are built eagerly (the
 * `next` thunk just returns the stored term); laziness for recursion comes from
 * `call` (unfolded on first use, memoised) and `prefixChoice` (one
 * continuation per event, memoised).
 *
 * Canonical states. A `call` whose body is a "static" operator (parallel,
 * hiding, renaming, `;` or `/\`) is replaced by that body wherever it sits in a
 * persistent position (operands of those operators, and transition targets).
 * Otherwise `SYS = PHILS [|X|] FORKS` would have two different terms for its
 * initial state (`SYS` itself and the composition reached again later) and
 * state counts would differ from FDR's. Calls whose body is a prefix or a
 * choice stay calls: that is where recursion closes, and they print as
 * `P(1,2)`.
 */
import { EvaluationError, UNBOUNDED_RECURSION, UNGUARDED_RECURSION, type ErrorSpan } from './errors';
import type { Compression } from './compression';
import { SEMANTICS, Semantics } from './semantics';
import type { EventId, EventSet, Term, TermNode } from './terms';
import { keyOf, type Value } from './values';

export { UNGUARDED_RECURSION };

interface SetInfo {
  readonly id: number;
  readonly set: EventSet;
  readonly members: ReadonlySet<EventId>;
}

type RenamePairs = readonly (readonly [EventId, EventId])[];

interface RenameInfo {
  readonly id: number;
  readonly pairs: RenamePairs;
  /** from → every to, ascending. */
  readonly map: ReadonlyMap<EventId, readonly EventId[]>;
  /** Every `to`. */
  readonly targets: ReadonlySet<EventId>;
}

const OP_RUN = 1;
const OP_CHAOS = 2;
const OP_PREFIX = 3;
const OP_EXT = 4;
const OP_INT = 5;
const OP_SEQ = 6;
const OP_INTERRUPT = 7;
const OP_SLIDING = 8;
const OP_GENPAR = 9;
const OP_ALPHAPAR = 10;
const OP_INTERLEAVE = 11;
const OP_HIDE = 12;
const OP_RENAME = 13;
const OP_LINKPAR = 14;
const OP_EXCEPTION = 15;
const OP_SYNCEXT = 16;
const OP_SYNCINT = 17;
const OP_PRIORITISE = 18;
const OP_PRIORITISEPO = 19;

// A synchronising external choice persists through its synchronised events, so it is static too.
const STATIC_OPS = new Set([
  'seq',
  'interrupt',
  'sliding',
  'genPar',
  'alphaPar',
  'interleave',
  'hide',
  'rename',
  'linkPar',
  'exception',
  'syncExtChoice',
  'syncInterrupt',
  'prioritise',
  'prioritisePo',
  'compress',
]);

export class TermFactory {
  private readonly terms: Term[] = [];
  private readonly byKey = new Map<string, Term>();
  /** Signature hash → term id (or ids, on collision); see lookupOrMake. */
  private readonly table = new Map<number, number | number[]>();
  private readonly sigs: (Int32Array | undefined)[] = [];
  private readonly scratch: number[] = [];
  private readonly setsByKey = new Map<string, SetInfo>();
  private readonly setsByRef = new WeakMap<EventSet, SetInfo>();
  private readonly renamesByKey = new Map<string, RenameInfo>();
  private readonly renamesByRef = new WeakMap<RenamePairs, RenameInfo>();
  /** Canonical form of each call term id (undefined: not computed yet). */
  private readonly canonical: (Term | undefined)[] = [];
  private readonly canonInProgress = new Set<number>();
  private overflowSite: { readonly name: string; readonly span: ErrorSpan | undefined } | undefined;
  /** Where each named process is defined (for errors found while unfolding it). */
  private readonly callSpans: (ErrorSpan | undefined)[] = [];

  /**
   * Called now and then during long computations (transitions, evaluation,
   * enumerating types): it throws to stop them, e.g. an EvaluationError for a
   * time limit or a cancellation. Unset: nothing is checked.
   */
  limitCheck: (() => void) | undefined = undefined;
  private polls = 0;

  /** One unit of work: every 1024th asks `limitCheck`. */
  poll(): void {
    if (this.limitCheck !== undefined && (++this.polls & 1023) === 0) this.limitCheck();
  }

  /** The semantics of this factory's terms (transition cache included). */
  readonly semantics: Semantics = new Semantics(this);
  readonly stop: Term;
  readonly skip: Term;
  readonly div: Term;
  readonly omega: Term;
  readonly emptySet: EventSet;

  constructor() {
    this.stop = this.make('S', { op: 'stop' });
    this.skip = this.make('K', { op: 'skip' });
    this.div = this.make('D', { op: 'div' });
    this.omega = this.make('O', { op: 'omega' });
    this.emptySet = this.eventSet([]);
  }

  /** Number of distinct terms built so far. */
  get size(): number {
    return this.terms.length;
  }

  /** The term with this id. */
  get(id: number): Term {
    const t = this.terms[id];
    if (t === undefined) throw new RangeError(`unknown term id ${id}`);
    return t;
  }

  // --- event sets ----------------------------------------------------------

  /** The canonical (sorted, unique, interned) event set with these members. */
  eventSet(events: Iterable<EventId>): EventSet {
    return this.setInfo([...new Set(events)].sort((a, b) => a - b)).set;
  }

  /** Whether `e` is in `set` (any sorted set; interned on first use). */
  has(set: EventSet, e: EventId): boolean {
    return this.setInfo(set).members.has(e);
  }

  /** Members of an event set as a Set, for repeated membership tests. */
  members(set: EventSet): ReadonlySet<EventId> {
    return this.setInfo(set).members;
  }

  private setInfo(set: EventSet): SetInfo {
    const known = this.setsByRef.get(set);
    if (known !== undefined) return known;
    const key = set.join(',');
    let info = this.setsByKey.get(key);
    if (info === undefined) {
      const frozen = Object.freeze([...set]);
      info = { id: this.setsByKey.size, set: frozen, members: new Set(frozen) };
      this.setsByKey.set(key, info);
      this.setsByRef.set(frozen, info);
    }
    this.setsByRef.set(set, info);
    return info;
  }

  /** from → targets of a renaming (ascending), for the semantics. */
  renameMap(pairs: RenamePairs): ReadonlyMap<EventId, readonly EventId[]> {
    return this.renameInfo(pairs).map;
  }

  /** Every `to` of the pairs (a linked parallel's right-hand events). */
  linkedTargets(pairs: RenamePairs): ReadonlySet<EventId> {
    return this.renameInfo(pairs).targets;
  }

  private renameInfo(pairs: RenamePairs): RenameInfo {
    const known = this.renamesByRef.get(pairs);
    if (known !== undefined) return known;
    const sorted = [...pairs].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const unique = sorted.filter((p, i) => i === 0 || p[0] !== sorted[i - 1]?.[0] || p[1] !== sorted[i - 1]?.[1]);
    const key = unique.map((p) => `${p[0]}>${p[1]}`).join(',');
    let info = this.renamesByKey.get(key);
    if (info === undefined) {
      const map = new Map<EventId, EventId[]>();
      for (const [from, to] of unique) {
        const list = map.get(from);
        if (list === undefined) map.set(from, [to]);
        else list.push(to);
      }
      const frozen = Object.freeze(unique.map((p) => Object.freeze([p[0], p[1]] as const)));
      info = { id: this.renamesByKey.size, pairs: frozen, map, targets: new Set(unique.map((p) => p[1])) };
      this.renamesByKey.set(key, info);
      this.renamesByRef.set(frozen, info);
    }
    this.renamesByRef.set(pairs, info);
    return info;
  }

  // --- constructors --------------------------------------------------------

  run(set: EventSet): Term {
    const s = this.setInfo(set);
    return this.sig2(OP_RUN, s.id, () => ({ op: 'run', set: s.set }));
  }

  chaos(set: EventSet): Term {
    const s = this.setInfo(set);
    return this.sig2(OP_CHAOS, s.id, () => ({ op: 'chaos', set: s.set }));
  }

  /** `event -> next`. */
  prefix(event: EventId, next: Term): Term {
    const sc = this.scratch;
    sc[0] = OP_PREFIX;
    sc[1] = event;
    sc[2] = next.id;
    return this.lookupOrMake(3, () => ({ op: 'prefix', event, next: () => next }));
  }

  /**
   * `c?x -> P(x)` and friends: offers `events`; `next(e)` is evaluated on first
   * use and memoised. `key` must identify the closure (source position and the
   * values of its free variables); `text` is its CSPm form, used by the printer.
   */
  prefixChoice(events: EventSet, next: (e: EventId) => Term, key: string, text: string): Term {
    const s = this.setInfo(events);
    const k = `Q${s.id}|${key}`;
    const known = this.byKey.get(k);
    if (known !== undefined) return known;
    const memo = new Map<EventId, Term>();
    const members = s.members;
    const memoNext = (e: EventId): Term => {
      let t = memo.get(e);
      if (t === undefined) {
        if (!members.has(e)) throw new RangeError(`event ${e} is not offered by ${text}`);
        t = next(e);
        memo.set(e, t);
      }
      return t;
    };
    return this.make(k, { op: 'prefixChoice', events: s.set, next: memoNext, key, text });
  }

  extChoice(items: readonly Term[]): Term {
    if (items.length === 0) return this.stop;
    if (items.length === 1) return items[0] as Term;
    return this.sigItems(OP_EXT, -1, items, () => ({ op: 'extChoice', items: [...items] }));
  }

  /** Internal choice; `items` must be non-empty (the evaluator reports `|~| x:{} @ P`). */
  intChoice(items: readonly Term[]): Term {
    if (items.length === 0) throw new RangeError('internal choice over no processes');
    return this.sigItems(OP_INT, -1, items, () => ({ op: 'intChoice', items: [...items] }));
  }

  seq(first: Term, second: Term): Term {
    const f = this.canon(first);
    return this.sig3(OP_SEQ, f.id, second.id, () => ({ op: 'seq', first: f, second }));
  }

  interrupt(left: Term, right: Term): Term {
    const l = this.canon(left);
    return this.sig3(OP_INTERRUPT, l.id, right.id, () => ({ op: 'interrupt', left: l, right }));
  }

  sliding(left: Term, right: Term): Term {
    const l = this.canon(left);
    return this.sig3(OP_SLIDING, l.id, right.id, () => ({ op: 'sliding', left: l, right }));
  }

  /** `[| sync |]` over the items (one item: the item itself). */
  genPar(sync: EventSet, items: readonly Term[]): Term {
    if (items.length === 0) return this.skip;
    if (items.length === 1) return items[0] as Term;
    const s = this.setInfo(sync);
    const its = this.canonItems(items);
    return this.sigItems(OP_GENPAR, s.id, its, () => ({ op: 'genPar', sync: s.set, items: its.slice() }));
  }

  /** Alphabetised parallel: item i may only perform events of alphas[i]. */
  alphaPar(items: readonly Term[], alphas: readonly EventSet[]): Term {
    if (items.length !== alphas.length) throw new RangeError('alphabetised parallel: one alphabet per process');
    if (items.length === 0) return this.skip;
    const sets = alphas.map((a) => this.setInfo(a));
    const its = this.canonItems(items).slice();
    // signature: op, number of items, alphabet ids, item ids
    const sc = this.scratch;
    sc[0] = OP_ALPHAPAR;
    sc[1] = its.length;
    let k = 2;
    for (const a of sets) sc[k++] = a.id;
    for (const t of its) sc[k++] = t.id;
    return this.lookupOrMake(k, () => ({ op: 'alphaPar', items: its, alphas: sets.map((a) => a.set) }));
  }

  interleave(items: readonly Term[]): Term {
    if (items.length === 0) return this.skip;
    if (items.length === 1) return items[0] as Term;
    const its = this.canonItems(items);
    return this.sigItems(OP_INTERLEAVE, -1, its, () => ({ op: 'interleave', items: its.slice() }));
  }

  hide(body: Term, set: EventSet): Term {
    const s = this.setInfo(set);
    if (s.set.length === 0) return body;
    const b = this.canon(body);
    return this.sig3(OP_HIDE, s.id, b.id, () => ({ op: 'hide', body: b, set: s.set }));
  }

  /** Relational renaming by [from, to] pairs. */
  rename(body: Term, pairs: RenamePairs): Term {
    const r = this.renameInfo(pairs);
    const b = this.canon(body);
    return this.sig3(OP_RENAME, r.id, b.id, () => ({ op: 'rename', body: b, pairs: r.pairs }));
  }

  /**
   * Linked parallel: `pairs` [from, to] link P's `from` to Q's `to` (the
   * evaluator rejects an event linked twice on one side).
   */
  linkPar(left: Term, right: Term, pairs: RenamePairs): Term {
    const r = this.renameInfo(pairs);
    const l = this.canon(left);
    const q = this.canon(right);
    const sc = this.scratch;
    sc[0] = OP_LINKPAR;
    sc[1] = r.id;
    sc[2] = l.id;
    sc[3] = q.id;
    return this.lookupOrMake(4, () => ({ op: 'linkPar', left: l, right: q, pairs: r.pairs }));
  }

  /** `P [| A |> Q`. */
  exception(left: Term, set: EventSet, right: Term): Term {
    return this.setBinary(OP_EXCEPTION, left, set, right, (l, s, r) => ({
      op: 'exception',
      left: l,
      right: r,
      set: s,
    }));
  }

  /** `P /+ A +\ Q`. */
  syncInterrupt(left: Term, set: EventSet, right: Term): Term {
    return this.setBinary(OP_SYNCINT, left, set, right, (l, s, r) => ({
      op: 'syncInterrupt',
      left: l,
      right: r,
      set: s,
    }));
  }

  /** `[+ A +]` over the items (none: STOP; one: the item itself). */
  syncExtChoice(sync: EventSet, items: readonly Term[]): Term {
    if (items.length === 0) return this.stop;
    if (items.length === 1) return items[0] as Term;
    const s = this.setInfo(sync);
    const its = this.canonItems(items);
    return this.sigItems(OP_SYNCEXT, s.id, its, () => ({ op: 'syncExtChoice', sync: s.set, items: its.slice() }));
  }

  /** `prioritise(P, <A1, ..., An>)` (τ and ✓ rank with A1). */
  prioritise(body: Term, levels: readonly EventSet[]): Term {
    const sets = levels.map((a) => this.setInfo(a));
    const b = this.canon(body);
    const sc = this.scratch;
    sc[0] = OP_PRIORITISE;
    sc[1] = b.id;
    let k = 2;
    for (const a of sets) sc[k++] = a.id;
    return this.lookupOrMake(k, () => ({ op: 'prioritise', body: b, levels: sets.map((a) => a.set) }));
  }

  /** `prioritisepo(P, E, R, M)` as [high, low] pairs (closed) and the events τ and ✓ outrank. */
  prioritisePo(body: Term, order: RenamePairs, belowTau: EventSet): Term {
    const r = this.renameInfo(order);
    const s = this.setInfo(belowTau);
    const b = this.canon(body);
    const sc = this.scratch;
    sc[0] = OP_PRIORITISEPO;
    sc[1] = r.id;
    sc[2] = s.id;
    sc[3] = b.id;
    return this.lookupOrMake(4, () => ({ op: 'prioritisePo', body: b, order: r.pairs, belowTau: s.set }));
  }

  private setBinary(
    op: number,
    left: Term,
    set: EventSet,
    right: Term,
    build: (l: Term, s: EventSet, r: Term) => TermNode,
  ): Term {
    const s = this.setInfo(set);
    const l = this.canon(left);
    const sc = this.scratch;
    sc[0] = op;
    sc[1] = s.id;
    sc[2] = l.id;
    sc[3] = right.id;
    return this.lookupOrMake(4, () => build(l, s.set, right));
  }

  /** `method(body)` for one of FDR's compression functions (csp/compression.ts). */
  compress(method: Compression, body: Term): Term {
    // `P = normal(P)`: P's canonical form is being computed; the body stays the call (an error once explored, not now).
    const b = body.node.op === 'call' && this.canonInProgress.has(body.id) ? body : this.canon(body);
    return this.make(`Z${method}|${b.id}`, { op: 'compress', method, body: b });
  }

  /**
   * A named process applied to arguments; `unfold` is evaluated once, on first
   * use. `scope` distinguishes equally named local definitions (`let Q = …`
   * inside different closures); top-level names leave it empty.
   */
  call(name: string, args: readonly Value[], unfold: () => Term, scope = '', span?: ErrorSpan): Term {
    const key = `C${scope}${scope === '' ? '' : '|'}${name}(${args.map(keyOf).join(',')})`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let body: Term | undefined;
    const memo = (): Term => (body ??= unfold());
    const term = this.make(key, { op: 'call', name, args: [...args], unfold: memo });
    if (span !== undefined) this.callSpans[term.id] = span;
    return term;
  }

  // --- canonical states ----------------------------------------------------

  /**
   * The canonical term for a state: a call whose (transitively unfolded) body
   * is a static operator or another call becomes that body; anything else is
   * returned as is. Throws EvaluationError on unguarded recursion (`P = P ||| Q`).
   */
  canon(t: Term): Term {
    if (t.node.op !== 'call') return t;
    const cached = this.canonical[t.id];
    if (cached !== undefined) return cached;
    if (this.canonInProgress.has(t.id)) {
      throw new EvaluationError(
        UNGUARDED_RECURSION,
        `unguarded recursion: ${t.node.name} unfolds to itself without an event in between`,
      );
    }
    this.canonInProgress.add(t.id);
    let result: Term;
    try {
      const body = this.canon(t.node.unfold());
      result = body.node.op === 'call' || STATIC_OPS.has(body.node.op) ? body : t;
    } catch (err) {
      // `P(n) = P(n + 1)`: ever new calls, each unfolding to the next, until the stack runs out.
      if (this.isOverflow(err)) {
        this.noteOverflow(t.node.name, this.callSpans[t.id]);
        throw this.overflowError(t.node.name, this.callSpans[t.id]);
      }
      throw err;
    } finally {
      this.canonInProgress.delete(t.id);
    }
    this.canonical[t.id] = result;
    return result;
  }

  // --- stack overflows ------------------------------------------------------
  //
  // Deep recursion (`f(n) = f(n + 1)`) ends in a JS stack overflow. Near the
  // stack's edge even building an error message can fail again (with a
  // RangeError, a SyntaxError from a regular expression, ...), so the first
  // place that sees the overflow notes where it happened, and each enclosing
  // frame tries again to turn it into one CSP3007 error until one succeeds.

  /** True for a stack overflow, and for any error raised while one is being unwound. */
  isOverflow(err: unknown): boolean {
    if (err instanceof EvaluationError) return false;
    return this.overflowSite !== undefined || (err instanceof Error && err.message.includes('call stack'));
  }

  /** Where the overflow being unwound was first seen (the innermost named place wins). */
  noteOverflow(name: string, span: ErrorSpan | undefined): void {
    this.overflowSite ??= { name, span };
  }

  /** The CSP3007 error for the overflow being unwound; may itself fail near the stack's edge. */
  overflowError(name: string, span: ErrorSpan | undefined): EvaluationError {
    const site = this.overflowSite ?? { name, span };
    const error = new EvaluationError(
      UNBOUNDED_RECURSION,
      `unbounded recursion evaluating '${site.name}' (the recursion is too deep for the evaluation stack)`,
      site.span,
    );
    this.overflowSite = undefined;
    return error;
  }

  /** Items in canonical form; the same array when none is a call (no allocation on the hot path). */
  private canonItems(items: readonly Term[]): readonly Term[] {
    for (let i = 0; i < items.length; i++) {
      if ((items[i] as Term).node.op === 'call') return items.map((t) => this.canon(t));
    }
    return items;
  }

  private make(key: string, node: TermNode): Term {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const term = this.register(node);
    this.byKey.set(key, term);
    return term;
  }

  private register(node: TermNode): Term {
    // Each term carries its factory's semantics under a symbol key so that the
    // free functions transitions/initials/after in semantics.ts work on any term
    // (a literal property keeps object shapes monomorphic, unlike defineProperty).
    const term: Term = { id: this.terms.length, node, [SEMANTICS]: this.semantics } as Term;
    this.terms.push(term);
    return term;
  }

  // Structural hash-consing without building strings: a term's signature is a
  // short list of integers (op code, set ids, child ids) written into
  // `scratch`, hashed, and compared with the stored signatures of the bucket.
  // The node is built only on a miss, so a lookup allocates almost nothing.

  private sig2(op: number, a: number, build: () => TermNode): Term {
    this.scratch[0] = op;
    this.scratch[1] = a;
    return this.lookupOrMake(2, build);
  }

  private sig3(op: number, a: number, b: number, build: () => TermNode): Term {
    this.scratch[0] = op;
    this.scratch[1] = a;
    this.scratch[2] = b;
    return this.lookupOrMake(3, build);
  }

  private sigItems(op: number, extra: number, items: readonly Term[], build: () => TermNode): Term {
    const sc = this.scratch;
    sc[0] = op;
    sc[1] = extra;
    for (let i = 0; i < items.length; i++) sc[i + 2] = (items[i] as Term).id;
    return this.lookupOrMake(items.length + 2, build);
  }

  private lookupOrMake(len: number, build: () => TermNode): Term {
    const sc = this.scratch;
    let h = 0x811c9dc5 ^ len;
    for (let i = 0; i < len; i++) h = Math.imul(h ^ (sc[i] as number), 0x01000193);
    const bucket = this.table.get(h);
    if (bucket !== undefined) {
      if (typeof bucket === 'number') {
        if (this.sameSig(bucket, len)) return this.terms[bucket] as Term;
      } else {
        for (const id of bucket) if (this.sameSig(id, len)) return this.terms[id] as Term;
      }
    }
    const term = this.register(build());
    this.sigs[term.id] = Int32Array.from(sc.slice(0, len));
    if (bucket === undefined) this.table.set(h, term.id);
    else if (typeof bucket === 'number') this.table.set(h, [bucket, term.id]);
    else bucket.push(term.id);
    return term;
  }

  private sameSig(id: number, len: number): boolean {
    const sig = this.sigs[id];
    if (sig === undefined || sig.length !== len) return false;
    const sc = this.scratch;
    for (let i = 0; i < len; i++) if (sig[i] !== sc[i]) return false;
    return true;
  }
}
