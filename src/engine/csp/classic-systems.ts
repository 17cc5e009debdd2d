/**
 * The classic systems of issue 4 built directly through a TermFactory (the
 * evaluator builds the same terms from CSPm): Roscoe's dining philosophers,
 * with or without the butler, and a pipeline of one-place bit buffers with the
 * N-place buffer specification. Used by the checker's tests and benchmark.
 */
import { EventTable } from './events';
import { TermFactory } from './factory';
import type { EventId, Term } from './terms';
import type { Value } from './values';

export interface Classic {
  readonly factory: TermFactory;
  readonly events: EventTable;
  readonly system: Term;
  readonly spec?: Term;
}

function eventMaker(events: EventTable): (name: string, ...fields: Value[]) => EventId {
  const channels = new Map<string, number>();
  return (name, ...fields) => {
    let index = channels.get(name);
    if (index === undefined) channels.set(name, (index = channels.size));
    const ch = { t: 'channel' as const, name, index };
    return events.intern(fields.length === 0 ? ch : { t: 'dot', items: [ch, ...fields] });
  };
}

/** `PHILS [| {|picks, putsdown|} |] FORKS`, optionally `[| {|sits, getsup|} |] BUTLER(0)` (at most N-1 seated). */
export function philosophers(N: number, butler: boolean): Classic {
  const factory = new TermFactory();
  const events = new EventTable();
  const f = factory;
  const ch = eventMaker(events);
  const ids = [...Array(N).keys()];
  // declaration order: thinks, sits, picks, putsdown, eats, getsup
  for (const i of ids) ch('thinks', i);
  for (const i of ids) ch('sits', i);
  for (const i of ids) for (const j of ids) ch('picks', i, j);
  for (const i of ids) for (const j of ids) ch('putsdown', i, j);
  for (const i of ids) ch('eats', i);
  for (const i of ids) ch('getsup', i);
  const phil = (i: number): Term => {
    const self: Term = f.call('PHIL', [i], () => {
      const r = (i + 1) % N;
      const seq = [
        ch('thinks', i),
        ch('sits', i),
        ch('picks', i, i),
        ch('picks', i, r),
        ch('eats', i),
        ch('putsdown', i, r),
        ch('putsdown', i, i),
        ch('getsup', i),
      ];
      return seq.reduceRight<Term>((next, ev) => f.prefix(ev, next), self);
    });
    return self;
  };
  const fork = (i: number): Term => {
    const self: Term = f.call('FORK', [i], () => {
      const l = (i - 1 + N) % N;
      return f.extChoice([
        f.prefix(ch('picks', i, i), f.prefix(ch('putsdown', i, i), self)),
        f.prefix(ch('picks', l, i), f.prefix(ch('putsdown', l, i), self)),
      ]);
    });
    return self;
  };
  const PHILS = f.call('PHILS', [], () => f.interleave(ids.map(phil)));
  const FORKS = f.call('FORKS', [], () => f.interleave(ids.map(fork)));
  const pickPut = f.eventSet(ids.flatMap((i) => ids.flatMap((j) => [ch('picks', i, j), ch('putsdown', i, j)])));
  let system = f.call('SYSTEM', [], () => f.genPar(pickPut, [PHILS, FORKS]));
  if (butler) {
    const sitsUp = f.eventSet(ids.flatMap((i) => [ch('sits', i), ch('getsup', i)]));
    const BUTLER = (n: number): Term =>
      f.call('BUTLER', [n], () => {
        const alts: Term[] = [];
        if (n < N - 1) alts.push(...ids.map((i) => f.prefix(ch('sits', i), BUTLER(n + 1))));
        if (n > 0) alts.push(...ids.map((i) => f.prefix(ch('getsup', i), BUTLER(n - 1))));
        return f.extChoice(alts);
      });
    const inner = system;
    system = f.call('BSYSTEM', [], () => f.genPar(sitsUp, [inner, BUTLER(0)]));
  }
  return { factory, events, system };
}

/**
 * `(|| i:{0..N-1} @ [{|c.i, c.i+1|}] COPY(i)) \ {|c.1..c.N-1|}` with
 * `COPY(i) = c.i?x -> c.i+1!x -> COPY(i)` over bits, and the spec
 * `BUFF(s) = #s < N & c.0?x -> BUFF(s^<x>) [] #s > 0 & c.N!head(s) -> BUFF(tail(s))`.
 */
export function pipeline(N: number): Classic {
  const factory = new TermFactory();
  const events = new EventTable();
  const f = factory;
  const ch = eventMaker(events);
  const ids = [...Array(N).keys()];
  for (let i = 0; i <= N; i++) for (const x of [0, 1]) ch('c', i, x);
  const copy = (i: number): Term => {
    const self: Term = f.call('COPY', [i], () =>
      f.prefixChoice(
        f.eventSet([ch('c', i, 0), ch('c', i, 1)]),
        (e) => f.prefix(e === ch('c', i, 0) ? ch('c', i + 1, 0) : ch('c', i + 1, 1), self),
        `COPY${i}`,
        `c.${i}?x -> c.${i + 1}!x -> COPY(${i})`,
      ),
    );
    return self;
  };
  const alpha = (i: number) => f.eventSet([ch('c', i, 0), ch('c', i, 1), ch('c', i + 1, 0), ch('c', i + 1, 1)]);
  const internal = f.eventSet(ids.slice(1).flatMap((i) => [ch('c', i, 0), ch('c', i, 1)]));
  const chain = N === 1 ? copy(0) : f.alphaPar(ids.map(copy), ids.map(alpha));
  const system = f.call('PIPE', [], () => f.hide(chain, internal));
  const buff = (s: readonly number[]): Term =>
    f.call('BUFF', [{ t: 'seq', items: [...s] }], () => {
      const alts: Term[] = [];
      if (s.length < N) for (const x of [0, 1]) alts.push(f.prefix(ch('c', 0, x), buff([...s, x])));
      if (s.length > 0) alts.push(f.prefix(ch('c', N, s[0] as number), buff(s.slice(1))));
      return f.extChoice(alts);
    });
  return { factory, events, system, spec: buff([]) };
}
