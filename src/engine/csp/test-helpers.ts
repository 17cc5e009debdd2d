/**
 * Helpers for the csp tests (not used by production code): a fresh factory and
 * event table, channels declared by name, and a breadth-first count of the
 * reachable states of a term over `transitions`.
 */
import { EventTable } from './events';
import { TermFactory } from './factory';
import type { EventId, Term } from './terms';
import type { Value } from './values';

export interface Kit {
  readonly f: TermFactory;
  readonly ev: EventTable;
  /** Interns `name` (no fields) or `name.v1.v2…` and returns its id. */
  readonly e: (name: string, ...fields: Value[]) => EventId;
}

export function kit(): Kit {
  const f = new TermFactory();
  const ev = new EventTable();
  const channels = new Map<string, number>();
  const e = (name: string, ...fields: Value[]): EventId => {
    let index = channels.get(name);
    if (index === undefined) channels.set(name, (index = channels.size));
    const ch = { t: 'channel' as const, name, index };
    return ev.intern(fields.length === 0 ? ch : { t: 'dot', items: [ch, ...fields] });
  };
  return { f, ev, e };
}

/** Reachable states from `t` (canonical start) by BFS over the semantics. */
export function reachable(f: TermFactory, t: Term, limit = 5_000_000): Term[] {
  const start = f.canon(t);
  const seen = new Set<number>([start.id]);
  const queue: Term[] = [start];
  for (let i = 0; i < queue.length && queue.length <= limit; i++) {
    for (const tr of f.semantics.transitions(queue[i] as Term)) {
      if (!seen.has(tr.target.id)) {
        seen.add(tr.target.id);
        queue.push(tr.target);
      }
    }
  }
  return queue;
}

/** Thrown by `traces` when a process reaches more (state, trace) pairs than the budget (e.g. infinitely many states through τ). */
export class TooManyStates extends Error {}

/** Traces of length ≤ n (✓ included, τ removed), as event-text strings joined by ','. */
export function traces(f: TermFactory, ev: EventTable, t: Term, n: number, budget = 20_000): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (s: Term, trace: string[]): void => {
    const key = `${s.id}|${trace.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (seen.size > budget) throw new TooManyStates(`more than ${budget} (state, trace) pairs`);
    out.add(trace.join(','));
    if (trace.length >= n) return;
    for (const tr of f.semantics.transitions(s)) {
      if (tr.event === 0) walk(tr.target, trace);
      else walk(tr.target, [...trace, ev.text(tr.event)]);
    }
  };
  walk(f.canon(t), []);
  return out;
}
