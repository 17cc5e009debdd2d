/**
 * The one operational semantics of CSPm (docs/architecture.md#one-semantics):
 * Roscoe's firing rules over hash-consed terms, with FDR's convention that
 * unfolding a named process is not a τ (a `call` has exactly the transitions of
 * its body).
 *
 * `transitions(t)` computes initials and successors in one pass, sorted by
 * event id then target id, duplicates removed, and caches the result per term
 * id (terms are immutable, so the cache never goes stale). `initials` and
 * `after` read that cache. Every target is a canonical state (TermFactory.canon).
 *
 * ✓ handling: SKIP -✓-> Ω. `P ; Q`: P's ✓ becomes a τ to Q. In `|||`, `[| |]`
 * and alphabetised parallel each component's ✓ is a τ to Ω in its place, and
 * the composition performs ✓ (to Ω) once every component is Ω. ✓ through
 * hiding, renaming, interrupt and choice goes straight to Ω.
 */
import { compressedTransitions } from './compression';
import { EvaluationError, UNGUARDED_RECURSION } from './errors';
import type { TermFactory } from './factory';
import { TAU, TICK, type EventId, type EventSet, type Term, type Transition } from './terms';

/** Property under which every factory-built term carries its factory's Semantics. */
export const SEMANTICS: unique symbol = Symbol('csp.semantics');

function semanticsOf(t: Term): Semantics {
  const s = (t as Term & { [SEMANTICS]?: Semantics })[SEMANTICS];
  if (s === undefined) throw new TypeError(`term #${t.id} was not built by a TermFactory`);
  return s;
}

/** Every transition of `t` (see Semantics.transitions). */
export function transitions(t: Term): readonly Transition[] {
  return semanticsOf(t).transitions(t);
}

/** The events `t` can perform now, τ and ✓ included, ascending. */
export function initials(t: Term): EventSet {
  return semanticsOf(t).initials(t);
}

/** The states `t` reaches by `event`, ascending ids. */
export function after(t: Term, event: EventId): Term[] {
  return semanticsOf(t).after(t, event);
}

const NONE: readonly Transition[] = Object.freeze([]);

export class Semantics {
  private cache: (readonly Transition[] | undefined)[] = [];
  private readonly inProgress = new Set<number>();

  constructor(readonly factory: TermFactory) {}

  /** Every transition of `t`: sorted by event id, then target id; no duplicates. */
  transitions(t: Term): readonly Transition[] {
    const cached = this.cache[t.id];
    if (cached !== undefined) return cached;
    if (this.inProgress.has(t.id)) {
      const what = t.node.op === 'call' ? t.node.name : 'a process';
      throw new EvaluationError(
        UNGUARDED_RECURSION,
        `unguarded recursion: ${what} depends on its own initial events (no event before it recurses)`,
      );
    }
    this.factory.poll();
    this.inProgress.add(t.id);
    let result: readonly Transition[];
    try {
      result = this.compute(t);
    } finally {
      this.inProgress.delete(t.id);
    }
    this.cache[t.id] = result;
    return result;
  }

  /** The events `t` can perform now (τ and ✓ included), ascending. */
  initials(t: Term): EventSet {
    const trs = this.transitions(t);
    const out: EventId[] = [];
    for (const tr of trs) if (out[out.length - 1] !== tr.event) out.push(tr.event);
    return out;
  }

  /** The states `t` can reach by `event` (ascending ids; empty if it cannot perform it). */
  after(t: Term, event: EventId): Term[] {
    const trs = this.transitions(t);
    const out: Term[] = [];
    for (let i = lowerBound(trs, event); i < trs.length; i++) {
      const tr = trs[i] as Transition;
      if (tr.event !== event) break;
      out.push(tr.target);
    }
    return out;
  }

  /** Drop the transition cache (e.g. after a long simulation); terms stay valid. */
  clearCache(): void {
    this.cache = [];
  }

  private compute(t: Term): readonly Transition[] {
    const f = this.factory;
    const n = t.node;
    switch (n.op) {
      case 'stop':
      case 'omega':
        return NONE;
      case 'skip':
        return [{ event: TICK, target: f.omega }];
      case 'div':
        return [{ event: TAU, target: t }];
      case 'run':
        return n.set.map((event) => ({ event, target: t }));
      case 'chaos':
        // CHAOS(A) = STOP |~| (|~| a:A @ a -> CHAOS(A)), the least divergence-free
        // process in F, V and R: a stable state for every single offer {a} gives
        // every revival (s, X, a) and refusal trace, STOP every refusal. Its own
        // a-transitions (unstable, so no offer) add nothing but keep the traces direct.
        return finish([
          { event: TAU, target: f.stop },
          ...n.set.map((event) => ({ event: TAU, target: f.prefix(event, t) })),
          ...n.set.map((event) => ({ event, target: t })),
        ]);
      case 'prefix':
        return [{ event: n.event, target: f.canon(n.next()) }];
      case 'prefixChoice':
        return finish(n.events.map((event) => ({ event, target: f.canon(n.next(event)) })));
      case 'extChoice': {
        const out: Transition[] = [];
        n.items.forEach((item, i) => {
          for (const tr of this.transitions(item)) {
            // τ does not resolve the choice; visible events and ✓ do.
            if (tr.event === TAU) out.push({ event: TAU, target: f.extChoice(replace(n.items, i, tr.target)) });
            else out.push(tr);
          }
        });
        return finish(out);
      }
      case 'intChoice':
        return finish(n.items.map((item) => ({ event: TAU, target: f.canon(item) })));
      case 'seq':
        return finish(
          this.transitions(n.first).map((tr) =>
            tr.event === TICK
              ? { event: TAU, target: f.canon(n.second) }
              : { event: tr.event, target: f.seq(tr.target, n.second) },
          ),
        );
      case 'interrupt': {
        const out: Transition[] = [];
        for (const tr of this.transitions(n.left)) {
          if (tr.event === TICK) out.push({ event: TICK, target: f.omega });
          else out.push({ event: tr.event, target: f.interrupt(tr.target, n.right) });
        }
        for (const tr of this.transitions(n.right)) {
          if (tr.event === TAU) out.push({ event: TAU, target: f.interrupt(n.left, tr.target) });
          else out.push(tr);
        }
        return finish(out);
      }
      case 'sliding': {
        const out: Transition[] = [{ event: TAU, target: f.canon(n.right) }];
        for (const tr of this.transitions(n.left)) {
          if (tr.event === TAU) out.push({ event: TAU, target: f.sliding(tr.target, n.right) });
          else out.push(tr);
        }
        return finish(out);
      }
      case 'hide': {
        const hidden = f.members(n.set);
        return finish(
          this.transitions(n.body).map((tr) =>
            tr.event === TICK
              ? { event: TICK, target: f.omega }
              : { event: hidden.has(tr.event) ? TAU : tr.event, target: f.hide(tr.target, n.set) },
          ),
        );
      }
      case 'rename': {
        const map = f.renameMap(n.pairs);
        const out: Transition[] = [];
        for (const tr of this.transitions(n.body)) {
          if (tr.event === TICK) {
            out.push({ event: TICK, target: f.omega });
            continue;
          }
          const target = f.rename(tr.target, n.pairs);
          const tos = tr.event === TAU ? undefined : map.get(tr.event);
          if (tos === undefined) out.push({ event: tr.event, target });
          else for (const to of tos) out.push({ event: to, target });
        }
        return finish(out);
      }
      case 'interleave':
        return this.parallel(
          n.items,
          () => undefined,
          (items) => f.interleave(items),
        );
      case 'genPar': {
        const sync = f.members(n.sync);
        const all = n.items.map((_, i) => i);
        return this.parallel(
          n.items,
          (e) => (sync.has(e) ? all : undefined),
          (items) => f.genPar(n.sync, items),
        );
      }
      case 'alphaPar': {
        const alphas = n.alphas.map((a) => f.members(a));
        return this.parallel(
          n.items,
          (e) => {
            const who: number[] = [];
            for (let j = 0; j < alphas.length; j++) if ((alphas[j] as ReadonlySet<EventId>).has(e)) who.push(j);
            return who;
          },
          (items) => f.alphaPar(items, n.alphas),
        );
      }
      case 'call':
        return this.transitions(n.unfold());
      case 'linkPar':
        return this.linkPar(n.left, n.right, n.pairs);
      case 'exception': {
        const out: Transition[] = [];
        const thrown = f.members(n.set);
        for (const tr of this.transitions(n.left)) {
          if (tr.event === TICK) out.push({ event: TICK, target: f.omega });
          else if (thrown.has(tr.event)) out.push({ event: tr.event, target: f.canon(n.right) });
          else out.push({ event: tr.event, target: f.exception(tr.target, n.set, n.right) });
        }
        return finish(out);
      }
      case 'syncInterrupt': {
        const sync = f.members(n.set);
        const out: Transition[] = [];
        const rt = this.transitions(n.right);
        for (const tr of this.transitions(n.left)) {
          if (tr.event === TICK) out.push({ event: TICK, target: f.omega });
          else if (!sync.has(tr.event))
            out.push({ event: tr.event, target: f.syncInterrupt(tr.target, n.set, n.right) });
          else
            for (const q of targetsOf(rt, tr.event))
              out.push({ event: tr.event, target: f.syncInterrupt(tr.target, n.set, q) });
        }
        for (const tr of rt) {
          if (tr.event === TAU) out.push({ event: TAU, target: f.syncInterrupt(n.left, n.set, tr.target) });
          else if (!sync.has(tr.event)) out.push(tr);
        }
        return finish(out);
      }
      case 'syncExtChoice':
        return this.syncExtChoice(n.sync, n.items);
      case 'prioritise': {
        const trs = this.transitions(n.body);
        const levels = n.levels.map((l) => f.members(l));
        // The best (lowest) level on offer: τ and ✓ count as the first.
        let best = Infinity;
        for (const tr of trs) {
          const l = levelOf(tr.event, levels);
          if (l >= 0 && l < best) best = l;
        }
        return finish(
          trs
            .filter((tr) => {
              const l = levelOf(tr.event, levels);
              return l === -1 || l === best;
            })
            .map((tr) => ({
              event: tr.event,
              target: tr.event === TICK ? f.omega : f.prioritise(tr.target, n.levels),
            })),
        );
      }
      case 'compress':
        return compressedTransitions(this, f, t, n.method, n.body);
      case 'prioritisePo': {
        const trs = this.transitions(n.body);
        const outranked = new Set<EventId>();
        const order = f.renameMap(n.order);
        const below = f.members(n.belowTau);
        for (const tr of trs) {
          if (tr.event === TAU || tr.event === TICK) for (const e of below) outranked.add(e);
          else for (const low of order.get(tr.event) ?? []) outranked.add(low);
        }
        return finish(
          trs
            .filter((tr) => !outranked.has(tr.event))
            .map((tr) => ({
              event: tr.event,
              target: tr.event === TICK ? f.omega : f.prioritisePo(tr.target, n.order, n.belowTau),
            })),
        );
      }
    }
  }

  /**
   * `P [a <-> b] Q`: P's linked events only with Q's partner event (as τ); Q's
   * linked events only with P; everything else interleaves. Termination is
   * distributed, as for the parallel operators.
   */
  private linkPar(left: Term, right: Term, pairs: readonly (readonly [EventId, EventId])[]): readonly Transition[] {
    const f = this.factory;
    const forward = f.renameMap(pairs);
    const linkedRight = f.linkedTargets(pairs);
    const lt = this.transitions(left);
    const rt = this.transitions(right);
    const out: Transition[] = [];
    for (const tr of lt) {
      if (tr.event === TICK) out.push({ event: TAU, target: f.linkPar(f.omega, right, pairs) });
      else if (tr.event === TAU || !forward.has(tr.event))
        out.push({ event: tr.event, target: f.linkPar(tr.target, right, pairs) });
      else {
        for (const partner of forward.get(tr.event) ?? []) {
          for (const q of targetsOf(rt, partner)) out.push({ event: TAU, target: f.linkPar(tr.target, q, pairs) });
        }
      }
    }
    for (const tr of rt) {
      if (tr.event === TICK) out.push({ event: TAU, target: f.linkPar(left, f.omega, pairs) });
      else if (tr.event === TAU || !linkedRight.has(tr.event))
        out.push({ event: tr.event, target: f.linkPar(left, tr.target, pairs) });
    }
    if (left.node.op === 'omega' && right.node.op === 'omega') out.push({ event: TICK, target: f.omega });
    return finish(out);
  }

  /** `[+ A +]`: events of A need every item (and keep the choice open); others resolve it; τ does not. */
  private syncExtChoice(sync: EventSet, items: readonly Term[]): readonly Transition[] {
    const f = this.factory;
    const members = f.members(sync);
    const trans = items.map((it) => this.transitions(it));
    const out: Transition[] = [];
    trans.forEach((trs, i) => {
      for (const tr of trs) {
        if (tr.event === TAU) out.push({ event: TAU, target: f.syncExtChoice(sync, replace(items, i, tr.target)) });
        else if (!members.has(tr.event)) out.push(tr);
      }
    });
    const all = items.map((_, i) => i);
    const done = new Set<EventId>();
    for (const tr of trans[0] ?? []) {
      if (!members.has(tr.event) || done.has(tr.event)) continue;
      done.add(tr.event);
      this.synchronise(items, trans, all, tr.event, (its) => f.syncExtChoice(sync, its), out);
    }
    return finish(out);
  }

  /**
   * Shared rule for the parallel operators. `participants(e)` says which items
   * must all perform visible event e together (undefined: e is not
   * synchronised, any one item may do it alone; an empty list or one not
   * containing the item: the item may not do it at all).
   */
  private parallel(
    items: readonly Term[],
    participants: (e: EventId) => readonly number[] | undefined,
    rebuild: (items: readonly Term[]) => Term,
  ): readonly Transition[] {
    const f = this.factory;
    const out: Transition[] = [];
    const trans = items.map((it) => this.transitions(it));
    let allOmega = true;
    for (let i = 0; i < items.length; i++) {
      if ((items[i] as Term).node.op !== 'omega') allOmega = false;
      const trs = trans[i] as readonly Transition[];
      let lastEvent = -1;
      for (const tr of trs) {
        const e = tr.event;
        if (e === TICK) {
          out.push({ event: TAU, target: rebuild(replace(items, i, f.omega)) });
          continue;
        }
        const who = e === TAU ? undefined : participants(e);
        if (who === undefined) {
          out.push({ event: e, target: rebuild(replace(items, i, tr.target)) });
          continue;
        }
        // Synchronised: handled once per event, by its first participant.
        if (who[0] !== i || e === lastEvent) continue;
        lastEvent = e;
        this.synchronise(items, trans, who, e, rebuild, out);
      }
    }
    if (allOmega) out.push({ event: TICK, target: f.omega });
    return finish(out);
  }

  /** Every combination of the participants' e-successors (relational: cartesian product). */
  private synchronise(
    items: readonly Term[],
    trans: readonly (readonly Transition[])[],
    who: readonly number[],
    e: EventId,
    rebuild: (items: readonly Term[]) => Term,
    out: Transition[],
  ): void {
    const choices: Term[][] = [];
    for (const j of who) {
      const trs = trans[j] as readonly Transition[];
      const targets: Term[] = [];
      for (let k = lowerBound(trs, e); k < trs.length && (trs[k] as Transition).event === e; k++) {
        targets.push((trs[k] as Transition).target);
      }
      if (targets.length === 0) return;
      choices.push(targets);
    }
    const current = [...items];
    const fill = (level: number): void => {
      if (level === who.length) {
        out.push({ event: e, target: rebuild(current) });
        return;
      }
      for (const t of choices[level] as Term[]) {
        current[who[level] as number] = t;
        fill(level + 1);
      }
    };
    fill(0);
  }
}

/** Targets of the transitions labelled `e` (transitions are sorted by event). */
function targetsOf(trs: readonly Transition[], e: EventId): Term[] {
  const out: Term[] = [];
  for (let k = lowerBound(trs, e); k < trs.length && (trs[k] as Transition).event === e; k++)
    out.push((trs[k] as Transition).target);
  return out;
}

/** Priority level of an event for `prioritise`: 0 for τ and ✓ (they rank with the first set), -1 when unranked. */
function levelOf(e: EventId, levels: readonly ReadonlySet<EventId>[]): number {
  if (e === TAU || e === TICK) return 0;
  for (let i = 0; i < levels.length; i++) if ((levels[i] as ReadonlySet<EventId>).has(e)) return i;
  return -1;
}

function replace(items: readonly Term[], i: number, t: Term): Term[] {
  const copy = items.slice();
  copy[i] = t;
  return copy;
}

/** Sort by event then target id, drop duplicates. */
function finish(out: Transition[]): readonly Transition[] {
  if (out.length <= 1) return out;
  out.sort((a, b) => a.event - b.event || a.target.id - b.target.id);
  let w = 1;
  for (let r = 1; r < out.length; r++) {
    const prev = out[w - 1] as Transition;
    const cur = out[r] as Transition;
    if (cur.event !== prev.event || cur.target !== prev.target) out[w++] = cur;
  }
  out.length = w;
  return out;
}

/** First index whose event is ≥ e (transitions are sorted by event). */
function lowerBound(trs: readonly Transition[], e: EventId): number {
  let lo = 0;
  let hi = trs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((trs[mid] as Transition).event < e) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
