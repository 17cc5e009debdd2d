/**
 * Test-only (imported from *.test.ts): the compiled network is a cache of
 * the one semantics, so the states the checker explores from `term` must be
 * exactly the term-level states (the same hash-consed terms, each once) and
 * each state's transitions the semantics' (event and target term).
 */
import { printTerm } from '../csp/print';
import { reachable, type Kit } from '../csp/test-helpers';
import type { Term } from '../csp/terms';
import { Budget } from './budget';
import { exploreAll } from './property';
import { SuccBuffer, System } from './system';

/** The first difference between the compiled network of `term` and its term-level semantics, or undefined. */
export function semanticsDiff({ f, ev }: Pick<Kit, 'f' | 'ev'>, term: Term): string | undefined {
  const sys = System.compile(term, f, (t) => printTerm(t, ev));
  exploreAll(sys, new Budget({ maxStates: 100_000 }));
  const ids: number[] = [];
  for (let i = 0; i < sys.states; i++) ids.push(sys.termOf(i).id);
  if (new Set(ids).size !== sys.states) return `${sys.states} states stand for ${new Set(ids).size} terms`;
  const ours = [...ids].sort((a, b) => a - b).join(',');
  const theirs = reachable(f, term)
    .map((t) => t.id)
    .sort((a, b) => a - b)
    .join(',');
  if (ours !== theirs) return `states: network ${ours}, semantics ${theirs}`;
  const buf = new SuccBuffer();
  for (let i = 0; i < sys.states; i++) {
    const n = sys.successors(i, buf);
    const mine = new Set<string>();
    for (let k = 0; k < n; k++) mine.add(`${buf.events[k]}>${sys.termOf(buf.targets[k] as number).id}`);
    const semantic = new Set(f.semantics.transitions(sys.termOf(i)).map((t) => `${t.event}>${t.target.id}`));
    const a = [...mine].sort().join(' ');
    const b = [...semantic].sort().join(' ');
    if (a !== b) return `transitions of ${printTerm(sys.termOf(i), ev)}: network ${a}, semantics ${b}`;
  }
  return undefined;
}

/** Components of the compiled `term` that are leaves (not flags or modes): how far it was split into a network. */
export function leafCount({ f, ev }: Pick<Kit, 'f' | 'ev'>, term: Term): number {
  return System.compile(term, f, (t) => printTerm(t, ev)).leaves().length;
}
