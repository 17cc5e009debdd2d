/**
 * Dining philosophers as a workflow compiles them (docs/workflow-semantics.md#parameters-and-replicated-nodes): an
 * alphabetised parallel of PHIL(i), FORK(i) and, optionally, a BUTLER that
 * seats at most N-1, each with the alphabet of the channels it touches. Built
 * directly through a TermFactory; used by the runtime's tests and benchmark.
 */
import { EventTable } from '../../csp/events';
import { TermFactory } from '../../csp/factory';
import type { EventId, EventSet, Term } from '../../csp/terms';
import type { Value } from '../../csp/values';

export interface PhilosophersSystem {
  readonly factory: TermFactory;
  readonly events: EventTable;
  readonly system: Term;
}

export function alphabetisedPhilosophers(N: number, butler: boolean): PhilosophersSystem {
  const f = new TermFactory();
  const events = new EventTable();
  const channels = new Map<string, number>();
  const ev = (name: string, ...fields: Value[]): EventId => {
    let index = channels.get(name);
    if (index === undefined) channels.set(name, (index = channels.size));
    const ch = { t: 'channel' as const, name, index };
    return events.intern(fields.length === 0 ? ch : { t: 'dot', items: [ch, ...fields] });
  };
  const ids = [...Array(N).keys()];
  for (const i of ids) ev('thinks', i);
  for (const i of ids) ev('sits', i);
  for (const i of ids) for (const j of ids) ev('picks', i, j);
  for (const i of ids) for (const j of ids) ev('putsdown', i, j);
  for (const i of ids) ev('eats', i);
  for (const i of ids) ev('getsup', i);
  const right = (i: number): number => (i + 1) % N;
  const phil = (i: number): Term => {
    const self: Term = f.call('PHIL', [i], () => {
      const seq = [
        ev('thinks', i),
        ev('sits', i),
        ev('picks', i, i),
        ev('picks', i, right(i)),
        ev('eats', i),
        ev('putsdown', i, right(i)),
        ev('putsdown', i, i),
        ev('getsup', i),
      ];
      return seq.reduceRight<Term>((next, e) => f.prefix(e, next), self);
    });
    return self;
  };
  const fork = (i: number): Term => {
    const self: Term = f.call('FORK', [i], () => {
      const l = (i - 1 + N) % N;
      return f.extChoice([
        f.prefix(ev('picks', i, i), f.prefix(ev('putsdown', i, i), self)),
        f.prefix(ev('picks', l, i), f.prefix(ev('putsdown', l, i), self)),
      ]);
    });
    return self;
  };
  const items: Term[] = [];
  const alphas: EventSet[] = [];
  for (const i of ids) {
    items.push(phil(i));
    alphas.push(
      f.eventSet([
        ev('thinks', i),
        ev('sits', i),
        ev('picks', i, i),
        ev('picks', i, right(i)),
        ev('eats', i),
        ev('putsdown', i, right(i)),
        ev('putsdown', i, i),
        ev('getsup', i),
      ]),
    );
  }
  for (const i of ids) {
    const l = (i - 1 + N) % N;
    items.push(fork(i));
    alphas.push(f.eventSet([ev('picks', i, i), ev('putsdown', i, i), ev('picks', l, i), ev('putsdown', l, i)]));
  }
  if (butler) {
    const BUTLER = (n: number): Term =>
      f.call('BUTLER', [n], () => {
        const alts: Term[] = [];
        if (n < N - 1) alts.push(...ids.map((i) => f.prefix(ev('sits', i), BUTLER(n + 1))));
        if (n > 0) alts.push(...ids.map((i) => f.prefix(ev('getsup', i), BUTLER(n - 1))));
        return f.extChoice(alts);
      });
    items.push(BUTLER(0));
    alphas.push(f.eventSet(ids.flatMap((i) => [ev('sits', i), ev('getsup', i)])));
  }
  const system = f.call('SYSTEM', [], () => f.alphaPar(items, alphas));
  return { factory: f, events, system };
}
